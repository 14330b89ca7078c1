package mocktest_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/mocktest"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

func TestServer(t *testing.T) {
	srv := mocktest.New(t, mocktest.WithSeed(7))
	assert.True(t, strings.HasPrefix(srv.BaseURL(), "http://127.0.0.1:"))
	assert.NotEqual(t, "http://127.0.0.1:0", srv.BaseURL())
	assert.Equal(t, srv.BaseURL()+"/hostdime", srv.URL("hostdime"))
	assert.Equal(t, []string{"nodeco", "virtdedi", "hostdime", "gempay", "geniusplugin", "zipay"}, srv.Providers())

	status, body := get(t, srv.BaseURL()+"/__admin/health")
	assert.Equal(t, 200, status)
	assert.Equal(t, `{"status":"ok","version":"0.1.0"}`+"\n", body)

	get(t, srv.URL("gempay")+"/api/nothing-here")
	get(t, srv.URL("zipay")+"/api/nothing-here")
	reqs := srv.Requests(mocktest.Filter{Provider: "gempay"})
	require.Len(t, reqs, 1)
	assert.Equal(t, "/api/nothing-here", reqs[0].Path)
	assert.Equal(t, 2, srv.Count(mocktest.Filter{}))

	at := time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC)
	srv.SetClock(at)
	srv.Advance(90 * time.Second)
	assert.Equal(t, at.Add(90*time.Second), srv.Now())
	get(t, srv.URL("gempay")+"/api/x")
	assert.Equal(t, at.Add(90*time.Second), srv.Requests(mocktest.Filter{Limit: 1})[0].Time, "the journal reads the mock clock")

	srv.InjectFault(mocktest.Fault{Provider: "gempay", Kind: "malformed"})
	status, body = get(t, srv.URL("gempay")+"/api/order")
	assert.Equal(t, 200, status)
	assert.Equal(t, `{"status":"succ`, body)
	assert.Equal(t, 1, srv.Count(mocktest.Filter{Outcome: mocktest.OutcomeFault}))

	srv.InjectFault(mocktest.Fault{Provider: "gempay", Kind: "empty"})
	srv.Reset()
	assert.Equal(t, 0, srv.Count(mocktest.Filter{}))
	assert.WithinDuration(t, time.Now(), srv.Now(), 5*time.Second, "reset resumes real time")
	status, body = get(t, srv.BaseURL()+"/__admin/faults")
	assert.Equal(t, 200, status)
	assert.Equal(t, `{"faults":[]}`+"\n", body, "reset disarms faults")
}

func TestServersAreIndependent(t *testing.T) {
	a, b := mocktest.New(t), mocktest.New(t)
	assert.NotEqual(t, a.BaseURL(), b.BaseURL())
	get(t, a.URL("zipay")+"/x")
	assert.Equal(t, 1, a.Count(mocktest.Filter{}))
	assert.Equal(t, 0, b.Count(mocktest.Filter{}))
}

func TestAccountGempay(t *testing.T) {
	srv := mocktest.New(t)
	acc, err := srv.Account("gempay", "gempay-other-ip-0003")
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"id": float64(3), "api_key": "gempay-other-ip-0003", "name": "Member Elsewhere",
		"role": "member", "balance": float64(1000000), "ips": []any{"203.0.113.7"}}, acc)
	_, err = srv.Account("gempay", "nobody")
	assert.EqualError(t, err, `mocktest: account gempay/nobody: 404 {"error":"account nobody not found"}`)
}

func TestBadOption(t *testing.T) {
	ft := &fakeT{TB: t}
	func() {
		defer func() { _ = recover() }()
		mocktest.New(ft, mocktest.WithConfigYAML("no_such_key: 1"))
	}()
	assert.Contains(t, ft.fatal, "mocktest: config: line 1: field no_such_key not found")
}

// fakeT records Fatalf instead of ending the real test.
type fakeT struct {
	testing.TB
	fatal string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.fatal = fmt.Sprintf(format, args...)
	panic("fatal")
}
