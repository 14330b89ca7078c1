package signcli

import (
	"flag"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/mocksuite/mocksuite/internal/verify"
)

// Node prints a signed request of the NODE flavour named flavour (nodeco,
// or the same API under its second brand).
func Node(flavour string) Signer {
	s := Signer{Synopsis: "FUNCTION [flags] [name=value ...]",
		Summary: "Signs a NODE cloud call: checksum = sha1(sha1(sha1(user_id . api_key . random))) in a form body.",
		Example: "mockserver sign nodeco get_server_detail server_id=12345",
		Run:     func(env Env, args []string) error { return signNode(env, flavour, args) }}
	if flavour != "nodeco" {
		s.Summary = "Signs a call of the NODE API under its second brand, as for nodeco."
		s.Example = "mockserver sign " + flavour + " get_server_list page=1"
	}
	return s
}

// nodeFixtures is the part of fixtures/nodeco.yaml the signer needs.
type nodeFixtures struct {
	Flavours map[string]struct {
		Accounts []struct {
			UserID string `yaml:"user_id"`
			APIKey string `yaml:"api_key"`
		} `yaml:"accounts"`
	} `yaml:"flavours"`
}

// signNode builds the POST a NODE client sends: user_id, random and
// checksum = sha1(sha1(sha1(user_id . api_key . random))) in a form body,
// the function name as the last path segment.
//
//	mockserver sign nodeco get_server_detail server_id=12345
func signNode(env Env, flavour string, args []string) error {
	fs := newFlags(flavour)
	userID := fs.String("user-id", "", "account user_id (default: the first fixture account)")
	apiKey := fs.String("api-key", "", "account API key (default: the fixture key of --user-id)")
	random := fs.String("random", "", "the random value (default: the current Unix time)")
	stage := fs.String("stage", "sandbox", "sandbox or real")
	format := fs.String("format", "", "json or xml (omitted: the server's default, json)")
	method := fs.String("method", "POST", "POST (form body) or GET (query string)")
	base := fs.String("url", "", urlHelp(env))
	function, rest := splitFunction(fs, args)
	pairs, err := parse(fs, rest)
	if err != nil {
		return err
	}
	if function == "" || strings.Trim(function, "abcdefghijklmnopqrstuvwxyz_") != "" {
		return fmt.Errorf("sign %s: usage: mockserver sign %s FUNCTION [flags] [name=value ...] (FUNCTION like get_server_detail)", flavour, flavour)
	}
	var path string
	switch *stage {
	case "sandbox":
		path = "/api-sandbox/v1/" + function
	case "real":
		path = "/api/v1/" + function
	default:
		return fmt.Errorf("sign %s: --stage must be sandbox or real, not %q", flavour, *stage)
	}
	if *method != "POST" && *method != "GET" {
		return fmt.Errorf("sign %s: --method must be POST or GET, not %q", flavour, *method)
	}
	if *userID == "" || *apiKey == "" {
		var fx nodeFixtures
		if err := loadFixture(env, "nodeco", &fx); err != nil {
			return err
		}
		accounts := fx.Flavours[flavour].Accounts
		for _, a := range accounts {
			if *userID == "" || a.UserID == *userID {
				if *userID == "" {
					*userID = a.UserID
				}
				if *apiKey == "" {
					*apiKey = a.APIKey
				}
				break
			}
		}
		if *apiKey == "" {
			return fmt.Errorf("sign %s: no fixture account %q: pass --api-key", flavour, *userID)
		}
	}
	if *random == "" {
		*random = strconv.FormatInt(env.Now, 10)
	}
	root, err := env.providerBase(flavour, *base)
	if err != nil {
		return err
	}
	target := root + path

	form := [][2]string{{"user_id", *userID}, {"random", *random}, {"checksum", verify.SignNodeco(*userID, *apiKey, *random)}}
	if *format != "" {
		form = append(form, [2]string{"format", *format})
	}
	form = append(form, pairs...)
	parts := make([]string, len(form))
	for i, p := range form {
		parts[i] = url.QueryEscape(p[0]) + "=" + url.QueryEscape(p[1])
	}
	body := strings.Join(parts, "&")
	fmt.Fprintf(env.Out, "# checksum = sha1(sha1(sha1(%q . api_key . %q))) with api_key %s\n", *userID, *random, verify.Mask(*apiKey))
	if *method == "GET" {
		fmt.Fprintln(env.Out, Curl("GET", target+"?"+body, nil, ""))
		return nil
	}
	fmt.Fprintln(env.Out, Curl("POST", target, nil, body))
	return nil
}

// splitFunction takes the function name (the first word that is neither a
// flag, a flag's value nor name=value) out of args.
func splitFunction(fs *flag.FlagSet, args []string) (string, []string) {
	var rest []string
	function := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "-"):
			rest = append(rest, a)
			if name := strings.TrimLeft(a, "-"); !strings.Contains(name, "=") && fs.Lookup(name) != nil && i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
		case function == "" && !strings.Contains(a, "="):
			function = a
		default:
			rest = append(rest, a)
		}
	}
	return function, rest
}
