package verify

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

const zipayDocSecret = "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"

// Every vector of spec §2.3–2.4, byte for byte.
var zipayVectors = []struct {
	name, body, sign string
}{
	{"docs worked example", "par1=value1&par2=value2", "g1seBV5gkv7n4EjIdzMjl+ntJ256kvIe2kulu2SfTPk="},
	{"special characters", "description=hello+world&receiver=info%40example.org&note=a%26b%3Dc%2Bd%2Fe%7Ef%2Ag", "FU5UoPSdnsRloh13SAcCyo9FSAnSSr7XSiR+AA9GZTI="},
	{"persian text", "description=%D9%BE%D8%B1%D8%AF%D8%A7%D8%AE%D8%AA+%D9%81%D8%A7%DA%A9%D8%AA%D9%88%D8%B1+%DB%B1&amount=10", "j7KFiamP5J5DgW04KbbNBh/IttYpPztVhpL8oAaMlEc="},
	{"empty body", "", "11YzKjqdGpI3Q6vcIzw1nSo6wceGg2gfmJGftSwcI7Y="},
	{"random", "min=1&max=100", "ur+Ay5YzlhYgHUEOc20Q2SPPUBs9RvwurZJN68zzO4A="},
	{"create-invoice", "terminal_number=1001&amount=100.99&currency=USD&invoice_number=1&callback=http%3A%2F%2Fexample.org%2Fback&webhook=http%3A%2F%2Fexample.org%2Fhook", "DkWgd0f6j1Y97g4mmtpv/rEKGWduSUQQ6BRdiitcrqY="},
	{"invoice-status", "trackid=de7d44ae-9df9-487f-a175-ade1ecfab28b", "ZJnIPfOxyzK4zx584RjRmzNNVpKKe5hVMwtJBftluE4="},
	{"exchange", "amount=100.99&from_currency=USD&to_currency=IRT", "3NHCmHc8GplDZn2Egm6wqAMqZ/dt+yoUS6N2NdEmGN4="},
	{"exchange-list", "trackid=3986770a-2e38-4a27-a7ce-5dbc804aaf79&limit=10&page=1&sort=desc", "Otuupv0ClrPdfKIKdbZUM7CA8Q72B8T9fumkDQDIVaI="},
	{"transfer account", "receiver=10017&amount=10&currency=USD&order_id=19&description=Send+amount+to+example+account%231", "K3kfKYhb3R0YaMm/+dyj4jmQXBx4RK9U4yLdFL8V9R4="},
	{"transfer email", "receiver=info%40example.org&amount=10&currency=USD&order_id=20", "cRJMQ0e1iNYE0PtNgphRMP5g67K8Bo83h5KwSvQjaMQ="},
	{"transfer-list", "transfer_type=transfer_out&limit=10&page=1&sort=asc", "LbEd3vAYv2yoEhzuVymJ1Ofu1QUsv9zNz0CPa8wrbbg="},
	{"crypto-withdraw", "order_id=8&coin=USDT&network=TRX&amount=5.01&address=TB6F5HTWR4yAJ1UcLNQ3aYLxSCxY12bnWn", "CD+kwjzew2lQ9usXYqTu0lk1JtQlIxKnkDP686psvZ4="},
}

func TestSignZipayVectors(t *testing.T) {
	for _, v := range zipayVectors {
		t.Run(v.name, func(t *testing.T) {
			if got := SignZipay(zipayDocSecret, v.body); got != v.sign {
				t.Fatalf("SignZipay = %s, want %s", got, v.sign)
			}
			for _, mode := range []string{ZipayStrict, ZipayRaw, ZipayPHP} {
				if r := VerifyZipayMode(mode, zipayDocSecret, v.body, v.sign); !r.OK {
					t.Fatalf("%s: rejected: %s", mode, r.Explain())
				}
			}
			// Every vector body is already PHP's own spelling.
			if c := PHPCanonicalForm(v.body); c != v.body {
				t.Fatalf("PHP rebuild = %q, want the body unchanged", c)
			}
		})
	}
}

func TestSignZipayDigestHex(t *testing.T) {
	// The debugging hex of spec §2.3 is the same digest.
	raw, err := base64.StdEncoding.DecodeString(SignZipay(zipayDocSecret, "par1=value1&par2=value2"))
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(raw); got != "835b1e055e6092fee7e048c877332397e9ed276e7a92f21eda4ba5bb649f4cf9" {
		t.Fatalf("hex = %s", got)
	}
}

// The documented mistakes must all be refused, in every mode.
func TestVerifyZipayWrongSignatures(t *testing.T) {
	const body = "par1=value1&par2=value2"
	wrong := []struct{ name, sign string }{
		{"secret hex-decoded", "X79Wa+bMzhZwTia8xhz4/q699W+b8OW81X7LcIqy3KY="},
		{"url-safe base64", "g1seBV5gkv7n4EjIdzMjl-ntJ256kvIe2kulu2SfTPk="},
		{"key and message swapped", "1ZzA1X5BWjWL0qnpYBtPxMQ3BcGKlmDfwVFRqDwB2Yc="},
		{"plain sha256", "vzuYbjEyWzkKEVyF9jPkgp6xYjPi74e4LGYrQd9vMCU="},
		{"parameters re-ordered", "Nts/dmXR9JoURSaNFcpVMTMDW3i+7tkCmLaxNHviixM="},
		{"padding trimmed", "g1seBV5gkv7n4EjIdzMjl+ntJ256kvIe2kulu2SfTPk"},
		{"lower-cased", strings.ToLower("g1seBV5gkv7n4EjIdzMjl+ntJ256kvIe2kulu2SfTPk=")},
		{"missing", ""},
	}
	for _, w := range wrong {
		for _, mode := range []string{ZipayStrict, ZipayRaw, ZipayPHP} {
			r := VerifyZipayMode(mode, zipayDocSecret, body, w.sign)
			if r.OK {
				t.Errorf("%s/%s: accepted", w.name, mode)
			}
			if r.Expected != "g1seBV5gkv7n4EjIdzMjl+ntJ256kvIe2kulu2SfTPk=" || r.Canonical != body || r.Detail == "" {
				t.Errorf("%s/%s: result %+v", w.name, mode, r)
			}
		}
	}
	// The re-ordered signature is right for the re-ordered body.
	if r := VerifyZipay(zipayDocSecret, "par2=value2&par1=value1", "Nts/dmXR9JoURSaNFcpVMTMDW3i+7tkCmLaxNHviixM="); !r.OK {
		t.Fatal(r.Explain())
	}
	if got := VerifyZipay(zipayDocSecret, body, "").Explain(); got != `signature mismatch: no api_sign header was sent; canonical="par1=value1&par2=value2"; expected=g1seBV5gkv7n4EjIdzMjl+ntJ256kvIe2kulu2SfTPk=; got=""` {
		t.Fatalf("explain = %s", got)
	}
}

// Bodies of other encoders (spec §2.4): each HMAC is right for its own bytes,
// so raw mode accepts it, but strict and php modes refuse it because PHP
// would rebuild other bytes.
func TestVerifyZipayOtherEncoders(t *testing.T) {
	const php = "description=hello+world&receiver=info%40example.org&note=a%26b%3Dc%2Bd%2Fe%7Ef%2Ag"
	others := []struct{ name, body, sign string }{
		{"python urlencode", "description=hello+world&receiver=info%40example.org&note=a%26b%3Dc%2Bd%2Fe~f%2Ag", "GI9zrcFSz57YYyuJBi2PVRlb2fyGsCoP90C8FDRA7nc="},
		{"js URLSearchParams", "description=hello+world&receiver=info%40example.org&note=a%26b%3Dc%2Bd%2Fe%7Ef*g", "P4dPyql+kqRBRUWkmZ03Pqmu5Rk/Q2XaifeEWKvzDyw="},
		{"node querystring", "description=hello%20world&receiver=info%40example.org&note=a%26b%3Dc%2Bd%2Fe~f*g", "SKVxIFjaEjcHx5eR/lNQfc47iRhhtbvw4aCZwAK60bo="},
	}
	for _, o := range others {
		if got := SignZipay(zipayDocSecret, o.body); got != o.sign {
			t.Fatalf("%s: sign = %s, want %s", o.name, got, o.sign)
		}
		if r := VerifyZipayMode(ZipayRaw, zipayDocSecret, o.body, o.sign); !r.OK {
			t.Errorf("%s: raw mode refused: %s", o.name, r.Explain())
		}
		r := VerifyZipayMode(ZipayStrict, zipayDocSecret, o.body, o.sign)
		if r.OK || r.Canonical != php || !strings.Contains(r.Detail, "not in PHP http_build_query form") {
			t.Errorf("%s: strict = %+v", o.name, r)
		}
		if r := VerifyZipayMode(ZipayPHP, zipayDocSecret, o.body, o.sign); r.OK {
			t.Errorf("%s: php mode accepted", o.name)
		}
		// php mode accepts the PHP signature over the other spelling.
		if r := VerifyZipayMode(ZipayPHP, zipayDocSecret, o.body, "FU5UoPSdnsRloh13SAcCyo9FSAnSSr7XSiR+AA9GZTI="); !r.OK || r.Canonical != php {
			t.Errorf("%s: php mode with PHP signature = %+v", o.name, r)
		}
	}
	// Go's url.Values sorts the keys: the PHP rebuild keeps that (wrong) order,
	// so only the HMAC of those bytes is right, and strict accepts it because
	// the bytes are valid PHP spelling — but the documented PHP signature is not.
	goBody := "description=hello+world&note=a%26b%3Dc%2Bd%2Fe~f%2Ag&receiver=info%40example.org"
	if got := SignZipay(zipayDocSecret, goBody); got != "P60DkrbysobLNKdqpIiu5Hb7/xpQBDtyDrLDBsPJ2jA=" {
		t.Fatalf("go body sign = %s", got)
	}
	if r := VerifyZipayMode(ZipayStrict, zipayDocSecret, goBody, "FU5UoPSdnsRloh13SAcCyo9FSAnSSr7XSiR+AA9GZTI="); r.OK {
		t.Fatal("strict accepted the PHP signature for the sorted body")
	}
}

func TestPHPCanonicalForm(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a=1&a=2&b=3", "a=2&b=3"},
		{"a=1&b=3&a=2", "a=2&b=3"},
		{"a.b=1", "a_b=1"},
		{"a+b=1", "a_b=1"},
		{"x[]=1", "x%5B0%5D=1"},
		{"x[]=a&x[]=b&y[k]=v", "x%5B0%5D=a&x%5B1%5D=b&y%5Bk%5D=v"},
		{"x%5B%5D=1", "x%5B0%5D=1"},
		{"x[5]=a&x[]=b", "x%5B5%5D=a&x%5B6%5D=b"},
		{"a[b][c]=1&a[b][d]=2", "a%5Bb%5D%5Bc%5D=1&a%5Bb%5D%5Bd%5D=2"},
		{"a[b.c]=1", "a%5Bb.c%5D=1"},
		{"a[b=1", "a_b=1"},
		{"a[b]c=1", "a%5Bb%5D=1"},
		{"a", "a="},
		{"a=", "a="},
		{"=x&b=2", "b=2"},
		{"&&b=2&", "b=2"},
		{"%d9%be=%d9", "%D9%BE=%D9"},
		{"a=%20~*", "a=+%7E%2A"},
		{"a=100%", "a=100%25"},
		{"a=%zz", "a=%25zz"},
		{"a=%2", "a=%252"},
		{" a=1", "a=1"},
		{"a=1+2", "a=1+2"},
		{"a=x%00y", "a=x%00y"},
	}
	for _, c := range cases {
		if got := PHPCanonicalForm(c.in); got != c.want {
			t.Errorf("PHPCanonicalForm(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPHPURLEncode(t *testing.T) {
	in := "aZ09-_. ~*@/+&=#é"
	want := "aZ09-_.+%7E%2A%40%2F%2B%26%3D%23%C3%A9"
	if got := PHPURLEncode(in); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got := PHPURLDecode(want); got != in {
		t.Fatalf("decode got %q", got)
	}
	if got := PHPBuildPairs([][2]string{{"par1", "value1"}, {"par2", "value2"}}); got != "par1=value1&par2=value2" {
		t.Fatalf("PHPBuildPairs = %q", got)
	}
	if got := PHPBuildPairs([][2]string{{"description", "پرداخت فاکتور ۱"}, {"amount", "10"}}); got != zipayVectors[2].body {
		t.Fatalf("PHPBuildPairs persian = %q", got)
	}
	if got := PHPBuildPairs([][2]string{{"description", "hello world"}, {"receiver", "info@example.org"}, {"note", "a&b=c+d/e~f*g"}}); got != zipayVectors[1].body {
		t.Fatalf("PHPBuildPairs special = %q", got)
	}
}
