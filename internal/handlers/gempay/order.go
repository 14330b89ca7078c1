package gempay

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// Magic game user_id values (documented in the README) that steer an order.
const (
	// magicBatal makes the order end Batal after the delay, refunding the price.
	magicBatal = "400000000"
	// magicFail makes the order call answer 500 with nothing stored or charged.
	magicFail = "500000000"
)

// orderView is data of a created order, fields in documented order.
type orderView struct {
	OrderID string `json:"order_id"`
	UserID  string `json:"user_id"`
	Zone    string `json:"zone"`
	Produk  string `json:"produk"`
	Harga   int64  `json:"harga"`
	Status  string `json:"status"`
}

// orderBody is the order request; each field may be a JSON string or number.
type orderBody struct {
	UserID   json.RawMessage `json:"user_id"`
	Zone     json.RawMessage `json:"zone"`
	ProdukID json.RawMessage `json:"produk_id"`
	RefID    json.RawMessage `json:"ref_id"`
}

// scalar reads a JSON string, or a number kept as written; ok is false for
// anything else (absent, null, bool, object, array).
func scalar(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 {
		return "", false
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, true
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), true
	}
	return "", false
}

// order creates a top-up order (spec §4.2) in the check order of spec §10.
func (p *Provider) order(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	journal.SetEndpoint(ctx, "order")
	cfg := p.d.Config.Gempay

	// 1. headers present
	hash, hasAuth := bearer(r)
	apiKey := strings.TrimSpace(r.Header.Get("X-API-Key"))
	rawTime := strings.TrimSpace(r.Header.Get("X-Request-Time"))
	if !hasAuth || apiKey == "" || rawTime == "" {
		var missing []string
		if !hasAuth {
			missing = append(missing, "Authorization: Bearer <hash>")
		}
		if apiKey == "" {
			missing = append(missing, "X-API-Key")
		}
		if rawTime == "" {
			missing = append(missing, "X-Request-Time")
		}
		refuse(ctx, w, errMissingHeaders, "missing_param", "missing header(s): "+strings.Join(missing, ", "))
		return
	}
	// 2. key known
	u, err := p.d.Store.GempayUserByKey(ctx, apiKey)
	if store.IsNotFound(err) {
		refuse(ctx, w, errInvalidAPIKey, "invalid_key", "X-API-Key is not a known API key")
		return
	}
	if err != nil {
		p.internal(w, r, err)
		return
	}
	// 3. IP
	if !checkIP(ctx, w, r, u) {
		return
	}
	// 4. both limits; the per-IP one is asked first so a refused call does not
	// also spend the user's budget.
	ip := handlers.ClientIP(r).String()
	if !allow(ctx, w, p.orderPerIP, ip, errTooMany, fmt.Sprintf("order limit of %d requests per minute per IP", cfg.OrderPerIP)) ||
		!allow(ctx, w, p.orderPerUser, strconv.FormatInt(u.ID, 10), errTooMany, fmt.Sprintf("order limit of %d requests per minute per user", cfg.OrderPerUser)) {
		return
	}
	// 5. request time
	now := p.d.Clock.Now()
	ts, ok := parseRequestTime(rawTime)
	if !ok {
		refuse(ctx, w, errTimeFormat, "timestamp_invalid", fmt.Sprintf("X-Request-Time %q is neither Unix seconds (up to 10 digits) nor RFC 3339", rawTime))
		return
	}
	if v := guard.CheckWindow(now, ts, cfg.TimeWindow); v != guard.InWindow {
		side := "old"
		if v == guard.TooNew {
			side = "far in the future"
		}
		refuse(ctx, w, errRequestExpired, "timestamp_invalid", fmt.Sprintf("X-Request-Time %s is too %s: it must be within %s of the server time %s", ts.UTC().Format("2006-01-02T15:04:05Z"), side, clock.Human(cfg.TimeWindow), now.UTC().Format("2006-01-02T15:04:05Z")))
		return
	}
	// 6. body
	var body orderBody
	if err := json.Unmarshal(readAll(r), &body); err != nil {
		refuse(ctx, w, errMissingParams, "validation", "the body is not a JSON object: "+err.Error())
		return
	}
	gameUser, ok1 := scalar(body.UserID)
	produkID, ok2 := scalar(body.ProdukID)
	refID, ok3 := scalar(body.RefID)
	if !ok1 || !ok2 || !ok3 || strings.TrimSpace(gameUser) == "" || strings.TrimSpace(produkID) == "" || strings.TrimSpace(refID) == "" {
		refuse(ctx, w, errMissingParams, "validation", "user_id, produk_id and ref_id are required non-empty strings")
		return
	}
	zone := ""
	if len(body.Zone) > 0 && string(body.Zone) != "null" {
		z, ok := scalar(body.Zone)
		if !ok {
			refuse(ctx, w, errMissingParams, "validation", "zone must be a string")
			return
		}
		zone = z
	}
	// 7. product
	prod, err := p.d.Store.GempayProduct(ctx, produkID, u.Role)
	if store.IsNotFound(err) {
		refuse(ctx, w, errProductNotFound, "not_found", fmt.Sprintf("no product with kode %q", produkID))
		return
	}
	if err != nil {
		p.internal(w, r, err)
		return
	}
	if prod.Status != "Aktif" || !prod.Priced {
		refuse(ctx, w, errProductNotAvailable, "validation", fmt.Sprintf("product %q is %s for role %s", produkID, prod.Status, u.Role))
		return
	}
	// 8. hash over the role price
	price := strconv.FormatInt(prod.Harga, 10)
	if res := verify.VerifyGempayOrder(u.APIKey, refID, price, hash); !res.OK {
		refuse(ctx, w, errInvalidHash, "signature_mismatch", res.Explain())
		return
	}
	if gameUser == magicFail {
		refuse(ctx, w, errInternal, "magic_value", "game user_id "+magicFail+" makes the order fail with nothing stored or charged")
		return
	}
	final := store.GempaySuccess
	if gameUser == magicBatal {
		final = store.GempayBatal
	}
	// 9–11. ref_id, balance, charge and insert in one transaction
	o, err := p.d.Store.GempayPlaceOrder(ctx, store.GempayNewOrder{
		UserID: u.ID, RefID: refID, GameUserID: gameUser, Zone: zone, Kode: prod.Kode, Produk: prod.Produk,
		Harga: prod.Harga, FinalStatus: final, Now: now, DueAt: now.Add(cfg.SuccessDelay),
	}, func() string { return "INV-" + p.d.IDs.String(9, ids.UpperAlnum) })
	switch {
	case errors.Is(err, store.ErrGempayRefUsed):
		refuse(ctx, w, errRefUsed, "validation", fmt.Sprintf("ref_id %q was already used by this account", refID))
		return
	case errors.Is(err, store.ErrGempayInsufficient):
		refuse(ctx, w, errSaldo, "insufficient_funds", fmt.Sprintf("the price %s is above the balance", price))
		return
	case store.IsNotFound(err):
		refuse(ctx, w, errInvalidAPIKey, "invalid_key", "the account was removed while the order was placed")
		return
	case err != nil:
		p.internal(w, r, err)
		return
	}
	writeSuccess(w, okOrder, orderView{OrderID: o.OrderID, UserID: o.GameUserID, Zone: o.Zone, Produk: o.Produk, Harga: o.Harga, Status: o.Status})
}
