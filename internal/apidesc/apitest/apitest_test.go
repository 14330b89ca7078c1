package apitest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/mocksuite/mocksuite/internal/apidesc"
)

// recordingTB collects the validator's complaints instead of failing.
type recordingTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recordingTB) complaints() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

var toy = apidesc.API{
	Name: "toy", Title: "toy", Version: "1",
	Endpoints: []apidesc.Endpoint{{
		ID: "get", Method: http.MethodPost, Path: "/api/get", Tag: "t", Body: "form",
		Params: []apidesc.Param{{Name: "n", Type: "integer", Required: true, Maximum: apidesc.Num(9)}},
		Responses: []apidesc.Response{
			{Status: 200, Description: "done", Schema: apidesc.AnyOf(
				apidesc.Obj("ok", apidesc.Const("yes")),
				apidesc.Obj("error", apidesc.Texts("Missing %s", "Bad")))},
			{Status: 403, Description: "refused", Schema: apidesc.Obj("error", apidesc.Texts("Forbidden"))},
		},
	}},
	Unrouted: []apidesc.Response{{Status: 404, Description: "no route", Schema: apidesc.Obj("error", apidesc.Texts("Not found"))}},
}

// TestValidatorCatchesUndescribedAnswers proves the validator is not a
// rubber stamp: each exchange below is checked against the toy document.
func TestValidatorCatchesUndescribedAnswers(t *testing.T) {
	cases := []struct {
		name, path, body string
		status           int
		answer           string
		complain         string // "" = described
	}{
		{"success", "/toy/api/get", "n=3", 200, `{"ok":"yes"}`, ""},
		{"documented error text", "/toy/api/get", "n=3", 200, `{"error":"Missing n"}`, ""},
		{"error text not in the table", "/toy/api/get", "n=3", 200, `{"error":"Missing"}`, "does not describe"},
		{"undocumented status", "/toy/api/get", "n=3", 500, `{"error":"Bad"}`, "status is not supported"},
		{"wrong shape", "/toy/api/get", "n=3", 403, `{"error":403}`, "does not describe"},
		{"invalid request accepted", "/toy/api/get", "n=10", 200, `{"ok":"yes"}`, "yet got the success answer"},
		{"invalid request refused", "/toy/api/get", "n=10", 200, `{"error":"Bad"}`, ""},
		{"unrouted, documented", "/toy/nope", "", 404, `{"error":"Not found"}`, ""},
		{"unrouted, undocumented", "/toy/nope", "", 200, `{"ok":"yes"}`, "does not describe"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rtb := &recordingTB{TB: t}
			h := New(rtb, []apidesc.API{toy}, nil).Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.answer))
			}))
			req := httptest.NewRequest(http.MethodPost, tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			h.ServeHTTP(httptest.NewRecorder(), req)
			got := rtb.complaints()
			if tc.complain == "" {
				if len(got) != 0 {
					t.Fatalf("unexpected complaint: %v", got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0], tc.complain) {
				t.Fatalf("want one complaint containing %q, got %v", tc.complain, got)
			}
		})
	}
}
