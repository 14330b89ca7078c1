package gempay

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/store"
)

// admitCheckML authenticates the Mobile Legends nickname lookup (spec §4.4):
// the raw key in X-API-KEY, then the account's whitelist.
func (p *Provider) admitCheckML(r *http.Request) (*caller, *refusal) {
	key := strings.TrimSpace(r.Header.Get("X-API-KEY"))
	if key == "" {
		return nil, handlers.Refuse(mlNoKey, "no X-API-KEY header")
	}
	u, err := p.d.Store.GempayIdentityByKey(r.Context(), key)
	if store.IsNotFound(err) {
		return nil, handlers.Refuse(mlUnknownKey, "X-API-KEY is not a known API key")
	}
	if err != nil {
		return nil, p.internal(r, mlInternal, err)
	}
	if rf := checkIP(r, u, mlNoWhitelist, mlIPNotAuthorized); rf != nil {
		return nil, rf
	}
	return &caller{user: u}, nil
}

// runCheckML reads form fields uid and zone and answers {"success": bool}.
// The nickname is "Player" + uid, the same rule as cek-status; a uid that is
// not all digits names no player.
func (p *Provider) runCheckML(r *http.Request, _ *caller) (answer, *refusal) {
	if err := r.ParseForm(); err != nil {
		return answer{}, handlers.Refuse(mlBadForm, "the body is not form-encoded: "+err.Error())
	}
	uid, zone := strings.TrimSpace(r.PostForm.Get("uid")), strings.TrimSpace(r.PostForm.Get("zone"))
	if uid == "" || zone == "" {
		return answer{}, handlers.Refuse(mlMissingParams, "uid and zone are required form fields")
	}
	if strings.Trim(uid, "0123456789") != "" || strings.Trim(zone, "0123456789") != "" {
		return answer{}, handlers.Refuse(mlUserNotFound, fmt.Sprintf("uid %q / zone %q: Mobile Legends ids are digits", uid, zone))
	}
	return answer{data: mlResult{Success: true, Username: "Player" + uid, Region: mlRegion}}, nil
}
