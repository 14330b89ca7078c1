package gempay

import (
	"fmt"
	"net/http"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

// productView is one data[] item of the product list, fields in documented order.
type productView struct {
	Kode     string `json:"kode"`
	Kategori string `json:"kategori"`
	Produk   string `json:"produk"`
	Harga    int64  `json:"harga"`
	Catatan  string `json:"catatan"`
	Status   string `json:"status"`
}

// products serves the product list with the caller's role prices (spec §4.1).
// Check order (spec §10): bearer, key, IP, per-IP limit.
func (p *Provider) products(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	journal.SetEndpoint(ctx, "products")
	key, ok := bearer(r)
	if !ok {
		refuse(ctx, w, errUnauthorized, "missing_param", "no Authorization: Bearer <api_key> header")
		return
	}
	u, err := p.d.Store.GempayUserByKey(ctx, key)
	if store.IsNotFound(err) {
		refuse(ctx, w, errInvalidAPIKey, "invalid_key", "the bearer token is not a known API key")
		return
	}
	if err != nil {
		p.internal(w, r, err)
		return
	}
	if !checkIP(ctx, w, r, u) {
		return
	}
	if !allow(ctx, w, p.productsPerIP, handlers.ClientIP(r).String(), errTooManyProducts, fmt.Sprintf("product list limit of %d requests per minute per IP", p.d.Config.Gempay.ProductsPerIP)) {
		return
	}
	list, err := p.d.Store.GempayProducts(ctx, u.Role)
	if err != nil {
		p.internal(w, r, err)
		return
	}
	out := make([]productView, 0, len(list))
	for _, pr := range list {
		if !pr.Priced {
			// A product with no price for this role is not offered to it.
			continue
		}
		out = append(out, productView{Kode: pr.Kode, Kategori: pr.Kategori, Produk: pr.Produk, Harga: pr.Harga, Catatan: pr.Catatan, Status: pr.Status})
	}
	writeSuccess(w, okProducts, out)
}

// internal logs an unexpected error and answers 500 in the envelope.
func (p *Provider) internal(w http.ResponseWriter, r *http.Request, err error) {
	p.d.Logger.Error("gempay request failed", "path", r.URL.Path, "err", err)
	refuse(r.Context(), w, errInternal, "internal", err.Error())
}
