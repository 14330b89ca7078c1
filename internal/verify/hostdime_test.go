package verify

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

const (
	hdPriv = "fazbaz"
	hdTS   = "1369758680"
	hdUniq = "ABCDEF"
)

// The worked example of request.html and the extra vectors of spec §2.5, byte for byte.
func TestHostdimeGoldenVectors(t *testing.T) {
	echoParams := [][2]string{{"url", "http://example.com/a"}, {"name", "Caf\u00e9 \u2603 \U0001F600"}}
	cases := []struct {
		name    string
		style   JSONStyle
		method  string
		params  [][2]string
		signing string
		hash    string
	}{
		{"docs domain.list", StylePHP, "domain.list", [][2]string{{"status", "registered"}, {"order", "desc"}},
			`1369758680:ABCDEF:fazbaz:domain.list:"{\"status\":\"registered\",\"order\":\"desc\"}"`,
			"499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd"},
		{"docs domain.list plain", StylePlain, "domain.list", [][2]string{{"status", "registered"}, {"order", "desc"}},
			`1369758680:ABCDEF:fazbaz:domain.list:"{\"status\":\"registered\",\"order\":\"desc\"}"`,
			"499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd"},
		{"#1 no params", StylePHP, "server.list", nil,
			`1369758680:ABCDEF:fazbaz:server.list:"{}"`,
			"4279db7777096dcb45480574ca95b67430dfe431f8581a7d26c3fb41a4fbdec8"},
		{"#3 cuid S37", StylePHP, "server.get", [][2]string{{"cuid", "S37"}},
			`1369758680:ABCDEF:fazbaz:server.get:"{\"cuid\":\"S37\"}"`,
			"bc9164d1dd6ba16be84f5321327e4441f0b476e5b4311a99a4a9f63a7af7dc13"},
		{"#4 cuid 5 as string", StylePHP, "server.get", [][2]string{{"cuid", "5"}},
			`1369758680:ABCDEF:fazbaz:server.get:"{\"cuid\":\"5\"}"`,
			"daf1cfa5318225959a4a39394a977e9e7bb26ca5eb9d45a02a1acde4886bd9ce"},
		{"#6 PHP style", StylePHP, "utility.echo", echoParams,
			`1369758680:ABCDEF:fazbaz:utility.echo:"{\"url\":\"http:\\\/\\\/example.com\\\/a\",\"name\":\"Caf\\u00e9 \\u2603 \\ud83d\\ude00\"}"`,
			"2506359c7519a1d1ebc0d9e4f42dd05a6183b5a2d0ef0bc36bdf43a088d00528"},
		{"#7 plain style", StylePlain, "utility.echo", echoParams,
			`1369758680:ABCDEF:fazbaz:utility.echo:"{\"url\":\"http://example.com/a\",\"name\":\"Café ☃ 😀\"}"`,
			"56bf4af6c2b979a3037765bb60305b6e48cf25937dc4fbb7ecf01ab22a5e4fae"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := HostdimeSigningString(c.style, hdPriv, c.method, hdTS, hdUniq, c.params)
			assert.Equal(t, c.signing, got)
			assert.Equal(t, c.hash, sha(got))
			assert.Equal(t, c.hash, SignHostdimeStyle(c.style, hdPriv, c.method, hdTS, hdUniq, c.params))
			all := append(append([][2]string{}, c.params...), [2]string{"api_key", "foobar"}, [2]string{"api_timestamp", hdTS}, [2]string{"api_unique", hdUniq}, [2]string{"api_hash", c.hash})
			r := VerifyHostdime(hdPriv, HostdimeRequest{Method: c.method, Timestamp: hdTS, Unique: hdUniq, Params: all}, c.hash, HostdimeOptions{})
			assert.True(t, r.OK, r.Explain())
		})
	}
	assert.Equal(t, "499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd",
		SignHostdime(hdPriv, "domain.list", hdTS, hdUniq, [][2]string{{"status", "registered"}, {"order", "desc"}}))
}

// Vector #2: the JS sandbox flag goes after the api_* fields and is not hashed.
func TestHostdimeTestingNotHashed(t *testing.T) {
	const h = "4279db7777096dcb45480574ca95b67430dfe431f8581a7d26c3fb41a4fbdec8"
	all := [][2]string{{"api_key", "foobar"}, {"api_timestamp", hdTS}, {"api_unique", hdUniq}, {"api_hash", h}, {"testing", "true"}}
	assert.Empty(t, HostdimeHashParams(all, false))
	r := VerifyHostdime(hdPriv, HostdimeRequest{Method: "server.list", Timestamp: hdTS, Unique: hdUniq, Params: all}, h, HostdimeOptions{})
	assert.True(t, r.OK)
	assert.Equal(t, `1369758680:ABCDEF:******:server.list:"{}"`, r.Canonical, "private key masked")
	assert.Equal(t, "matched the PHP json_encode form", r.Detail)
}

// Vectors #5 and #8 are what buggy clients send; the server must refuse them.
func TestHostdimeRejectsClientBugs(t *testing.T) {
	cases := []struct {
		name, method, signing, hash string
		params                      [][2]string
	}{
		{"#5 integer hashed", "server.get", `1369758680:ABCDEF:fazbaz:server.get:"{\"cuid\":5}"`,
			"79ff649e8e26fc9e2ed9316fff26c1d4e664281603d99aced8dfb1a311544dac", [][2]string{{"cuid", "5"}}},
		{"#8 python spaces", "domain.list", `1369758680:ABCDEF:fazbaz:domain.list:"{\"status\": \"registered\", \"order\": \"desc\"}"`,
			"8704316b24150b202e5f8c253c1c93d5919f856e339ff561f99bdd7d1bc7a442", [][2]string{{"status", "registered"}, {"order", "desc"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.hash, sha(c.signing), "the spec's vector")
			r := VerifyHostdime(hdPriv, HostdimeRequest{Method: c.method, Timestamp: hdTS, Unique: hdUniq, Params: c.params}, c.hash, HostdimeOptions{})
			assert.False(t, r.OK)
		})
	}
}

func TestHostdimeStrictAndOneByte(t *testing.T) {
	params := [][2]string{{"url", "http://example.com/a"}, {"name", "Caf\u00e9 \u2603 \U0001F600"}}
	req := HostdimeRequest{Method: "utility.echo", Timestamp: hdTS, Unique: hdUniq, Params: params}
	plain := "56bf4af6c2b979a3037765bb60305b6e48cf25937dc4fbb7ecf01ab22a5e4fae"
	assert.True(t, VerifyHostdime(hdPriv, req, plain, HostdimeOptions{}).OK)
	assert.True(t, VerifyHostdime(hdPriv, req, "56BF4AF6C2B979A3037765BB60305B6E48CF25937DC4FBB7ECF01AB22A5E4FAE", HostdimeOptions{}).OK, "hex case ignored")
	r := VerifyHostdime(hdPriv, req, plain, HostdimeOptions{PHPOnly: true})
	assert.False(t, r.OK, "strict mode accepts only the PHP form")
	assert.Equal(t, `signature mismatch: signatures differ from character 1 on: the canonical string or the secret differs from the client's; tried the PHP json_encode forms; every value is hashed as a string, with no spaces after ':' or ','; canonical="1369758680:ABCDEF:******:utility.echo:\"{\\\"url\\\":\\\"http:\\\\\\/\\\\\\/example.com\\\\\\/a\\\",\\\"name\\\":\\\"Caf\\\\u00e9 \\\\u2603 \\\\ud83d\\\\ude00\\\"}\""; expected=2506359c7519a1d1ebc0d9e4f42dd05a6183b5a2d0ef0bc36bdf43a088d00528; got="56bf4af6c2b979a3037765bb60305b6e48cf25937dc4fbb7ecf01ab22a5e4fae"`, r.Explain())

	docs := HostdimeRequest{Method: "domain.list", Timestamp: hdTS, Unique: hdUniq, Params: [][2]string{{"status", "registered"}, {"order", "desc"}}}
	bad := "499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27de"
	r = VerifyHostdime(hdPriv, docs, bad, HostdimeOptions{})
	assert.False(t, r.OK, "one wrong byte")
	assert.Equal(t, "signatures differ from character 64 on: the canonical string or the secret differs from the client's; tried the PHP json_encode and the plain UTF-8 (JS/Ruby) forms; every value is hashed as a string, with no spaces after ':' or ','", r.Detail)
	assert.False(t, VerifyHostdime("fazbaZ", docs, "499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd", HostdimeOptions{}).OK, "other private key")
	other := docs
	other.Method = "domain.lists"
	assert.False(t, VerifyHostdime(hdPriv, other, "499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd", HostdimeOptions{}).OK, "method is covered")
	swapped := docs
	swapped.Params = [][2]string{{"order", "desc"}, {"status", "registered"}}
	assert.False(t, VerifyHostdime(hdPriv, swapped, "499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd", HostdimeOptions{}).OK, "order is covered")
}

func TestHostdimeCallbackAndDuplicates(t *testing.T) {
	with := SignHostdime(hdPriv, "server.list", hdTS, hdUniq, [][2]string{{"callback", "cb"}})
	without := SignHostdime(hdPriv, "server.list", hdTS, hdUniq, nil)
	req := HostdimeRequest{Method: "server.list", Timestamp: hdTS, Unique: hdUniq, Params: [][2]string{{"callback", "cb"}, {"api_key", "foobar"}}}
	assert.True(t, VerifyHostdime(hdPriv, req, with, HostdimeOptions{CallbackOptional: true}).OK)
	r := VerifyHostdime(hdPriv, req, without, HostdimeOptions{CallbackOptional: true})
	assert.True(t, r.OK)
	assert.Equal(t, "matched the PHP json_encode form without callback", r.Detail)
	assert.False(t, VerifyHostdime(hdPriv, req, without, HostdimeOptions{}).OK, "callback covered when not optional")

	got := HostdimeHashParams([][2]string{{"a", "1"}, {"api_x", "q"}, {"b", "2"}, {"a", "3"}, {"testing", "true"}, {"callback", "c"}}, true)
	assert.Equal(t, [][2]string{{"a", "3"}, {"b", "2"}}, got, "first position, last value")
}

// The document leaves out only api_* fields; the JS wrapper adds testing after
// hashing. Both hashes pass; a hash over another testing value, or over
// testing in another place, does not.
func TestHostdimeTestingEitherWay(t *testing.T) {
	const (
		without = "4279db7777096dcb45480574ca95b67430dfe431f8581a7d26c3fb41a4fbdec8" // spec §2.5 #1/#2
	)
	withTesting := sha(`1369758680:ABCDEF:fazbaz:server.list:"{\"testing\":\"true\"}"`)
	cuidThenTesting := sha(`1369758680:ABCDEF:fazbaz:server.get:"{\"cuid\":\"S37\",\"testing\":\"1\"}"`)
	testingThenCuid := sha(`1369758680:ABCDEF:fazbaz:server.get:"{\"testing\":\"1\",\"cuid\":\"S37\"}"`)
	cuidOnly := "bc9164d1dd6ba16be84f5321327e4441f0b476e5b4311a99a4a9f63a7af7dc13" // spec §2.5 #3
	api := [][2]string{{"api_key", "foobar"}, {"api_timestamp", hdTS}, {"api_unique", hdUniq}, {"api_hash", "x"}}
	cases := []struct {
		name, method string
		params       [][2]string
		hash         string
		ok           bool
		detail       string
	}{
		{"JS sandbox: testing last, not hashed", "server.list", append(append([][2]string{}, api...), [2]string{"testing", "true"}), without, true,
			"matched the PHP json_encode form"},
		{"document: testing hashed like any non-api field", "server.list", append(append([][2]string{}, api...), [2]string{"testing", "true"}), withTesting, true,
			"matched the PHP json_encode form with testing"},
		{"testing hashed in body order", "server.get", append([][2]string{{"cuid", "S37"}, {"testing", "1"}}, api...), cuidThenTesting, true,
			"matched the PHP json_encode form with testing"},
		{"testing not hashed, between params and api fields", "server.get", append([][2]string{{"cuid", "S37"}, {"testing", "1"}}, api...), cuidOnly, true,
			"matched the PHP json_encode form"},
		{"testing hashed in another place", "server.get", append([][2]string{{"cuid", "S37"}, {"testing", "1"}}, api...), testingThenCuid, false,
			"; tried the PHP json_encode and the plain UTF-8 (JS/Ruby) forms, each with and without testing; every value is hashed as a string, with no spaces after ':' or ','"},
		{"testing hashed with another value", "server.list", append(append([][2]string{}, api...), [2]string{"testing", "false"}), withTesting, false,
			"; tried the PHP json_encode and the plain UTF-8 (JS/Ruby) forms, each with and without testing; every value is hashed as a string, with no spaces after ':' or ','"},
		{"no testing sent: a hash over it cannot match", "server.list", api, withTesting, false,
			"; tried the PHP json_encode and the plain UTF-8 (JS/Ruby) forms; every value is hashed as a string, with no spaces after ':' or ','"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := VerifyHostdime(hdPriv, HostdimeRequest{Method: c.method, Timestamp: hdTS, Unique: hdUniq, Params: c.params}, c.hash, HostdimeOptions{CallbackOptional: true})
			assert.Equal(t, c.ok, r.OK, r.Explain())
			if c.ok {
				assert.Equal(t, c.detail, r.Detail)
			} else {
				assert.Regexp(t, `^signatures differ from character \d+ on: the canonical string or the secret differs from the client's`, r.Detail)
				assert.True(t, strings.HasSuffix(r.Detail, c.detail), r.Detail)
			}
		})
	}

	// With a callback too, all four readings are tried, the callback's own
	// place kept when it is hashed.
	req := HostdimeRequest{Method: "server.list", Timestamp: hdTS, Unique: hdUniq, Params: [][2]string{{"callback", "cb"}, {"testing", "true"}}}
	for hash, detail := range map[string]string{
		without: "matched the PHP json_encode form without callback",
		sha(`1369758680:ABCDEF:fazbaz:server.list:"{\"callback\":\"cb\"}"`):                      "matched the PHP json_encode form",
		sha(`1369758680:ABCDEF:fazbaz:server.list:"{\"callback\":\"cb\",\"testing\":\"true\"}"`): "matched the PHP json_encode form with testing",
		withTesting: "matched the PHP json_encode form with testing and without callback",
	} {
		r := VerifyHostdime(hdPriv, req, hash, HostdimeOptions{CallbackOptional: true})
		assert.True(t, r.OK, detail)
		assert.Equal(t, detail, r.Detail)
	}
	r := VerifyHostdime(hdPriv, req, sha(`1369758680:ABCDEF:fazbaz:server.list:"{\"testing\":\"true\",\"callback\":\"cb\"}"`), HostdimeOptions{CallbackOptional: true})
	assert.False(t, r.OK, "testing moved before callback")
	assert.True(t, strings.HasSuffix(r.Detail, "; tried the PHP json_encode and the plain UTF-8 (JS/Ruby) forms, each with and without callback and with and without testing; every value is hashed as a string, with no spaces after ':' or ','"), r.Detail)
}
