package apidesc_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/apidesc/apitest"
	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/apptest"
)

// TestEverySampleAnswersItsDocumentedSuccess sends every endpoint's signed
// sample (what the dashboard's Send button and the Postman collection send)
// to a fresh server, in the documents' order, through the OpenAPI validator,
// and checks the documented success status and key field.
func TestEverySampleAnswersItsDocumentedSuccess(t *testing.T) {
	srv := apptest.New(t, nil)
	apis := apidesc.Collect(srv.App.Providers)
	require.Len(t, apis, 6, "every provider describes itself")
	h := apitest.New(t, apis, app.Hosts).Wrap(srv.App.Handler())
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	vsrv := srv.Server
	vsrv.Config.Handler = h
	sent := 0
	for _, a := range apis {
		for _, e := range a.Endpoints {
			if e.SkipPostman {
				continue
			}
			s, err := apidesc.Signed(a, e, vsrv.URL, srv.App.Clock.Now())
			require.NoError(t, err)
			req, err := http.NewRequest(s.Method, s.URL, strings.NewReader(s.Body))
			require.NoError(t, err)
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
				for _, c := range e.Capture {
					captured(apis, a.Name, c.Name, toString(dig(v, c.Value)))
					a, _ = apidesc.Find(apis, a.Name)
				}
			}
			sent++
		}
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
