package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// HostdimeSeeder loads fixtures/hostdime.yaml.
func HostdimeSeeder() Seeder {
	return newSeeder("hostdime", seedHostdime,
		"hostdime_tickets", "hostdime_rdns", "hostdime_domains", "hostdime_services", "hostdime_accounts")
}

// HostDime service kinds.
const (
	HostdimeServer = "server"
	HostdimeVPS    = "vps"
)

// HostdimeAccount is one API key pair and the customer it belongs to.
type HostdimeAccount struct {
	ID         int64
	Name       string
	APIKey     string
	PrivateKey string
}

// HostdimeDNS is one name server entry of a service.
type HostdimeDNS struct {
	DNS string `json:"dns" yaml:"dns"`
	IP  string `json:"ip" yaml:"ip"`
}

// HostdimeDrive is one hard drive of a dedicated server.
type HostdimeDrive struct {
	Size string `json:"size" yaml:"size"`
	Type string `json:"type" yaml:"type"`
}

// hostdimeServiceDB is the uncached read behind HostdimeService: is a dedicated server or a VPS. Every field is a string,
// as the API shows them.
type HostdimeService struct {
	CUID         string          `yaml:"cuid"`
	AccountID    int64           `yaml:"-"`
	Kind         string          `yaml:"-"`
	Label        string          `yaml:"label"`
	Name         string          `yaml:"name"`
	Status       string          `yaml:"status"`
	Power        string          `yaml:"power"`
	Type         string          `yaml:"type"`
	IPMain       string          `yaml:"ip_main"`
	DNS          []HostdimeDNS   `yaml:"dns"`
	CPU          string          `yaml:"cpu"`
	Memory       string          `yaml:"memory"`
	SSHPort      string          `yaml:"ssh_port"`
	HardDrives   []HostdimeDrive `yaml:"hard_drives"`
	ControlPanel string          `yaml:"control_panel"`
	IPIPMI       string          `yaml:"ip_ipmi"`
	IPMIPassword string          `yaml:"ipmi_password"`
	OS           string          `yaml:"os"`
	DiskUsage    string          `yaml:"disk_usage"`
	DiskQuota    string          `yaml:"disk_quota"`
}

// HostdimeRDNS is one reverse DNS record.
type HostdimeRDNS struct {
	IP  string `yaml:"ip"`
	PTR string `yaml:"ptr"`
}

// HostdimeDomain is a registered domain as stored; whether it has expired by
// now is the emulator's rule, decided from Expires and the mock clock.
type HostdimeDomain struct {
	Domain  string `yaml:"domain"`
	Status  string `yaml:"status"`
	Created string `yaml:"created"`
	Expires string `yaml:"expires"`
}

// HostdimeTicket is a support ticket.
type HostdimeTicket struct {
	ID         int64
	AccountID  int64
	CUID       string
	Department string
	Priority   string
	Subject    string
	Body       string
	Status     string
	CreatedAt  time.Time
}

// hostdimeFirstTicket is the id the first ticket of a fresh database gets.
const hostdimeFirstTicket = 100001

type hostdimeFixture struct {
	Accounts []struct {
		Name       string `yaml:"name"`
		APIKey     string `yaml:"api_key"`
		PrivateKey string `yaml:"private_key"`
		Servers    []struct {
			HostdimeService `yaml:",inline"`
			RDNS            []HostdimeRDNS `yaml:"rdns"`
		} `yaml:"servers"`
		VPS []struct {
			HostdimeService `yaml:",inline"`
			RDNS            []HostdimeRDNS `yaml:"rdns"`
		} `yaml:"vps"`
		Domains []HostdimeDomain `yaml:"domains"`
	} `yaml:"accounts"`
}

func seedHostdime(ctx context.Context, tx *sql.Tx, fx hostdimeFixture) error {
	for i, a := range fx.Accounts {
		if a.APIKey == "" || a.PrivateKey == "" {
			return fmt.Errorf("accounts[%d]: api_key and private_key are required", i)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO hostdime_accounts (name, api_key, private_key) VALUES (?, ?, ?)`, a.Name, a.APIKey, a.PrivateKey)
		if err != nil {
			return fmt.Errorf("account %s: %w", a.APIKey, err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("account %s: %w", a.APIKey, err)
		}
		add := func(kind string, s HostdimeService, rdns []HostdimeRDNS) error {
			s.AccountID, s.Kind = id, kind
			if s.Status == "" {
				s.Status = "active"
			}
			if s.Power == "" {
				s.Power = "on"
			}
			if err := insertHostdimeService(ctx, tx, s); err != nil {
				return fmt.Errorf("service %s: %w", s.CUID, err)
			}
			for pos, r := range rdns {
				if _, err := tx.ExecContext(ctx, `INSERT INTO hostdime_rdns (ip, cuid, position, ptr) VALUES (?, ?, ?, ?)`, r.IP, s.CUID, pos, r.PTR); err != nil {
					return fmt.Errorf("rdns %s: %w", r.IP, err)
				}
			}
			return nil
		}
		for _, s := range a.Servers {
			if err := add(HostdimeServer, s.HostdimeService, s.RDNS); err != nil {
				return err
			}
		}
		for _, s := range a.VPS {
			if err := add(HostdimeVPS, s.HostdimeService, s.RDNS); err != nil {
				return err
			}
		}
		for _, d := range a.Domains {
			if _, err := tx.ExecContext(ctx, `INSERT INTO hostdime_domains (account_id, domain, status, created, expires) VALUES (?, ?, ?, ?, ?)`,
				id, d.Domain, d.Status, d.Created, d.Expires); err != nil {
				return fmt.Errorf("domain %s: %w", d.Domain, err)
			}
		}
	}
	return nil
}

func insertHostdimeService(ctx context.Context, tx *sql.Tx, s HostdimeService) error {
	dns, drives, err := hostdimeLists(s)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO hostdime_services (cuid, account_id, kind, label, name, status, power, type, ip_main, dns_json,
		cpu, memory, ssh_port, drives_json, control_panel, ip_ipmi, ipmi_password, os, disk_usage, disk_quota)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.CUID, s.AccountID, s.Kind, s.Label, s.Name, s.Status, s.Power, s.Type, s.IPMain, dns,
		s.CPU, s.Memory, s.SSHPort, drives, s.ControlPanel, s.IPIPMI, s.IPMIPassword, s.OS, s.DiskUsage, s.DiskQuota)
	return err
}

func hostdimeLists(s HostdimeService) (string, string, error) {
	dns := s.DNS
	if dns == nil {
		dns = []HostdimeDNS{}
	}
	drives := s.HardDrives
	if drives == nil {
		drives = []HostdimeDrive{}
	}
	d, err := json.Marshal(dns)
	if err != nil {
		return "", "", fmt.Errorf("dns: %w", err)
	}
	h, err := json.Marshal(drives)
	if err != nil {
		return "", "", fmt.Errorf("hard_drives: %w", err)
	}
	return string(d), string(h), nil
}

// hostdimeAccountByKeyDB is the uncached read behind HostdimeAccountByKey: finds the account of a public key (ErrNotFound when none).
func (s *Store) hostdimeAccountByKeyDB(ctx context.Context, apiKey string) (HostdimeAccount, error) {
	var a HostdimeAccount
	err := s.db.QueryRowContext(ctx, `SELECT id, name, api_key, private_key FROM hostdime_accounts WHERE api_key = ?`, apiKey).
		Scan(&a.ID, &a.Name, &a.APIKey, &a.PrivateKey)
	if err != nil {
		return a, rowErrf(err, "hostdime account")
	}
	return a, nil
}

const hostdimeServiceCols = `cuid, account_id, kind, label, name, status, power, type, ip_main, dns_json, cpu, memory, ssh_port,
	drives_json, control_panel, ip_ipmi, ipmi_password, os, disk_usage, disk_quota`

func scanHostdimeService(r rowScanner) (HostdimeService, error) {
	var s HostdimeService
	var dns, drives string
	if err := r.Scan(&s.CUID, &s.AccountID, &s.Kind, &s.Label, &s.Name, &s.Status, &s.Power, &s.Type, &s.IPMain, &dns,
		&s.CPU, &s.Memory, &s.SSHPort, &drives, &s.ControlPanel, &s.IPIPMI, &s.IPMIPassword, &s.OS, &s.DiskUsage, &s.DiskQuota); err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(dns), &s.DNS); err != nil {
		return s, fmt.Errorf("dns of %s: %w", s.CUID, err)
	}
	if err := json.Unmarshal([]byte(drives), &s.HardDrives); err != nil {
		return s, fmt.Errorf("hard drives of %s: %w", s.CUID, err)
	}
	return s, nil
}

// HostdimeServices lists an account's services of one kind, by cuid.
func (s *Store) HostdimeServices(ctx context.Context, accountID int64, kind string) ([]HostdimeService, error) {
	return queryList(ctx, s.db, "hostdime services", scanHostdimeService,
		`SELECT `+hostdimeServiceCols+` FROM hostdime_services WHERE account_id = ? AND kind = ? ORDER BY cuid`, accountID, kind)
}

func hostdimeServiceTx(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, accountID int64, kind, cuid string) (HostdimeService, error) {
	svc, err := scanHostdimeService(q.QueryRowContext(ctx, `SELECT `+hostdimeServiceCols+` FROM hostdime_services WHERE account_id = ? AND kind = ? AND cuid = ?`, accountID, kind, cuid))
	if err != nil {
		return svc, rowErrf(err, "hostdime service %s", cuid)
	}
	return svc, nil
}

// HostdimeService returns one service of the account; another account's cuid
// or one of the other kind is ErrNotFound.
func (s *Store) hostdimeServiceDB(ctx context.Context, accountID int64, kind, cuid string) (HostdimeService, error) {
	return hostdimeServiceTx(ctx, s.db, accountID, kind, cuid)
}

// HostdimeChangeService reads a service, lets change apply a state transition
// to it, and writes the new status and power state, all in one transaction.
// With dryRun the transition is checked but nothing is written.
func (s *Store) HostdimeChangeService(ctx context.Context, accountID int64, kind, cuid string, dryRun bool, change func(*HostdimeService) error) (HostdimeService, error) {
	var out HostdimeService
	err := s.tx(ctx, func(tx *sql.Tx) error {
		svc, err := hostdimeServiceTx(ctx, tx, accountID, kind, cuid)
		if err != nil {
			return err
		}
		if err := change(&svc); err != nil {
			return err
		}
		out = svc
		if dryRun {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE hostdime_services SET status = ?, power = ? WHERE cuid = ? AND account_id = ?`, svc.Status, svc.Power, cuid, accountID)
		return err
	})
	// The transition's own error comes back unwrapped so the caller can tell it apart.
	return out, err
}

// HostdimeRDNS lists the reverse DNS records of one service, in their order.
func (s *Store) HostdimeRDNS(ctx context.Context, accountID int64, kind, cuid string) ([]HostdimeRDNS, error) {
	if _, err := s.HostdimeService(ctx, accountID, kind, cuid); err != nil {
		return nil, err
	}
	return queryList(ctx, s.db, "hostdime rdns", func(r rowScanner) (d HostdimeRDNS, err error) {
		err = r.Scan(&d.IP, &d.PTR)
		return d, err
	}, `SELECT ip, ptr FROM hostdime_rdns WHERE cuid = ? ORDER BY position, ip`, cuid)
}

// HostdimeUpdateRDNS sets the PTR of an address that belongs to one of the
// account's services of kind (to service cuid when it is not empty). An
// address the account does not hold is ErrNotFound. dryRun checks only.
func (s *Store) HostdimeUpdateRDNS(ctx context.Context, accountID int64, kind, cuid, ip, ptr string, dryRun bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var owner string
		err := tx.QueryRowContext(ctx, `SELECT r.cuid FROM hostdime_rdns r JOIN hostdime_services s ON s.cuid = r.cuid
			WHERE r.ip = ? AND s.account_id = ? AND s.kind = ?`, ip, accountID, kind).Scan(&owner)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && cuid != "" && owner != cuid) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: hostdime rdns %s: %w", ip, err)
		}
		if dryRun {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE hostdime_rdns SET ptr = ? WHERE ip = ?`, ptr, ip); err != nil {
			return fmt.Errorf("store: hostdime rdns %s: %w", ip, err)
		}
		return nil
	})
}

// HostdimeDomains lists an account's domains by name.
func (s *Store) HostdimeDomains(ctx context.Context, accountID int64) ([]HostdimeDomain, error) {
	return queryList(ctx, s.db, "hostdime domains", func(r rowScanner) (d HostdimeDomain, err error) {
		err = r.Scan(&d.Domain, &d.Status, &d.Created, &d.Expires)
		return d, err
	}, `SELECT domain, status, created, expires FROM hostdime_domains WHERE account_id = ? ORDER BY domain`, accountID)
}

// HostdimeCreateTicket stores a ticket and returns its id. A ticket about a
// service (CUID set) needs a service of the account (ErrNotFound otherwise).
// With dryRun it returns the id the ticket would get and stores nothing.
func (s *Store) HostdimeCreateTicket(ctx context.Context, t HostdimeTicket, dryRun bool) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if t.CUID != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM hostdime_services WHERE cuid = ? AND account_id = ?`, t.CUID, t.AccountID).Scan(&n); err != nil {
				return fmt.Errorf("store: hostdime ticket service: %w", err)
			}
			if n == 0 {
				return ErrNotFound
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id) + 1, ?) FROM hostdime_tickets`, hostdimeFirstTicket).Scan(&id); err != nil {
			return fmt.Errorf("store: hostdime ticket id: %w", err)
		}
		if dryRun {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO hostdime_tickets (id, account_id, cuid, department, priority, subject, body, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, t.AccountID, t.CUID, t.Department, t.Priority, t.Subject, t.Body, t.Status, t.CreatedAt.UTC().Format(time.RFC3339))
		if err != nil {
			return fmt.Errorf("store: hostdime ticket: %w", err)
		}
		return nil
	})
	return id, err
}

// HostdimeTicketByID returns a stored ticket (ErrNotFound when none).
func (s *Store) HostdimeTicketByID(ctx context.Context, id int64) (HostdimeTicket, error) {
	var t HostdimeTicket
	var created string
	err := s.db.QueryRowContext(ctx, `SELECT id, account_id, cuid, department, priority, subject, body, status, created_at FROM hostdime_tickets WHERE id = ?`, id).
		Scan(&t.ID, &t.AccountID, &t.CUID, &t.Department, &t.Priority, &t.Subject, &t.Body, &t.Status, &created)
	if err != nil {
		return t, rowErrf(err, "hostdime ticket %d", id)
	}
	t.CreatedAt, err = time.Parse(time.RFC3339, created)
	if err != nil {
		return t, fmt.Errorf("store: hostdime ticket %d: %w", id, err)
	}
	return t, nil
}
