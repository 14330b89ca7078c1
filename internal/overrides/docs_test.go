package overrides_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/providers"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// workedExample finds the override objects of the docs' worked examples.
var workedExample = regexp.MustCompile("(?s)```json\n(.*?)\n```")

// Every override the docs show is one the server takes. (The transcript in
// the same section is replayed by internal/transcripts.)
func TestDocumentedOverridesAreAccepted(t *testing.T) {
	found := documentedOverrides(t, "### Response overrides")
	s := newServer(t, nil)
	for _, m := range found {
		r := s.Do(t, "POST", "/__admin/overrides", m[1])
		assert.Equal(t, 201, r.Status, "%s\n%s", m[1], r.Body)
	}
}

// The example file loads, and docker-compose.yml mounts it where
// MOCK_OVERRIDES_FILE points.
func TestExampleOverridesFile(t *testing.T) {
	cfg := providers.DefaultConfig()
	cfg.DB = filepath.Join(t.TempDir(), "mock.db")
	cfg.OverridesFile = "../../examples/overrides.yaml"
	a, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	defer a.Close()
	assert.NotEmpty(t, a.Overrides.List())

	compose, err := os.ReadFile("../../docker-compose.yml")
	require.NoError(t, err)
	assert.Contains(t, string(compose), "./examples/overrides.yaml:/etc/mocksuite/overrides.yaml:ro")
	assert.Contains(t, string(compose), `MOCK_OVERRIDES_FILE: /etc/mocksuite/overrides.yaml`)
}

// The worked examples do what the docs say, for requests the providers accept.
func TestWorkedExamples(t *testing.T) {
	found := documentedOverrides(t, "#### Worked examples")
	s := newServer(t, nil)
	for _, m := range found {
		add(t, s, m[1])
	}
	xmlPath := func(c call, ext string) call { c.path = strings.TrimSuffix(c.path, ".json") + "." + ext; return c }
	virtdedi := func(c call) call { c.path = strings.Replace(c.path, "/nodeco/", "/virtdedi/", 1); return c }

	// A real order of another player, for cek-status to authenticate through.
	order := gempayOrder(gempayKey, "REF-7")
	order.body = strings.Replace(order.body, "123456", "777", 1)
	require.Equal(t, 200, order.do(t, s).Status)
	status := call{"POST", "/gempay/api/cek-status", `{"trx_id":"REF-7"}`, []string{
		"Authorization", "Bearer " + verify.SignGempayStatus(gempayKey, "REF-7"), "Content-Type", "application/json"}}

	for _, c := range []struct {
		name   string
		req    call
		status int
		want   string
	}{
		{"nodeco create_server, XML", nodecoCall("create_server", "", "server_label", "maint-test", "format", "xml"), 200,
			"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>ERROR</code>\n<message>Data center maintenance, try again in 30 minutes.</message>\n<data></data>\n"},
		{"virtdedi get_server_detail", virtdedi(nodecoCall("get_server_detail", "", "server_id", "4242")), 200,
			`{"code":"OK","message":"","data":{"server_id":"4242","server_status":"off","checked_at":"2024-09-14T23:03:00Z"}}`},
		{"hostdime server.power.cycle", hostdimeCall(hostdimePriv, 1, "server.power.cycle", [2]string{"cuid", "S-1"}), 200,
			`{"error":{"code":503,"message":"IPMI controller unreachable"},"response":null}`},
		{"hostdime ticket.create, XML", xmlPath(hostdimeCall(hostdimePriv, 2, "ticket.create", [2]string{"cuid", "S-1"}, [2]string{"subject", "Disk & RAID"}), "xml"), 200,
			"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xml><error/><response><id>T-1726354980</id><cuid>S-1</cuid><subject>Disk &amp; RAID</subject><status>open</status></response></xml>"},
		{"gempay order", gempayOrder(gempayKey, "REF-8"), 200, `{"status":"error","message":"Server sibuk","code":200}`},
		{"gempay cek-status", status, 200,
			`{"status":"success","message":"Berhasil mendapatkan status transaksi","code":200,"data":{"order_id":"REF-7","status":"Success","keterangan":"Pembelian berhasil"}}`},
		{"geniusplugin autoregister", func() call { c := gpCall(gpKey); c.path = "/geniusplugin/api/v1/autoregister/"; return c }(), 200,
			`{"status":"Server is under maintenance"}`},
		{"geniusplugin active", func() call { c := gpCall(gpKey); c.path = "/geniusplugin/api/v1/active/"; return c }(), 200,
			`{"status":"ok","domain":"example.com"}`},
		{"zipay transfer", zipayCall(zipaySecret, "transfer", "receiver=10017&amount=10&currency=USD&order_id=19"), 422,
			`{"errors":{"receiver":"ACCOUNT_FROZEN"},"success":false,"status":422}`},
		{"zipay invoice-status", zipayCall(zipaySecret, "invoice-status", "trackid=abc-123"), 200,
			`{"result":{"trackid":"abc-123","status":"completed"},"success":true,"status":200}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := c.req.do(t, s)
			assert.Equal(t, c.status, r.Status)
			assert.Equal(t, c.want, r.Body)
		})
	}
	assert.Equal(t, `{"count":10}`+"\n", count(t, s, "outcome=override"))
}

// documentedOverrides returns the worked examples of docs/control-plane.md
// from the heading given to the next section, two per provider family.
func documentedOverrides(t *testing.T, heading string) [][]string {
	t.Helper()
	raw, err := os.ReadFile("../../docs/control-plane.md")
	require.NoError(t, err)
	doc := string(raw)
	start := strings.Index(doc, heading)
	end := strings.Index(doc, "### Seed")
	require.True(t, start > 0 && end > start)
	found := workedExample.FindAllStringSubmatch(doc[start:end], -1)
	require.Len(t, found, 10, "two per provider family")
	return found
}
