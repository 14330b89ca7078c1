package handlers

import (
	"context"
	"net/http"
)

// AuthInterceptor may answer a request in place of the provider once the
// provider has authenticated it and every guard (key, signature, IP
// whitelist, time window, replay, rate limits) has passed, before any
// business rule runs or any state is written: response overrides that keep
// the provider's checks. It returns true when it has answered.
type AuthInterceptor interface {
	AfterAuth(w http.ResponseWriter, r *http.Request, provider string) bool
}

// WrapOption adjusts the common middleware of one provider.
type WrapOption func(*wrapOptions)

type wrapOptions struct {
	afterAuth AuthInterceptor
}

// WithAuthInterceptor has Wrap hand every authenticated request to i (see
// AfterAuth). A nil i changes nothing.
func WithAuthInterceptor(i AuthInterceptor) WrapOption {
	return func(o *wrapOptions) { o.afterAuth = i }
}

// authHook is what Wrap stores in the request context for AfterAuth.
type authHook struct {
	i        AuthInterceptor
	provider string
}

// contextWithHook is r's context carrying i for AfterAuth.
func contextWithHook(r *http.Request, i AuthInterceptor, provider string) context.Context {
	return context.WithValue(r.Context(), keyAuthHook, authHook{i, provider})
}

// AfterAuth is called by every provider's serve function exactly once, right
// after authentication and all guards have passed and the endpoint name is
// set, before business rules or any state write. It returns true when the
// interceptor Wrap was given has answered; the provider then returns without
// doing anything else. Without an interceptor it returns false.
func AfterAuth(w http.ResponseWriter, r *http.Request) bool {
	h, _ := r.Context().Value(keyAuthHook).(authHook)
	if h.i == nil {
		return false
	}
	return h.i.AfterAuth(w, r, h.provider)
}

// HasAuthInterceptor reports whether AfterAuth may answer r. A provider that
// authenticates inside a store transaction uses it to leave the transaction
// before the interceptor runs, and to keep one transaction when there is none.
func HasAuthInterceptor(r *http.Request) bool {
	h, _ := r.Context().Value(keyAuthHook).(authHook)
	if h.i == nil {
		return false
	}
	if w, ok := h.i.(afterAuthWanter); ok {
		return w.WantsAfterAuth(h.provider)
	}
	return true
}

// afterAuthWanter is implemented by interceptors that can tell cheaply that
// they will not answer a provider's requests now (response overrides: none
// for that provider), so that the provider keeps its single transaction.
type afterAuthWanter interface {
	WantsAfterAuth(provider string) bool
}
