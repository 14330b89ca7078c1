package handlers

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/journal"
)

type answerAll struct{ provider string }

func (a *answerAll) AfterAuth(w http.ResponseWriter, _ *http.Request, provider string) bool {
	a.provider = provider
	w.WriteHeader(http.StatusTeapot)
	return true
}

func TestAfterAuthWithoutInterceptorIsNoOp(t *testing.T) {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	assert.False(t, HasAuthInterceptor(r))
	assert.False(t, AfterAuth(w, r))
	assert.False(t, w.Code != http.StatusOK || w.Body.Len() > 0, "nothing written")
}

func TestAfterAuthAsksTheInterceptorWithTheProviderName(t *testing.T) {
	i := &answerAll{}
	var o wrapOptions
	WithAuthInterceptor(i)(&o)
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r = r.WithContext(contextWithHook(r, o.afterAuth, "zipay"))
	w := httptest.NewRecorder()
	assert.True(t, HasAuthInterceptor(r))
	assert.True(t, AfterAuth(w, r))
	assert.Equal(t, "zipay", i.provider)
	assert.Equal(t, http.StatusTeapot, w.Code)
}

// testMsg is a one-entry message table.
type testMsg int

func (testMsg) Text(args ...any) string {
	if len(args) > 0 {
		return "bad " + args[0].(string)
	}
	return "bad"
}
func (m testMsg) Status() int { return int(m) }
func (testMsg) Reason() journal.Reason {
	return journal.ReasonValidation
}

func TestRefusalRecordsTheEntryAndItsHeaders(t *testing.T) {
	for _, tc := range []struct {
		status      int
		explain     string
		outcome     string
		explanation string
	}{
		{422, "", journal.OutcomeRejected, "bad x"},
		{503, "why", journal.OutcomeError, "why"},
	} {
		note := journal.NewNote(nil, false)
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r = r.WithContext(journal.WithNote(r.Context(), note))
		w := httptest.NewRecorder()
		rf := Refuse(testMsg(tc.status), tc.explain, "x")
		rf.Header = http.Header{"Retry-After": {"3"}}
		rf.Record(r.Context(), w)
		_, outcome, reason, explanation := note.Snapshot()
		assert.Equal(t, tc.outcome, outcome)
		assert.Equal(t, "validation", reason)
		assert.Equal(t, tc.explanation, explanation)
		assert.Equal(t, "3", w.Header().Get("Retry-After"))
		assert.Equal(t, "bad x", rf.Error())
	}
}
