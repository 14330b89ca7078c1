package gempay

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

// checkML answers the Mobile Legends nickname lookup (spec §4.4): form fields
// uid and zone, the raw key in X-API-KEY, and a {"success": bool} answer.
// The nickname is "Player" + uid, the same rule as cek-status; a uid that is
// not all digits names no player.
func (p *Provider) checkML(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	journal.SetEndpoint(ctx, "check-ml")
	key := strings.TrimSpace(r.Header.Get("X-API-KEY"))
	if key == "" {
		refuseML(ctx, w, errUnauthorized, "missing_param", "no X-API-KEY header")
		return
	}
	u, err := p.d.Store.GempayUserByKey(ctx, key)
	if store.IsNotFound(err) {
		refuseML(ctx, w, errUnauthorized, "invalid_key", "X-API-KEY is not a known API key")
		return
	}
	if err != nil {
		p.d.Logger.Error("gempay check-ml failed", "err", err)
		writeML(w, http.StatusInternalServerError, mlResult{Message: messages[errInternal].text})
		return
	}
	if len(u.IPs) == 0 {
		refuseML(ctx, w, errIPNotWhitelisted, "ip_not_whitelisted", "the account has no whitelisted IP yet")
		return
	}
	if !ipAllowed(r, u) {
		refuseML(ctx, w, errIPNotAuthorized, "ip_not_whitelisted", "the caller is not among the account's registered IPs")
		return
	}
	if err := r.ParseForm(); err != nil {
		refuseML(ctx, w, errMissingParams, "validation", "the body is not form-encoded: "+err.Error())
		return
	}
	uid, zone := strings.TrimSpace(r.PostForm.Get("uid")), strings.TrimSpace(r.PostForm.Get("zone"))
	if uid == "" || zone == "" {
		refuseML(ctx, w, errMissingParams, "missing_param", "uid and zone are required form fields")
		return
	}
	if strings.Trim(uid, "0123456789") != "" || strings.Trim(zone, "0123456789") != "" {
		refuseML(ctx, w, errUserNotFound, "not_found", fmt.Sprintf("uid %q / zone %q: Mobile Legends ids are digits", uid, zone))
		return
	}
	writeML(w, http.StatusOK, mlResult{Success: true, Username: "Player" + uid, Region: mlRegion})
}
