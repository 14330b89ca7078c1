package verify

import "testing"

// Benchmarks of each scheme's Verify on the hot path (go test -bench . -benchmem ./internal/verify).

// benchVerify runs verify, which must accept its signature, in the benchmark loop.
func benchVerify(b *testing.B, verify func() bool) {
	b.ReportAllocs()
	for b.Loop() {
		if !verify() {
			b.Fatal("no match")
		}
	}
}

func BenchmarkVerifyNodeco(b *testing.B) {
	sig := SignNodeco("12312", "hasdh6ghvhgFDa454565jasdbNBS", "abc123")
	benchVerify(b, func() bool { return VerifyNodeco("12312", "hasdh6ghvhgFDa454565jasdbNBS", "abc123", sig).OK })
}

func BenchmarkVerifyHostdime(b *testing.B) {
	req := HostdimeRequest{Method: "server.get", Timestamp: "1369758680", Unique: "ABCDEF", Params: [][2]string{{"api_key", "foobar"}, {"cuid", "S37"}}}
	sig := SignHostdime("fazbaz", req.Method, req.Timestamp, req.Unique, [][2]string{{"cuid", "S37"}})
	benchVerify(b, func() bool { return VerifyHostdime("fazbaz", req, sig, HostdimeOptions{}).OK })
}

func BenchmarkVerifyGempayOrder(b *testing.B) {
	sig := SignGempayOrder("gempay-test-key-0001", "REF001", "15000")
	benchVerify(b, func() bool { return VerifyGempayOrder("gempay-test-key-0001", "REF001", "15000", sig).OK })
}

func BenchmarkVerifyGeniusplugin(b *testing.B) {
	sig := SignGeniusplugin("gp-reseller-test-key-0001", "example.org", "1369758680")
	benchVerify(b, func() bool {
		return VerifyGeniusplugin("gp-reseller-test-key-0001", "example.org", "1369758680", sig).OK
	})
}

func BenchmarkGPPassDecrypt(b *testing.B) {
	enc, err := GPPassEncrypt("gp-reseller-test-key-0001", "Secr3tPass!", []byte("0123456789abcdef"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := GPPassDecrypt("gp-reseller-test-key-0001", enc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyZipayStrict(b *testing.B) {
	body := "amount=10.50&currency=USD&description=Order+42"
	sig := SignZipay(fuzzZipaySecret, body)
	benchVerify(b, func() bool { return VerifyZipayMode(ZipayStrict, fuzzZipaySecret, body, sig).OK })
}
