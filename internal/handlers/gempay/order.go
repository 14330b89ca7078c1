package gempay

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/ids"
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

// orderRequest is an admitted order: its fields and the product it names.
type orderRequest struct {
	gameUser, zone, refID string
	prod                  store.GempayProduct
	now                   time.Time
}

// admitOrder runs steps 1–8 of spec §10: the hash covers the role price, so
// the body and the product are read before it can be checked.
func (p *Provider) admitOrder(r *http.Request) (*caller, *refusal) {
	ctx := r.Context()
	cfg := p.cfg

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
		return nil, handlers.Refuse(errMissingHeaders, "missing header(s): "+strings.Join(missing, ", "))
	}
	// 2. key known
	u, err := p.d.Store.GempayIdentityByKey(ctx, apiKey)
	if store.IsNotFound(err) {
		return nil, handlers.Refuse(errInvalidAPIKey, "X-API-Key is not a known API key")
	}
	if err != nil {
		return nil, p.internal(r, errInternal, err)
	}
	// 3. IP
	if rf := checkIP(r, u, errIPNotWhitelisted, errIPNotAuthorized); rf != nil {
		return nil, rf
	}
	// 4. both limits; the per-IP one is asked first so a refused call does not
	// also spend the user's budget.
	ip := handlers.ClientIP(r).String()
	if rf := allow(p.orderPerIP, ip, errTooMany, fmt.Sprintf("order limit of %d requests per minute per IP", cfg.OrderPerIP)); rf != nil {
		return nil, rf
	}
	if rf := allow(p.orderPerUser, strconv.FormatInt(u.ID, 10), errTooMany, fmt.Sprintf("order limit of %d requests per minute per user", cfg.OrderPerUser)); rf != nil {
		return nil, rf
	}
	// 5. request time
	now := p.d.Clock.Now()
	ts, ok := parseRequestTime(rawTime)
	if !ok {
		return nil, handlers.Refuse(errTimeFormat, fmt.Sprintf("X-Request-Time %q is neither Unix seconds (up to 10 digits) nor RFC 3339", rawTime))
	}
	if v := guard.CheckWindow(now, ts, cfg.TimeWindow); v != guard.InWindow {
		side := "old"
		if v == guard.TooNew {
			side = "far in the future"
		}
		return nil, handlers.Refuse(errRequestExpired, fmt.Sprintf("X-Request-Time %s is too %s: it must be within %s of the server time %s", ts.UTC().Format("2006-01-02T15:04:05Z"), side, clock.Human(cfg.TimeWindow), now.UTC().Format("2006-01-02T15:04:05Z")))
	}
	// 6. body
	var body orderBody
	if err := json.Unmarshal(readAll(r), &body); err != nil {
		return nil, handlers.Refuse(errMissingParams, "the body is not a JSON object: "+err.Error())
	}
	gameUser, ok1 := scalar(body.UserID)
	produkID, ok2 := scalar(body.ProdukID)
	refID, ok3 := scalar(body.RefID)
	if !ok1 || !ok2 || !ok3 || strings.TrimSpace(gameUser) == "" || strings.TrimSpace(produkID) == "" || strings.TrimSpace(refID) == "" {
		return nil, handlers.Refuse(errMissingParams, "user_id, produk_id and ref_id are required non-empty strings")
	}
	zone := ""
	if len(body.Zone) > 0 && string(body.Zone) != "null" {
		z, ok := scalar(body.Zone)
		if !ok {
			return nil, handlers.Refuse(errMissingParams, "zone must be a string")
		}
		zone = z
	}
	// 7. product
	prod, err := p.d.Store.GempayProduct(ctx, produkID, u.Role)
	if store.IsNotFound(err) {
		return nil, handlers.Refuse(errProductNotFound, fmt.Sprintf("no product with kode %q", produkID))
	}
	if err != nil {
		return nil, p.internal(r, errInternal, err)
	}
	if prod.Status != "Aktif" || !prod.Priced {
		return nil, handlers.Refuse(errProductNotAvailable, fmt.Sprintf("product %q is %s for role %s", produkID, prod.Status, u.Role))
	}
	// 8. hash over the role price
	if res := verify.VerifyGempayOrder(u.APIKey, refID, strconv.FormatInt(prod.Harga, 10), hash); !res.OK {
		return nil, handlers.Refuse(errInvalidHash, res.Explain())
	}
	return &caller{user: u, order: orderRequest{gameUser: gameUser, zone: zone, refID: refID, prod: prod, now: now}}, nil
}

// runOrder places the order (spec §4.2): steps 9–11 of spec §10.
func (p *Provider) runOrder(r *http.Request, c *caller) (answer, *refusal) {
	o := c.order
	if o.gameUser == magicFail {
		return answer{}, handlers.Refuse(errMagicFail, "game user_id "+magicFail+" makes the order fail with nothing stored or charged")
	}
	final := store.GempaySuccess
	if o.gameUser == magicBatal {
		final = store.GempayBatal
	}
	// 9–11. ref_id, balance, charge and insert in one transaction
	placed, err := p.d.Store.GempayPlaceOrder(r.Context(), store.GempayNewOrder{
		UserID: c.user.ID, RefID: o.refID, GameUserID: o.gameUser, Zone: o.zone, Kode: o.prod.Kode, Produk: o.prod.Produk,
		Harga: o.prod.Harga, FinalStatus: final, CreatedAt: o.now, DueAt: o.now.Add(p.cfg.SuccessDelay),
	}, func() string { return "INV-" + p.d.IDs.String(9, ids.UpperAlnum) })
	switch {
	case errors.Is(err, store.ErrGempayRefUsed):
		return answer{}, handlers.Refuse(errRefUsed, fmt.Sprintf("ref_id %q was already used by this account", o.refID))
	case errors.Is(err, store.ErrGempayInsufficient):
		return answer{}, handlers.Refuse(errSaldo, fmt.Sprintf("the price %d is above the balance", o.prod.Harga))
	case store.IsNotFound(err):
		return answer{}, handlers.Refuse(errInvalidAPIKey, "the account was removed while the order was placed")
	case err != nil:
		return answer{}, p.internal(r, errInternal, err)
	}
	return answer{okOrder, orderView{OrderID: placed.OrderID, UserID: placed.GameUserID, Zone: placed.Zone, Produk: placed.Produk, Harga: placed.Harga, Status: placed.Status}}, nil
}
