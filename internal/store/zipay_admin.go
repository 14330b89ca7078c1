package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/guard"
)

// Admin access to the Zipay tables: the control plane lists and edits
// accounts, wallets and API keys, and shows every invoice, transfer, exchange
// and withdrawal across accounts.

// ErrZipayExists is returned when a new account's number or e-mail, or a new
// key's api_key, is already taken.
var ErrZipayExists = errors.New("store: zipay account, e-mail or key exists")

// ZipayTerminal is one terminal of an account.
type ZipayTerminal struct {
	Number int64
	Name   string
}

// ZipayKeyInfo is an API key as stored: methods and IPs as written.
type ZipayKeyInfo struct {
	APIKey, Secret string
	Account        int64
	Methods        []string // method names, or "*"
	IPs            []string // addresses or CIDRs; empty allows any caller
	Enabled        bool
}

// ZipayAccountInfo is an account with its wallets, terminals and keys.
type ZipayAccountInfo struct {
	ZipayAccount
	Balances  []ZipayBalance
	Terminals []ZipayTerminal
	Keys      []ZipayKeyInfo
}

// ZipayValidIP reports whether s is an address or a CIDR a key may list.
func ZipayValidIP(s string) error {
	_, err := guard.ParsePrefix(s)
	return err
}

func zipaySplit(s string) []string {
	out := []string{}
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// ZipayAccountInfos lists every account in number order.
func (s *Store) ZipayAccountInfos(ctx context.Context) ([]ZipayAccountInfo, error) {
	numbers, err := queryList(ctx, s.db, "zipay accounts", scanOne[int64], `SELECT number FROM zipay_accounts ORDER BY number`)
	if err != nil {
		return nil, err
	}
	out := make([]ZipayAccountInfo, 0, len(numbers))
	for _, n := range numbers {
		a, err := s.ZipayAccountInfo(ctx, n)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// ZipayAccountInfo returns one account with its wallets, terminals and keys
// (in the order they were added); ErrNotFound when unknown.
func (s *Store) ZipayAccountInfo(ctx context.Context, number int64) (ZipayAccountInfo, error) {
	var a ZipayAccountInfo
	var err error
	if a.ZipayAccount, err = s.ZipayAccountByNumber(ctx, number); err != nil {
		return a, err
	}
	if a.Balances, err = s.ZipayBalances(ctx, number); err != nil {
		return a, err
	}
	a.Terminals, err = queryList(ctx, s.db, "zipay terminals", func(r rowScanner) (t ZipayTerminal, err error) {
		err = r.Scan(&t.Number, &t.Name)
		return t, err
	}, `SELECT number, name FROM zipay_terminals WHERE account = ? ORDER BY number`, number)
	if err != nil {
		return a, err
	}
	a.Keys, err = s.zipayKeys(ctx, `WHERE account = ?`, number)
	return a, err
}

// ZipayKeyInfo returns one key as stored; ErrNotFound when unknown.
func (s *Store) ZipayKeyInfo(ctx context.Context, apiKey string) (ZipayKeyInfo, error) {
	keys, err := s.zipayKeys(ctx, `WHERE api_key = ?`, apiKey)
	if err != nil {
		return ZipayKeyInfo{}, err
	}
	if len(keys) == 0 {
		return ZipayKeyInfo{}, ErrNotFound
	}
	return keys[0], nil
}

// zipayKeys runs one of two fixed WHERE clauses (never input) against the keys.
func (s *Store) zipayKeys(ctx context.Context, where string, arg any) ([]ZipayKeyInfo, error) {
	return queryList(ctx, s.db, "zipay keys", scanZipayKey, zipayKeySelect+where+` ORDER BY rowid`, arg)
}

// zipayKeySelect is the select list scanZipayKey reads.
const zipayKeySelect = `SELECT api_key, secret, account, methods, ips, enabled FROM zipay_keys `

func scanZipayKey(r rowScanner) (ZipayKeyInfo, error) {
	var k ZipayKeyInfo
	var methods, ips string
	if err := r.Scan(&k.APIKey, &k.Secret, &k.Account, &methods, &ips, &k.Enabled); err != nil {
		return k, err
	}
	k.Methods, k.IPs = zipaySplit(methods), zipaySplit(ips)
	return k, nil
}

func zipaySetWallets(ctx context.Context, tx *sql.Tx, number int64, balances map[string]ZipayAmount) error {
	for cur, amt := range balances {
		if !zipayKnownCurrency(cur) || amt.Sign() < 0 {
			return fmt.Errorf("store: zipay balance %s %s: not a known currency and non-negative amount", cur, amt)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO zipay_wallets (account, currency, amount) VALUES (?, ?, ?)
			ON CONFLICT (account, currency) DO UPDATE SET amount = excluded.amount`, number, cur, amt.String())
		if err != nil {
			return fmt.Errorf("store: zipay set balance %d/%s: %w", number, cur, err)
		}
	}
	return nil
}

// CreateZipayAccount adds an account with all three wallets (those not in
// balances at zero) in one transaction; ErrZipayExists when its number or
// e-mail is taken.
func (s *Store) CreateZipayAccount(ctx context.Context, a ZipayAccount, balances map[string]ZipayAmount) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM zipay_accounts WHERE number = ? OR email = ? COLLATE NOCASE`, a.Number, a.Email).Scan(&n); err != nil {
			return fmt.Errorf("store: zipay create account: %w", err)
		}
		if n > 0 {
			return ErrZipayExists
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO zipay_accounts (number, email, name) VALUES (?, ?, ?)`, a.Number, a.Email, a.Name); err != nil {
			return fmt.Errorf("store: zipay create account %d: %w", a.Number, err)
		}
		all := map[string]ZipayAmount{}
		for _, cur := range ZipayCurrencies {
			all[cur] = MustZipayAmount("0")
		}
		for cur, amt := range balances {
			all[cur] = amt
		}
		return zipaySetWallets(ctx, tx, a.Number, all)
	})
}

// UpdateZipayAccount changes an account's e-mail and name (when not nil) and
// sets the given wallets, all in one transaction; ErrNotFound when unknown,
// ErrZipayExists when the e-mail belongs to another account.
func (s *Store) UpdateZipayAccount(ctx context.Context, number int64, email, name *string, balances map[string]ZipayAmount) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM zipay_accounts WHERE number = ?`, number).Scan(&n); err != nil {
			return fmt.Errorf("store: zipay update account: %w", err)
		}
		if n == 0 {
			return ErrNotFound
		}
		if email != nil {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM zipay_accounts WHERE email = ? COLLATE NOCASE AND number <> ?`, *email, number).Scan(&n); err != nil {
				return fmt.Errorf("store: zipay update account: %w", err)
			}
			if n > 0 {
				return ErrZipayExists
			}
			if _, err := tx.ExecContext(ctx, `UPDATE zipay_accounts SET email = ? WHERE number = ?`, *email, number); err != nil {
				return fmt.Errorf("store: zipay update account %d: %w", number, err)
			}
		}
		if name != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE zipay_accounts SET name = ? WHERE number = ?`, *name, number); err != nil {
				return fmt.Errorf("store: zipay update account %d: %w", number, err)
			}
		}
		return zipaySetWallets(ctx, tx, number, balances)
	})
}

// DeleteZipayAccount removes account number with its wallets, keys and
// terminals and the invoices, exchanges, withdrawals and transfers (sent or
// received) it took part in, in one transaction; ErrNotFound when there is
// none. Webhook deliveries already queued stay in the delivery log.
func (s *Store) DeleteZipayAccount(ctx context.Context, number int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return deleteOwned(ctx, tx, "zipay account", []string{
			`DELETE FROM zipay_transfers WHERE ? IN (sender, receiver)`,
			`DELETE FROM zipay_exchanges WHERE account = ?`,
			`DELETE FROM zipay_withdrawals WHERE account = ?`,
			`DELETE FROM zipay_invoices WHERE account = ?`,
			`DELETE FROM zipay_terminals WHERE account = ?`,
			`DELETE FROM zipay_keys WHERE account = ?`,
			`DELETE FROM zipay_wallets WHERE account = ?`,
			`DELETE FROM zipay_accounts WHERE number = ?`,
		}, number)
	})
}

// CreateZipayKey adds a key; ErrNotFound when its account is unknown,
// ErrZipayExists when the api_key is taken. IPs must pass ZipayValidIP.
func (s *Store) CreateZipayKey(ctx context.Context, k ZipayKeyInfo) error {
	for _, ip := range k.IPs {
		if err := ZipayValidIP(ip); err != nil {
			return fmt.Errorf("store: zipay key %s: %w", k.APIKey, err)
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var accounts, keys int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM zipay_accounts WHERE number = ?), (SELECT COUNT(*) FROM zipay_keys WHERE api_key = ?)`,
			k.Account, k.APIKey).Scan(&accounts, &keys); err != nil {
			return fmt.Errorf("store: zipay create key: %w", err)
		}
		if accounts == 0 {
			return ErrNotFound
		}
		if keys > 0 {
			return ErrZipayExists
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO zipay_keys (api_key, secret, account, methods, ips, enabled) VALUES (?, ?, ?, ?, ?, ?)`,
			k.APIKey, k.Secret, k.Account, strings.Join(k.Methods, ","), strings.Join(k.IPs, ","), k.Enabled)
		if err != nil {
			return fmt.Errorf("store: zipay create key %s: %w", k.APIKey, err)
		}
		return nil
	})
}

// UpdateZipayKey reads a key, lets change edit it and writes it back, in one
// transaction; the api_key itself cannot change. ErrNotFound when unknown; an
// error from change is returned as is and nothing is written.
func (s *Store) UpdateZipayKey(ctx context.Context, apiKey string, change func(*ZipayKeyInfo) error) (ZipayKeyInfo, error) {
	var k ZipayKeyInfo
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		k, err = scanZipayKey(tx.QueryRowContext(ctx, zipayKeySelect+`WHERE api_key = ?`, apiKey))
		if err != nil {
			return rowErrf(err, "zipay key %s", apiKey)
		}
		if err := change(&k); err != nil {
			return err
		}
		for _, ip := range k.IPs {
			if err := ZipayValidIP(ip); err != nil {
				return fmt.Errorf("store: zipay key %s: %w", apiKey, err)
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE zipay_keys SET secret = ?, methods = ?, ips = ?, enabled = ? WHERE api_key = ?`,
			k.Secret, strings.Join(k.Methods, ","), strings.Join(k.IPs, ","), k.Enabled, apiKey)
		if err != nil {
			return fmt.Errorf("store: zipay update key %s: %w", apiKey, err)
		}
		return nil
	})
	return k, err
}

// ZipayAllInvoices lists every invoice, oldest first (stored status; the
// caller derives the state at its clock with ZipayInvoice.State).
func (s *Store) ZipayAllInvoices(ctx context.Context) ([]ZipayInvoice, error) {
	ids, err := queryList(ctx, s.db, "zipay invoices", scanOne[string], `SELECT trackid FROM zipay_invoices ORDER BY created_at, trackid`)
	if err != nil {
		return nil, err
	}
	out := make([]ZipayInvoice, 0, len(ids))
	for _, id := range ids {
		inv, err := zipayLoadInvoice(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, nil
}

// ZipayAllTransfers lists every transfer, oldest first.
func (s *Store) ZipayAllTransfers(ctx context.Context) ([]ZipayTransfer, error) {
	return queryList(ctx, s.db, "zipay all transfers", scanZipayTransfer, zipayTransferSelect+` ORDER BY t.id`)
}

// ZipayAllExchanges lists every exchange, oldest first.
func (s *Store) ZipayAllExchanges(ctx context.Context) ([]ZipayExchange, error) {
	return queryList(ctx, s.db, "zipay all exchanges", scanZipayExchange, zipayExchangeSelect+` ORDER BY id`)
}

// zipayExchangeSelect is the select list scanZipayExchange reads.
const zipayExchangeSelect = `SELECT trackid, account, created_at, spent_amount, spent_coin, rate, get_amount, get_coin, market, side FROM zipay_exchanges`

func scanZipayExchange(r rowScanner) (ZipayExchange, error) {
	var e ZipayExchange
	var at int64
	var spent, rate, got string
	if err := r.Scan(&e.TrackID, &e.Account, &at, &spent, &e.SpentCoin, &rate, &got, &e.GetCoin, &e.Market, &e.Side); err != nil {
		return e, err
	}
	e.Time = time.Unix(0, at).UTC()
	return e, zipayParseAmounts(map[*ZipayAmount]string{&e.SpentAmount: spent, &e.Rate: rate, &e.GetAmount: got})
}

// zipayParseAmounts parses stored decimal strings into their fields.
func zipayParseAmounts(fields map[*ZipayAmount]string) error {
	for dst, src := range fields {
		v, err := ParseZipayAmount(src)
		if err != nil {
			return err
		}
		*dst = v
	}
	return nil
}

// ZipayAllWithdrawals lists every crypto withdrawal, oldest first.
func (s *Store) ZipayAllWithdrawals(ctx context.Context) ([]ZipayWithdrawal, error) {
	return queryList(ctx, s.db, "zipay all withdrawals", func(r rowScanner) (ZipayWithdrawal, error) {
		var w ZipayWithdrawal
		var at int64
		var req, amt, fee string
		if err := r.Scan(&w.TrackID, &w.Account, &w.OrderID, &w.Coin, &w.Network, &req, &amt, &fee, &w.Address, &w.Status, &at); err != nil {
			return w, err
		}
		w.Time = time.Unix(0, at).UTC()
		return w, zipayParseAmounts(map[*ZipayAmount]string{&w.Requested: req, &w.Amount: amt, &w.Fee: fee})
	}, `SELECT trackid, account, order_id, coin, network, requested, amount, fee, address, status, created_at
		FROM zipay_withdrawals ORDER BY created_at, trackid`)
}
