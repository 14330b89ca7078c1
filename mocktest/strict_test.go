package mocktest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/mocksign"
	"github.com/mocksuite/mocksuite/mocktest"
)

// A typo in a filter fails the test instead of counting nothing.
func TestFilterTypoFails(t *testing.T) {
	for _, c := range []struct {
		f    mocktest.Filter
		want string
	}{
		{mocktest.Filter{Outcome: "rejectd"}, `mocktest: GET /__admin/requests/count?outcome=rejectd: 400 {"error":"outcome: \"rejectd\" is not one of ok, rejected, error, fault, override"}`},
		{mocktest.Filter{Provider: "bogus"}, `mocktest: GET /__admin/requests/count?provider=bogus: 400 {"error":"provider: \"bogus\" is not one of nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay"}`},
		{mocktest.Filter{Provider: "gempay", Endpoint: "ordr"}, `mocktest: GET /__admin/requests/count?endpoint=ordr&provider=gempay: 400 {"error":"endpoint: \"ordr\" is not an endpoint of gempay (one of cek-status, check-ml, order, products)"}`},
	} {
		ft := &fakeT{TB: t} // records Fatalf; Cleanup goes to t
		fake := mocktest.New(ft)
		func() {
			defer func() { _ = recover() }()
			fake.Count(c.f)
		}()
		assert.Equal(t, c.want, ft.fatal)
	}
}

// Outside a test, Start and Close run a server by hand; a failing call panics.
func TestStartAndClose(t *testing.T) {
	srv, err := mocktest.Start(mocktest.WithSeed(7))
	require.NoError(t, err)
	status, body := get(t, srv.BaseURL()+"/__admin/health")
	assert.Equal(t, 200, status)
	assert.Equal(t, `{"status":"ok","version":"0.1.0"}`+"\n", body)
	assert.PanicsWithValue(t, `mocktest: unknown provider "paypal" (one of nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay)`, func() { srv.URL("paypal") })
	require.NoError(t, srv.Close())
	require.NoError(t, srv.Close(), "a second Close does nothing")
	_, err = mocktest.Start(mocktest.WithConfigYAML("no_such_key: 1"))
	assert.EqualError(t, err, "mocktest: config: line 1: field no_such_key not found in type config.Config")
}

// TestProducts is the package documentation's example, compiled and run.
func TestProducts(t *testing.T) {
	srv := mocktest.New(t, mocktest.WithSeed(7))
	srv.SetClock(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
	// Your client, pointed at srv.URL("gempay") with a fixture key:
	req, _ := http.NewRequest("GET", srv.URL("gempay")+"/api/products", nil)
	req.Header.Set("Authorization", "Bearer "+mocksign.Gempay.APIKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if n := srv.Count(mocktest.Filter{Provider: "gempay", Outcome: mocktest.OutcomeRejected}); n != 0 {
		t.Errorf("%d requests were refused: %+v", n, srv.Requests(mocktest.Filter{Outcome: mocktest.OutcomeRejected}))
	}
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, 1, srv.Count(mocktest.Filter{Provider: "gempay", Endpoint: "products", Outcome: mocktest.OutcomeOK}))
}
