package gempay

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"github.com/mocksuite/mocksuite/internal/handlers"
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

// admitProducts checks, in the order of spec §10: bearer, key, IP, per-IP limit.
func (p *Provider) admitProducts(r *http.Request) (*caller, *refusal) {
	key, ok := bearer(r)
	if !ok {
		return nil, handlers.Refuse(errUnauthorized, "no Authorization: Bearer <api_key> header")
	}
	u, err := p.d.Store.GempayIdentityByKey(r.Context(), key)
	if store.IsNotFound(err) {
		return nil, handlers.Refuse(errInvalidAPIKey, "the bearer token is not a known API key")
	}
	if err != nil {
		return nil, p.internal(r, errInternal, err)
	}
	if rf := checkIP(r, u, errIPNotWhitelisted, errIPNotAuthorized); rf != nil {
		return nil, rf
	}
	if rf := allow(p.productsPerIP, handlers.ClientIP(r).String(), errTooManyProducts, fmt.Sprintf("product list limit of %d requests per minute per IP", p.cfg.ProductsPerIP)); rf != nil {
		return nil, rf
	}
	return &caller{user: u}, nil
}

// runProducts lists the products with the caller's role prices (spec §4.1).
// The list depends on the catalogue alone, so its encoding is kept per role
// until a write to the catalogue tables changes their version.
func (p *Provider) runProducts(r *http.Request, c *caller) (answer, *refusal) {
	version := p.d.Store.Version("gempay_products", "gempay_prices") // before the read: see store/versions.go
	if data, ok := p.products.get(c.user.Role, version); ok {
		return answer{okProducts, data}, nil
	}
	list, err := p.d.Store.GempayProducts(r.Context(), c.user.Role)
	if err != nil {
		return answer{}, p.internal(r, errInternal, err)
	}
	out := make([]productView, 0, len(list))
	for _, pr := range list {
		if !pr.Priced {
			// A product with no price for this role is not offered to it.
			continue
		}
		out = append(out, productView{Kode: pr.Kode, Kategori: pr.Kategori, Produk: pr.Produk, Harga: pr.Harga, Catatan: pr.Catatan, Status: pr.Status})
	}
	data, err := json.Marshal(out)
	if err != nil {
		return answer{}, p.internal(r, errInternal, err)
	}
	p.products.put(c.user.Role, version, data)
	return answer{okProducts, json.RawMessage(data)}, nil
}

// encodedLists keeps one encoded list per key (a role: a handful, from the
// fixtures) with the store version it was read at. The zero value is ready.
type encodedLists struct {
	mu sync.Mutex
	m  map[string]encodedList
}

type encodedList struct {
	version uint64
	data    json.RawMessage
}

func (e *encodedLists) get(key string, version uint64) (json.RawMessage, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	l, ok := e.m[key]
	return l.data, ok && l.version == version
}

func (e *encodedLists) put(key string, version uint64, data json.RawMessage) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.m == nil {
		e.m = map[string]encodedList{}
	}
	e.m[key] = encodedList{version: version, data: data}
}
