package handlers

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

// wantsOne answers only one provider and says so up front.
type wantsOne struct {
	answerAll
	want string
}

func (w *wantsOne) WantsAfterAuth(provider string) bool { return provider == w.want }

func TestHasAuthInterceptorAsksAnInterceptorThatCanTell(t *testing.T) {
	i := &wantsOne{want: "nodeco"}
	for provider, want := range map[string]bool{"nodeco": true, "virtdedi": false} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r = r.WithContext(contextWithHook(r, i, provider))
		assert.Equal(t, want, HasAuthInterceptor(r), provider)
	}
}
