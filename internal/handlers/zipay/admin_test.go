package zipay_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
)

const (
	localIPs  = `["127.0.0.0/8","::1/128","10.0.0.0/8","172.16.0.0/12","192.168.0.0/16","fc00::/7"]`
	mainKeyJS = `{"api_key":"` + mainKey + `","secret":"` + mainSecret + `","account":10025,"methods":["*"],"ips":` + localIPs + `,"enabled":true}`
	acct10025 = `{"number":10025,"email":"info@example.com","name":"Example Merchant","balances":{"IRT":"100000000","USD":"1000","USDT":"1000"},"terminals":[{"number":1001,"name":"Example Shop"}],"keys":[` +
		mainKeyJS + `,` +
		`{"api_key":"zipay-limited-key-0003","secret":"zipay-limited-secret-0003","account":10025,"methods":["random"],"ips":` + localIPs + `,"enabled":true},` +
		`{"api_key":"zipay-remote-key-0004","secret":"zipay-remote-secret-0004","account":10025,"methods":["*"],"ips":["203.0.113.0/24"],"enabled":true}]}`
	acct10017 = `{"number":10017,"email":"info@example.org","name":"Example Receiver","balances":{"IRT":"0","USD":"50","USDT":"0"},"terminals":[{"number":1002,"name":"Example Org Store"}],"keys":[` +
		`{"api_key":"zipay-second-key-0002","secret":"zipay-second-secret-0002","account":10017,"methods":["*"],"ips":` + localIPs + `,"enabled":true}]}`
)

// adminCall sends a JSON admin request and asserts status and the whole body.
func adminCall(t *testing.T, s *apptest.Server, method, path, body string, status int, want string) {
	t.Helper()
	r := s.Do(t, method, path, body, "Content-Type", "application/json")
	require.Equal(t, want+"\n", r.Body, "%s %s", method, path)
	require.Equal(t, status, r.Status, "%s %s", method, path)
	require.Equal(t, "application/json", r.Header.Get("Content-Type"))
}

func TestAdminAccounts(t *testing.T) {
	s := newServer(t, nil)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/accounts", "", 200, `{"accounts":[`+acct10017+`,`+acct10025+`]}`)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/accounts/10025", "", 200, acct10025)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/accounts/1", "", 404, `{"error":"account 1 not found"}`)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/accounts/abc", "", 404, `{"error":"account abc not found"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/accounts/1", `{"name":"x"}`, 404, `{"error":"account 1 not found"}`)

	created := `{"number":20000,"email":"new@example.net","name":"New","balances":{"IRT":"0","USD":"12.5","USDT":"0"},"terminals":[],"keys":[]}`
	adminCall(t, s, http.MethodPost, "/__admin/zipay/accounts", `{"number":20000,"email":"new@example.net","name":"New","balances":{"USD":"12.50"}}`, 201, created)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/accounts/20000", "", 200, created)
	adminCall(t, s, http.MethodPost, "/__admin/zipay/accounts", `{"number":20000,"email":"other@example.net","name":"N"}`, 409, `{"error":"account 20000 or email other@example.net already exists"}`)
	adminCall(t, s, http.MethodPost, "/__admin/zipay/accounts", `{"number":20001,"email":"INFO@example.com","name":"N"}`, 409, `{"error":"account 20001 or email INFO@example.com already exists"}`)
	for body, want := range map[string]string{
		`{"email":"a@b.c","name":"N"}`:                                        `{"error":"number: required, a positive integer"}`,
		`{"number":20001,"name":"N"}`:                                         `{"error":"email: required"}`,
		`{"number":20001,"email":"nope","name":"N"}`:                          `{"error":"email: \"nope\" is not an e-mail address"}`,
		`{"number":20001,"email":"a@b.c"}`:                                    `{"error":"name: required, non-empty"}`,
		`{"number":20001,"email":"a@b.c","name":"N","balances":{"EUR":"1"}}`:  `{"error":"balances: unknown currency \"EUR\" (USD, USDT or IRT)"}`,
		`{"number":20001,"email":"a@b.c","name":"N","balances":{"USD":"-1"}}`: `{"error":"balances.USD: \"-1\" is not a non-negative plain decimal string"}`,
		`{"number":20001,"email":"a@b.c","name":"N","colour":"red"}`:          `{"error":"bad JSON body: json: unknown field \"colour\""}`,
	} {
		adminCall(t, s, http.MethodPost, "/__admin/zipay/accounts", body, 400, want)
	}

	adminCall(t, s, http.MethodPatch, "/__admin/zipay/accounts/20000", `{"email":"renamed@example.net","name":"Renamed","balances":{"IRT":"5","USDT":"0.000001"}}`, 200,
		`{"number":20000,"email":"renamed@example.net","name":"Renamed","balances":{"IRT":"5","USD":"12.5","USDT":"0.000001"},"terminals":[],"keys":[]}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/accounts/20000", `{"email":"info@example.org"}`, 409, `{"error":"email info@example.org belongs to another account"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/accounts/20000", `{"number":1}`, 400, `{"error":"bad JSON body: json: unknown field \"number\""}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/accounts/20000", `{"balances":{"USD":"1e3"}}`, 400, `{"error":"balances.USD: \"1e3\" is not a non-negative plain decimal string"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/accounts/20000", `{"name":""}`, 400, `{"error":"name: must not be empty"}`)

	// Keys: create, get, duplicate, bad fields.
	newKey := `{"api_key":"k-new","secret":"s-new","account":20000,"methods":["*"],"ips":[],"enabled":true}`
	adminCall(t, s, http.MethodPost, "/__admin/zipay/keys", `{"api_key":"k-new","secret":"s-new","account":20000}`, 201, newKey)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/keys/k-new", "", 200, newKey)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/keys/nope", "", 404, `{"error":"key nope not found"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/keys/nope", `{"enabled":false}`, 404, `{"error":"key nope not found"}`)
	adminCall(t, s, http.MethodPost, "/__admin/zipay/keys", `{"api_key":"k-new","secret":"x","account":20000}`, 409, `{"error":"api_key k-new already exists"}`)
	adminCall(t, s, http.MethodPost, "/__admin/zipay/keys", `{"api_key":"k2","secret":"x","account":1}`, 400, `{"error":"account: 1 is not a zipay account"}`)
	adminCall(t, s, http.MethodPost, "/__admin/zipay/keys", `{"secret":"x","account":20000}`, 400, `{"error":"api_key: required, non-empty"}`)
	adminCall(t, s, http.MethodPost, "/__admin/zipay/keys", `{"api_key":"k2","account":20000}`, 400, `{"error":"secret: required"}`)
	adminCall(t, s, http.MethodPost, "/__admin/zipay/keys", `{"api_key":"k2","secret":"x"}`, 400, `{"error":"account: required"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/keys/k-new", `{"ips":["10.0.0.0/33"]}`, 400, `{"error":"ips: \"10.0.0.0/33\" is not an IP address or CIDR"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/keys/k-new", `{"methods":["fly"]}`, 400, `{"error":"methods: unknown method \"fly\" (\"*\" or one of the API methods such as \"transfer\")"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/keys/k-new", `{"secret":""}`, 400, `{"error":"secret: must not be empty"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/keys/k-new", `{"api_key":"x"}`, 400, `{"error":"bad JSON body: json: unknown field \"api_key\""}`)
	// The account lists its new key; the new key works on the API.
	adminCall(t, s, http.MethodGet, "/__admin/zipay/accounts/20000", "", 200,
		`{"number":20000,"email":"renamed@example.net","name":"Renamed","balances":{"IRT":"5","USD":"12.5","USDT":"0.000001"},"terminals":[],"keys":[`+newKey+`]}`)
	expect(t, call(t, s, "balance", "", "k-new", "s-new"), 200, balanceBody("12.5", "0.000001", "5"))
}

func TestAdminPatchTakesEffect(t *testing.T) {
	s := newServer(t, nil)
	// An IP list that leaves the caller out: IP_NOT_ALLOWED.
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/keys/"+mainKey, `{"ips":["203.0.113.0/24"]}`, 200,
		`{"api_key":"`+mainKey+`","secret":"`+mainSecret+`","account":10025,"methods":["*"],"ips":["203.0.113.0/24"],"enabled":true}`)
	expect(t, mainCall(t, s, "random", ""), 403, errBody(403, "auth", "IP_NOT_ALLOWED"))
	// Back in range, but only "random" enabled: transfer is refused.
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/keys/"+mainKey, `{"ips":["127.0.0.1"],"methods":["random"]}`, 200,
		`{"api_key":"`+mainKey+`","secret":"`+mainSecret+`","account":10025,"methods":["random"],"ips":["127.0.0.1"],"enabled":true}`)
	expect(t, mainCall(t, s, "transfer", "receiver=10017&amount=1&currency=USD&order_id=1"), 403, errBody(403, "auth", "METHOD_NOT_ALLOWED"))
	// A new secret: the old signature no longer matches.
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/keys/"+mainKey, `{"methods":["*"],"secret":"fresh"}`, 200,
		`{"api_key":"`+mainKey+`","secret":"fresh","account":10025,"methods":["*"],"ips":["127.0.0.1"],"enabled":true}`)
	expect(t, mainCall(t, s, "random", ""), 403, errBody(403, "auth", "INVALID_API_SIGN"))
	// An empty USD wallet: INSUFFICIENT_BALANCE.
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/accounts/10025", `{"balances":{"USD":"0"}}`, 200,
		strings.Replace(strings.ReplaceAll(acct10025, mainKeyJS, `{"api_key":"`+mainKey+`","secret":"fresh","account":10025,"methods":["*"],"ips":["127.0.0.1"],"enabled":true}`), `"USD":"1000"`, `"USD":"0"`, 1))
	expect(t, call(t, s, "transfer", "receiver=10017&amount=1&currency=USD&order_id=1", mainKey, "fresh"), 422, errBody(422, "amount", "INSUFFICIENT_BALANCE"))
	// A disabled key: INVALID_API_KEY.
	adminCall(t, s, http.MethodPatch, "/__admin/zipay/keys/"+mainKey, `{"enabled":false}`, 200,
		`{"api_key":"`+mainKey+`","secret":"fresh","account":10025,"methods":["*"],"ips":["127.0.0.1"],"enabled":false}`)
	expect(t, call(t, s, "random", "", mainKey, "fresh"), 403, errBody(403, "auth", "INVALID_API_KEY"))
}

func TestAdminStateViews(t *testing.T) {
	s := newServer(t, nil)
	for _, v := range []string{"invoices", "transfers", "exchanges", "withdrawals"} {
		adminCall(t, s, http.MethodGet, "/__admin/zipay/"+v, "", 200, `{"`+v+`":[]}`)
	}
	inv, _ := createInvoice(t, s, "77", "")
	invoice := func(state string) string {
		return `{"invoices":[{"trackid":"` + inv + `","account":10025,"terminal":1001,"invoice_number":"77","amount":"100.99","currency":"USD","state":"` + state +
			`","created_at":"2023-03-30T08:43:15Z","paid_at":null,"completed_at":null}]}`
	}
	adminCall(t, s, http.MethodGet, "/__admin/zipay/invoices", "", 200, invoice("unpaid"))
	s.Advance(time.Hour - time.Nanosecond)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/invoices", "", 200, invoice("unpaid"))
	s.Advance(time.Nanosecond)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/invoices", "", 200, invoice("expired"))

	tr := trackOf(t, mainCall(t, s, "transfer", "receiver=10017&amount=10&currency=USD&order_id=19&description=rent"))
	adminCall(t, s, http.MethodGet, "/__admin/zipay/transfers", "", 200,
		`{"transfers":[{"trackid":"`+tr+`","sender":10025,"receiver":10017,"amount":"10","currency":"USD","order_id":"19","description":"rent","created_at":"2023-03-30T09:43:15Z"}]}`)
	ex := trackOf(t, mainCall(t, s, "exchange", "amount=100.99&from_currency=USD&to_currency=IRT"))
	adminCall(t, s, http.MethodGet, "/__admin/zipay/exchanges", "", 200,
		`{"exchanges":[{"trackid":"`+ex+`","account":10025,"spent_amount":"100.99","spent_coin":"USD","rate":"51889.25","get_amount":"5240295.3575","get_coin":"IRT","market":"USDIRT","side":"sell","created_at":"2023-03-30T09:43:15Z"}]}`)
	wd := trackOf(t, mainCall(t, s, "crypto-withdraw", "order_id=8&coin=USDT&network=TRX&amount=5.01&address=TB6F5HTWR4yAJ1UcLNQ3aYLxSCxY12bnWn"))
	adminCall(t, s, http.MethodGet, "/__admin/zipay/withdrawals", "", 200,
		`{"withdrawals":[{"trackid":"`+wd+`","account":10025,"order_id":8,"coin":"USDT","network":"TRX","requested":"5.01","amount":"3.51","fee":"1.5","address":"TB6F5HTWR4yAJ1UcLNQ3aYLxSCxY12bnWn","status":"queue","created_at":"2023-03-30T09:43:15Z"}]}`)

	page := s.Do(t, http.MethodGet, "/__admin/ui/state/zipay", "")
	require.Equal(t, 200, page.Status)
	for _, want := range []string{"<h3>Accounts</h3>", "<h3>API keys</h3>", "<td>zipay-remote-key-0004</td>", "<h3>Invoices</h3>", "<td>" + inv + "</td>", "<td>expired</td>",
		"<h3>Transfers</h3>", "<td>" + tr + "</td>", "<h3>Exchanges</h3>", "<td>" + ex + "</td>", "<h3>Withdrawals</h3>", "<td>" + wd + "</td>"} {
		require.Contains(t, page.Body, want)
	}
}

var reTrackID = regexp.MustCompile(`"trackid":"([^"]+)"`)

// trackOf returns the trackid of a successful answer whose body the API tests
// already assert byte for byte.
func trackOf(t *testing.T, r apptest.Response) string {
	t.Helper()
	require.Equal(t, 200, r.Status, r.Body)
	m := reTrackID.FindStringSubmatch(r.Body)
	require.Len(t, m, 2, r.Body)
	return m[1]
}

func TestAdminDeleteAccount(t *testing.T) {
	s := newServer(t, nil)
	inv, _ := createInvoice(t, s, "77", "")
	trackOf(t, mainCall(t, s, "transfer", "receiver=10017&amount=10&currency=USD&order_id=19"))
	// The key works until the delete (and any cached copy of it is warm).
	require.Equal(t, http.StatusOK, call(t, s, "balance", "", "zipay-second-key-0002", "zipay-second-secret-0002").Status)

	r := s.Do(t, http.MethodDelete, "/__admin/zipay/accounts/10017", "")
	require.Equal(t, http.StatusNoContent, r.Status)
	require.Equal(t, "", r.Body)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/accounts/10017", "", 404, `{"error":"account 10017 not found"}`)
	adminCall(t, s, http.MethodDelete, "/__admin/zipay/accounts/10017", "", 404, `{"error":"account 10017 not found"}`)
	adminCall(t, s, http.MethodDelete, "/__admin/zipay/accounts/abc", "", 404, `{"error":"account abc not found"}`)

	// Its key, wallets and the transfer it received went with it; the sender
	// keeps its debited wallet and its own invoice.
	adminCall(t, s, http.MethodGet, "/__admin/zipay/keys/zipay-second-key-0002", "", 404, `{"error":"key zipay-second-key-0002 not found"}`)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/transfers", "", 200, `{"transfers":[]}`)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/accounts", "", 200, `{"accounts":[`+strings.Replace(acct10025, `"USD":"1000"`, `"USD":"990"`, 1)+`]}`)
	adminCall(t, s, http.MethodGet, "/__admin/zipay/invoices", "", 200, `{"invoices":[{"trackid":"`+inv+`","account":10025,"terminal":1001,"invoice_number":"77",`+
		`"amount":"100.99","currency":"USD","state":"unpaid","created_at":"2023-03-30T08:43:15Z","paid_at":null,"completed_at":null}]}`)
	expect(t, call(t, s, "random", "", "zipay-second-key-0002", "zipay-second-secret-0002"), 403, errBody(403, "auth", "INVALID_API_KEY"))
	// The wallet setter no longer finds it either.
	adminCall(t, s, http.MethodPost, "/__admin/zipay/balances", `{"account":10017,"currency":"USD","amount":"1"}`, 404, `{"error":"no zipay account 10017"}`)
}
