package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/mocksuite/mocksuite/internal/guard"
)

// ZipaySeeder loads fixtures/zipay.yaml.
func ZipaySeeder() Seeder {
	return newSeeder("zipay", seedZipay,
		"zipay_webhook_attempts", "zipay_webhooks", "zipay_withdrawals", "zipay_transfers", "zipay_exchanges",
		"zipay_invoices", "zipay_networks", "zipay_terminals", "zipay_keys", "zipay_wallets", "zipay_accounts")
}

// ZipayCurrencies are the wallet currencies, in the order Zipay lists them.
var ZipayCurrencies = []string{"USD", "USDT", "IRT"}

// Errors of the Zipay business rules; the handlers map them to Zipay's codes.
var (
	ErrZipayInsufficient = errors.New("store: zipay balance too small")
	ErrZipayDuplicate    = errors.New("store: zipay duplicate order or invoice number")
	ErrZipayTerminal     = errors.New("store: zipay terminal unknown or not the caller's")
	ErrZipayNotPaid      = errors.New("store: zipay invoice not paid")
	ErrZipayRejected     = errors.New("store: zipay invoice rejected")
	ErrZipayState        = errors.New("store: zipay invoice not in a payable state")
	ErrZipayNationalID   = errors.New("store: zipay national id mismatch")
)

type zipayFixture struct {
	Accounts []struct {
		Number    int64             `yaml:"number"`
		Email     string            `yaml:"email"`
		Name      string            `yaml:"name"`
		Balances  map[string]string `yaml:"balances"`
		Terminals []struct {
			Number int64  `yaml:"number"`
			Name   string `yaml:"name"`
		} `yaml:"terminals"`
	} `yaml:"accounts"`
	Keys []struct {
		APIKey  string   `yaml:"api_key"`
		Secret  string   `yaml:"secret"`
		Account int64    `yaml:"account"`
		Methods []string `yaml:"methods"`
		IPs     []string `yaml:"ips"`
		Enabled *bool    `yaml:"enabled"`
	} `yaml:"keys"`
	Networks []struct {
		Coin             string `yaml:"coin"`
		CoinName         string `yaml:"coin_name"`
		Network          string `yaml:"network"`
		NetworkName      string `yaml:"network_name"`
		DepositIsActive  bool   `yaml:"deposit_is_active"`
		WithdrawIsActive bool   `yaml:"withdraw_is_active"`
		MinWithdraw      string `yaml:"min_withdraw"`
		Fee              string `yaml:"fee"`
		Decimal          int    `yaml:"decimal"`
	} `yaml:"networks"`
}

func seedZipay(ctx context.Context, tx *sql.Tx, f zipayFixture) error {
	for _, a := range f.Accounts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO zipay_accounts (number, email, name) VALUES (?, ?, ?)`, a.Number, a.Email, a.Name); err != nil {
			return fmt.Errorf("account %d: %w", a.Number, err)
		}
		for _, cur := range ZipayCurrencies {
			amt := "0"
			if v, ok := a.Balances[cur]; ok {
				p, err := ParseZipayAmount(v)
				if err != nil || p.Sign() < 0 {
					return fmt.Errorf("account %d balance %s: %q is not a non-negative decimal", a.Number, cur, v)
				}
				amt = p.String()
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO zipay_wallets (account, currency, amount) VALUES (?, ?, ?)`, a.Number, cur, amt); err != nil {
				return fmt.Errorf("account %d wallet %s: %w", a.Number, cur, err)
			}
		}
		for cur := range a.Balances {
			if !zipayKnownCurrency(cur) {
				return fmt.Errorf("account %d: unknown currency %q", a.Number, cur)
			}
		}
		for _, t := range a.Terminals {
			if _, err := tx.ExecContext(ctx, `INSERT INTO zipay_terminals (number, account, name) VALUES (?, ?, ?)`, t.Number, a.Number, t.Name); err != nil {
				return fmt.Errorf("terminal %d: %w", t.Number, err)
			}
		}
	}
	for _, k := range f.Keys {
		for _, ip := range k.IPs {
			if _, err := guard.ParsePrefix(ip); err != nil {
				return fmt.Errorf("key %s: %w", k.APIKey, err)
			}
		}
		enabled := k.Enabled == nil || *k.Enabled
		if _, err := tx.ExecContext(ctx, `INSERT INTO zipay_keys (api_key, secret, account, methods, ips, enabled) VALUES (?, ?, ?, ?, ?, ?)`,
			k.APIKey, k.Secret, k.Account, strings.Join(k.Methods, ","), strings.Join(k.IPs, ","), enabled); err != nil {
			return fmt.Errorf("key %s: %w", k.APIKey, err)
		}
	}
	for i, n := range f.Networks {
		for _, v := range []string{n.MinWithdraw, n.Fee} {
			if _, err := ParseZipayAmount(v); err != nil {
				return fmt.Errorf("network %s: %w", n.Network, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO zipay_networks (coin, coin_name, network, network_name, deposit_is_active, withdraw_is_active, min_withdraw, fee, decimals, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			n.Coin, n.CoinName, n.Network, n.NetworkName, n.DepositIsActive, n.WithdrawIsActive, n.MinWithdraw, n.Fee, n.Decimal, i); err != nil {
			return fmt.Errorf("network %s: %w", n.Network, err)
		}
	}
	return nil
}

func zipayKnownCurrency(c string) bool {
	for _, k := range ZipayCurrencies {
		if k == c {
			return true
		}
	}
	return false
}

// ZipayKey is an API key with its account and restrictions.
type ZipayKey struct {
	APIKey  string
	Secret  string
	Account ZipayAccount
	// Methods lists the enabled methods; AllMethods is true for "*".
	Methods    map[string]bool
	AllMethods bool
	// IPs restricts callers; empty allows any address.
	IPs     []netip.Prefix
	Enabled bool
}

// Allows reports whether the key may call method.
func (k ZipayKey) Allows(method string) bool { return k.AllMethods || k.Methods[method] }

// ZipayAccount is a merchant account.
type ZipayAccount struct {
	Number int64
	Email  string
	Name   string
}

// zipayKeyByAPIKeyDB is the uncached read behind ZipayKeyByAPIKey: looks a key up; ErrNotFound when unknown.
func (s *Store) zipayKeyByAPIKeyDB(ctx context.Context, apiKey string) (ZipayKey, error) {
	var k ZipayKey
	var methods, ips string
	err := s.db.QueryRowContext(ctx, `SELECT k.api_key, k.secret, k.methods, k.ips, k.enabled, a.number, a.email, a.name
		FROM zipay_keys k JOIN zipay_accounts a ON a.number = k.account WHERE k.api_key = ?`, apiKey).
		Scan(&k.APIKey, &k.Secret, &methods, &ips, &k.Enabled, &k.Account.Number, &k.Account.Email, &k.Account.Name)
	if err != nil {
		return k, rowErrf(err, "zipay key")
	}
	k.Methods = map[string]bool{}
	for _, m := range strings.Split(methods, ",") {
		if m = strings.TrimSpace(m); m == "*" {
			k.AllMethods = true
		} else if m != "" {
			k.Methods[m] = true
		}
	}
	for _, ip := range strings.Split(ips, ",") {
		if strings.TrimSpace(ip) == "" {
			continue
		}
		p, err := guard.ParsePrefix(ip)
		if err != nil {
			return k, fmt.Errorf("store: zipay key %s: %w", apiKey, err)
		}
		k.IPs = append(k.IPs, p)
	}
	return k, nil
}

// ZipayAccountByNumber finds an account; ErrNotFound when unknown.
func (s *Store) ZipayAccountByNumber(ctx context.Context, number int64) (ZipayAccount, error) {
	return s.zipayAccount(ctx, `SELECT number, email, name FROM zipay_accounts WHERE number = ?`, number)
}

// ZipayAccountByEmail finds an account by e-mail, ignoring case; ErrNotFound when unknown.
func (s *Store) ZipayAccountByEmail(ctx context.Context, email string) (ZipayAccount, error) {
	return s.zipayAccount(ctx, `SELECT number, email, name FROM zipay_accounts WHERE email = ? COLLATE NOCASE`, email)
}

func (s *Store) zipayAccount(ctx context.Context, q string, arg any) (ZipayAccount, error) {
	var a ZipayAccount
	err := s.db.QueryRowContext(ctx, q, arg).Scan(&a.Number, &a.Email, &a.Name)
	if err != nil {
		return a, rowErrf(err, "zipay account")
	}
	return a, nil
}

// ZipayBalance is one wallet.
type ZipayBalance struct {
	Currency string
	Amount   ZipayAmount
}

// zipayBalancesDB is the uncached read behind ZipayBalances: returns the account's wallets in USD, USDT, IRT order.
func (s *Store) zipayBalancesDB(ctx context.Context, account int64) ([]ZipayBalance, error) {
	return queryList(ctx, s.db, "zipay balances", func(r rowScanner) (b ZipayBalance, err error) {
		var amt string
		if err = r.Scan(&b.Currency, &amt); err != nil {
			return b, err
		}
		b.Amount, err = ParseZipayAmount(amt)
		return b, err
	}, `SELECT currency, amount FROM zipay_wallets WHERE account = ?
		ORDER BY CASE currency WHEN 'USD' THEN 0 WHEN 'USDT' THEN 1 WHEN 'IRT' THEN 2 ELSE 3 END`, account)
}

// zipayBalanceTx reads one wallet inside a transaction.
func zipayBalanceTx(ctx context.Context, tx *sql.Tx, account int64, currency string) (ZipayAmount, error) {
	var amt string
	err := tx.QueryRowContext(ctx, `SELECT amount FROM zipay_wallets WHERE account = ? AND currency = ?`, account, currency).Scan(&amt)
	if errors.Is(err, sql.ErrNoRows) {
		return ZipayAmount{}, nil
	}
	if err != nil {
		return ZipayAmount{}, fmt.Errorf("read wallet %d/%s: %w", account, currency, err)
	}
	return ParseZipayAmount(amt)
}

// zipayAdjustTx adds delta (negative to debit) to a wallet; a debit that would
// go below zero fails with ErrZipayInsufficient and changes nothing.
func zipayAdjustTx(ctx context.Context, tx *sql.Tx, account int64, currency string, delta ZipayAmount) error {
	cur, err := zipayBalanceTx(ctx, tx, account, currency)
	if err != nil {
		return err
	}
	next := cur.Add(delta)
	if next.Sign() < 0 {
		return ErrZipayInsufficient
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO zipay_wallets (account, currency, amount) VALUES (?, ?, ?)
		ON CONFLICT (account, currency) DO UPDATE SET amount = excluded.amount`, account, currency, next.String())
	if err != nil {
		return fmt.Errorf("write wallet %d/%s: %w", account, currency, err)
	}
	return nil
}

// ZipayNetwork is one crypto-info row.
type ZipayNetwork struct {
	Coin, CoinName, Network, NetworkName string
	DepositIsActive, WithdrawIsActive    bool
	MinWithdraw, Fee                     ZipayAmount
	Decimal                              int
}

// ZipayNetworks lists the crypto networks in fixture order.
func (s *Store) ZipayNetworks(ctx context.Context) ([]ZipayNetwork, error) {
	return queryList(ctx, s.db, "zipay networks", func(r rowScanner) (n ZipayNetwork, err error) {
		var minW, fee string
		if err = r.Scan(&n.Coin, &n.CoinName, &n.Network, &n.NetworkName, &n.DepositIsActive, &n.WithdrawIsActive, &minW, &fee, &n.Decimal); err != nil {
			return n, err
		}
		if n.MinWithdraw, err = ParseZipayAmount(minW); err != nil {
			return n, err
		}
		n.Fee, err = ParseZipayAmount(fee)
		return n, err
	}, `SELECT coin, coin_name, network, network_name, deposit_is_active, withdraw_is_active, min_withdraw, fee, decimals
		FROM zipay_networks ORDER BY position`)
}

// SetZipayBalance sets one wallet of an account (admin use: preparing a test).
// ErrNotFound when the account is unknown.
func (s *Store) SetZipayBalance(ctx context.Context, account int64, currency string, amount ZipayAmount) error {
	if !zipayKnownCurrency(currency) || amount.Sign() < 0 {
		return fmt.Errorf("store: zipay balance %s %s: not a known currency and non-negative amount", currency, amount)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM zipay_accounts WHERE number = ?`, account).Scan(&n); err != nil {
			return fmt.Errorf("store: zipay account: %w", err)
		}
		if n == 0 {
			return ErrNotFound
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO zipay_wallets (account, currency, amount) VALUES (?, ?, ?)
			ON CONFLICT (account, currency) DO UPDATE SET amount = excluded.amount`, account, currency, amount.String())
		if err != nil {
			return fmt.Errorf("store: zipay set balance: %w", err)
		}
		return nil
	})
}
