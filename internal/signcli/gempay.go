package signcli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/mocksuite/mocksuite/internal/verify"
)

// gempayFixture is the part of fixtures/gempay.yaml the signer reads.
type gempayFixture struct {
	Products []struct {
		Kode  string           `yaml:"kode"`
		Harga map[string]int64 `yaml:"harga"`
	} `yaml:"products"`
	Users []struct {
		APIKey string `yaml:"api_key"`
		Role   string `yaml:"role"`
	} `yaml:"users"`
}

// Gempay is the signer that prints a Gempay Top Up V1 request as curl:
//
//	mockserver sign gempay [--endpoint products|order|cek-status] [--key K] [--time T] [--price P] [--url BASE] name=value...
//
// order hashes SHA256(key + ref_id + price) with the fixture price of produk_id
// for the key's role (or --price); cek-status hashes SHA256(key + trx_id);
// products sends the key itself.
func Gempay() Signer {
	return Signer{Run: signGempay, Synopsis: "[flags] [name=value ...]",
		Summary: "Signs a Gempay Top Up V1 call: order hashes SHA256(api_key + ref_id + price), cek-status SHA256(api_key + trx_id).",
		Example: "mockserver sign gempay --endpoint order user_id=123456 zone=1234 produk_id=1 ref_id=REF1"}
}

func signGempay(env Env, args []string) error {
	fs := newFlags("gempay")
	endpoint := fs.String("endpoint", "order", "products, order or cek-status")
	key := fs.String("key", "", "API key (default: the first fixture user)")
	at := fs.String("time", "", "X-Request-Time (default: now, Unix seconds)")
	price := fs.String("price", "", "price in the order hash (default: the fixture price for the key's role)")
	base := fs.String("url", "", urlHelp(env))
	pairs, err := parse(fs, args)
	if err != nil {
		return err
	}
	var fx gempayFixture
	if err := loadFixture(env, "gempay", &fx); err != nil {
		return err
	}
	if *key == "" {
		if len(fx.Users) == 0 {
			return fmt.Errorf("sign gempay: no fixture user; pass --key")
		}
		*key = fx.Users[0].APIKey
	}
	get := func(name string) string {
		for _, p := range pairs {
			if p[0] == name {
				return p[1]
			}
		}
		return ""
	}
	url, err := env.providerBase("gempay", *base)
	if err != nil {
		return err
	}
	var out string
	switch *endpoint {
	case "products":
		out = Curl("GET", url+"/api/products", [][2]string{{"Authorization", "Bearer " + *key}}, "")
	case "order":
		refID, produk := get("ref_id"), get("produk_id")
		if refID == "" || produk == "" || get("user_id") == "" {
			return fmt.Errorf("sign gempay: order needs user_id=…, produk_id=… and ref_id=… (zone=… optional)")
		}
		if *price == "" {
			p, err := gempayFixturePrice(fx, *key, produk)
			if err != nil {
				return err
			}
			*price = p
		}
		if *at == "" {
			*at = strconv.FormatInt(env.Now, 10)
		}
		body, err := gempayJSON(pairs)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Out, "# hash = SHA256(api_key + ref_id + price) with ref_id=%q price=%q\n", refID, *price)
		out = Curl("POST", url+"/api/order", [][2]string{
			{"Authorization", "Bearer " + verify.SignGempayOrder(*key, refID, *price)},
			{"X-API-Key", *key},
			{"X-Request-Time", *at},
			{"Content-Type", "application/json"},
		}, body)
	case "cek-status":
		trx := get("trx_id")
		if trx == "" {
			return fmt.Errorf("sign gempay: cek-status needs trx_id=… (an order_id or your ref_id)")
		}
		body, err := gempayJSON(pairs)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Out, "# hash = SHA256(api_key + trx_id) with trx_id=%q\n", trx)
		out = Curl("POST", url+"/api/cek-status", [][2]string{
			{"Authorization", "Bearer " + verify.SignGempayStatus(*key, trx)},
			{"Content-Type", "application/json"},
		}, body)
	default:
		return fmt.Errorf("sign gempay: --endpoint %q is not products, order or cek-status", *endpoint)
	}
	_, err = fmt.Fprintln(env.Out, out)
	return err
}

// gempayFixturePrice is produk's price for the role of key in the fixtures.
func gempayFixturePrice(fx gempayFixture, key, produk string) (string, error) {
	role := ""
	for _, u := range fx.Users {
		if u.APIKey == key {
			role = u.Role
		}
	}
	if role == "" {
		return "", fmt.Errorf("sign gempay: key %q is not a fixture user; pass --price", key)
	}
	for _, p := range fx.Products {
		if p.Kode == produk {
			h, ok := p.Harga[role]
			if !ok {
				return "", fmt.Errorf("sign gempay: product %q has no %s price; pass --price", produk, role)
			}
			return strconv.FormatInt(h, 10), nil
		}
	}
	return "", fmt.Errorf("sign gempay: product %q is not in the fixtures; pass --price", produk)
}

// gempayJSON renders name=value pairs as a JSON object of strings, in order.
func gempayJSON(pairs [][2]string) (string, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range pairs {
		k, err := json.Marshal(p[0])
		if err != nil {
			return "", fmt.Errorf("sign gempay: %w", err)
		}
		v, err := json.Marshal(p[1])
		if err != nil {
			return "", fmt.Errorf("sign gempay: %w", err)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.String(), nil
}
