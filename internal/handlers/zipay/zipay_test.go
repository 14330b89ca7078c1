package zipay_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/zipay"
	"github.com/mocksuite/mocksuite/internal/verify"
)

const (
	mainKey    = "4f3c12fa0a1d1ac8b026298b980f16b2"
	mainSecret = "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"
	orgKey     = "zipay-second-key-0002"
	orgSecret  = "zipay-second-secret-0002"
)

var reUUID = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`)

func newServer(t *testing.T, tweak func(*config.Config)) *apptest.Server {
	t.Helper()
	s := apptest.New(t, tweak)
	s.SetClock(time.Date(2023, 3, 30, 8, 43, 15, 0, time.UTC))
	return s
}

// call posts a signed form body to /zipay/api/<method>.
func call(t *testing.T, s *apptest.Server, method, body, key, secret string, extra ...string) apptest.Response {
	t.Helper()
	h := append([]string{"Content-Type", "application/x-www-form-urlencoded", "api_key", key, "api_sign", verify.SignZipay(secret, body)}, extra...)
	return s.Do(t, http.MethodPost, "/zipay/api/"+method, body, h...)
}

func mainCall(t *testing.T, s *apptest.Server, method, body string) apptest.Response {
	t.Helper()
	return call(t, s, method, body, mainKey, mainSecret)
}

// expect asserts status and the whole body, with the one generated trackid
// of the answer put in place of {id}.
func expect(t *testing.T, r apptest.Response, status int, want string) string {
	t.Helper()
	id := reUUID.FindString(r.Body)
	if strings.Contains(want, "{id}") {
		require.NotEmpty(t, id, "no trackid in %s", r.Body)
		want = strings.ReplaceAll(want, "{id}", id)
	}
	require.Equal(t, want, r.Body)
	require.Equal(t, status, r.Status)
	require.Equal(t, "application/json", r.Header.Get("Content-Type"))
	return id
}

func errBody(status int, pairs ...string) string {
	var b strings.Builder
	b.WriteString(`{"errors":{`)
	for i := 0; i+1 < len(pairs); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + pairs[i] + `":"` + pairs[i+1] + `"`)
	}
	b.WriteString(`},"success":false,"status":` + strconv.Itoa(status) + `}`)
	return b.String()
}

func balances(t *testing.T, s *apptest.Server, key, secret string) string {
	t.Helper()
	r := call(t, s, "balance", "", key, secret)
	require.Equal(t, http.StatusOK, r.Status, r.Body)
	return r.Body
}

func balanceBody(usd, usdt, irt string) string {
	return `{"items":[{"coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"amount":"` + usd +
		`"},{"coin":{"name":"USD Tether","currency":"USDT","symbol":"USDT"},"amount":"` + usdt +
		`"},{"coin":{"name":"Toman","currency":"IRT","symbol":"IRT"},"amount":"` + irt + `"}],"success":true,"status":200}`
}

func TestErrBodyHelper(t *testing.T) {
	require.Equal(t, `{"errors":{"auth":"INVALID_API_SIGN"},"success":false,"status":403}`, errBody(403, "auth", "INVALID_API_SIGN"))
	require.Equal(t, `{"errors":{"min":"REQUIRED","max":"INVALID"},"success":false,"status":422}`, errBody(422, "min", "REQUIRED", "max", "INVALID"))
}

func TestAuthOrderAndErrors(t *testing.T) {
	s := newServer(t, nil)
	const body = "min=1&max=100"
	sig := verify.SignZipay(mainSecret, body)
	form := "application/x-www-form-urlencoded"
	cases := []struct {
		name    string
		headers []string
		body    string
		status  int
		want    string
	}{
		{"no key", []string{"Content-Type", form, "api_sign", sig}, body, 403, errBody(403, "auth", "INVALID_API_KEY")},
		{"unknown key", []string{"api_key", "nope", "api_sign", sig}, body, 403, errBody(403, "auth", "INVALID_API_KEY")},
		{"ip not allowed", []string{"api_key", "zipay-remote-key-0004", "api_sign", verify.SignZipay("zipay-remote-secret-0004", body)}, body, 403, errBody(403, "auth", "IP_NOT_ALLOWED")},
		{"no sign", []string{"api_key", mainKey}, body, 403, errBody(403, "auth", "INVALID_API_SIGN")},
		{"secret hex-decoded", []string{"api_key", mainKey, "api_sign", "X79Wa+bMzhZwTia8xhz4/q699W+b8OW81X7LcIqy3KY="}, "par1=value1&par2=value2", 403, errBody(403, "auth", "INVALID_API_SIGN")},
		{"url-safe base64", []string{"api_key", mainKey, "api_sign", "g1seBV5gkv7n4EjIdzMjl-ntJ256kvIe2kulu2SfTPk="}, "par1=value1&par2=value2", 403, errBody(403, "auth", "INVALID_API_SIGN")},
		{"swapped", []string{"api_key", mainKey, "api_sign", "1ZzA1X5BWjWL0qnpYBtPxMQ3BcGKlmDfwVFRqDwB2Yc="}, "par1=value1&par2=value2", 403, errBody(403, "auth", "INVALID_API_SIGN")},
		{"plain sha256", []string{"api_key", mainKey, "api_sign", "vzuYbjEyWzkKEVyF9jPkgp6xYjPi74e4LGYrQd9vMCU="}, "par1=value1&par2=value2", 403, errBody(403, "auth", "INVALID_API_SIGN")},
		{"re-ordered", []string{"api_key", mainKey, "api_sign", "Nts/dmXR9JoURSaNFcpVMTMDW3i+7tkCmLaxNHviixM="}, "par1=value1&par2=value2", 403, errBody(403, "auth", "INVALID_API_SIGN")},
		{"sign of other body", []string{"api_key", mainKey, "api_sign", sig}, "min=1&max=99", 403, errBody(403, "auth", "INVALID_API_SIGN")},
		{"method not enabled", []string{"api_key", "zipay-limited-key-0003", "api_sign", verify.SignZipay("zipay-limited-secret-0003", "")}, "", 403, errBody(403, "auth", "METHOD_NOT_ALLOWED")},
		{"dash spelling", []string{"api-key", mainKey, "api-sign", "g1seBV5gkv7n4EjIdzMjl+ntJ256kvIe2kulu2SfTPk="}, "par1=value1&par2=value2", 422, errBody(422, "min", "REQUIRED", "max", "REQUIRED")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := "/zipay/api/random"
			if c.name == "method not enabled" {
				path = "/zipay/api/balance"
			}
			r := s.Do(t, http.MethodPost, path, c.body, append([]string{"Content-Type", "application/x-www-form-urlencoded"}, c.headers...)...)
			expect(t, r, c.status, c.want)
		})
	}
	// The limited key may call random.
	r := call(t, s, "random", "min=5&max=6", "zipay-limited-key-0003", "zipay-limited-secret-0003")
	require.Regexp(t, `^\{"trackid":"[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}","result":[56],"success":true,"status":200\}$`, r.Body)
}

func TestSignModes(t *testing.T) {
	// The Node querystring spelling of spec §2.4: right HMAC over its own bytes.
	const node = "description=hello%20world&receiver=info%40example.org&note=a%26b%3Dc%2Bd%2Fe~f*g"
	const php = "FU5UoPSdnsRloh13SAcCyo9FSAnSSr7XSiR+AA9GZTI="
	hdr := func(sig string) []string {
		return []string{"Content-Type", "application/x-www-form-urlencoded", "api_key", mainKey, "api_sign", sig}
	}
	for _, c := range []struct {
		mode, sig string
		status    int
	}{
		{"strict", verify.SignZipay(mainSecret, node), 403},
		{"strict", php, 403},
		{"raw", verify.SignZipay(mainSecret, node), 422},
		{"raw", php, 403},
		{"php", verify.SignZipay(mainSecret, node), 403},
		{"php", php, 422},
	} {
		s := newServer(t, func(cfg *config.Config) { config.SectionOf[*zipay.Config](cfg).SignMode = c.mode })
		r := s.Do(t, http.MethodPost, "/zipay/api/random", node, hdr(c.sig)...)
		require.Equal(t, c.status, r.Status, "%s %s: %s", c.mode, c.sig, r.Body)
	}
}

func TestRoutingAndEnvelopeFailures(t *testing.T) {
	s := newServer(t, func(c *config.Config) { c.BodyLimit = 1024 })
	expect(t, mainCall(t, s, "nope", ""), 404, errBody(404, "route", "NOT_FOUND"))
	expect(t, s.Do(t, http.MethodGet, "/zipay/nothing", ""), 404, errBody(404, "route", "NOT_FOUND"))
	r := s.Do(t, http.MethodGet, "/zipay/api/transfer", "")
	expect(t, r, 405, errBody(405, "method", "NOT_ALLOWED"))
	require.Equal(t, "POST", r.Header.Get("Allow"))
	expect(t, mainCall(t, s, "random", strings.Repeat("a", 2000)), 413, errBody(413, "body", "TOO_LARGE"))
	// The caller-IP echo needs no key.
	expect(t, s.Do(t, http.MethodGet, "/zipay/api/", ""), 200, `{"result":{"ip":"127.0.0.1"},"success":true,"status":200}`)
	// Real host and real path.
	r = s.Do(t, http.MethodPost, "/api/random", "min=7&max=8", "Host", "api.zipay.io", "Content-Type", "application/x-www-form-urlencoded", "api_key", mainKey, "api_sign", verify.SignZipay(mainSecret, "min=7&max=8"))
	require.Regexp(t, `^\{"trackid":"[0-9A-F]{6}(-[0-9A-F]{6}){3}","result":[78],"success":true,"status":200\}$`, r.Body)
}

func TestRandom(t *testing.T) {
	s := newServer(t, nil)
	r := mainCall(t, s, "random", "min=1&max=100")
	m := regexp.MustCompile(`^\{"trackid":"[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}","result":([0-9]+),"success":true,"status":200\}$`).FindStringSubmatch(r.Body)
	require.NotNil(t, m, r.Body)
	require.Equal(t, 200, r.Status)
	expect(t, mainCall(t, s, "random", ""), 422, errBody(422, "min", "REQUIRED", "max", "REQUIRED"))
	expect(t, mainCall(t, s, "random", "min=5&max=5"), 422, errBody(422, "max", "INVALID"))
	expect(t, mainCall(t, s, "random", "min=a&max=1.5"), 422, errBody(422, "min", "INVALID", "max", "INVALID"))
	expect(t, mainCall(t, s, "random", "min%5B0%5D=1&max=9"), 422, errBody(422, "min", "INVALID"))
	expect(t, mainCall(t, s, "random", "min=-3&max=9223372036854775808"), 422, errBody(422, "max", "INVALID"))
}

func TestBalanceRateCryptoInfo(t *testing.T) {
	s := newServer(t, nil)
	expect(t, mainCall(t, s, "balance", ""), 200, balanceBody("1000", "1000", "100000000"))
	expect(t, mainCall(t, s, "balance", "currency=USDT"), 200, `{"items":[{"coin":{"name":"USD Tether","currency":"USDT","symbol":"USDT"},"amount":"1000"}],"success":true,"status":200}`)
	expect(t, mainCall(t, s, "balance", "currency=EUR"), 422, errBody(422, "currency", "INVALID"))
	expect(t, call(t, s, "balance", "", orgKey, orgSecret), 200, balanceBody("50", "0", "0"))
	expect(t, mainCall(t, s, "rate", ""), 200, `{"items":[{"market":"USDIRT","buy":"53064","sell":"51889.25","time":1680165795},{"market":"USDTIRT","buy":"53500","sell":"52300","time":1680165795},{"market":"USDTUSD","buy":"1.01","sell":"0.99","time":1680165795}],"success":true,"status":200}`)
	const info = `{"items":[{"coin":"USDT","coin_name":"USD Tether","network":"BNB","network_name":"BSC (BEP20)","deposit_is_active":true,"withdraw_is_active":true,"min_withdraw":"1.5","fee":"1","decimal":6},{"coin":"USDT","coin_name":"USD Tether","network":"TRX","network_name":"Tron (TRC20)","deposit_is_active":true,"withdraw_is_active":true,"min_withdraw":"2","fee":"1.5","decimal":6}],"success":true,"status":200}`
	expect(t, mainCall(t, s, "crypto-info", ""), 200, info)
	// GET signs the empty body (spec §2.4 vector).
	expect(t, s.Do(t, http.MethodGet, "/zipay/api/crypto-info", "", "api_key", mainKey, "api_sign", "11YzKjqdGpI3Q6vcIzw1nSo6wceGg2gfmJGftSwcI7Y="), 200, info)
	// Configured rates replace the defaults.
	s2 := newServer(t, func(c *config.Config) {
		config.SectionOf[*zipay.Config](c).Rates = map[string]string{"USD_IRT": "60000.5"}
	})
	r := mainCall(t, s2, "rate", "")
	require.Contains(t, r.Body, `{"market":"USDIRT","buy":"53064","sell":"60000.5","time":1680165795}`)
}

func TestExchangeDocExamples(t *testing.T) {
	s := newServer(t, nil)
	// Spec §5.7, first documented answer, byte for byte.
	id1 := expect(t, mainCall(t, s, "exchange", "amount=100.99&from_currency=USD&to_currency=IRT"), 200,
		`{"result":{"trackid":"{id}","time":1680165795,"date":"30/03/2023 08:43 UTC","datew3c":"2023-03-30T08:43:15+00:00","status":"completed","spent_amount":"100.99","spent_coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"rate":"51889.25","get_amount":"5240295.3575","get_coin":{"name":"Toman","currency":"IRT","symbol":"IRT"},"market":"USDIRT","side":"sell"},"success":true,"status":200}`)
	expect(t, mainCall(t, s, "balance", ""), 200, balanceBody("899.01", "1000", "105240295.3575"))

	// Second documented exchange (buy): needs more toman than the fixture holds.
	r := s.Do(t, http.MethodPost, "/__admin/zipay/balances", `{"account":10025,"currency":"IRT","amount":"500000000"}`, "Content-Type", "application/json")
	require.Equal(t, `{"account":10025,"amount":"500000000","currency":"IRT"}`+"\n", r.Body)
	s.Advance(time.Second)
	id2 := expect(t, mainCall(t, s, "exchange", "amount=440590392.01&from_currency=IRT&to_currency=USD"), 200,
		`{"result":{"trackid":"{id}","time":1680165796,"date":"30/03/2023 08:43 UTC","datew3c":"2023-03-30T08:43:16+00:00","status":"completed","spent_amount":"440590392.01","spent_coin":{"name":"Toman","currency":"IRT","symbol":"IRT"},"rate":"53064","get_amount":"8303.00000018845168098899","get_coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"market":"USDIRT","side":"buy"},"success":true,"status":200}`)
	// Money is exact: 899.01 + 8303.00000018845168098899, 500000000 − 440590392.01.
	expect(t, mainCall(t, s, "balance", ""), 200, balanceBody("9202.01000018845168098899", "1000", "59409607.99"))

	item1 := `{"trackid":"` + id1 + `","time":1680165795,"date":"30/03/2023 08:43 UTC","datew3c":"2023-03-30T08:43:15+00:00","status":"completed","spent_amount":"100.99","spent_coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"rate":"51889.25","get_amount":"5240295.3575","get_coin":{"name":"Toman","currency":"IRT","symbol":"IRT"},"market":"USDIRT","side":"sell"}`
	item2 := `{"trackid":"` + id2 + `","time":1680165796,"date":"30/03/2023 08:43 UTC","datew3c":"2023-03-30T08:43:16+00:00","status":"completed","spent_amount":"440590392.01","spent_coin":{"name":"Toman","currency":"IRT","symbol":"IRT"},"rate":"53064","get_amount":"8303.00000018845168098899","get_coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"market":"USDIRT","side":"buy"}`
	expect(t, mainCall(t, s, "exchange-list", ""), 200, `{"items":[`+item2+`,`+item1+`],"success":true,"status":200}`)
	expect(t, mainCall(t, s, "exchange-list", "sort=asc"), 200, `{"items":[`+item1+`,`+item2+`],"success":true,"status":200}`)
	expect(t, mainCall(t, s, "exchange-list", "limit=1&page=2&sort=desc"), 200, `{"items":[`+item1+`],"success":true,"status":200}`)
	expect(t, mainCall(t, s, "exchange-list", "trackid="+id1+"&limit=10&page=1&sort=desc"), 200, `{"items":[`+item1+`],"success":true,"status":200}`)
	expect(t, mainCall(t, s, "exchange-list", "page=3"), 200, `{"items":[],"success":true,"status":200}`)
	expect(t, call(t, s, "exchange-list", "", orgKey, orgSecret), 200, `{"items":[],"success":true,"status":200}`)
	expect(t, mainCall(t, s, "exchange-list", "limit=0&page=x&sort=up"), 422, errBody(422, "limit", "INVALID", "page", "INVALID", "sort", "INVALID"))
}

func TestExchangeErrors(t *testing.T) {
	s := newServer(t, nil)
	expect(t, mainCall(t, s, "exchange", ""), 422, errBody(422, "amount", "REQUIRED", "from_currency", "REQUIRED", "to_currency", "REQUIRED"))
	expect(t, mainCall(t, s, "exchange", "amount=1e5&from_currency=USD&to_currency=EUR"), 422, errBody(422, "amount", "INVALID", "to_currency", "INVALID"))
	expect(t, mainCall(t, s, "exchange", "amount=0&from_currency=USD&to_currency=IRT"), 422, errBody(422, "amount", "INVALID"))
	expect(t, mainCall(t, s, "exchange", "amount=-1&from_currency=USD&to_currency=IRT"), 422, errBody(422, "amount", "INVALID"))
	expect(t, mainCall(t, s, "exchange", "amount=10&from_currency=USD&to_currency=USD"), 422, errBody(422, "to_currency", "INVALID"))
	expect(t, mainCall(t, s, "exchange", "amount=1000.01&from_currency=USD&to_currency=IRT"), 422, errBody(422, "amount", "INSUFFICIENT_BALANCE"))
	expect(t, mainCall(t, s, "balance", ""), 200, balanceBody("1000", "1000", "100000000"))
	// The whole balance can be spent.
	expect(t, mainCall(t, s, "exchange", "amount=1000&from_currency=USDT&to_currency=USD"), 200,
		`{"result":{"trackid":"{id}","time":1680165795,"date":"30/03/2023 08:43 UTC","datew3c":"2023-03-30T08:43:15+00:00","status":"completed","spent_amount":"1000","spent_coin":{"name":"USD Tether","currency":"USDT","symbol":"USDT"},"rate":"0.99","get_amount":"990","get_coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"market":"USDTUSD","side":"sell"},"success":true,"status":200}`)
	expect(t, mainCall(t, s, "balance", ""), 200, balanceBody("1990", "0", "100000000"))
}

func TestTransfer(t *testing.T) {
	s := newServer(t, nil)
	s.SetClock(time.Unix(1680166248, 0))
	// Spec §5.9 documented answer, byte for byte.
	id := expect(t, mainCall(t, s, "transfer", "receiver=10017&amount=10&currency=USD&order_id=19&description=Send+amount+to+example+account%231"), 200,
		`{"result":{"trackid":"{id}","amount":"10","coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"transfer_type":"transfer_out","type":"api","order_id":"19","description":"Send amount to example account#1","sender":{"account_number":10025,"email":"info*****ple.com"},"receiver":{"account_number":10017,"email":"info*****ple.org"},"time":1680166248,"date":"30/03/2023 08:50 UTC","datew3c":"2023-03-30T08:50:48+00:00"},"success":true,"status":200}`)
	expect(t, mainCall(t, s, "balance", "currency=USD"), 200, `{"items":[{"coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"amount":"990"}],"success":true,"status":200}`)
	expect(t, call(t, s, "balance", "currency=USD", orgKey, orgSecret), 200, `{"items":[{"coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"amount":"60"}],"success":true,"status":200}`)

	s.Advance(time.Minute)
	id2 := expect(t, mainCall(t, s, "transfer", "receiver=info%40example.org&amount=0.5&currency=USD&order_id=20"), 200,
		`{"result":{"trackid":"{id}","amount":"0.5","coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"transfer_type":"transfer_out","type":"api","order_id":"20","description":null,"sender":{"account_number":10025,"email":"info*****ple.com"},"receiver":{"account_number":10017,"email":"info*****ple.org"},"time":1680166308,"date":"30/03/2023 08:51 UTC","datew3c":"2023-03-30T08:51:48+00:00"},"success":true,"status":200}`)
	s.Advance(time.Minute)
	expect(t, mainCall(t, s, "transfer", "receiver=10017USD&amount=1&currency=USD&order_id=21"), 200,
		`{"result":{"trackid":"{id}","amount":"1","coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"transfer_type":"transfer_out","type":"api","order_id":"21","description":null,"sender":{"account_number":10025,"email":"info*****ple.com"},"receiver":{"account_number":10017,"email":"info*****ple.org"},"time":1680166368,"date":"30/03/2023 08:52 UTC","datew3c":"2023-03-30T08:52:48+00:00"},"success":true,"status":200}`)

	// Errors.
	expect(t, mainCall(t, s, "transfer", "receiver=10017&amount=10&currency=USD&order_id=19"), 422, errBody(422, "order_id", "DUPLICATE"))
	expect(t, mainCall(t, s, "transfer", ""), 422, errBody(422, "receiver", "REQUIRED", "amount", "REQUIRED", "currency", "REQUIRED", "order_id", "REQUIRED"))
	expect(t, mainCall(t, s, "transfer", "receiver=10017IRT&amount=1&currency=USD&order_id=30"), 422, errBody(422, "receiver", "INVALID"))
	expect(t, mainCall(t, s, "transfer", "receiver=not-an-account&amount=1&currency=USD&order_id=30"), 422, errBody(422, "receiver", "INVALID"))
	expect(t, mainCall(t, s, "transfer", "receiver=99999&amount=1&currency=USD&order_id=30"), 422, errBody(422, "receiver", "NOT_FOUND"))
	expect(t, mainCall(t, s, "transfer", "receiver=nobody%40example.net&amount=1&currency=USD&order_id=30"), 422, errBody(422, "receiver", "NOT_FOUND"))
	expect(t, mainCall(t, s, "transfer", "receiver=10025&amount=1&currency=USD&order_id=30"), 422, errBody(422, "receiver", "INVALID"))
	expect(t, mainCall(t, s, "transfer", "receiver=10017&amount=1&currency=USD&order_id="+strings.Repeat("x", 201)+"&description="+strings.Repeat("y", 201)), 422, errBody(422, "order_id", "TOO_LONG", "description", "TOO_LONG"))
	expect(t, call(t, s, "transfer", "receiver=10025&amount=61.51&currency=USD&order_id=1", orgKey, orgSecret), 422, errBody(422, "amount", "INSUFFICIENT_BALANCE"))

	// The receiver sees the same transfers as transfer_in.
	r := call(t, s, "transfer-list", "transfer_type=transfer_in&limit=10&page=1&sort=asc", orgKey, orgSecret)
	require.Equal(t, 200, r.Status)
	require.Equal(t, 3, strings.Count(r.Body, `"transfer_type":"transfer_in"`), r.Body)
	require.True(t, strings.HasPrefix(r.Body, `{"items":[{"trackid":"`+id+`","amount":"10",`), r.Body)
	expect(t, call(t, s, "transfer-list", "transfer_type=transfer_out", orgKey, orgSecret), 200, `{"items":[],"success":true,"status":200}`)
	expect(t, mainCall(t, s, "transfer-list", "order_id=20"), 200,
		`{"items":[{"trackid":"`+id2+`","amount":"0.5","coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"transfer_type":"transfer_out","type":"api","order_id":"20","description":null,"sender":{"account_number":10025,"email":"info*****ple.com"},"receiver":{"account_number":10017,"email":"info*****ple.org"},"time":1680166308,"date":"30/03/2023 08:51 UTC","datew3c":"2023-03-30T08:51:48+00:00"}],"success":true,"status":200}`)
	r = mainCall(t, s, "transfer-list", "limit=1")
	require.Contains(t, r.Body, `"order_id":"21"`)
	require.Equal(t, 1, strings.Count(r.Body, `"trackid"`))
	expect(t, mainCall(t, s, "transfer-list", "trackid="+id), 200, strings.Replace(
		`{"items":[{"trackid":"{id}","amount":"10","coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"transfer_type":"transfer_out","type":"api","order_id":"19","description":"Send amount to example account#1","sender":{"account_number":10025,"email":"info*****ple.com"},"receiver":{"account_number":10017,"email":"info*****ple.org"},"time":1680166248,"date":"30/03/2023 08:50 UTC","datew3c":"2023-03-30T08:50:48+00:00"}],"success":true,"status":200}`,
		"{id}", id, 1))
	expect(t, mainCall(t, s, "transfer-list", "transfer_type=both"), 422, errBody(422, "transfer_type", "INVALID"))
	expect(t, mainCall(t, s, "balance", "currency=USD"), 200, `{"items":[{"coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"amount":"988.5"}],"success":true,"status":200}`)
}

// Concurrent transfers never overdraw: 50 USD allows exactly five of 10.
func TestTransferConcurrentNeverOverdraws(t *testing.T) {
	s := newServer(t, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, short := 0, 0
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			body := "receiver=10025&amount=10&currency=USD&order_id=c" + strconv.Itoa(i)
			r := call(t, s, "transfer", body, orgKey, orgSecret)
			mu.Lock()
			defer mu.Unlock()
			switch r.Status {
			case 200:
				ok++
			case 422:
				require.Equal(t, errBody(422, "amount", "INSUFFICIENT_BALANCE"), r.Body)
				short++
			default:
				t.Errorf("unexpected %d %s", r.Status, r.Body)
			}
		}(i)
	}
	wg.Wait()
	require.Equal(t, 5, ok)
	require.Equal(t, 7, short)
	expect(t, call(t, s, "balance", "", orgKey, orgSecret), 200, balanceBody("0", "0", "0"))
	expect(t, mainCall(t, s, "balance", "currency=USD"), 200, `{"items":[{"coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"amount":"1050"}],"success":true,"status":200}`)
}

func TestCryptoWithdraw(t *testing.T) {
	s := newServer(t, nil)
	s.SetClock(time.Unix(1757609265, 0))
	r := mainCall(t, s, "crypto-withdraw", "order_id=8&coin=USDT&network=TRX&amount=5.01&address=TB6F5HTWR4yAJ1UcLNQ3aYLxSCxY12bnWn")
	m := regexp.MustCompile(`^\{"result":\{"trackid":"([A-Za-z0-9]{18})"`).FindStringSubmatch(r.Body)
	require.NotNil(t, m, r.Body)
	tid := m[1]
	require.Equal(t, `{"result":{"trackid":"`+tid+`","order_id":8,"address":"TB6F5HTWR4yAJ1UcLNQ3aYLxSCxY12bnWn","amount":"3.510000000000000000","fee":"1.500000000000000000","type":"withdraw","txid":"`+tid+`","status":"queue","time":1757609265,"utc_date":"2025-09-11 16:47 UTC","coin":"USDT","coin_name":"USD Tether","network":"TRX","network_name":"Tron (TRC20)"},"success":true,"status":200}`, r.Body)
	require.Equal(t, 200, r.Status)
	// The requested amount (fee included) left the wallet.
	expect(t, mainCall(t, s, "balance", "currency=USDT"), 200, `{"items":[{"coin":{"name":"USD Tether","currency":"USDT","symbol":"USDT"},"amount":"994.99"}],"success":true,"status":200}`)

	const addr = "&address=TB6F5HTWR4yAJ1UcLNQ3aYLxSCxY12bnWn"
	expect(t, mainCall(t, s, "crypto-withdraw", "order_id=8&coin=USDT&network=TRX&amount=5.01"+addr), 422, errBody(422, "order_id", "DUPLICATE"))
	expect(t, mainCall(t, s, "crypto-withdraw", ""), 422, errBody(422, "order_id", "REQUIRED", "coin", "REQUIRED", "network", "REQUIRED", "amount", "REQUIRED", "address", "REQUIRED"))
	expect(t, mainCall(t, s, "crypto-withdraw", "order_id=0&coin=BTC&network=TRX&amount=5"+addr), 422, errBody(422, "order_id", "INVALID", "coin", "INVALID"))
	expect(t, mainCall(t, s, "crypto-withdraw", "order_id=9&coin=USDT&network=ETH&amount=5"+addr), 422, errBody(422, "network", "INVALID"))
	expect(t, mainCall(t, s, "crypto-withdraw", "order_id=9&coin=USDT&network=TRX&amount=5.0000001"+addr), 422, errBody(422, "amount", "INVALID"))
	expect(t, mainCall(t, s, "crypto-withdraw", "order_id=9&coin=USDT&network=BNB&amount=5"+addr), 422, errBody(422, "address", "INVALID"))
	expect(t, mainCall(t, s, "crypto-withdraw", "order_id=9&coin=USDT&network=TRX&amount=1.99"+addr), 422, errBody(422, "amount", "LESS_THAN_MIN_WITHDRAW"))
	expect(t, mainCall(t, s, "crypto-withdraw", "order_id=9&coin=USDT&network=TRX&amount=995"+addr), 422, errBody(422, "amount", "INSUFFICIENT_BALANCE"))
	r = mainCall(t, s, "crypto-withdraw", "order_id=9&coin=USDT&network=BNB&amount=994.99&address=0x52908400098527886E0F7030069857D2E4169EE7")
	require.Contains(t, r.Body, `"order_id":9,"address":"0x52908400098527886E0F7030069857D2E4169EE7","amount":"993.990000000000000000","fee":"1.000000000000000000","type":"withdraw"`)
	expect(t, mainCall(t, s, "balance", "currency=USDT"), 200, `{"items":[{"coin":{"name":"USD Tether","currency":"USDT","symbol":"USDT"},"amount":"0"}],"success":true,"status":200}`)
}

// receiver is a merchant webhook endpoint that fails its first failures calls.
type receiver struct {
	mu       sync.Mutex
	failures int
	bodies   []string
	got      chan string
}

func newReceiver(t *testing.T, failures int) (*receiver, *httptest.Server) {
	rc := &receiver{failures: failures, got: make(chan string, 16)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.bodies = append(rc.bodies, r.Method+" "+r.Header.Get("Content-Type")+" "+string(b))
		fail := len(rc.bodies) <= rc.failures
		rc.mu.Unlock()
		if fail {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		rc.got <- string(b)
		_, _ = w.Write([]byte("OK"))
	}))
	t.Cleanup(srv.Close)
	return rc, srv
}

func (rc *receiver) calls() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.bodies...)
}

func provider(t *testing.T, s *apptest.Server) *zipay.Provider {
	t.Helper()
	for _, p := range s.App.Providers {
		if z, ok := p.(*zipay.Provider); ok {
			return z
		}
	}
	t.Fatal("zipay provider not mounted")
	return nil
}

func createInvoice(t *testing.T, s *apptest.Server, number, extra string) (string, string) {
	t.Helper()
	body := "terminal_number=1001&amount=100.99&currency=USD&invoice_number=" + number + "&callback=http%3A%2F%2Fexample.org%2Fback" + extra
	id := expect(t, mainCall(t, s, "create-invoice", body), 200, `{"result":{"trackid":"{id}","redirect":"`+s.URL+`/zipay/invoice_v1/{id}","message":null},"success":true,"status":200}`)
	return id, s.URL + "/zipay/invoice_v1/" + id
}

// noRedirect is a client that shows the payment page's redirect instead of following it.
func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func submit(t *testing.T, pageURL, form string) *http.Response {
	t.Helper()
	resp, err := noRedirect().Post(pageURL, "application/x-www-form-urlencoded", strings.NewReader(form))
	require.NoError(t, err)
	resp.Body.Close()
	return resp
}

func statusBody(id, status string) string {
	return `{"result":{"trackid":"` + id + `","status":"` + status + `","invoice_number":"1","amount":"100.99","coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"time":1680165795,"date":"30/03/2023 08:43 UTC","datew3c":"2023-03-30T08:43:15+00:00"},"success":true,"status":200}`
}

func TestInvoiceFlowOverHTTP(t *testing.T) {
	s := newServer(t, nil)
	rc, hook := newReceiver(t, 0)
	id, page := createInvoice(t, s, "1", "&webhook="+verify.PHPURLEncode(hook.URL+"/hook"))
	expect(t, mainCall(t, s, "invoice-status", "trackid="+id), 200, statusBody(id, "unpaid"))
	expect(t, mainCall(t, s, "invoice-verify", "trackid="+id), 422, errBody(422, "trackid", "NOT_PAID"))

	// The page shows the invoice.
	r := s.Do(t, http.MethodGet, "/zipay/invoice_v1/"+id, "")
	require.Equal(t, 200, r.Status)
	for _, want := range []string{`<dd id="merchant">Example Shop</dd>`, `<dd id="amount">100.99</dd>`, `<dd id="currency">USD</dd>`, `<dd id="invoice-number">1</dd>`, `id="pay" name="action" value="pay">Pay</button>`, `value="cancel" formnovalidate>Cancel</button>`} {
		require.Contains(t, r.Body, want)
	}
	require.NotContains(t, r.Body, "http://", "the page loads no external asset")

	// Cancel keeps it unpaid and returns to the callback.
	resp := submit(t, page, "action=cancel")
	require.Equal(t, http.StatusFound, resp.StatusCode)
	require.Equal(t, "http://example.org/back?trackid="+id+"&invoice_number=1", resp.Header.Get("Location"))
	expect(t, mainCall(t, s, "invoice-status", "trackid="+id), 200, statusBody(id, "unpaid"))

	// Pay: pending, webhook queued (not sent inline), redirect to the callback.
	resp = submit(t, page, "action=pay")
	require.Equal(t, http.StatusFound, resp.StatusCode)
	require.Equal(t, "http://example.org/back?trackid="+id+"&invoice_number=1", resp.Header.Get("Location"))
	require.Empty(t, rc.calls())
	expect(t, mainCall(t, s, "invoice-status", "trackid="+id), 200, statusBody(id, "pending"))
	n, err := provider(t, s).DeliverDue(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, []string{"POST application/x-www-form-urlencoded trackid=" + id + "&invoice_number=1&status=pending"}, rc.calls())

	// A second payment is refused.
	resp = submit(t, page, "action=pay")
	require.Equal(t, http.StatusConflict, resp.StatusCode)

	// Verify within the window completes and credits once.
	s.Advance(29 * time.Minute)
	expect(t, mainCall(t, s, "invoice-verify", "trackid="+id), 200, statusBody(id, "completed"))
	expect(t, mainCall(t, s, "invoice-verify", "trackid="+id), 200, statusBody(id, "completed"))
	expect(t, mainCall(t, s, "balance", "currency=USD"), 200, `{"items":[{"coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"amount":"1100.99"}],"success":true,"status":200}`)
	// Another merchant cannot see it.
	expect(t, call(t, s, "invoice-status", "trackid="+id, orgKey, orgSecret), 404, errBody(404, "trackid", "NOT_FOUND"))
	expect(t, call(t, s, "invoice-verify", "trackid="+id, orgKey, orgSecret), 404, errBody(404, "trackid", "NOT_FOUND"))
}

func TestInvoiceRejectedAndExpired(t *testing.T) {
	s := newServer(t, nil)
	id, page := createInvoice(t, s, "1", "")
	require.Equal(t, http.StatusFound, submit(t, page, "action=pay").StatusCode)
	s.Advance(30 * time.Minute)
	expect(t, mainCall(t, s, "invoice-status", "trackid="+id), 200, statusBody(id, "rejected"))
	expect(t, mainCall(t, s, "invoice-verify", "trackid="+id), 422, errBody(422, "trackid", "REJECTED"))
	expect(t, mainCall(t, s, "balance", "currency=USD"), 200, `{"items":[{"coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"amount":"1000"}],"success":true,"status":200}`)

	// Unpaid for the invoice lifetime (60 minutes): expired, no longer payable.
	s2 := newServer(t, nil)
	id2, page2 := createInvoice(t, s2, "1", "")
	s2.Advance(59 * time.Minute)
	expect(t, mainCall(t, s2, "invoice-status", "trackid="+id2), 200, statusBody(id2, "unpaid"))
	s2.Advance(time.Minute)
	expect(t, mainCall(t, s2, "invoice-status", "trackid="+id2), 200, statusBody(id2, "expired"))
	require.Equal(t, http.StatusConflict, submit(t, page2, "action=pay").StatusCode)
	expect(t, mainCall(t, s2, "invoice-verify", "trackid="+id2), 422, errBody(422, "trackid", "NOT_PAID"))
}

func TestInvoiceErrors(t *testing.T) {
	s := newServer(t, nil)
	createInvoice(t, s, "1", "")
	expect(t, mainCall(t, s, "create-invoice", "terminal_number=1001&amount=100.99&currency=USD&invoice_number=1&callback=http%3A%2F%2Fexample.org%2Fback"), 422, errBody(422, "invoice_number", "DUPLICATE"))
	expect(t, mainCall(t, s, "create-invoice", "terminal_number=1002&amount=1&currency=USD&invoice_number=2&callback=http%3A%2F%2Fexample.org%2Fback"), 422, errBody(422, "terminal_number", "NOT_FOUND"))
	expect(t, mainCall(t, s, "create-invoice", ""), 422, errBody(422, "terminal_number", "REQUIRED", "amount", "REQUIRED", "currency", "REQUIRED", "invoice_number", "REQUIRED", "callback", "REQUIRED"))
	expect(t, mainCall(t, s, "create-invoice", "terminal_number=x&amount=abc&currency=EUR&invoice_number="+strings.Repeat("9", 201)+"&national_id=123&callback=ftp%3A%2F%2Fx&webhook=nope"), 422,
		errBody(422, "terminal_number", "INVALID", "amount", "INVALID", "currency", "INVALID", "invoice_number", "TOO_LONG", "national_id", "INVALID", "callback", "INVALID", "webhook", "INVALID"))
	expect(t, mainCall(t, s, "invoice-status", ""), 422, errBody(422, "trackid", "REQUIRED"))
	expect(t, mainCall(t, s, "invoice-status", "trackid=de7d44ae-9df9-487f-a175-ade1ecfab28b"), 404, errBody(404, "trackid", "NOT_FOUND"))
	expect(t, mainCall(t, s, "invoice-verify", "trackid=de7d44ae-9df9-487f-a175-ade1ecfab28b"), 404, errBody(404, "trackid", "NOT_FOUND"))
	r := s.Do(t, http.MethodGet, "/zipay/invoice_v1/unknown", "")
	require.Equal(t, 404, r.Status)
	require.Contains(t, r.Body, "This invoice does not exist.")

	// A national id on the invoice must match the payer's; the callback's own query is kept.
	body := "terminal_number=1001&amount=5&currency=IRT&invoice_number=n1&national_id=0012345678&callback=http%3A%2F%2Fexample.org%2Fback%3Fshop%3D1"
	id := expect(t, mainCall(t, s, "create-invoice", body), 200, `{"result":{"trackid":"{id}","redirect":"`+s.URL+`/zipay/invoice_v1/{id}","message":null},"success":true,"status":200}`)
	page := s.URL + "/zipay/invoice_v1/" + id
	require.Contains(t, s.Do(t, http.MethodGet, "/zipay/invoice_v1/"+id, "").Body, `name="national_id"`)
	require.Equal(t, http.StatusUnprocessableEntity, submit(t, page, "action=pay&national_id=0000000000").StatusCode)
	require.Equal(t, http.StatusBadRequest, submit(t, page, "action=steal").StatusCode)
	resp := submit(t, page, "action=pay&national_id=0012345678")
	require.Equal(t, http.StatusFound, resp.StatusCode)
	require.Equal(t, "http://example.org/back?shop=1&trackid="+id+"&invoice_number=n1", resp.Header.Get("Location"))
}

func TestWebhookRetriesWithBackoff(t *testing.T) {
	s := newServer(t, func(c *config.Config) {
		config.SectionOf[*zipay.Config](c).WebhookAttempts = 4
		config.SectionOf[*zipay.Config](c).WebhookBackoff = 10 * time.Second
	})
	p := provider(t, s)
	ctx := context.Background()
	rc, hook := newReceiver(t, 2)
	_, page := createInvoice(t, s, "1", "&webhook="+verify.PHPURLEncode(hook.URL))
	require.Equal(t, http.StatusFound, submit(t, page, "action=pay").StatusCode)

	deliver := func(want int) {
		t.Helper()
		n, err := p.DeliverDue(ctx)
		require.NoError(t, err)
		require.Equal(t, want, n)
	}
	deliver(1) // attempt 1: 500
	deliver(0) // not due again yet
	s.Advance(9 * time.Second)
	deliver(0)
	s.Advance(time.Second)
	deliver(1) // attempt 2 after 10 s: 500
	s.Advance(19 * time.Second)
	deliver(0) // backoff doubled to 20 s
	s.Advance(time.Second)
	deliver(1) // attempt 3: 200
	s.Advance(time.Hour)
	deliver(0) // delivered: never again
	require.Len(t, rc.calls(), 3)

	r := s.Do(t, http.MethodGet, "/__admin/zipay/webhooks", "")
	require.Equal(t, 200, r.Status)
	for _, want := range []string{`"state":"delivered"`, `"attempts":3`, `"next_attempt_at":null`, `"last_status":200`, `"attempt":1,"at":"2023-03-30T08:43:15Z","status":500`, `"attempt":2,"at":"2023-03-30T08:43:25Z","status":500`, `"attempt":3,"at":"2023-03-30T08:43:45Z","status":200`} {
		require.Contains(t, r.Body, want)
	}
	require.True(t, strings.HasPrefix(r.Body, `{"webhooks":[{"id":1,"trackid":"`), r.Body)
}

func TestWebhookGivesUpAfterAttempts(t *testing.T) {
	s := newServer(t, func(c *config.Config) { config.SectionOf[*zipay.Config](c).WebhookAttempts = 2 })
	p := provider(t, s)
	rc, hook := newReceiver(t, 100)
	_, page := createInvoice(t, s, "1", "&webhook="+verify.PHPURLEncode(hook.URL))
	submit(t, page, "action=pay")
	for i := 0; i < 5; i++ {
		_, err := p.DeliverDue(context.Background())
		require.NoError(t, err)
		s.Advance(time.Minute)
	}
	require.Len(t, rc.calls(), 2)
	r := s.Do(t, http.MethodGet, "/__admin/zipay/webhooks", "")
	require.Contains(t, r.Body, `"state":"failed","attempts":2,"next_attempt_at":null,"last_status":500`)
}

// Run delivers on its own, woken by the payment, without any DeliverDue call.
func TestRunDeliversInBackground(t *testing.T) {
	s := newServer(t, nil)
	p := provider(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	rc, hook := newReceiver(t, 0)
	id, page := createInvoice(t, s, "1", "&webhook="+verify.PHPURLEncode(hook.URL))
	submit(t, page, "action=pay")
	select {
	case got := <-rc.got:
		require.Equal(t, "trackid="+id+"&invoice_number=1&status=pending", got)
	case <-time.After(10 * time.Second):
		t.Fatal("webhook not delivered")
	}
}
