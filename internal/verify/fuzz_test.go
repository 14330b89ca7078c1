package verify

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets for every parser and encoder the verifiers rely on. Seeds are
// the specs' vectors. `.ci/run` runs each briefly; `go test` runs the seeds.

const (
	fuzzZipaySecret = "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"
)

func FuzzPHPQueryRoundTrip(f *testing.F) {
	for _, s := range []string{"par1=value1&par2=value2", "a=1&a=2", "a[b]=1&a[]=2&a[]=3", "x=a+b%7E%2A", "amount=10.5&currency=USD&description=Hello World", "=&&=x", "a[=1", "a]b=2", "%zz=%", "a.b c=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		// PHP's own parse/rebuild is not always a fixed point (an unmatched "["
		// turns into "_" but keeps a following space, which the next parse
		// turns into "_" too), so only totality is asserted of the rebuild.
		_ = PHPCanonicalForm(body)
		if PHPURLDecode(PHPURLEncode(body)) != body {
			t.Fatalf("urlencode/urldecode of %q does not round-trip", body)
		}
		// Every sign mode answers without panicking and never accepts garbage.
		for _, mode := range []string{ZipayRaw, ZipayPHP, ZipayStrict} {
			if VerifyZipayMode(mode, fuzzZipaySecret, body, "garbage").OK {
				t.Fatalf("mode %s accepted a garbage signature", mode)
			}
		}
		if !VerifyZipayMode(ZipayRaw, fuzzZipaySecret, body, SignZipay(fuzzZipaySecret, body)).OK {
			t.Fatal("raw mode refused its own signature")
		}
	})
}

func FuzzHostdimeJSON(f *testing.F) {
	for _, s := range []string{"registered", "desc", "a/b", "é", "\u2028", "\"quoted\"", "back\\slash", "\x00", "S37"} {
		f.Add("status", s)
	}
	f.Fuzz(func(t *testing.T, name, value string) {
		if !utf8.ValidString(name) || !utf8.ValidString(value) {
			return // form fields reach the encoder as text
		}
		for _, style := range []JSONStyle{StylePHP, StylePlain} {
			obj := JSONObject(style, [][2]string{{name, value}})
			var m map[string]string
			if err := json.Unmarshal([]byte(obj), &m); err != nil {
				t.Fatalf("%s form %q is not JSON: %v", style, obj, err)
			}
			if m[name] != value {
				t.Fatalf("%s form lost the value: %q", style, obj)
			}
			var s string
			if err := json.Unmarshal([]byte(JSONString(style, obj)), &s); err != nil || s != obj {
				t.Fatalf("%s double encoding does not decode back: %v", style, err)
			}
		}
		req := HostdimeRequest{Method: "server.get", Timestamp: "1369758680", Unique: "ABCDEF", Params: [][2]string{{"api_key", "foobar"}, {name, value}}}
		good := SignHostdime("fazbaz", req.Method, req.Timestamp, req.Unique, HostdimeHashParams(req.Params, false))
		if !VerifyHostdime("fazbaz", req, good, HostdimeOptions{}).OK {
			t.Fatal("the PHP-form signature did not verify")
		}
		if VerifyHostdime("fazbaz", req, strings.Repeat("0", 64), HostdimeOptions{}).OK {
			t.Fatal("a zero hash verified")
		}
	})
}

func FuzzGPPassEnvelope(f *testing.F) {
	f.Add("gp-reseller-test-key-0001", "Secr3tPass!", []byte("0123456789abcdef"), "AAAA")
	f.Add("k", "", []byte("fedcba9876543210"), "not base64 at all")
	f.Fuzz(func(t *testing.T, key, plain string, iv []byte, junk string) {
		// Decrypting anything never panics.
		_, _ = GPPassDecrypt(key, junk)
		_, _, _ = GPPassDecryptAPIKey(key, junk)
		if len(iv) != 16 {
			return
		}
		enc, err := GPPassEncrypt(key, plain, iv)
		if err != nil {
			t.Fatal(err)
		}
		got, err := GPPassDecrypt(key, enc)
		if err != nil || got != plain {
			t.Fatalf("round trip failed: %q → %q (%v)", plain, got, err)
		}
	})
}

func FuzzDigestSchemes(f *testing.F) {
	f.Add("12312", "hasdh6ghvhgFDa454565jasdbNBS", "abc", "example.com", "1369758680")
	f.Add("", "", "", "", "")
	f.Fuzz(func(t *testing.T, a, b, c, d, e string) {
		if !VerifyNodeco(a, b, c, SignNodeco(a, b, c)).OK || VerifyNodeco(a, b, c, d).OK && d != SignNodeco(a, b, c) && !strings.EqualFold(d, SignNodeco(a, b, c)) {
			t.Fatal("nodeco verify disagrees with sign")
		}
		if !VerifyGeniusplugin(b, d, e, SignGeniusplugin(b, d, e)).OK {
			t.Fatal("geniusplugin verify disagrees with sign")
		}
		if !VerifyGempayOrder(b, c, e, SignGempayOrder(b, c, e)).OK || !VerifyGempayStatus(b, c, SignGempayStatus(b, c)).OK {
			t.Fatal("gempay verify disagrees with sign")
		}
		_ = VerifyGempayOrder(b, c, e, a).Explain()
	})
}
