package overrides_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/gempay"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// Fixture credentials (fixtures/*.yaml): the documented sample keys.
const (
	hostdimePub, hostdimePriv = "foobar", "fazbaz"
	gpKey                     = "gp-reseller-test-key-0001"
	gpTimestamp               = "7126354980" // a shuffle of t0's Unix time, as GeniusPlugin clients send
	zipayKey                  = "4f3c12fa0a1d1ac8b026298b980f16b2"
	zipaySecret               = "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"
)

type call struct {
	method, path, body string
	headers            []string
}

func (c call) do(t *testing.T, s *apptest.Server) apptest.Response {
	t.Helper()
	return s.Do(t, c.method, c.path, c.body, c.headers...)
}

var formHeader = []string{"Content-Type", "application/x-www-form-urlencoded"}

func gempayOrder(key, ref string) call {
	return call{"POST", "/gempay/api/order", fmt.Sprintf(`{"user_id":"123456","zone":"1234","produk_id":"1","ref_id":"%s"}`, ref), []string{
		"Authorization", "Bearer " + verify.SignGempayOrder(key, ref, "15000"), "X-API-Key", gempayKey,
		"X-Request-Time", strconv.FormatInt(t0.Unix(), 10), "Content-Type", "application/json"}}
}

func hostdimeCall(priv string, n int, method string, params ...[2]string) call {
	ts, unique := strconv.FormatInt(t0.Unix(), 10), "u-"+strconv.Itoa(n)
	hash := verify.SignHostdimeStyle(verify.StylePHP, priv, method, ts, unique, verify.HostdimeHashParams(params, false))
	all := append(append([][2]string{}, params...), [2]string{"api_key", hostdimePub}, [2]string{"api_timestamp", ts}, [2]string{"api_unique", unique}, [2]string{"api_hash", hash})
	var parts []string
	for _, p := range all {
		parts = append(parts, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	return call{"POST", "/hostdime/v1/" + strings.ReplaceAll(method, ".", "/") + ".json", strings.Join(parts, "&"), formHeader}
}

func gpCall(key string) call {
	body := "domain=example.com&hash=" + url.QueryEscape(verify.SignGeniusplugin(key, "example.com", gpTimestamp)) + "&timestamp=" + gpTimestamp
	return call{"POST", "/geniusplugin/api/v1/getcredit/", body, formHeader}
}

func zipayCall(secret, method, body string) call {
	return call{"POST", "/zipay/api/" + method, body, append([]string{"api_key", zipayKey, "api_sign", verify.SignZipay(secret, body)}, formHeader...)}
}

func nodecoCall(fn, checksumKey string, extra ...string) call {
	body := nodecoForm(extra...)
	if checksumKey != "" {
		body = strings.Replace(body, verify.SignNodeco("12312", "hasdh6ghvhgFDa454565jasdbNBS", "abc123"), verify.SignNodeco("12312", checksumKey, "abc123"), 1)
	}
	return call{"POST", "/nodeco/api/v1/" + fn, body, formHeader}
}

// With after_auth (the default) the provider's checks run first: a refused
// request gets the provider's own refusal, byte for byte, and the override
// is not used; an accepted one gets the override.
func TestAfterAuthKeepsTheProvidersChecks(t *testing.T) {
	for _, c := range []struct {
		name, provider, endpoint string
		good, bad, bad2          call
		refusal                  string
	}{
		{"gempay bad signature", "gempay", "order", gempayOrder(gempayKey, "R1"), gempayOrder("not-the-key", "R2"), gempayOrder("not-the-key", "R3"),
			`{"status":"error","message":"Invalid hash combination","code":401}`},
		{"gempay window", "gempay", "order", gempayOrder(gempayKey, "R1"),
			func() call { c := gempayOrder(gempayKey, "R2"); c.headers[5] = "1700000000"; return c }(),
			func() call { c := gempayOrder(gempayKey, "R3"); c.headers[5] = "1700000000"; return c }(),
			`{"status":"error","message":"Request expired","code":400}`},
		{"hostdime bad hash", "hostdime", "server.list", hostdimeCall(hostdimePriv, 1, "server.list"),
			hostdimeCall("wrong", 2, "server.list"), hostdimeCall("wrong", 3, "server.list"),
			`{"error":{"code":401,"message":"Invalid API hash"},"response":null}`},
		{"nodeco bad checksum", "nodeco", "get_server_list", nodecoCall("get_server_list", ""),
			nodecoCall("get_server_list", "wrong"), nodecoCall("get_server_list", "wrong"),
			`{"code":"ERROR","message":"Invalid checksum.","data":{}}`},
		{"geniusplugin bad hash", "geniusplugin", "getcredit", gpCall(gpKey), gpCall("wrong"), gpCall("wrong"), `{"status":"Invalid hash"}`},
		{"geniusplugin IP not authorised", "geniusplugin", "getcredit", gpCall(gpKey),
			func() call {
				c := gpCall(gpKey)
				c.headers = append(c.headers, "X-Forwarded-For", "198.51.100.1")
				return c
			}(),
			func() call {
				c := gpCall(gpKey)
				c.headers = append(c.headers, "X-Forwarded-For", "198.51.100.1")
				return c
			}(),
			`{"status":"IP not authorized"}`},
		{"zipay bad sign", "zipay", "balance", zipayCall(zipaySecret, "balance", "currency=USD"),
			zipayCall("wrong", "balance", "currency=USD"), zipayCall("wrong", "balance", "currency=USD"),
			`{"errors":{"auth":"INVALID_API_SIGN"},"success":false,"status":403}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, nil)
			refused := c.bad.do(t, s)
			require.Equal(t, c.refusal, refused.Body, "the provider refuses it")

			add(t, s, `{"provider":"`+c.provider+`","endpoint":"`+c.endpoint+`","response":{"status":202,"body":"pinned"}}`)
			again := c.bad2.do(t, s)
			assert.Equal(t, refused.Status, again.Status)
			assert.Equal(t, refused.Body, again.Body, "the refusal stands")

			r := c.good.do(t, s)
			assert.Equal(t, 202, r.Status)
			assert.Equal(t, "pinned", r.Body)

			var o struct{ Hits int }
			require.NoError(t, json.Unmarshal([]byte(s.Do(t, "GET", "/__admin/overrides/1", "").Body), &o))
			assert.Equal(t, 1, o.Hits)
			assert.Equal(t, `{"count":1}`+"\n", count(t, s, "provider="+c.provider+"&endpoint="+c.endpoint+"&outcome=override"))
			assert.Equal(t, `{"count":2}`+"\n", count(t, s, "provider="+c.provider+"&outcome=rejected"))
		})
	}
}

// An overridden request runs no business rule and writes nothing.
func TestAfterAuthWritesNoState(t *testing.T) {
	s := newServer(t, nil)
	add(t, s, `{"provider":"gempay","endpoint":"order","response":{"json":{"status":"success","message":"Order created successfully","code":200,"data":{"order_id":"FAKE-{{.Params.ref_id}}"}}}}`)
	add(t, s, `{"provider":"zipay","endpoint":"transfer","response":{"json":{"result":{"trackid":"fake"},"success":true,"status":200}}}`)
	add(t, s, `{"provider":"nodeco","endpoint":"create_server","response":{"json":{"code":"OK","message":"The server creation process has been started","data":{"server_id":"fake"}}}}`)

	r := gempayOrder(gempayKey, "R9").do(t, s)
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, `{"status":"success","message":"Order created successfully","code":200,"data":{"order_id":"FAKE-R9"}}`, r.Body)
	assert.Equal(t, gempayAccount, s.Do(t, "GET", "/__admin/gempay/accounts/"+gempayKey, "").Body, "nothing charged")
	assert.Equal(t, `{"orders":[]}`+"\n", s.Do(t, "GET", "/__admin/gempay/orders", "").Body, "no order stored")

	before := zipayCall(zipaySecret, "balance", "currency=USD").do(t, s).Body
	r = zipayCall(zipaySecret, "transfer", "receiver=10017&amount=10&currency=USD&order_id=19").do(t, s)
	assert.Equal(t, `{"result":{"trackid":"fake"},"success":true,"status":200}`, r.Body)
	assert.Equal(t, before, zipayCall(zipaySecret, "balance", "currency=USD").do(t, s).Body, "no money moved")
	assert.Equal(t, `{"transfers":[]}`+"\n", s.Do(t, "GET", "/__admin/zipay/transfers", "").Body)

	servers := s.Do(t, "GET", "/__admin/nodeco/servers", "").Body
	r = nodecoCall("create_server", "", "package", "compute1", "server_label", "x", "install_source", "template", "os_template", "centos-6-32", "hostname", "x.example.com").do(t, s)
	assert.Equal(t, `{"code":"OK","message":"The server creation process has been started","data":{"server_id":"fake"}}`, r.Body)
	assert.Equal(t, servers, s.Do(t, "GET", "/__admin/nodeco/servers", "").Body, "no server created")
	assert.Equal(t, `{"count":3}`+"\n", count(t, s, "outcome=override"))
}

// Replay protection and rate limits run before an after-auth override too:
// an overridden request still uses up its nonce and its rate.
func TestAfterAuthKeepsReplayAndRateLimits(t *testing.T) {
	s := newServer(t, func(c *config.Config) { config.SectionOf[*gempay.Config](c).OrderPerUser = 1 })
	add(t, s, `{"provider":"hostdime","response":{"body":"pinned"}}`)
	add(t, s, `{"provider":"gempay","response":{"body":"pinned"}}`)

	echo := hostdimeCall(hostdimePriv, 1, "server.list")
	assert.Equal(t, "pinned", echo.do(t, s).Body)
	r := echo.do(t, s)
	assert.Equal(t, `{"error":{"code":409,"message":"Duplicate request: api_unique has already been used"},"response":null}`, r.Body, "the same api_unique again")

	assert.Equal(t, "pinned", gempayOrder(gempayKey, "R1").do(t, s).Body)
	r = gempayOrder(gempayKey, "R2").do(t, s)
	assert.Equal(t, 429, r.Status)
	assert.Equal(t, `{"status":"error","message":"Too many requests","code":429}`, r.Body)
	assert.Equal(t, `{"count":2}`+"\n", count(t, s, "outcome=override"))
}
