package store

import (
	"errors"
	"fmt"
)

// Admin access to the NODE tables: the control plane lists and edits accounts
// and shows every server, snapshot and share of a flavour, across both stages.

// ErrNodecoExists is returned when a new account's user id or API key is
// already taken in its flavour.
var ErrNodecoExists = errors.New("store: nodeco account or api key exists")

// Accounts lists every account of flavour in user id order (numeric ids sort
// by length first so 999 comes before 1000).
func (q *NodecoTx) Accounts(flavour string) ([]NodecoAccount, error) {
	ids, err := queryList(q.ctx, q.tx, "nodeco accounts", scanOne[string],
		`SELECT user_id FROM nodeco_accounts WHERE flavour = ? ORDER BY LENGTH(user_id), user_id`, flavour)
	if err != nil {
		return nil, err
	}
	out := make([]NodecoAccount, 0, len(ids))
	for _, id := range ids {
		a, err := q.Account(flavour, id)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// nodecoServersOf selects the servers (both stages) of the account the two
// arguments, flavour and user id, name.
const nodecoServersOf = `(flavour, stage, server_id) IN (SELECT flavour, stage, server_id FROM nodeco_servers WHERE flavour = ? AND user_id = ?)`

// DeleteAccount removes the account userID of flavour with its servers in
// both stages and what hangs on them (snapshots, shares, consoles);
// ErrNotFound when there is none.
func (q *NodecoTx) DeleteAccount(flavour, userID string) error {
	return deleteOwned(q.ctx, q.tx, "nodeco account", []string{
		`DELETE FROM nodeco_snapshots WHERE ` + nodecoServersOf,
		`DELETE FROM nodeco_shares WHERE ` + nodecoServersOf,
		`DELETE FROM nodeco_consoles WHERE ` + nodecoServersOf,
		`DELETE FROM nodeco_consoles WHERE flavour = ? AND user_id = ?`,
		`DELETE FROM nodeco_servers WHERE flavour = ? AND user_id = ?`,
		`DELETE FROM nodeco_accounts WHERE flavour = ? AND user_id = ?`,
	}, flavour, userID)
}

// APIKeyTaken reports whether another account of flavour than userID uses apiKey.
func (q *NodecoTx) APIKeyTaken(flavour, apiKey, userID string) (bool, error) {
	var n int
	err := q.tx.QueryRowContext(q.ctx, `SELECT COUNT(*) FROM nodeco_accounts WHERE flavour = ? AND api_key = ? AND user_id <> ?`, flavour, apiKey, userID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("nodeco api key taken: %w", err)
	}
	return n > 0, nil
}

// InsertAccount adds an account; ErrNodecoExists when its user id or API key
// is taken in the flavour.
func (q *NodecoTx) InsertAccount(a NodecoAccount) error {
	var n int
	if err := q.tx.QueryRowContext(q.ctx, `SELECT COUNT(*) FROM nodeco_accounts WHERE flavour = ? AND (user_id = ? OR api_key = ?)`,
		a.Flavour, a.UserID, a.APIKey).Scan(&n); err != nil {
		return fmt.Errorf("nodeco insert account %s: %w", a.UserID, err)
	}
	if n > 0 {
		return fmt.Errorf("nodeco insert account %s: %w", a.UserID, ErrNodecoExists)
	}
	_, err := q.tx.ExecContext(q.ctx, `INSERT INTO nodeco_accounts (flavour, user_id, api_key, email, full_name, phone_verified, unpaid_invoices, balance, reseller, new_server_cap)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.Flavour, a.UserID, a.APIKey, a.Email, a.FullName, nodecoBool(a.PhoneVerified), a.UnpaidInvoices,
		a.Balance, nodecoBool(a.Reseller), a.NewServerCap)
	if err != nil {
		return fmt.Errorf("nodeco insert account %s: %w", a.UserID, err)
	}
	return nil
}

// AllServers lists every server of flavour, sandbox stage first, by server id.
func (q *NodecoTx) AllServers(flavour string) ([]NodecoServer, error) {
	return queryList(q.ctx, q.tx, "nodeco all servers", func(r rowScanner) (s NodecoServer, err error) {
		err = r.Scan(serverFields(&s)...)
		return s, err
	}, `SELECT `+nodecoServerCols+` FROM nodeco_servers WHERE flavour = ? ORDER BY stage DESC, server_id`, flavour)
}

// AllSnapshots lists every snapshot of flavour, sandbox stage first, oldest first.
func (q *NodecoTx) AllSnapshots(flavour string) ([]NodecoSnapshot, error) {
	return queryList(q.ctx, q.tx, "nodeco all snapshots", func(r rowScanner) (p NodecoSnapshot, err error) {
		var hdd int
		err = r.Scan(snapshotFields(&p, &hdd)...)
		p.HasHDD = hdd != 0
		return p, err
	}, `SELECT `+nodecoSnapshotCols+` FROM nodeco_snapshots WHERE flavour = ? ORDER BY stage DESC, add_time, snapshot_id`, flavour)
}

// AllShares lists every grant of flavour, sandbox stage first, by server id
// and then in the order the grants were made.
func (q *NodecoTx) AllShares(flavour string) ([]NodecoShare, error) {
	return queryList(q.ctx, q.tx, "nodeco all shares", func(r rowScanner) (h NodecoShare, err error) {
		err = r.Scan(shareFields(&h)...)
		return h, err
	}, `SELECT `+nodecoShareCols+` FROM nodeco_shares WHERE flavour = ? ORDER BY stage DESC, server_id, seq`, flavour)
}
