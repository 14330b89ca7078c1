package overrides_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/journal"
)

const (
	gempayKey      = "gempay-test-key-0001"
	missingHeaders = `{"status":"error","message":"Unauthorized: Missing required headers","code":401}`
	gempayAccount  = `{"id":1,"api_key":"gempay-test-key-0001","name":"Test Reseller","role":"reseller","balance":1000000,` +
		`"ips":["127.0.0.0/8","::1","10.0.0.0/8","172.16.0.0/12","192.168.0.0/16","fc00::/7"]}` + "\n"
)

func TestBeforeAuthAnswersBeforeAnyCheck(t *testing.T) {
	s := newServer(t, nil)
	add(t, s, `{"provider":"gempay","endpoint":"order","after_auth":false,
		"response":{"status":503,"headers":{"X-Extra":"1","Retry-After":"30"},"json":{"status":"error","message":"Server sibuk","code":503}}}`)

	// No key, no signature, no time: the override answers anyway.
	r := s.Do(t, "POST", "/gempay/api/order", `{"user_id":"1","zone":"2","produk_id":"1","ref_id":"r1"}`)
	assert.Equal(t, 503, r.Status)
	assert.Equal(t, `{"status":"error","message":"Server sibuk","code":503}`, r.Body)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "1", r.Header.Get("X-Extra"))
	assert.Equal(t, "30", r.Header.Get("Retry-After"))

	// Other endpoints are the provider's.
	r = s.Do(t, "POST", "/gempay/api/cek-status", `{}`)
	assert.Equal(t, 401, r.Status)

	var list struct{ Requests []journal.Entry }
	require.NoError(t, json.Unmarshal([]byte(s.Do(t, "GET", "/__admin/requests?provider=gempay&outcome=override", "").Body), &list))
	require.Len(t, list.Requests, 1)
	e := list.Requests[0]
	assert.Equal(t, journal.OutcomeOverride, e.Outcome)
	assert.Equal(t, int64(1), e.OverrideID)
	assert.Equal(t, "order", e.Endpoint)
	assert.Equal(t, "override", e.Reason)
	assert.Equal(t, "override #1 answered with status 503", e.Explanation)
	assert.Equal(t, `{"count":1}`+"\n", count(t, s, "provider=gempay&endpoint=order&outcome=override"))
	assert.Equal(t, `{"count":0}`+"\n", count(t, s, "provider=gempay&endpoint=cek-status&outcome=override"))

	// Nothing charged, nothing stored.
	assert.Equal(t, gempayAccount, s.Do(t, "GET", "/__admin/gempay/accounts/"+gempayKey, "").Body)
	assert.Equal(t, `{"orders":[]}`+"\n", s.Do(t, "GET", "/__admin/gempay/orders", "").Body)
}

func multipartBody(t *testing.T, fields map[string]string) (string, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	fw, err := mw.CreateFormFile("upload", "a.txt")
	require.NoError(t, err)
	_, _ = fw.Write([]byte("file content is not a parameter"))
	require.NoError(t, mw.Close())
	return b.String(), mw.FormDataContentType()
}

func TestMatchConditions(t *testing.T) {
	mp, mpType := multipartBody(t, map[string]string{"user_id": "42"})
	for _, c := range []struct {
		name, match, method, path, body string
		headers                         []string
		hit                             bool
	}{
		{"no conditions", `{}`, "POST", "/gempay/api/order", "", nil, true},
		{"param in the query", `{"params":{"user_id":"42"}}`, "POST", "/gempay/api/order?user_id=42", "", nil, true},
		{"param in a form", `{"params":{"user_id":"42"}}`, "POST", "/gempay/api/order", "a=1&user_id=42",
			[]string{"Content-Type", "application/x-www-form-urlencoded"}, true},
		{"param in a multipart form", `{"params":{"user_id":"42"}}`, "POST", "/gempay/api/order", mp, []string{"Content-Type", mpType}, true},
		{"param in a JSON body", `{"params":{"user_id":"42","n":7,"ok":true}}`, "POST", "/gempay/api/order",
			`{"user_id":"42","n":7,"ok":true}`, []string{"Content-Type", "application/json"}, true},
		{"the body wins over the query", `{"params":{"user_id":"42"}}`, "POST", "/gempay/api/order?user_id=41", `{"user_id":"42"}`, nil, true},
		{"param differs", `{"params":{"user_id":"42"}}`, "POST", "/gempay/api/order", `{"user_id":"420"}`, nil, false},
		{"param missing", `{"params":{"user_id":""}}`, "POST", "/gempay/api/order", `{}`, nil, false},
		{"every param must hold", `{"params":{"user_id":"42","zone":"1"}}`, "POST", "/gempay/api/order", `{"user_id":"42","zone":"2"}`, nil, false},
		{"header, any case of name", `{"headers":{"x-request-time":"1700000000"}}`, "POST", "/gempay/api/order", "",
			[]string{"X-Request-Time", "1700000000"}, true},
		{"header value is exact", `{"headers":{"X-Request-Time":"1700000000"}}`, "POST", "/gempay/api/order", "",
			[]string{"X-Request-Time", "1700000001"}, false},
		{"body contains", `{"body_contains":"\"zone\""}`, "POST", "/gempay/api/order", `{"zone":"1"}`, nil, true},
		{"body lacks", `{"body_contains":"\"zone\""}`, "POST", "/gempay/api/order", `{"zona":"1"}`, nil, false},
		{"all three", `{"params":{"user_id":"42"},"headers":{"X-Api-Key":"k"},"body_contains":"42"}`, "POST", "/gempay/api/order",
			`{"user_id":"42"}`, []string{"X-API-Key", "k"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, nil)
			add(t, s, `{"provider":"gempay","endpoint":"order","after_auth":false,"match":`+c.match+`,"response":{"body":"pinned"}}`)
			r := s.Do(t, c.method, c.path, c.body, c.headers...)
			if c.hit {
				assert.Equal(t, 200, r.Status)
				assert.Equal(t, "pinned", r.Body)
				return
			}
			assert.Equal(t, 401, r.Status, "the provider answers")
			assert.Equal(t, missingHeaders, r.Body)
		})
	}
}

func TestTimesRunsOut(t *testing.T) {
	s := newServer(t, nil)
	add(t, s, `{"provider":"gempay","endpoint":"order","after_auth":false,"times":2,"response":{"status":500,"body":"down"}}`)
	for i := range 2 {
		r := s.Do(t, "POST", "/gempay/api/order", "")
		assert.Equal(t, 500, r.Status, "use %d", i+1)
		assert.Equal(t, "down", r.Body)
	}
	r := s.Do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, 401, r.Status, "used up: the provider answers")
	assert.Equal(t, missingHeaders, r.Body)

	var o struct {
		Times, Remaining *int
		Hits             int
	}
	require.NoError(t, json.Unmarshal([]byte(s.Do(t, "GET", "/__admin/overrides/1", "").Body), &o))
	assert.Equal(t, 2, *o.Times)
	assert.Equal(t, 0, *o.Remaining)
	assert.Equal(t, 2, o.Hits)
	assert.Equal(t, `{"count":2}`+"\n", count(t, s, "outcome=override"))
}

func TestPriorityThenNewest(t *testing.T) {
	s := newServer(t, nil)
	for _, spec := range []string{
		`{"provider":"gempay","after_auth":false,"priority":5,"response":{"body":"old high"}}`,      // 1
		`{"provider":"gempay","after_auth":false,"priority":5,"response":{"body":"new high"}}`,      // 2
		`{"provider":"gempay","after_auth":false,"priority":0,"response":{"body":"newest low"}}`,    // 3
		`{"provider":"gempay","after_auth":false,"priority":-1,"response":{"body":"newer lowest"}}`, // 4
	} {
		add(t, s, spec)
	}
	order := []string{"new high", "old high", "newest low", "newer lowest"}
	for i, want := range order {
		r := s.Do(t, "POST", "/gempay/api/order", "")
		assert.Equal(t, want, r.Body)
		id := map[string]int{"old high": 1, "new high": 2, "newest low": 3, "newer lowest": 4}[want]
		assert.Equal(t, 200, s.Do(t, "DELETE", "/__admin/overrides/"+strconv.Itoa(id), "").Status, "step %d", i)
	}
	assert.Equal(t, missingHeaders, s.Do(t, "POST", "/gempay/api/order", "").Body)
}

func TestTemplates(t *testing.T) {
	s := newServer(t, nil)
	add(t, s, `{"provider":"gempay","endpoint":"order","after_auth":false,"response":{"json":
		{"status":"success","message":"{{.Params.user_id}}/{{.Params.zone}}","code":200,
		 "data":{"ref":"{{.Params.ref_id}}","key":"{{.Headers.X_Api_Key}}{{index .Headers \"X-Api-Key\"}}","at":"{{.Now}}","unix":"{{.NowUnix}}",
		 "missing":"[{{.Params.nope}}]","list":["{{len .Params}}",1.5,null,false]}}}}`)
	add(t, s, `{"provider":"gempay","endpoint":"cek-status","after_auth":false,"response":{"body":"trx {{.Params.trx_id}} at {{.NowUnix}}"}}`)

	r := s.Do(t, "POST", "/gempay/api/order?zone=2", `{"user_id":"123","ref_id":"<r&1>"}`, "X-API-Key", "k-1")
	assert.Equal(t, `{"status":"success","message":"123/2","code":200,"data":{"ref":"\u003cr\u00261\u003e","key":"k-1",`+
		`"at":"2024-09-14T23:03:00Z","unix":"1726354980","missing":"[]","list":["3",1.5,null,false]}}`, r.Body)

	r = s.Do(t, "POST", "/gempay/api/cek-status", "trx_id=T9", "Content-Type", "application/x-www-form-urlencoded")
	assert.Equal(t, "trx T9 at 1726354980", r.Body)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"), "the provider's Content-Type")
}

func TestFaultsComeFirst(t *testing.T) {
	s := newServer(t, nil)
	add(t, s, `{"provider":"gempay","endpoint":"order","after_auth":false,"response":{"body":"pinned"}}`)
	r := s.Do(t, "POST", "/__admin/faults", `{"provider":"gempay","endpoint":"order","kind":"empty"}`)
	require.Equal(t, 201, r.Status)

	r = s.Do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, "", r.Body, "the fault")
	r = s.Do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, "pinned", r.Body, "then the override")
	assert.Equal(t, `{"count":1}`+"\n", count(t, s, "outcome=fault"))
	assert.Equal(t, `{"count":1}`+"\n", count(t, s, "outcome=override"))
}

func TestResetClearsOverrides(t *testing.T) {
	s := newServer(t, nil)
	add(t, s, `{"provider":"gempay","after_auth":false,"response":{"body":"g"}}`)
	add(t, s, `{"provider":"zipay","after_auth":false,"response":{"body":"z"}}`)

	require.Equal(t, 200, s.Do(t, "POST", "/__admin/reset?provider=gempay", "").Status)
	var list struct{ Overrides []struct{ Provider string } }
	require.NoError(t, json.Unmarshal([]byte(s.Do(t, "GET", "/__admin/overrides", "").Body), &list))
	require.Len(t, list.Overrides, 1)
	assert.Equal(t, "zipay", list.Overrides[0].Provider)
	assert.Equal(t, missingHeaders, s.Do(t, "POST", "/gempay/api/order", "").Body)
	assert.Equal(t, "z", s.Do(t, "POST", "/zipay/api/balance", "").Body)

	require.Equal(t, 200, s.Do(t, "POST", "/__admin/reset", "").Status)
	assert.Equal(t, `{"overrides":[]}`+"\n", s.Do(t, "GET", "/__admin/overrides", "").Body)
	assert.NotEqual(t, "z", s.Do(t, "POST", "/zipay/api/balance", "").Body)
}

// An override with times 1 answers exactly one of many concurrent requests.
func TestTimesUnderConcurrency(t *testing.T) {
	s := newServer(t, nil)
	add(t, s, `{"provider":"gempay","endpoint":"order","after_auth":false,"times":1,"response":{"body":"once"}}`)
	const n = 16
	bodies := make(chan string, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bodies <- s.Do(t, "POST", "/gempay/api/order", "").Body
		}()
	}
	wg.Wait()
	close(bodies)
	once := 0
	for b := range bodies {
		if b == "once" {
			once++
		} else {
			assert.Equal(t, missingHeaders, b)
		}
	}
	assert.Equal(t, 1, once)
	var o struct{ Hits, Remaining int }
	require.NoError(t, json.Unmarshal([]byte(s.Do(t, "GET", "/__admin/overrides/1", "").Body), &o))
	assert.Equal(t, 1, o.Hits)
	assert.Equal(t, 0, o.Remaining)
}

// A template that fails when it runs answers the provider's own internal
// error, journaled as an error of the mock.
func TestTemplateFailureAtAnswerTime(t *testing.T) {
	s := newServer(t, nil)
	add(t, s, `{"provider":"gempay","after_auth":false,"response":{"body":"{{slice .Now 5 2}}"}}`)
	r := s.Do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, 500, r.Status)
	assert.Equal(t, `{"status":"error","message":"Internal Server Error","code":500}`, r.Body)
	var list struct{ Requests []journal.Entry }
	require.NoError(t, json.Unmarshal([]byte(s.Do(t, "GET", "/__admin/requests", "").Body), &list))
	require.Len(t, list.Requests, 1)
	assert.Equal(t, journal.OutcomeError, list.Requests[0].Outcome)
	assert.Equal(t, "internal", list.Requests[0].Reason)
	assert.Contains(t, list.Requests[0].Explanation, `override #1: response.body: template: response.body:1:2: executing "response.body" at <slice .Now 5 2>: error calling slice: invalid slice index: 5 > 2`)
}
