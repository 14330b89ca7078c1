package apidesc_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/apidesc/apitest"
	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// TestEverySampleAnswersItsDocumentedSuccess sends every endpoint's signed
// sample (what the dashboard's Send button and the Postman collection send)
// to a fresh server, in the documents' order, through the OpenAPI validator,
// and checks the documented success status and key field. The server runs
// with the examples' seed and clock, and its JSON answers must be exactly the
// recorded examples of the documents (MOCK_UPDATE_EXAMPLES=1 rewrites them).
func TestEverySampleAnswersItsDocumentedSuccess(t *testing.T) {
	srv := apptest.New(t, func(c *config.Config) { c.Seed = apidesc.ExampleSeed })
	srv.SetClock(time.Unix(apidesc.ExampleTime, 0))
	apis := apidesc.Collect(srv.App.Providers)
	require.Len(t, apis, 6, "every provider describes itself")
	h := apitest.New(t, apis, providers.Hosts()).Wrap(srv.App.Handler())
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	vsrv := srv.Server
	vsrv.Config.Handler = h
	// The recorded answers name this origin (Zipay's redirect URL).
	origin := "http://127.0.0.1:8080"
	sent := 0
	for _, a := range apis {
		answers := map[string]json.RawMessage{}
		for _, e := range a.Endpoints {
			if e.SkipPostman {
				continue
			}
			s, err := apidesc.Signed(a, e, origin, srv.App.Clock.Now())
			require.NoError(t, err)
			req, err := http.NewRequest(s.Method, vsrv.URL+strings.TrimPrefix(s.URL, origin), strings.NewReader(s.Body))
			require.NoError(t, err)
			req.Host = "127.0.0.1:8080"
			for _, hd := range s.Headers {
				req.Header.Set(hd.Name, hd.Value)
			}
			resp, err := client.Do(req)
			require.NoError(t, err)
			var body strings.Builder
			_, _ = ioCopy(&body, resp)
			want := http.StatusOK
			for _, r := range e.Responses {
				if r.Status < 400 {
					want = r.Status
					break
				}
			}
			require.Equalf(t, want, resp.StatusCode, "%s %s: %s", a.Name, e.ID, body.String())
			switch {
			case e.TestText != "":
				require.Containsf(t, body.String(), e.TestText, "%s %s", a.Name, e.ID)
			case e.Test != "":
				var v any
				require.NoErrorf(t, json.Unmarshal([]byte(body.String()), &v), "%s %s: %s", a.Name, e.ID, body.String())
				got := dig(v, e.Test)
				require.NotNilf(t, got, "%s %s: %s missing in %s", a.Name, e.ID, e.Test, body.String())
				if e.TestWant != "" {
					require.Equalf(t, e.TestWant, toString(got), "%s %s", a.Name, e.ID)
				}
				answers[e.ID] = json.RawMessage(body.String())
				for _, c := range e.Capture {
					captured(apis, a.Name, c.Name, toString(dig(v, c.Value)))
					a, _ = apidesc.Find(apis, a.Name)
				}
			}
			sent++
		}
		checkExamples(t, a.Name, answers)
	}
	t.Logf("%d signed samples answered their documented success", sent)
	require.Greater(t, sent, 150)
}

// TestDocumentsAreValidOpenAPI loads each document with kin-openapi.
func TestDocumentsAreValidOpenAPI(t *testing.T) {
	srv := apptest.New(t, nil)
	for _, a := range apidesc.Collect(srv.App.Providers) {
		raw, err := apidesc.OpenAPI(a, "http://127.0.0.1:8080/"+a.Name)
		require.NoError(t, err)
		doc, err := openapi3.NewLoader().LoadFromData(raw)
		require.NoError(t, err, a.Name)
		require.NoError(t, doc.Validate(context.Background()), a.Name)
		require.Equal(t, "3.0.3", doc.OpenAPI)
		require.Equal(t, "http://127.0.0.1:8080/"+a.Name, doc.Servers[0].URL)
		require.Equal(t, a.RealOrigin, doc.Servers[1].URL)
		require.Contains(t, doc.Extensions, "x-mocksuite-signature")
	}
}

// TestAdminServesTheDescriptions checks the control-plane routes.
func TestAdminServesTheDescriptions(t *testing.T) {
	srv := apptest.New(t, nil)
	r := srv.Do(t, http.MethodGet, "/__admin/openapi/zipay.json", "")
	require.Equal(t, http.StatusOK, r.Status)
	require.Equal(t, "application/json", r.Header.Get("Content-Type"))
	doc, err := openapi3.NewLoader().LoadFromData([]byte(r.Body))
	require.NoError(t, err)
	require.Equal(t, "3.0.3", doc.OpenAPI)
	require.Equal(t, srv.URL+"/zipay", doc.Servers[0].URL, "servers[0] is this mock as the client called it")
	require.Equal(t, "https://api.zipay.io", doc.Servers[1].URL)

	r = srv.Do(t, http.MethodGet, "/__admin/openapi/paypal.json", "")
	require.Equal(t, http.StatusNotFound, r.Status)
	require.Equal(t, `{"error":"no API description for \"paypal\": one of nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay"}`+"\n", r.Body)
	r = srv.Do(t, http.MethodGet, "/__admin/openapi/zipay.yaml", "")
	require.Equal(t, http.StatusNotFound, r.Status)
	require.Equal(t, `{"error":"the OpenAPI documents are served as /__admin/openapi/{provider}.json"}`+"\n", r.Body)

	r = srv.Do(t, http.MethodGet, "/__admin/postman.json", "")
	require.Equal(t, http.StatusOK, r.Status)
	var coll any
	require.NoError(t, json.Unmarshal([]byte(r.Body), &coll))
	require.Equal(t, apidesc.PostmanSchema, dig(coll, "info.schema"))
	require.Len(t, dig(coll, "item"), 6)
	require.Equal(t, "baseUrl", dig(coll, "variable.0.key"))
	require.Equal(t, srv.URL, dig(coll, "variable.0.value"))

	r = srv.Do(t, http.MethodGet, "/__admin/ui/reference/hostdime/sample?op=nope", "")
	require.Equal(t, http.StatusNotFound, r.Status)
	require.Equal(t, `{"error":"hostdime has no endpoint \"nope\""}`+"\n", r.Body)
}
