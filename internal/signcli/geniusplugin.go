package signcli

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/mocksuite/mocksuite/internal/verify"
)

// gpEndpoints are the reseller API's POST endpoints.
var gpEndpoints = []string{"connection", "getcredit", "list", "autoregister", "suspended", "active", "delete", "packageupdate", "passwordreset", "renew"}

// Geniusplugin is the signer that prints a signed GeniusPlugin reseller request:
//
//	mockserver sign geniusplugin --endpoint autoregister --domain example.com \
//	    [--key K] [--timestamp T] [--password P [--sha1-key] [--iv HEX]] [--url BASE] name=value...
//
// hash = sha1(sha1(trim(key)) . domain . timestamp); --password is encrypted
// as gpfPassEncrypt does (raw key, or sha1(key) with --sha1-key). The
// endpoints autologin/admin, autologin/account and autologin/client print the
// mock's signed GET link instead.
func Geniusplugin() Signer {
	return Signer{Run: signGeniusplugin, Synopsis: "[flags] [name=value ...]",
		Summary: "Signs a GeniusPlugin reseller call: hash = sha1(sha1(trim(key)) . domain . timestamp).",
		Example: "mockserver sign geniusplugin --endpoint getcredit"}
}

func signGeniusplugin(env Env, args []string) error {
	fs := newFlags("geniusplugin")
	endpoint := fs.String("endpoint", "connection", "endpoint name")
	domain := fs.String("domain", "example.com", "domain (example.com for account-level calls)")
	key := fs.String("key", "", "API key (default: the first fixture reseller's)")
	timestamp := fs.String("timestamp", "", "10-digit timestamp (default: now; real clients shuffle its digits)")
	password := fs.String("password", "", "plaintext password to encrypt into the password field")
	sha1Key := fs.Bool("sha1-key", false, "encrypt the password with sha1(key) instead of the raw key")
	ivHex := fs.String("iv", "", "IV as 32 hex characters (default: random)")
	base := fs.String("url", "", urlHelp(env))
	pairs, err := parse(fs, args)
	if err != nil {
		return err
	}
	ep := strings.Trim(*endpoint, "/")
	autologin := strings.HasPrefix(ep, "autologin/")
	if !autologin && !slices.Contains(gpEndpoints, ep) {
		return fmt.Errorf("sign geniusplugin: unknown endpoint %q (one of %s, autologin/admin, autologin/account, autologin/client)", ep, strings.Join(gpEndpoints, ", "))
	}
	if *key == "" {
		var fx struct {
			Resellers []struct {
				APIKey string `yaml:"api_key"`
			} `yaml:"resellers"`
		}
		if err := loadFixture(env, "geniusplugin", &fx); err != nil {
			return err
		}
		if len(fx.Resellers) == 0 {
			return fmt.Errorf("sign geniusplugin: no reseller in the fixtures; pass --key")
		}
		*key = fx.Resellers[0].APIKey
	}
	if *timestamp == "" {
		*timestamp = strconv.FormatInt(env.Now, 10)
	}
	hash := verify.SignGeniusplugin(*key, *domain, *timestamp)
	fields := [][2]string{{"domain", *domain}, {"hash", hash}, {"timestamp", *timestamp}}
	fields = append(fields, pairs...)
	if *password != "" {
		iv := make([]byte, 16)
		if *ivHex != "" {
			b, err := hex.DecodeString(*ivHex)
			if err != nil || len(b) != 16 {
				return fmt.Errorf("sign geniusplugin: --iv must be 32 hex characters")
			}
			iv = b
		} else if _, err := rand.Read(iv); err != nil {
			return fmt.Errorf("sign geniusplugin: random IV: %w", err)
		}
		keyString := verify.PHPTrim(*key)
		if *sha1Key {
			keyString = verify.GeniuspluginKeyDigest(*key)
		}
		enc, err := verify.GPPassEncrypt(keyString, *password, iv)
		if err != nil {
			return fmt.Errorf("sign geniusplugin: %w", err)
		}
		fields = append(fields, [2]string{"password", enc})
	}
	var enc []string
	for _, f := range fields {
		enc = append(enc, url.QueryEscape(f[0])+"="+url.QueryEscape(f[1]))
	}
	body := strings.Join(enc, "&")
	base2, err := env.providerBase("geniusplugin", *base)
	if err != nil {
		return err
	}
	if autologin {
		_, err = fmt.Fprintln(env.Out, Curl("GET", base2+"/"+ep+"?"+body, nil, ""))
		return err
	}
	_, err = fmt.Fprintln(env.Out, Curl("POST", base2+"/api/v1/"+ep+"/", nil, body))
	return err
}
