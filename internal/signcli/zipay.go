package signcli

import (
	"fmt"
	"strings"

	"github.com/mocksuite/mocksuite/internal/verify"
)

// Zipay is the signer that prints a signed Zipay call: the name=value pairs are encoded the
// way PHP's http_build_query does (in the order given), that exact body is
// signed, and the same bytes are sent.
func Zipay() Signer {
	return Signer{Run: signZipay, Synopsis: "[flags] [name=value ...]",
		Summary: "Signs a Zipay API call: api_sign = base64(HMAC-SHA256(secret, body)) over the PHP-encoded body.",
		Example: "mockserver sign zipay --method balance currency=USDT"}
}

func signZipay(env Env, args []string) error {
	fs := newFlags("zipay")
	method := fs.String("method", "random", "API method (random, create-invoice, balance, …)")
	key := fs.String("key", "", "api_key (default: the docs' sample key of account 10025)")
	secret := fs.String("secret", "", "secret key (default: the fixture secret of --key)")
	base := fs.String("url", "", urlHelp(env))
	pairs, err := parse(fs, args)
	if err != nil {
		return err
	}
	var fx struct {
		Keys []struct {
			APIKey  string `yaml:"api_key"`
			Secret  string `yaml:"secret"`
			Account int64  `yaml:"account"`
		} `yaml:"keys"`
	}
	if err := loadFixture(env, "zipay", &fx); err != nil {
		return err
	}
	if *key == "" {
		for _, k := range fx.Keys {
			if k.Account == 10025 {
				*key = k.APIKey
				if *secret == "" {
					*secret = k.Secret
				}
				break
			}
		}
	}
	if *secret == "" {
		for _, k := range fx.Keys {
			if k.APIKey == *key {
				*secret = k.Secret
			}
		}
	}
	if *key == "" || *secret == "" {
		return fmt.Errorf("sign zipay: no secret for key %q: pass --secret", *key)
	}
	m := strings.Trim(*method, "/")
	if m == "" || strings.ContainsAny(m, "/?#") {
		return fmt.Errorf("sign zipay: --method %q is not an API method name", *method)
	}
	body := verify.PHPBuildPairs(pairs)
	headers := [][2]string{
		{"api_key", *key},
		{"api_sign", verify.SignZipay(*secret, body)},
		{"Content-Type", "application/x-www-form-urlencoded"},
	}
	url, err := env.providerBase("zipay", *base)
	if err != nil {
		return err
	}
	url += "/api/" + m
	_, err = fmt.Fprintln(env.Out, Curl("POST", url, headers, body))
	return err
}
