package signcli

import (
	"fmt"
	"net/url"
	"strings"
)

// DefaultBase is the mock's base URL when neither --url nor the caller says otherwise.
const DefaultBase = "http://127.0.0.1:8080"

// providerBase turns --url into the base the provider's own paths follow.
// A --url on the provider's real host (env.Host) is the real provider, or
// the mock answering under its name with --tls: its paths have no prefix.
// given is the mock's base URL (http://127.0.0.1:8080, as the server logs it)
// or a real provider origin; for the mock the /<provider> prefix is added. A
// mock URL that already ends in /<provider> is taken as it is, so the old
// spelling keeps working.
func (e Env) providerBase(provider, given string) (string, error) {
	if given == "" {
		given = e.Base
	}
	if given == "" {
		given = DefaultBase
	}
	u, err := url.Parse(given)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("sign %s: --url %q is not an absolute http(s) URL such as %s", provider, given, DefaultBase)
	}
	base := strings.TrimRight(given, "/")
	if (e.Host != "" && strings.EqualFold(u.Hostname(), e.Host)) || strings.HasSuffix(base, "/"+provider) {
		return base, nil
	}
	return base + "/" + provider, nil
}
