package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/handlers"
)

const gempayEndpoints = "cek-status, check-ml, order, products"

func TestJournalQueriesRefuseUnknownNames(t *testing.T) {
	s := apptest.New(t, nil)
	for _, path := range []string{"/__admin/requests", "/__admin/requests/count", "/__admin/ui/requests"} {
		for _, c := range []struct{ query, msg string }{
			{"outcome=rejectd", `outcome: \"rejectd\" is not one of ok, rejected, error, fault, override`},
			{"provider=bogus", `provider: \"bogus\" is not one of nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay`},
			{"provider=gempay&endpoint=ordr", `endpoint: \"ordr\" is not an endpoint of gempay (one of ` + gempayEndpoints + `)`},
			{"provider=virtdedi&endpoint=create_snapshot", `endpoint: \"create_snapshot\" is not an endpoint of virtdedi (one of `},
		} {
			r := s.Do(t, "GET", path+"?"+c.query, "")
			assert.Equal(t, http.StatusBadRequest, r.Status, path+"?"+c.query)
			assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
			assert.True(t, strings.HasPrefix(r.Body, `{"error":"`+c.msg), "%s?%s: %s", path, c.query, r.Body)
		}
	}
	// An endpoint without a provider must be some provider's.
	r := s.Do(t, "GET", "/__admin/requests/count?endpoint=ordr", "")
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.True(t, strings.HasPrefix(r.Body, `{"error":"endpoint: \"ordr\" is not an endpoint of any provider (one of `), r.Body)
	assert.Contains(t, r.Body, ", order, ")
	assert.Contains(t, r.Body, ", server.power.cycle, ")

	// Valid names still answer, and count what they should.
	s.Do(t, "POST", "/gempay/api/order", "")
	for query, want := range map[string]string{
		"provider=gempay&endpoint=order&outcome=rejected": `{"count":1}`,
		"endpoint=order":                                 `{"count":1}`,
		"provider=zipay":                                 `{"count":0}`,
		"provider=nodeco&endpoint=unknown":               `{"count":0}`,
		"provider=geniusplugin&endpoint=autologin.admin": `{"count":0}`,
		"outcome=fault":                                  `{"count":0}`,
	} {
		r := s.Do(t, "GET", "/__admin/requests/count?"+query, "")
		assert.Equal(t, 200, r.Status, query)
		assert.Equal(t, want+"\n", r.Body, query)
	}
}

func TestFaultsRefuseUnknownEndpoints(t *testing.T) {
	s := apptest.New(t, nil)
	r := s.Do(t, "POST", "/__admin/faults", `{"provider":"gempay","endpoint":"ordr","kind":"status"}`)
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Equal(t, `{"error":"endpoint: \"ordr\" is not an endpoint of gempay (one of `+gempayEndpoints+`)"}`+"\n", r.Body)
	r = s.Do(t, "POST", "/__admin/faults", `{"provider":"zipay","endpoint":"unknown","kind":"status"}`)
	assert.Equal(t, http.StatusBadRequest, r.Status, "the journal's catch-all is no fault target")
	r = s.Do(t, "POST", "/__admin/faults", `{"provider":"bogus","kind":"status"}`)
	assert.Equal(t, `{"error":"provider: \"bogus\" is not one of nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay"}`+"\n", r.Body)
	r = s.Do(t, "GET", "/__admin/faults", "")
	assert.Equal(t, `{"faults":[]}`+"\n", r.Body, "nothing was armed")
}

// Every listed endpoint can be a fault's target, including the page routes
// whose last path segment is an id: the fault fires and the journal names it.
func TestFaultsFireOnPageEndpoints(t *testing.T) {
	s := apptest.New(t, nil)
	for _, c := range []struct{ provider, endpoint, method, path string }{
		{"zipay", "ip", "GET", "/zipay/api/"},
		{"zipay", "invoice_v1.show", "GET", "/zipay/invoice_v1/TRACK1"},
		{"zipay", "invoice_v1.submit", "POST", "/zipay/invoice_v1/TRACK1"},
		{"geniusplugin", "autologin.admin", "GET", "/geniusplugin/autologin/admin"},
		{"geniusplugin", "dashboard", "GET", "/geniusplugin/dashboard/client"},
		{"nodeco", "virtualmonitor", "GET", "/nodeco/virtualmonitor-alt/1/tok"},
		{"virtdedi", "snapshot_download", "GET", "/virtdedi/snapshot-download/sandbox/1/x.img"},
		{"hostdime", "server.power.cycle", "POST", "/hostdime/v1/server/power/cycle.json"},
		{"gempay", "check-ml", "POST", "/gempay/api/check-ml"},
	} {
		r := s.Do(t, "POST", "/__admin/faults", `{"provider":"`+c.provider+`","endpoint":"`+c.endpoint+`","kind":"status","status":418}`)
		require.Equal(t, http.StatusCreated, r.Status, r.Body)
		r = s.Do(t, c.method, c.path, "")
		assert.Equal(t, 418, r.Status, "%s %s", c.provider, c.endpoint)
		r = s.Do(t, "GET", "/__admin/requests/count?provider="+c.provider+"&endpoint="+c.endpoint+"&outcome=fault", "")
		assert.Equal(t, `{"count":1}`+"\n", r.Body, "%s %s", c.provider, c.endpoint)
	}
}

// The lists are the providers' own: each is non-empty, sorted and without
// the names of another flavour.
func TestProviderEndpointLists(t *testing.T) {
	s := apptest.New(t, nil)
	lists := map[string][]string{}
	for _, p := range s.App.Providers {
		lists[p.Name()] = handlers.Endpoints(p)
		assert.NotEmpty(t, lists[p.Name()], p.Name())
	}
	assert.Equal(t, []string{"cek-status", "check-ml", "order", "products"}, lists["gempay"])
	assert.Contains(t, lists["nodeco"], "create_snapshot")
	assert.NotContains(t, lists["virtdedi"], "create_snapshot")
	assert.Contains(t, lists["hostdime"], "utility.echo")
	assert.Contains(t, lists["geniusplugin"], "autologin.client")
	assert.Contains(t, lists["zipay"], "create-invoice")
}
