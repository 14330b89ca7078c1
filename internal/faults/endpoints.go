package faults

import (
	"net/http"
	"strings"
)

// pageRoutes name the endpoints of the routes whose last path segment is an
// id or a token rather than a name, as their handlers name them in the journal.
var pageRoutes = map[string][]struct{ prefix, endpoint string }{
	"nodeco":       {{"/virtualmonitor/", "virtualmonitor"}, {"/virtualmonitor-alt/", "virtualmonitor"}, {"/snapshot-download/", "snapshot_download"}},
	"virtdedi":     {{"/virtualmonitor/", "virtualmonitor"}, {"/virtualmonitor-alt/", "virtualmonitor"}, {"/snapshot-download/", "snapshot_download"}},
	"geniusplugin": {{"/dashboard/", "dashboard"}},
}

// requestEndpoint names the endpoint a request is for, the way the provider
// records it in the journal, so that a fault armed on any listed endpoint
// can fire: the page routes by their fixed names, the rest by EndpointKey.
func requestEndpoint(provider string, r *http.Request) string {
	p := r.URL.Path
	for _, pr := range pageRoutes[provider] {
		if strings.HasPrefix(p, pr.prefix) {
			return pr.endpoint
		}
	}
	switch provider {
	case "zipay":
		if p == "/api" || p == "/api/" {
			return "ip"
		}
		if strings.HasPrefix(p, "/invoice_v1/") {
			if r.Method == http.MethodPost {
				return "invoice_v1.submit"
			}
			return "invoice_v1.show"
		}
	case "geniusplugin":
		if rest, ok := strings.CutPrefix(p, "/autologin/"); ok {
			return "autologin." + strings.Trim(rest, "/")
		}
	}
	return EndpointKey(provider, p)
}
