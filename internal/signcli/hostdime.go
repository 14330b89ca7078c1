package signcli

import (
	"crypto/rand"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/mocksuite/mocksuite/internal/verify"
)

// hostdimeFixture is the part of fixtures/hostdime.yaml the signer needs.
type hostdimeFixture struct {
	Accounts []struct {
		APIKey     string `yaml:"api_key"`
		PrivateKey string `yaml:"private_key"`
	} `yaml:"accounts"`
}

// Hostdime is the signer that prints a signed HostDime API v1 call:
//
//	mockserver sign hostdime [--public K --private P] [--method domain.list]
//	    [--timestamp N] [--unique U] [--format json|xml|yml] [--url BASE] name=value…
//
// Without key flags it signs for the first fixture account; with --public
// alone it takes that account's private key from the fixtures.
func Hostdime() Signer {
	return Signer{Run: signHostdime, Synopsis: "[flags] [name=value ...]",
		Summary: "Signs a HostDime API v1 call: api_hash = sha256 of the private key, method, timestamp, unique and JSON parameters.",
		Example: "mockserver sign hostdime --method server.get cuid=S37"}
}

func signHostdime(env Env, args []string) error {
	fs := newFlags("hostdime")
	public := fs.String("public", "", "public key (api_key)")
	private := fs.String("private", "", "private key")
	method := fs.String("method", "server.list", "dotted method name, e.g. server.power.cycle")
	timestamp := fs.String("timestamp", "", "api_timestamp (default: now)")
	unique := fs.String("unique", "", "api_unique (default: a random UUID)")
	format := fs.String("format", "json", "json, xml or yml")
	base := fs.String("url", "", urlHelp(env))
	pairs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := hostdimeKeys(env, public, private); err != nil {
		return err
	}
	if !hostdimeMethodName(*method) {
		return fmt.Errorf("sign hostdime: --method %q is not a dotted method name like domain.list", *method)
	}
	switch *format {
	case "json", "xml", "yml":
	default:
		return fmt.Errorf("sign hostdime: --format %q: use json, xml or yml", *format)
	}
	ts := *timestamp
	if ts == "" {
		ts = strconv.FormatInt(env.Now, 10)
	}
	if _, err := strconv.ParseUint(ts, 10, 63); err != nil {
		return fmt.Errorf("sign hostdime: --timestamp %q is not a Unix time in seconds", ts)
	}
	u := *unique
	if u == "" {
		if u, err = randomUUID(); err != nil {
			return err
		}
	}
	for _, p := range pairs {
		if strings.HasPrefix(p[0], "api_") {
			return fmt.Errorf("sign hostdime: %s is set by the signer; give method parameters only", p[0])
		}
	}

	params := verify.HostdimeHashParams(pairs, false)
	hash := verify.SignHostdime(*private, *method, ts, u, params)
	all := append(append([][2]string{}, pairs...),
		[2]string{"api_key", *public}, [2]string{"api_timestamp", ts}, [2]string{"api_unique", u}, [2]string{"api_hash", hash})
	parts := make([]string, 0, len(all))
	for _, p := range all {
		parts = append(parts, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	root, err := env.providerBase("hostdime", *base)
	if err != nil {
		return err
	}
	target := root + "/v1/" + strings.ReplaceAll(*method, ".", "/") + "." + *format
	fmt.Fprintf(env.Out, "# signing string: %s\n", verify.HostdimeSigningString(verify.StylePHP, verify.Mask(*private), *method, ts, u, params))
	fmt.Fprintf(env.Out, "# api_hash: %s\n", hash)
	fmt.Fprintln(env.Out, Curl("POST", target, [][2]string{{"Content-Type", "application/x-www-form-urlencoded"}}, strings.Join(parts, "&")))
	return nil
}

// hostdimeKeys fills in the key pair from the fixtures where flags leave it open.
func hostdimeKeys(env Env, public, private *string) error {
	if *public != "" && *private != "" {
		return nil
	}
	if *public == "" && *private != "" {
		return fmt.Errorf("sign hostdime: --private needs --public")
	}
	var fx hostdimeFixture
	if err := loadFixture(env, "hostdime", &fx); err != nil {
		return err
	}
	for _, a := range fx.Accounts {
		if *public == "" || a.APIKey == *public {
			*public, *private = a.APIKey, a.PrivateKey
			return nil
		}
	}
	if *public == "" {
		return fmt.Errorf("sign hostdime: the fixtures hold no account; give --public and --private")
	}
	return fmt.Errorf("sign hostdime: no fixture account has public key %q; give --private too", *public)
}

func hostdimeMethodName(m string) bool {
	if m == "" {
		return false
	}
	for _, seg := range strings.Split(m, ".") {
		if seg == "" {
			return false
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
				return false
			}
		}
	}
	return true
}

// randomUUID returns a version 4 UUID, as the PHP and Ruby wrappers send.
func randomUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("sign hostdime: random api_unique: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
