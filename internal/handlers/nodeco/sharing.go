package nodeco

import (
	"strings"

	"github.com/mocksuite/mocksuite/internal/store"
)

// shareData is one shared_accesses entry (spec §7.17).
func shareData(h store.NodecoShare) *object {
	return obj(
		"email", h.Email,
		"user_id", h.UserID,
		"full_name", h.FullName,
		"virtual_monitor", h.VirtualMonitor,
		"change_label", h.ChangeLabel,
		"view_password", h.ViewPassword,
		"change_password", h.ChangePassword,
		"turn_on", h.TurnOn,
		"turn_off", h.TurnOff,
		"reinstall", h.Reinstall,
		"change_reverse_host", h.ChangeReverseHost,
		"view_snapshot", h.ViewSnapshot,
		"create_snapshot", h.CreateSnapshot,
		"delete_snapshot", h.DeleteSnapshot,
	)
}

func getSharedAccessList(c *call) (fnResult, error) {
	a, err := c.server(permOwner)
	if err != nil {
		return fnResult{}, err
	}
	shares, err := c.q.Shares(c.flavour, c.stage, a.srv.ServerID)
	if err != nil {
		return fnResult{}, err
	}
	var items []*object
	for _, h := range shares {
		items = append(items, shareData(h))
	}
	return fnResult{msgRead, obj("server_id", a.srv.ServerID, "shared_accesses", listOf(items))}, nil
}

func addSharedAccess(c *call) (fnResult, error) {
	a, err := c.server(permOwner)
	if err != nil {
		return fnResult{}, err
	}
	email, err := c.email("email")
	if err != nil {
		return fnResult{}, err
	}
	h := store.NodecoShare{Flavour: c.flavour, Stage: c.stage, ServerID: a.srv.ServerID, Email: email}
	if h.VirtualMonitor, err = c.enum("virtual_monitor", "no", "no", "view_only", "full_access"); err != nil {
		return fnResult{}, err
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"change_label", &h.ChangeLabel}, {"view_password", &h.ViewPassword}, {"change_password", &h.ChangePassword},
		{"turn_on", &h.TurnOn}, {"turn_off", &h.TurnOff}, {"reinstall", &h.Reinstall}, {"change_reverse_host", &h.ChangeReverseHost},
		{"view_snapshot", &h.ViewSnapshot}, {"create_snapshot", &h.CreateSnapshot}, {"delete_snapshot", &h.DeleteSnapshot}} {
		if *f.dst, err = c.yesNo(f.name); err != nil {
			return fnResult{}, err
		}
	}
	if err := notCanceled(a.srv); err != nil {
		return fnResult{}, err
	}
	if strings.EqualFold(email, c.acct.Email) {
		return fnResult{}, refuse(errShareWithOwner)
	}
	// A grantee with an account shows its user id and name; an invitee shows "".
	switch grantee, err := c.q.AccountByEmail(c.flavour, email); {
	case err == nil:
		h.UserID, h.FullName = grantee.UserID, grantee.FullName
	case !store.IsNotFound(err):
		return fnResult{}, err
	}
	if err := c.q.PutShare(h); err != nil {
		return fnResult{}, err
	}
	data := obj("server_id", a.srv.ServerID)
	data.fields = append(data.fields, shareData(h).fields...)
	return fnResult{fmtMsg(msgShareAddedFmt, email), data}, nil
}

func deleteSharedAccess(c *call) (fnResult, error) {
	a, err := c.server(permOwner)
	if err != nil {
		return fnResult{}, err
	}
	email, err := c.str("email", 50, true)
	if err != nil {
		return fnResult{}, err
	}
	if err := c.q.DeleteShare(c.flavour, c.stage, a.srv.ServerID, email); store.IsNotFound(err) {
		return fnResult{}, refuse(errShareNotFound)
	} else if err != nil {
		return fnResult{}, err
	}
	return fnResult{fmtMsg(msgShareRevokedFmt, email), obj("server_id", a.srv.ServerID, "email", email)}, nil
}
