package gempay

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/store"
)

// MountAdmin serves mock-only controls under /__admin/gempay: the real
// provider's staff set balances and whitelists by hand (spec §1, §9), and a
// test may end an order early (spec §8). The /accounts routes are the uniform
// account API every provider has; /users is the older per-field form, kept so
// existing tests keep working.
func (p *Provider) MountAdmin(r chi.Router) {
	p.accounts().Mount(r)
	admin.MountLists(r, p.d.Logger,
		admin.ListOf("orders", p.orderViews),
		admin.ListOf("products", p.productViews))
	r.Get("/users/{key}", p.adminUser)
	r.Put("/users/{key}/balance", p.adminBalance)
	r.Put("/users/{key}/ips", p.adminIPs)
	r.Delete("/users/{key}", p.adminDeleteUser)
	r.Post("/orders/{id}/status", p.adminForceStatus)
}

type userView struct {
	APIKey  string   `json:"api_key"`
	Name    string   `json:"name"`
	Role    string   `json:"role"`
	Balance int64    `json:"balance"`
	IPs     []string `json:"ips"`
}

func (p *Provider) adminUser(w http.ResponseWriter, r *http.Request) {
	u, err := p.d.Store.GempayAccount(r.Context(), chi.URLParam(r, "key"), p.d.Clock.Now())
	if admin.StoreError(w, p.d.Logger, err, "no gempay user with that API key") {
		return
	}
	ips := make([]string, len(u.IPs))
	for i, ip := range u.IPs {
		ips[i] = ip.String() // with its length (203.0.113.7/32), unlike /accounts
	}
	admin.WriteJSON(w, http.StatusOK, userView{APIKey: u.APIKey, Name: u.Name, Role: u.Role, Balance: u.Balance, IPs: ips})
}

func (p *Provider) adminBalance(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Balance *int64 `json:"balance"`
	}
	if err := admin.DecodeJSON(r, &in); err != nil || in.Balance == nil || *in.Balance < 0 {
		admin.WriteError(w, http.StatusBadRequest, `body must be {"balance": <whole rupiah, 0 or more>}`)
		return
	}
	if admin.StoreError(w, p.d.Logger, p.d.Store.GempaySetBalance(r.Context(), chi.URLParam(r, "key"), *in.Balance), "no gempay user with that API key") {
		return
	}
	p.adminUser(w, r)
}

func (p *Provider) adminIPs(w http.ResponseWriter, r *http.Request) {
	var in struct {
		IPs []string `json:"ips"`
	}
	if err := admin.DecodeJSON(r, &in); err != nil || in.IPs == nil {
		admin.WriteError(w, http.StatusBadRequest, `body must be {"ips": ["203.0.113.7", "10.0.0.0/8", ...]}`)
		return
	}
	err := p.d.Store.GempaySetIPs(r.Context(), chi.URLParam(r, "key"), in.IPs)
	if err != nil && !store.IsNotFound(err) {
		err = admin.Invalid(err) // the store refuses a bad address or CIDR
	}
	if admin.StoreError(w, p.d.Logger, err, "no gempay user with that API key") {
		return
	}
	p.adminUser(w, r)
}

func (p *Provider) adminDeleteUser(w http.ResponseWriter, r *http.Request) {
	if admin.StoreError(w, p.d.Logger, p.d.Store.GempayDeleteUser(r.Context(), chi.URLParam(r, "key")), "no gempay user with that API key") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]string{"status": "deleted"})
}

func (p *Provider) adminForceStatus(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Status string `json:"status"`
	}
	if err := admin.DecodeJSON(r, &in); err != nil || (in.Status != store.GempaySuccess && in.Status != store.GempayBatal) {
		admin.WriteError(w, http.StatusBadRequest, `body must be {"status": "Success"} or {"status": "Batal"}`)
		return
	}
	o, err := p.d.Store.GempayForceStatus(r.Context(), chi.URLParam(r, "id"), in.Status, p.d.Clock.Now())
	if admin.StoreError(w, p.d.Logger, err, "no gempay order with that order_id",
		admin.Conflict{Err: store.ErrGempayOrderSettled, Msg: "the order is no longer Pending"}) {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]string{"order_id": o.OrderID, "status": o.Status})
}
