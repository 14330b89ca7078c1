package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/netip"
	"strings"

	"github.com/mocksuite/mocksuite/internal/guard"
)

// GempaySeeder loads fixtures/gempay.yaml: roles, products with one price per
// role, and users (API keys) with a role, a balance and IP whitelist entries.
func GempaySeeder() Seeder {
	return newSeeder("gempay", seedGempay,
		"gempay_orders", "gempay_user_ips", "gempay_users", "gempay_prices", "gempay_products")
}

type gempayFixture struct {
	Roles    []string `yaml:"roles"`
	Products []struct {
		Kode     string           `yaml:"kode"`
		Kategori string           `yaml:"kategori"`
		Produk   string           `yaml:"produk"`
		Catatan  string           `yaml:"catatan"`
		Status   string           `yaml:"status"`
		Harga    map[string]int64 `yaml:"harga"`
	} `yaml:"products"`
	Users []struct {
		APIKey  string   `yaml:"api_key"`
		Name    string   `yaml:"name"`
		Role    string   `yaml:"role"`
		Balance int64    `yaml:"balance"`
		IPs     []string `yaml:"ips"`
	} `yaml:"users"`
}

func seedGempay(ctx context.Context, tx *sql.Tx, fx gempayFixture) error {
	roles := map[string]bool{}
	for _, r := range fx.Roles {
		if strings.TrimSpace(r) == "" {
			return fmt.Errorf("roles: empty role name")
		}
		roles[r] = true
	}
	if len(roles) == 0 {
		return fmt.Errorf("roles: at least one role is needed")
	}
	for i, p := range fx.Products {
		where := fmt.Sprintf("products[%d] (kode %q)", i, p.Kode)
		if strings.TrimSpace(p.Kode) == "" || strings.TrimSpace(p.Produk) == "" {
			return fmt.Errorf("%s: kode and produk are required", where)
		}
		if p.Status != "Aktif" && p.Status != "NonAktif" {
			return fmt.Errorf("%s: status %q must be Aktif or NonAktif", where, p.Status)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO gempay_products (kode, kategori, produk, catatan, status, position) VALUES (?, ?, ?, ?, ?, ?)`,
			p.Kode, p.Kategori, p.Produk, p.Catatan, p.Status, i); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		for _, role := range fx.Roles {
			h, ok := p.Harga[role]
			if !ok {
				return fmt.Errorf("%s: no price for role %q", where, role)
			}
			if h < 0 {
				return fmt.Errorf("%s: negative price for role %q", where, role)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO gempay_prices (kode, role, harga) VALUES (?, ?, ?)`, p.Kode, role, h); err != nil {
				return fmt.Errorf("%s: price for %s: %w", where, role, err)
			}
		}
		for role := range p.Harga {
			if !roles[role] {
				return fmt.Errorf("%s: price for unknown role %q", where, role)
			}
		}
	}
	for i, u := range fx.Users {
		where := fmt.Sprintf("users[%d]", i)
		if strings.TrimSpace(u.APIKey) == "" {
			return fmt.Errorf("%s: api_key is required", where)
		}
		if !roles[u.Role] {
			return fmt.Errorf("%s: role %q is not one of roles", where, u.Role)
		}
		if u.Balance < 0 {
			return fmt.Errorf("%s: balance %d is negative", where, u.Balance)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO gempay_users (api_key, name, role, balance) VALUES (?, ?, ?, ?)`, u.APIKey, u.Name, u.Role, u.Balance)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		prefixes, err := guard.ParsePrefixes(u.IPs)
		if err != nil {
			return fmt.Errorf("%s: ips: %w", where, err)
		}
		if err := insertGempayIPs(ctx, tx, id, prefixes); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	return nil
}

func insertGempayIPs(ctx context.Context, tx *sql.Tx, userID int64, prefixes []netip.Prefix) error {
	for _, p := range prefixes {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO gempay_user_ips (user_id, cidr) VALUES (?, ?)`, userID, p.String()); err != nil {
			return fmt.Errorf("ip %s: %w", p, err)
		}
	}
	return nil
}
