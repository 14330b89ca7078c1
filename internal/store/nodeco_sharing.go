package store

import "fmt"

// The NODE tables a server's owner shares: grants of access to other
// accounts, snapshots, and virtual monitor links.

func shareFields(h *NodecoShare) []any {
	return []any{&h.Flavour, &h.Stage, &h.ServerID, &h.Email, &h.UserID, &h.FullName, &h.VirtualMonitor, &h.ChangeLabel, &h.ViewPassword,
		&h.ChangePassword, &h.TurnOn, &h.TurnOff, &h.Reinstall, &h.ChangeReverseHost, &h.ViewSnapshot, &h.CreateSnapshot, &h.DeleteSnapshot}
}

// Shares lists a server's grants in the order they were first made.
func (q *NodecoTx) Shares(flavour, stage, serverID string) ([]NodecoShare, error) {
	return queryList(q.ctx, q.tx, "nodeco shares", func(r rowScanner) (h NodecoShare, err error) {
		err = r.Scan(shareFields(&h)...)
		return h, err
	}, `SELECT `+nodecoShareCols+` FROM nodeco_shares WHERE flavour = ? AND stage = ? AND server_id = ? ORDER BY seq`, flavour, stage, serverID)
}

// Share returns email's grant on a server.
func (q *NodecoTx) Share(flavour, stage, serverID, email string) (NodecoShare, error) {
	var h NodecoShare
	err := q.tx.QueryRowContext(q.ctx, `SELECT `+nodecoShareCols+` FROM nodeco_shares WHERE flavour = ? AND stage = ? AND server_id = ? AND email = ? COLLATE NOCASE`,
		flavour, stage, serverID, email).Scan(shareFields(&h)...)
	if err != nil {
		return h, fmt.Errorf("nodeco share: %w", nodecoNotFound(err))
	}
	return h, nil
}

// PutShare adds a grant or replaces the existing grant of the same e-mail, keeping its place in the list.
func (q *NodecoTx) PutShare(h NodecoShare) error {
	if old, err := q.Share(h.Flavour, h.Stage, h.ServerID, h.Email); err == nil {
		h.Email = old.Email
		_, err = q.tx.ExecContext(q.ctx, `UPDATE nodeco_shares SET user_id = ?, full_name = ?, virtual_monitor = ?, change_label = ?, view_password = ?,
			change_password = ?, turn_on = ?, turn_off = ?, reinstall = ?, change_reverse_host = ?, view_snapshot = ?, create_snapshot = ?, delete_snapshot = ?
			WHERE flavour = ? AND stage = ? AND server_id = ? AND email = ?`, h.UserID, h.FullName, h.VirtualMonitor, h.ChangeLabel, h.ViewPassword,
			h.ChangePassword, h.TurnOn, h.TurnOff, h.Reinstall, h.ChangeReverseHost, h.ViewSnapshot, h.CreateSnapshot, h.DeleteSnapshot,
			h.Flavour, h.Stage, h.ServerID, h.Email)
		if err != nil {
			return fmt.Errorf("nodeco update share: %w", err)
		}
		return nil
	} else if !IsNotFound(err) {
		return err
	}
	var seq int
	if err := q.tx.QueryRowContext(q.ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM nodeco_shares`).Scan(&seq); err != nil {
		return fmt.Errorf("nodeco share seq: %w", err)
	}
	vals := make([]any, 0, 18)
	for _, p := range shareFields(&h) {
		vals = append(vals, *(p.(*string)))
	}
	vals = append(vals, seq)
	if _, err := q.tx.ExecContext(q.ctx, `INSERT INTO nodeco_shares (`+nodecoShareCols+`, seq) VALUES (`+nodecoPlaceholders(18)+`)`, vals...); err != nil {
		return fmt.Errorf("nodeco insert share: %w", err)
	}
	return nil
}

// DeleteShare removes email's grant; ErrNotFound when there was none.
func (q *NodecoTx) DeleteShare(flavour, stage, serverID, email string) error {
	res, err := q.tx.ExecContext(q.ctx, `DELETE FROM nodeco_shares WHERE flavour = ? AND stage = ? AND server_id = ? AND email = ? COLLATE NOCASE`, flavour, stage, serverID, email)
	if err != nil {
		return fmt.Errorf("nodeco delete share: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("nodeco delete share: %w", ErrNotFound)
	}
	return nil
}

const nodecoSnapshotCols = `flavour, stage, snapshot_id, server_id, snapshot_name, add_time, end_time, cycle, status, ready_at, size,
	install_source, os_template, os_variant, arch, disk, has_hdd, url_key`

func snapshotFields(p *NodecoSnapshot, hdd *int) []any {
	return []any{&p.Flavour, &p.Stage, &p.SnapshotID, &p.ServerID, &p.Name, &p.AddTime, &p.EndTime, &p.Cycle, &p.Status, &p.ReadyAt,
		&p.Size, &p.InstallSource, &p.OSTemplate, &p.OSVariant, &p.Arch, &p.Disk, hdd, &p.URLKey}
}

// Snapshot returns one snapshot of a stage.
func (q *NodecoTx) Snapshot(flavour, stage, snapshotID string) (NodecoSnapshot, error) {
	var p NodecoSnapshot
	var hdd int
	err := q.tx.QueryRowContext(q.ctx, `SELECT `+nodecoSnapshotCols+` FROM nodeco_snapshots WHERE flavour = ? AND stage = ? AND snapshot_id = ?`,
		flavour, stage, snapshotID).Scan(snapshotFields(&p, &hdd)...)
	if err != nil {
		return p, fmt.Errorf("nodeco snapshot %s: %w", snapshotID, nodecoNotFound(err))
	}
	p.HasHDD = hdd != 0
	return p, nil
}

// Snapshots returns every snapshot of the given servers, oldest first.
func (q *NodecoTx) Snapshots(flavour, stage string, serverIDs []string) ([]NodecoSnapshot, error) {
	if len(serverIDs) == 0 {
		return nil, nil
	}
	args := []any{flavour, stage}
	for _, id := range serverIDs {
		args = append(args, id)
	}
	return queryList(q.ctx, q.tx, "nodeco snapshots", func(r rowScanner) (p NodecoSnapshot, err error) {
		var hdd int
		err = r.Scan(snapshotFields(&p, &hdd)...)
		p.HasHDD = hdd != 0
		return p, err
	}, `SELECT `+nodecoSnapshotCols+` FROM nodeco_snapshots WHERE flavour = ? AND stage = ? AND server_id IN (`+nodecoPlaceholders(len(serverIDs))+`)
		ORDER BY add_time, snapshot_id`, args...)
}

// SnapshotExists reports whether a snapshot id is taken in a stage.
func (q *NodecoTx) SnapshotExists(flavour, stage, snapshotID string) (bool, error) {
	var n int
	if err := q.tx.QueryRowContext(q.ctx, `SELECT COUNT(*) FROM nodeco_snapshots WHERE flavour = ? AND stage = ? AND snapshot_id = ?`, flavour, stage, snapshotID).Scan(&n); err != nil {
		return false, fmt.Errorf("nodeco snapshot exists: %w", err)
	}
	return n > 0, nil
}

// PutSnapshot inserts or replaces a snapshot.
func (q *NodecoTx) PutSnapshot(p NodecoSnapshot) error {
	_, err := q.tx.ExecContext(q.ctx, `INSERT OR REPLACE INTO nodeco_snapshots (`+nodecoSnapshotCols+`) VALUES (`+nodecoPlaceholders(18)+`)`,
		p.Flavour, p.Stage, p.SnapshotID, p.ServerID, p.Name, p.AddTime, p.EndTime, p.Cycle, p.Status, p.ReadyAt, p.Size,
		p.InstallSource, p.OSTemplate, p.OSVariant, p.Arch, p.Disk, nodecoBool(p.HasHDD), p.URLKey)
	if err != nil {
		return fmt.Errorf("nodeco put snapshot %s: %w", p.SnapshotID, err)
	}
	return nil
}

// InsertConsole stores an issued virtual monitor link.
func (q *NodecoTx) InsertConsole(c NodecoConsole) error {
	_, err := q.tx.ExecContext(q.ctx, `INSERT INTO nodeco_consoles (token, flavour, stage, server_id, user_id, monitor_mode, view_root_password,
		branding_logo_url, home_url, server_detail_url, background_color, expires_at) VALUES (`+nodecoPlaceholders(12)+`)`,
		c.Token, c.Flavour, c.Stage, c.ServerID, c.UserID, c.MonitorMode, c.ViewRootPassword, c.BrandingLogoURL, c.HomeURL,
		c.ServerDetailURL, c.BackgroundColor, c.ExpiresAt)
	if err != nil {
		return fmt.Errorf("nodeco insert console: %w", err)
	}
	return nil
}

// Console returns an issued virtual monitor link of a flavour.
func (q *NodecoTx) Console(flavour, token string) (NodecoConsole, error) {
	var c NodecoConsole
	err := q.tx.QueryRowContext(q.ctx, `SELECT token, flavour, stage, server_id, user_id, monitor_mode, view_root_password, branding_logo_url,
		home_url, server_detail_url, background_color, expires_at FROM nodeco_consoles WHERE flavour = ? AND token = ?`, flavour, token).
		Scan(&c.Token, &c.Flavour, &c.Stage, &c.ServerID, &c.UserID, &c.MonitorMode, &c.ViewRootPassword, &c.BrandingLogoURL,
			&c.HomeURL, &c.ServerDetailURL, &c.BackgroundColor, &c.ExpiresAt)
	if err != nil {
		return c, fmt.Errorf("nodeco console: %w", nodecoNotFound(err))
	}
	return c, nil
}
