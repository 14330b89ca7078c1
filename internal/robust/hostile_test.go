package robust_test

import (
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/mocktest"
)

var (
	overLimit = strings.Repeat("a", bodyLimit+1)
	sqlText   = `x' OR '1'='1'; DROP TABLE orders;--`
)

func TestHostileGempay(t *testing.T) {
	s := newServer(t)
	order := gempayOrderHeaders
	rows := []hreq{
		{name: "body over the limit", path: "/gempay/api/order", headers: order("R", "15000"), body: overLimit,
			status: 413, want: `{"status":"error","message":"Payload Too Large","code":413}`},
		{name: "malformed JSON", path: "/gempay/api/order", headers: order("R", "15000"), body: `{"user_id":"1","produk_id":`,
			status: 400, want: `{"status":"error","message":"Missing required parameters","code":400}`},
		{name: "JSON array", path: "/gempay/api/order", headers: order("R", "15000"), body: `["1","1","R"]`,
			status: 400, want: `{"status":"error","message":"Missing required parameters","code":400}`},
		{name: "form body", path: "/gempay/api/order", headers: order("R", "15000"), body: `user_id=1&produk_id=1&ref_id=R`,
			status: 400, want: `{"status":"error","message":"Missing required parameters","code":400}`},
		{name: "invalid UTF-8 in ref_id", path: "/gempay/api/order", headers: order("R\xff", "15000"), body: "{\"user_id\":\"1\",\"produk_id\":\"1\",\"ref_id\":\"R\xff\"}",
			status: 401, want: `{"status":"error","message":"Invalid hash combination","code":401}`},
		{name: "SQL-looking produk_id", path: "/gempay/api/order", headers: order("R1", "15000"), body: `{"user_id":"1","produk_id":"1' OR '1'='1","ref_id":"R1"}`,
			status: 404, want: `{"status":"error","message":"Product not found","code":404}`},
		{name: "SQL-looking trx_id", path: "/gempay/api/cek-status", headers: []string{"Authorization", "Bearer " + sign2(sqlText), "Content-Type", "application/json"}, body: `{"trx_id":"` + sqlText + `"}`,
			status: 404, want: `{"status":"error","message":"Transaction not found","code":404}`},
		{name: "produk_id out of range", path: "/gempay/api/order", headers: order("R2", "15000"), body: `{"user_id":"1","produk_id":99999999999999999999999999,"ref_id":"R2"}`,
			status: 404, want: `{"status":"error","message":"Product not found","code":404}`},
		{name: "produk_id negative", path: "/gempay/api/order", headers: order("R3", "15000"), body: `{"user_id":"1","produk_id":-1,"ref_id":"R3"}`,
			status: 404, want: `{"status":"error","message":"Product not found","code":404}`},
		{name: "produk_id fractional", path: "/gempay/api/order", headers: order("R4", "15000"), body: `{"user_id":"1","produk_id":1.5,"ref_id":"R4"}`,
			status: 404, want: `{"status":"error","message":"Product not found","code":404}`},
		{name: "user_id huge exponent", path: "/gempay/api/order", headers: order("R5", "15000"), body: `{"user_id":1e400,"produk_id":"1","ref_id":"R5"}`,
			status: 200, prefix: `{"status":"success","message":"Order created successfully","code":200,"data":{"order_id":"INV-`},
		{name: "user_id object", path: "/gempay/api/order", headers: order("R6", "15000"), body: `{"user_id":{"a":1},"produk_id":"1","ref_id":"R6"}`,
			status: 400, want: `{"status":"error","message":"Missing required parameters","code":400}`},
		{name: "dot-dot in path", path: "/gempay/api/../api/order", headers: order("R7", "15000"), body: `{}`,
			status: 404, want: `{"status":"error","message":"Not Found","code":404}`},
		{name: "NUL in path", path: "/gempay/api/order%00", headers: order("R8", "15000"), body: `{}`,
			status: 404, want: `{"status":"error","message":"Not Found","code":404}`},
		{name: "NUL in ref_id", path: "/gempay/api/order", headers: order("R\x00", "15000"), body: `{"user_id":"1","produk_id":"1","ref_id":"R\u0000"}`,
			status: 200, prefix: `{"status":"success","message":"Order created successfully","code":200,"data":{"order_id":"INV-`},
		{name: "duplicate keys: the last one counts", path: "/gempay/api/order", headers: order("DUP-B", "15000"), body: `{"user_id":"1","produk_id":"1","ref_id":"DUP-A","ref_id":"DUP-B"}`,
			status: 200, prefix: `{"status":"success","message":"Order created successfully","code":200,"data":{"order_id":"INV-`},
		{name: "SQL-looking ref_id is stored as text", path: "/gempay/api/order", headers: order(sqlText, "15000"), body: `{"user_id":"1","produk_id":"1","ref_id":"` + sqlText + `"}`,
			status: 200, prefix: `{"status":"success","message":"Order created successfully","code":200,"data":{"order_id":"INV-`},
	}
	runTable(t, s, rows, func(t *testing.T) {
		r := s.Do(t, http.MethodPost, "/gempay/api/cek-status", `{"trx_id":"`+sqlText+`"}`, "Authorization", "Bearer "+sign2(sqlText), "Content-Type", "application/json")
		require.Equal(t, 200, r.Status, r.Body)
		require.Contains(t, r.Body, `"status":"Pending"`)
		ref := nextID("OK")
		r = s.Do(t, http.MethodPost, "/gempay/api/order", `{"user_id":"1","produk_id":"1","ref_id":"`+ref+`"}`, gempayOrderHeaders(ref, "15000")...)
		require.Equal(t, 200, r.Status, r.Body)
	})
}

func TestHostileHostdime(t *testing.T) {
	s := newServer(t)
	form := []string{"Content-Type", formType}
	list := "/hostdime/v1/server/list.json"
	rows := []hreq{
		{name: "body over the limit", path: list, headers: form, body: overLimit,
			status: 413, want: `{"error":{"code":413,"message":"Request body too large"},"response":null}`},
		{name: "malformed form", path: list, headers: form, body: "%zz=1&api_key=foobar",
			status: 200, want: `{"error":{"code":401,"message":"Missing authentication parameters"},"response":null}`},
		{name: "invalid UTF-8 echoed", path: "/hostdime/v1/utility/echo.json", headers: form, body: "foo=%FF%FE",
			status: 200, want: `{"error":null,"response":{"foo":"\ufffd\ufffd"}}`},
		{name: "invalid UTF-8 echoed as XML", path: "/hostdime/v1/utility/echo.xml", headers: form, body: "foo=%FF&%FF=1",
			status: 200, want: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xml><error/><response><foo>\ufffd</foo><item key=\"\ufffd\">1</item></response></xml>"},
		{name: "invalid UTF-8 echoed as YAML", path: "/hostdime/v1/utility/echo.yml", headers: form, body: "foo=%FF&%FF=1",
			status: 200, want: "error: null\nresponse:\n  foo: \ufffd\n  \ufffd: \"1\"\n"},
		{name: "duplicate parameters", path: "/hostdime/v1/domain/list.json", headers: form, body: hostdimeBody("domain.list", [][2]string{{"status", "expired"}, {"status", "registered"}}),
			status: 200, want: `{"error":{"code":401,"message":"Invalid API hash"},"response":null}`},
		{name: "SQL-looking cuid", path: "/hostdime/v1/server/get.json", headers: form, body: hostdimeBody("server.get", [][2]string{{"cuid", sqlText}}),
			status: 200, want: `{"error":{"code":404,"message":"Service not found: x' OR '1'='1'; DROP TABLE orders;--"},"response":null}`},
		{name: "SQL-looking api_key", path: list, headers: form, body: "api_key=" + strings.ReplaceAll(sqlText, "'", "%27") + "&api_timestamp=1&api_unique=u&api_hash=h",
			status: 200, want: `{"error":{"code":401,"message":"Invalid API key"},"response":null}`},
		{name: "dot-dot in path", path: "/hostdime/v1/../v1/server/list.json", headers: form, body: hostdimeBody("server.list", nil),
			status: 200, want: `{"error":{"code":404,"message":"Unknown API method: ...v1.server.list"},"response":null}`},
		{name: "dot-dot in extension", path: "/hostdime/v1/server/list.json/../x", headers: form, body: hostdimeBody("server.list", nil),
			status: 200, want: `{"error":{"code":404,"message":"Unknown API method: server.list.json....x"},"response":null}`},
		{name: "NUL in extension", path: "/hostdime/v1/server/list.json%00", headers: form, body: hostdimeBody("server.list", nil),
			status: 200, want: `{"error":{"code":415,"message":"Unsupported response format: json\u0000"},"response":null}`},
		{name: "NUL in method", path: "/hostdime/v1/server/li%00st.json", headers: form, body: hostdimeBody("server.list", nil),
			status: 200, want: `{"error":{"code":404,"message":"Unknown API method: server.li\u0000st"},"response":null}`},
		{name: "unknown extension", path: "/hostdime/v1/server/list.php", headers: form, body: hostdimeBody("server.list", nil),
			status: 200, want: `{"error":{"code":415,"message":"Unsupported response format: php"},"response":null}`},
		{name: "JSONP callback with script", path: "/hostdime/v1/utility/echo.json", headers: form, body: "foo=1&callback=" + strings.ReplaceAll("</script><script>alert(1)</script>", "/", "%2F"),
			status: 200, want: `{"error":{"code":400,"message":"Invalid JSONP callback name"},"response":null}`},
		{name: "JSONP callback in query with script", path: "/hostdime/v1/utility/echo.json?callback=alert(document.cookie)", headers: form, body: "foo=1",
			status: 200, want: `{"error":{"code":400,"message":"Invalid JSONP callback name"},"response":null}`},
		{name: "JSONP callback too long", path: "/hostdime/v1/utility/echo.json", headers: form, body: "callback=" + strings.Repeat("a", 129),
			status: 200, want: `{"error":{"code":400,"message":"Invalid JSONP callback name"},"response":null}`},
		{name: "timestamp out of range", path: list, headers: form, body: "api_key=foobar&api_timestamp=99999999999999999999999&api_unique=u1&api_hash=h",
			status: 200, want: `{"error":{"code":401,"message":"Request timestamp is invalid or expired"},"response":null}`},
		{name: "timestamp negative", path: list, headers: form, body: "api_key=foobar&api_timestamp=-1369758680&api_unique=u2&api_hash=h",
			status: 200, want: `{"error":{"code":401,"message":"Request timestamp is invalid or expired"},"response":null}`},
		{name: "timestamp fractional", path: list, headers: form, body: "api_key=foobar&api_timestamp=1726354980.5&api_unique=u3&api_hash=h",
			status: 200, want: `{"error":{"code":401,"message":"Request timestamp is invalid or expired"},"response":null}`},
		{name: "ticket id out of range", path: "/hostdime/v1/server/get.json", headers: form, body: hostdimeBody("server.get", [][2]string{{"cuid", "S99999999999999999999999"}}),
			status: 200, want: `{"error":{"code":404,"message":"Service not found: S99999999999999999999999"},"response":null}`},
		{name: "date_range out of range", path: "/hostdime/v1/vps/graphs.json", headers: form, body: hostdimeBody("vps.graphs", [][2]string{{"cuid", "V101"}, {"date_range", `["99999-01-01","-1-01-01"]`}}),
			status: 200, want: `{"error":{"code":400,"message":"Invalid value for parameter: date_range"},"response":null}`},
		{name: "multipart body", path: "/hostdime/v1/utility/echo.json", headers: []string{"Content-Type", "multipart/form-data; boundary=XX"}, body: "--XX\r\nContent-Disposition: form-data; name=\"foo\"\r\n\r\nbar\r\n--XX--\r\n",
			status: 200, want: `{"error":null,"response":{"--XX\r\nContent-Disposition: form-data; name":"\"foo\"\r\n\r\nbar\r\n--XX--\r\n"}}`},
	}
	runTable(t, s, rows, func(t *testing.T) {
		r := s.Do(t, http.MethodPost, "/hostdime/v1/server/get.json", hostdimeBody("server.get", [][2]string{{"cuid", "S37"}}), form...)
		require.Equal(t, 200, r.Status, r.Body)
		require.True(t, strings.HasPrefix(r.Body, `{"error":null,"response":{"cuid":"S37"`), r.Body)
	})
}

func TestHostileZipay(t *testing.T) {
	s := newServer(t)
	signed := func(body string) hreq {
		return hreq{path: "/zipay/api/transfer", headers: zipayHeaders(body), body: body}
	}
	row := func(name, body string, exp hreq) hreq {
		r := signed(body)
		r.name, r.status, r.want, r.prefix = name, exp.status, exp.want, exp.prefix
		return r
	}
	rows := []hreq{
		{name: "body over the limit", path: "/zipay/api/transfer", headers: zipayHeaders(overLimit), body: overLimit,
			status: 413, want: `{"errors":{"body":"TOO_LARGE"},"success":false,"status":413}`},
		row("malformed form", "%zz=1&amount=1", hreq{status: 403, want: `{"errors":{"auth":"INVALID_API_SIGN"},"success":false,"status":403}`}),
		row("invalid UTF-8 in description", "receiver=10017&amount=1&currency=USD&order_id=u8&description=%FF%FE", hreq{status: 200, prefix: `{"result":{"trackid":"`}),
		row("duplicate parameters", "receiver=10017&amount=1&amount=900&currency=USD&order_id=dup", hreq{status: 403, want: `{"errors":{"auth":"INVALID_API_SIGN"},"success":false,"status":403}`}),
		row("SQL-looking receiver", formBody([][2]string{{"receiver", sqlText}, {"amount", "1"}, {"currency", "USD"}, {"order_id", "sql1"}}), hreq{status: 422, want: `{"errors":{"receiver":"INVALID"},"success":false,"status":422}`}),
		row("SQL-looking order_id", "receiver=10017&amount=1&currency=USD&order_id=x%27+OR+1%3D1--", hreq{status: 200, prefix: `{"result":{"trackid":"`}),
		row("negative amount", "receiver=10017&amount=-1&currency=USD&order_id=neg", hreq{status: 422, want: `{"errors":{"amount":"INVALID"},"success":false,"status":422}`}),
		row("fractional beyond precision", "receiver=10017&amount=0.0000000000000000001&currency=USD&order_id=frac", hreq{status: 422, want: `{"errors":{"amount":"INVALID"},"success":false,"status":422}`}),
		row("huge amount", "receiver=10017&amount=99999999999999999999999999999999999999&currency=USD&order_id=huge", hreq{status: 422, want: `{"errors":{"amount":"INVALID"},"success":false,"status":422}`}),
		row("exponent amount", "receiver=10017&amount=1e3&currency=USD&order_id=exp", hreq{status: 422, want: `{"errors":{"amount":"INVALID"},"success":false,"status":422}`}),
		row("NaN amount", "receiver=10017&amount=NaN&currency=USD&order_id=nan", hreq{status: 422, want: `{"errors":{"amount":"INVALID"},"success":false,"status":422}`}),
		row("receiver out of range", "receiver=99999999999999999999999&amount=1&currency=USD&order_id=rr", hreq{status: 422, want: `{"errors":{"receiver":"INVALID"},"success":false,"status":422}`}),
		row("NUL in order_id", "receiver=10017&amount=1&currency=USD&order_id=a%00b", hreq{status: 200, prefix: `{"result":{"trackid":"`}),
		{name: "JSON body", path: "/zipay/api/transfer", headers: append(zipayHeaders(`{"amount":1}`), "Content-Type", "application/json"), body: `{"amount":1}`, status: 403, want: `{"errors":{"auth":"INVALID_API_SIGN"},"success":false,"status":403}`},
		{name: "multipart body", path: "/zipay/api/transfer", headers: []string{"Content-Type", "multipart/form-data; boundary=XX", "api_key", zipayKey, "api_sign", "x"}, body: "--XX\r\n", status: 403, want: `{"errors":{"auth":"INVALID_API_SIGN"},"success":false,"status":403}`},
		{name: "dot-dot in path", path: "/zipay/api/../api/balance", headers: zipayHeaders(""), status: 404, want: `{"errors":{"route":"NOT_FOUND"},"success":false,"status":404}`},
		{name: "NUL in path", path: "/zipay/api/balance%00", headers: zipayHeaders(""), status: 404, want: `{"errors":{"route":"NOT_FOUND"},"success":false,"status":404}`},
		{name: "NUL in invoice page", method: http.MethodGet, path: "/zipay/invoice_v1/..%2F..%00", status: 404, want: "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n<title>Zipay invoice payment</title>\n\n<style>\nbody{font-family:system-ui,sans-serif;background:#f3f5f8;margin:0;padding:2rem;color:#1d2330}\nmain{max-width:26rem;margin:auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 4px rgba(0,0,0,.1)}\ndl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#667}dd{margin:0;font-weight:600}\n.error{color:#b00020}.buttons{display:flex;gap:.75rem;margin-top:1rem}\nbutton{flex:1;padding:.7rem;border:0;border-radius:6px;font-size:1rem;cursor:pointer}\n#pay{background:#1a7f37;color:#fff}#cancel{background:#e5e7eb}\n</style>\n</head>\n<body>\n<main>\n<h1>Zipay invoice payment</h1>\n<p class=\"error\" id=\"error\">This invoice does not exist.</p>\n\n</main>\n</body>\n</html>\n"},
	}
	runTable(t, s, rows, func(t *testing.T) {
		r := s.Do(t, http.MethodPost, "/zipay/api/balance", "", zipayHeaders("")...)
		require.Equal(t, 200, r.Status, r.Body)
		require.True(t, strings.HasPrefix(r.Body, `{"items":[{"coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"amount":"`), r.Body)
	})
}

func TestHostileGeniusplugin(t *testing.T) {
	s := newServer(t)
	form := []string{"Content-Type", formType}
	reg := "/geniusplugin/api/v1/autoregister/"
	mp := func(fields [][2]string) (string, []string) {
		var b strings.Builder
		w := multipart.NewWriter(&b)
		for _, f := range fields {
			_ = w.WriteField(f[0], f[1])
		}
		_ = w.Close()
		return b.String(), []string{"Content-Type", w.FormDataContentType()}
	}
	mpBody, mpHdr := mp([][2]string{{"domain", "example.org"}})
	rows := []hreq{
		{name: "body over the limit", path: reg, headers: form, body: overLimit, status: 200, want: `{"status":"Request Missing data!"}`},
		{name: "malformed form", path: reg, headers: form, body: "%zz=1", status: 200, want: `{"status":"Request Missing data!"}`},
		{name: "malformed multipart", path: reg, headers: []string{"Content-Type", "multipart/form-data; boundary=XX"}, body: "--XX\r\nContent-Disposition: form-data; name=\"domain\"\r\n\r\nex", status: 200, want: `{"status":"Request Missing data!"}`},
		{name: "multipart without boundary", path: reg, headers: []string{"Content-Type", "multipart/form-data"}, body: "x", status: 200, want: `{"status":"Request Missing data!"}`},
		{name: "multipart unsigned", path: "/geniusplugin/api/v1/list/", headers: mpHdr, body: mpBody, status: 200, want: `{"status":"Request Missing data! hash"}`},
		{name: "invalid UTF-8 domain", path: reg, headers: form, body: gpBody("ex\xffample.com", [2]string{"package", "10k"}, [2]string{"password", "x"}, [2]string{"uemail", "a@b.c"}), status: 200, want: `{"status":"Invalid domain name"}`},
		{name: "duplicate parameters", path: "/geniusplugin/api/v1/list/", headers: form, body: gpBody("example.org") + "&domain=other.example", status: 200, want: `{"status":"Invalid hash"}`},
		{name: "SQL-looking domain", path: "/geniusplugin/api/v1/list/", headers: form, body: gpBody(sqlText), status: 200, want: `{"status":"Package not Found!"}`},
		{name: "SQL-looking package", path: reg, headers: form, body: gpBody("new.example", [2]string{"package", sqlText}, [2]string{"password", "x"}, [2]string{"uemail", "a@b.c"}), status: 200, want: `{"status":"Invalid package name"}`},
		{name: "negative package", path: reg, headers: form, body: gpBody("new.example", [2]string{"package", "-10k"}, [2]string{"password", "x"}, [2]string{"uemail", "a@b.c"}), status: 200, want: `{"status":"Invalid package name"}`},
		{name: "fractional package", path: reg, headers: form, body: gpBody("new.example", [2]string{"package", "10.5k"}, [2]string{"password", "x"}, [2]string{"uemail", "a@b.c"}), status: 200, want: `{"status":"Invalid package name"}`},
		{name: "huge package", path: reg, headers: form, body: gpBody("new.example", [2]string{"package", "99999999999999999999k"}, [2]string{"password", "x"}, [2]string{"uemail", "a@b.c"}), status: 200, want: `{"status":"Invalid package name"}`},
		{name: "timestamp out of range", path: "/geniusplugin/api/v1/getcredit/", headers: form, body: "domain=example.com&hash=x&timestamp=99999999999999999999", status: 200, want: `{"status":"Invalid timestamp"}`},
		{name: "dot-dot in path", path: "/geniusplugin/api/v1/../v1/getcredit/", headers: form, body: gpBody("example.com"), status: 200, want: `{"status":"Invalid endpoint"}`},
		{name: "NUL in path", path: "/geniusplugin/api/v1/getcredit%00/", headers: form, body: gpBody("example.com"), status: 200, want: `{"status":"Invalid endpoint"}`},
		{name: "NUL in domain", path: "/geniusplugin/api/v1/list/", headers: form, body: gpBody("example.org\x00"), status: 200, want: `{"status":"Package not Found!"}`},
	}
	runTable(t, s, rows, func(t *testing.T) {
		r := s.Do(t, http.MethodPost, "/geniusplugin/api/v1/getcredit/", gpBody("example.com"), form...)
		require.Equal(t, 200, r.Status, r.Body)
		require.Equal(t, `{"status":"OK - 1500.26"}`, r.Body)
		r = s.Do(t, http.MethodPost, "/geniusplugin/api/v1/list/", gpBody("example.org"), form...)
		require.Equal(t, `{"status":"active","exist":"exists"}`, r.Body)
	})
}

func TestHostileNodeco(t *testing.T) {
	s := newServer(t)
	form := []string{"Content-Type", formType}
	detail := "/nodeco/api-sandbox/v1/get_server_detail"
	rows := []hreq{
		{name: "body over the limit", path: detail, headers: form, body: overLimit, status: 200, want: `{"code":"ERROR","message":"The request is too large.","data":{}}`},
		{name: "malformed form", path: detail, headers: form, body: "%zz=1&user_id=12312", status: 200, want: `{"code":"ERROR","message":"The request parameters could not be read.","data":{}}`},
		{name: "multipart body", path: detail, headers: []string{"Content-Type", "multipart/form-data; boundary=XX"}, body: "--XX\r\n", status: 200, want: `{"code":"ERROR","message":"Missing parameter: user_id.","data":{}}`},
		{name: "invalid UTF-8 label", path: "/nodeco/api-sandbox/v1/change_server_label", headers: form, body: nodecoBody([2]string{"server_id", "12345"}, [2]string{"server_label", "a\xffb"}), status: 200, want: `{"code":"ERROR","message":"Parameter server_label is too long (maximum 50 characters).","data":{}}`},
		{name: "duplicate parameters", path: detail, headers: form, body: nodecoBody([2]string{"server_id", "12345"}, [2]string{"server_id", "20001001"}), status: 200, prefix: `{"code":"OK","message":"","data":{"server_id":"12345"`},
		{name: "SQL-looking server_id", path: detail, headers: form, body: nodecoBody([2]string{"server_id", sqlText}), status: 200, want: `{"code":"ERROR","message":"Server not found.","data":{}}`},
		{name: "SQL-looking user_id", path: detail, headers: form, body: formBody([][2]string{{"user_id", sqlText}, {"random", "r"}, {"checksum", "c"}, {"server_id", "1"}}), status: 200, want: `{"code":"ERROR","message":"Invalid user_id.","data":{}}`},
		{name: "server_id out of range", path: detail, headers: form, body: nodecoBody([2]string{"server_id", "99999999999999999999999"}), status: 200, want: `{"code":"ERROR","message":"Server not found.","data":{}}`},
		{name: "server_id negative", path: detail, headers: form, body: nodecoBody([2]string{"server_id", "-12345"}), status: 200, want: `{"code":"ERROR","message":"Server not found.","data":{}}`},
		{name: "server_id fractional", path: detail, headers: form, body: nodecoBody([2]string{"server_id", "12345.5"}), status: 200, want: `{"code":"ERROR","message":"Server not found.","data":{}}`},
		{name: "retain out of range", path: "/nodeco/api-sandbox/v1/set_server_snapshot_schedule", headers: form, body: nodecoBody([2]string{"server_id", "12345"}, [2]string{"daily_snapshot", "yes"}, [2]string{"daily_snapshot_max_age", "99999999999999999999"}), status: 200, want: `{"code":"ERROR","message":"Parameter daily_snapshot_max_age must be an integer from 1 to 99.","data":{}}`},
		{name: "max age negative", path: "/nodeco/api-sandbox/v1/set_server_snapshot_schedule", headers: form, body: nodecoBody([2]string{"server_id", "12345"}, [2]string{"daily_snapshot", "yes"}, [2]string{"daily_snapshot_max_age", "-7"}), status: 200, want: `{"code":"ERROR","message":"Parameter daily_snapshot_max_age must be an integer from 1 to 99.","data":{}}`},
		{name: "max age fractional", path: "/nodeco/api-sandbox/v1/set_server_snapshot_schedule", headers: form, body: nodecoBody([2]string{"server_id", "12345"}, [2]string{"daily_snapshot", "yes"}, [2]string{"daily_snapshot_max_age", "7.5"}), status: 200, want: `{"code":"ERROR","message":"Parameter daily_snapshot_max_age must be an integer from 1 to 99.","data":{}}`},
		{name: "dot-dot in path", path: "/nodeco/api-sandbox/v1/../v1/get_server_detail", headers: form, body: nodecoBody([2]string{"server_id", "12345"}), status: 404, want: `{"code":"ERROR","message":"Unknown function.","data":{}}`},
		{name: "NUL in function", path: "/nodeco/api-sandbox/v1/get_server_detail%00", headers: form, body: nodecoBody([2]string{"server_id", "12345"}), status: 200, want: `{"code":"ERROR","message":"Unknown function.","data":{}}`},
		{name: "NUL in format", path: detail, headers: form, body: nodecoBody([2]string{"server_id", "12345"}, [2]string{"format", "xml\x00"}), status: 200, prefix: `{"code":"OK","message":"","data":{"server_id":"12345"`},
		{name: "dot-dot in format", path: detail, headers: form, body: nodecoBody([2]string{"server_id", "12345"}, [2]string{"format", "../xml"}), status: 200, prefix: `{"code":"OK","message":"","data":{"server_id":"12345"`},
	}
	runTable(t, s, rows, func(t *testing.T) {
		r := s.Do(t, http.MethodPost, detail, nodecoBody([2]string{"server_id", "12346"}), form...)
		require.Equal(t, 200, r.Status, r.Body)
		require.True(t, strings.HasPrefix(r.Body, `{"code":"OK","message":"","data":{"server_id":"12346"`), r.Body)
	})
}

// TestHugeHeaders runs the real listener (MaxHeaderBytes 64 KiB): a header
// block over the limit is refused with 431 before any provider sees it, and
// the next request on the same server is served.
func TestHugeHeaders(t *testing.T) {
	srv := mocktest.New(t)
	for _, path := range []string{"/gempay/api/products", "/hostdime/v1/utility/echo.json", "/zipay/api/", "/geniusplugin/api/v1/getcredit/", "/nodeco/api-sandbox/v1/get_server_list"} {
		t.Run(path, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, srv.BaseURL()+path, strings.NewReader("a=1"))
			require.NoError(t, err)
			req.Header.Set("X-Huge", strings.Repeat("h", 70<<10))
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			_ = resp.Body.Close()
			require.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)

			req, err = http.NewRequest(http.MethodPost, srv.BaseURL()+path, strings.NewReader("a=1"))
			require.NoError(t, err)
			req.Header.Set("X-Big", strings.Repeat("h", 32<<10))
			resp, err = http.DefaultClient.Do(req)
			require.NoError(t, err)
			_ = resp.Body.Close()
			require.NotEqual(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)
			require.Less(t, resp.StatusCode, 500)
		})
	}
}
