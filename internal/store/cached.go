package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// caches are the memoised reads of the request hot paths: authentication
// lookups (keys, accounts, whitelists), catalogues and services. Each names the
// tables its rows come from; a write to any of them retires its entries.
type caches struct {
	gempayUser     *memo[GempayUser]
	gempayIdentity *memo[GempayUser]
	gempayProducts *memo[[]GempayProduct]
	gempayProduct  *memo[GempayProduct]
	hostdimeAcct   *memo[HostdimeAccount]
	hostdimeSvc    *memo[HostdimeService]
	zipayKey       *memo[ZipayKey]
	zipayBalances  *memo[[]ZipayBalance]
	gpResellers    *memo[[]GPReseller]
	gpPackage      *memo[GPPackage]
	nodecoAccount  *memo[NodecoAccount]
	nodecoServer   *memo[NodecoServer]
}

func newCaches(v *versions) *caches {
	return &caches{
		gempayUser:     newMemo[GempayUser](v, "gempay_users", "gempay_users.balance", "gempay_user_ips"),
		gempayIdentity: newMemo[GempayUser](v, "gempay_users", "gempay_user_ips"),
		gempayProducts: newMemo[[]GempayProduct](v, "gempay_products", "gempay_prices"),
		gempayProduct:  newMemo[GempayProduct](v, "gempay_products", "gempay_prices"),
		hostdimeAcct:   newMemo[HostdimeAccount](v, "hostdime_accounts"),
		hostdimeSvc:    newMemo[HostdimeService](v, "hostdime_services"),
		zipayKey:       newMemo[ZipayKey](v, "zipay_keys", "zipay_accounts"),
		zipayBalances:  newMemo[[]ZipayBalance](v, "zipay_wallets"),
		gpResellers:    newMemo[[]GPReseller](v, "gp_resellers", "gp_reseller_ips"),
		gpPackage:      newMemo[GPPackage](v, "gp_packages"),
		nodecoAccount:  newMemo[NodecoAccount](v, "nodeco_accounts"),
		nodecoServer:   newMemo[NodecoServer](v, "nodeco_servers"),
	}
}

// key joins a read's arguments unambiguously: each is prefixed with its
// length, so no argument (request text included) can pose as two.
func key(parts ...any) string {
	var b strings.Builder
	for _, p := range parts {
		v := fmt.Sprint(p)
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteByte(':')
		b.WriteString(v)
	}
	return b.String()
}

// GempayUserByKey finds a user by API key, with its whitelist; ErrNotFound when unknown.
func (s *Store) GempayUserByKey(ctx context.Context, apiKey string) (GempayUser, error) {
	u, err := s.caches.gempayUser.get(ctx, apiKey, func(ctx context.Context) (GempayUser, error) { return s.gempayUserByKeyDB(ctx, apiKey) })
	u.IPs = slices.Clone(u.IPs)
	return u, err
}

// GempayIdentityByKey is GempayUserByKey without the balance (Balance is 0):
// what authentication needs, served from memory across the balance changes of
// every order.
func (s *Store) GempayIdentityByKey(ctx context.Context, apiKey string) (GempayUser, error) {
	u, err := s.caches.gempayIdentity.get(ctx, apiKey, func(ctx context.Context) (GempayUser, error) {
		u, err := s.gempayUserByKeyDB(ctx, apiKey)
		u.Balance = 0
		return u, err
	})
	u.IPs = slices.Clone(u.IPs)
	return u, err
}

// GempayProducts lists every product in fixture order with role's price.
func (s *Store) GempayProducts(ctx context.Context, role string) ([]GempayProduct, error) {
	ps, err := s.caches.gempayProducts.get(ctx, role, func(ctx context.Context) ([]GempayProduct, error) { return s.gempayProductsDB(ctx, role) })
	return slices.Clone(ps), err
}

// GempayProduct finds one product with role's price; ErrNotFound when unknown.
func (s *Store) GempayProduct(ctx context.Context, kode, role string) (GempayProduct, error) {
	return s.caches.gempayProduct.get(ctx, key(kode, role), func(ctx context.Context) (GempayProduct, error) { return s.gempayProductDB(ctx, kode, role) })
}

// HostdimeAccountByKey finds an account by its public key; ErrNotFound when unknown.
func (s *Store) HostdimeAccountByKey(ctx context.Context, apiKey string) (HostdimeAccount, error) {
	return s.caches.hostdimeAcct.get(ctx, apiKey, func(ctx context.Context) (HostdimeAccount, error) { return s.hostdimeAccountByKeyDB(ctx, apiKey) })
}

// HostdimeService returns one of the account's services of kind; ErrNotFound when unknown.
func (s *Store) HostdimeService(ctx context.Context, accountID int64, kind, cuid string) (HostdimeService, error) {
	svc, err := s.caches.hostdimeSvc.get(ctx, key(accountID, kind, cuid), func(ctx context.Context) (HostdimeService, error) {
		return s.hostdimeServiceDB(ctx, accountID, kind, cuid)
	})
	svc.DNS, svc.HardDrives = slices.Clone(svc.DNS), slices.Clone(svc.HardDrives)
	return svc, err
}

// ZipayKeyByAPIKey looks a key up; ErrNotFound when unknown.
func (s *Store) ZipayKeyByAPIKey(ctx context.Context, apiKey string) (ZipayKey, error) {
	k, err := s.caches.zipayKey.get(ctx, apiKey, func(ctx context.Context) (ZipayKey, error) { return s.zipayKeyByAPIKeyDB(ctx, apiKey) })
	if k.Methods != nil {
		m := make(map[string]bool, len(k.Methods))
		for name, on := range k.Methods {
			m[name] = on
		}
		k.Methods = m
	}
	k.IPs = slices.Clone(k.IPs)
	return k, err
}

// ZipayBalances returns the account's wallets in USD, USDT, IRT order.
func (s *Store) ZipayBalances(ctx context.Context, account int64) ([]ZipayBalance, error) {
	bs, err := s.caches.zipayBalances.get(ctx, key(account), func(ctx context.Context) ([]ZipayBalance, error) { return s.zipayBalancesDB(ctx, account) })
	return slices.Clone(bs), err
}

// GPResellers returns every reseller with its authorised IPs, by id.
func (s *Store) GPResellers(ctx context.Context) ([]GPReseller, error) {
	rs, err := s.caches.gpResellers.get(ctx, "", s.gpResellersDB)
	out := slices.Clone(rs)
	for i := range out {
		out[i].IPs = slices.Clone(out[i].IPs)
	}
	return out, err
}

// GPPackage returns a reseller's package for domain (matched lower-cased), or ErrNotFound.
func (s *Store) GPPackage(ctx context.Context, resellerID int64, domain string) (GPPackage, error) {
	return s.caches.gpPackage.get(ctx, key(resellerID, strings.ToLower(domain)), func(ctx context.Context) (GPPackage, error) {
		return s.gpPackageDB(ctx, resellerID, domain)
	})
}
