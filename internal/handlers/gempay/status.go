package gempay

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// statusView is data of cek-status, fields in documented order.
type statusView struct {
	OrderID    string `json:"order_id"`
	UserID     string `json:"user_id"`
	Produk     string `json:"produk"`
	Harga      int64  `json:"harga"`
	Status     string `json:"status"`
	Keterangan string `json:"keterangan"`
	Zone       string `json:"zone"`
	Nickname   string `json:"nickname"`
}

// nickname is the player name the provider reports once an order went
// through; the mock derives it from the game user id ("Player123" for "123",
// as in the documented example).
func nickname(o store.GempayOrder) string {
	if o.Status != store.GempaySuccess {
		return ""
	}
	return "Player" + o.GameUserID
}

// admitStatus runs the checks of cek-status (spec §4.3) in the order of spec
// §10. The body names only trx_id, so the owner (and the key the hash is
// checked with) comes from the transaction.
func (p *Provider) admitStatus(r *http.Request) (*caller, *refusal) {
	ctx := r.Context()
	hash, ok := bearer(r)
	if !ok {
		return nil, handlers.Refuse(errUnauthorized, "no Authorization: Bearer <hash> header")
	}
	// The caller is not known yet: an IP on no account's whitelist is refused here.
	if inList, err := p.d.Store.GempayWhitelistedAnywhere(ctx, handlers.ClientIP(r)); err != nil {
		return nil, p.internal(r, errInternal, err)
	} else if !inList {
		return nil, handlers.Refuse(errIPNotWhitelisted, fmt.Sprintf("caller %s is on no account's whitelist", ipText(handlers.ClientIP(r).String())))
	}
	var body struct {
		TrxID json.RawMessage `json:"trx_id"`
	}
	trxID := ""
	if err := json.Unmarshal(readAll(r), &body); err == nil {
		trxID, _ = scalar(body.TrxID)
	}
	if strings.TrimSpace(trxID) == "" {
		return nil, handlers.Refuse(errTrxRequired, "the JSON body has no trx_id")
	}
	orders, err := p.d.Store.GempayFindOrders(ctx, trxID, p.d.Clock.Now())
	if err != nil {
		return nil, p.internal(r, errInternal, err)
	}
	if len(orders) == 0 {
		return nil, handlers.Refuse(errTrxNotFound, fmt.Sprintf("no order has order_id or ref_id %q", trxID))
	}
	// A ref_id is unique per account only: when several accounts used it, the
	// hash tells whose order is meant; otherwise the oldest answers.
	o := orders[0]
	owner, ownerErr := p.d.Store.GempayUserByID(ctx, o.UserID)
	if len(orders) > 1 {
		for _, cand := range orders {
			u, err := p.d.Store.GempayUserByID(ctx, cand.UserID)
			if err == nil && verify.VerifyGempayStatus(u.APIKey, trxID, hash).OK {
				o, owner, ownerErr = cand, u, nil
				break
			}
		}
	}
	if store.IsNotFound(ownerErr) {
		return nil, handlers.Refuse(errUserNotFound, fmt.Sprintf("order %s belongs to an account that no longer exists", o.OrderID))
	}
	if ownerErr != nil {
		return nil, p.internal(r, errInternal, ownerErr)
	}
	if rf := checkIP(r, owner, errIPNotWhitelisted, errIPNotAuthorized); rf != nil {
		return nil, rf
	}
	if res := verify.VerifyGempayStatus(owner.APIKey, trxID, hash); !res.OK {
		return nil, handlers.Refuse(errInvalidHash, res.Explain())
	}
	if rf := allow(p.statusPerUser, strconv.FormatInt(owner.ID, 10), errTooMany, fmt.Sprintf("status limit of %d requests per minute per user", p.cfg.StatusPerUser)); rf != nil {
		return nil, rf
	}
	return &caller{user: owner, found: o}, nil
}

// runStatus answers the order's status.
func (p *Provider) runStatus(_ *http.Request, c *caller) (answer, *refusal) {
	o := c.found
	return answer{okStatus, statusView{
		OrderID: o.OrderID, UserID: o.GameUserID, Produk: o.Produk, Harga: o.Harga, Status: o.Status,
		Keterangan: keterangan[o.Status], Zone: o.Zone, Nickname: nickname(o),
	}}, nil
}

// readAll returns the request body, which the common middleware has already
// buffered within the size limit.
func readAll(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil
	}
	return b
}
