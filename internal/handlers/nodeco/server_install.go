package nodeco

import (
	"github.com/mocksuite/mocksuite/internal/store"
)

// install is what an install source resolves to.
type install struct {
	source, osTemplate, osVariant, arch, isoURL string
	snapshot                                    *store.NodecoSnapshot
}

// installParams reads install_source and its conditional parameters
// (spec §7.6 and §7.8, rev B ISO options); targetDisk bounds snapshot use.
func (c *call) installParams(sources []string, targetDisk int) (install, error) {
	src, err := c.requiredEnum("install_source", sources...)
	if err != nil {
		return install{}, err
	}
	in := install{source: src}
	switch src {
	case "template":
		name, err := c.str("os_template", 50, true)
		if err != nil {
			return in, err
		}
		t, ok, err := c.catalogEntry("os_template", name)
		if err != nil {
			return in, err
		}
		if !ok {
			return in, refuse(errTemplateNotFound)
		}
		in.osTemplate, in.osVariant, in.arch = t.Key, t.OSVariant, t.Arch
	case "snapshot", "backup":
		param := "snapshot_id"
		if src == "backup" {
			param = "backup_id"
		}
		id, err := c.str(param, 50, true)
		if err != nil {
			return in, err
		}
		snap, err := c.installableSnapshot(id, targetDisk)
		if err != nil {
			return in, err
		}
		in.snapshot = &snap
		in.osTemplate, in.osVariant, in.arch = snap.OSTemplate, snap.OSVariant, snap.Arch
	case "iso":
		opt, err := c.requiredEnum("iso_file_option", "cached_iso_file", "own_iso_file")
		if err != nil {
			return in, err
		}
		if opt == "cached_iso_file" {
			if in.isoURL, err = c.str("cached_iso_file", 255, true); err != nil {
				return in, err
			}
			return in, nil
		}
		if in.isoURL, err = c.httpURL("iso_url", 255, true); err != nil {
			return in, err
		}
		if in.osVariant, err = c.str("os_variant", 50, true); err != nil {
			return in, err
		}
		if _, ok, err := c.catalogEntry("os_variant", in.osVariant); err != nil || !ok {
			if err == nil {
				err = refuse(errVariantNotFound)
			}
			return in, err
		}
		if in.arch, err = c.str("arch", 10, true); err != nil {
			return in, err
		}
		if _, ok, err := c.catalogEntry("arch", in.arch); err != nil || !ok {
			if err == nil {
				err = refuse(errArchNotFound)
			}
			return in, err
		}
	}
	return in, nil
}

// installableSnapshot checks spec §5.1: an active snapshot of a template
// install, taken on the same or a smaller disk.
func (c *call) installableSnapshot(id string, targetDisk int) (store.NodecoSnapshot, error) {
	snap, _, err := c.snapshotByID(id, "view_snapshot")
	if err != nil {
		return snap, err
	}
	switch {
	case snap.Status != snapActive:
		return snap, refuse(errSnapshotInactive)
	case snap.InstallSource != "template":
		return snap, refuse(errSnapshotNoTmpl)
	case snap.Disk > targetDisk:
		return snap, refuse(errSnapshotTooBig)
	}
	return snap, nil
}

// apply writes an install onto a server.
func (in install) apply(s *store.NodecoServer) {
	s.InstallSource, s.OSTemplate, s.OSVariant, s.Arch, s.ISOURL = in.source, in.osTemplate, in.osVariant, in.arch, in.isoURL
	if in.source == "backup" {
		// virtdedi calls snapshots backups; the server record keeps one vocabulary.
		s.InstallSource = "snapshot"
	}
}

func reinstallServer(c *call) (fnResult, error) {
	a, err := c.server("reinstall")
	if err != nil {
		return fnResult{}, err
	}
	if err := usable(a.srv); err != nil {
		return fnResult{}, err
	}
	in, err := c.installParams([]string{"template", "snapshot", "iso"}, a.srv.Disk)
	if err != nil {
		return fnResult{}, err
	}
	hostname, err := c.hostname("hostname", in.source == "template")
	if err != nil {
		return fnResult{}, err
	}
	if _, err := c.sshKeys(); err != nil {
		return fnResult{}, err
	}
	s := a.srv
	in.apply(&s)
	if hostname != "" {
		s.Hostname = hostname
	}
	s.ServerStatus, s.ReadyAt = statusReinstall, c.now.Add(c.p.cfg.ReinstallDelay).Unix()
	if err := c.q.SaveServer(s); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgReinstallServer, obj("server_id", s.ServerID, "order_status", s.OrderStatus, "server_status", s.ServerStatus)}, nil
}

// catalogEntry finds one catalogue row by key.
func (c *call) catalogEntry(kind, key string) (store.NodecoCatalogEntry, bool, error) {
	rows, err := c.q.Catalog(c.flavour, kind)
	if err != nil {
		return store.NodecoCatalogEntry{}, false, err
	}
	for _, r := range rows {
		if r.Key == key {
			return r, true, nil
		}
	}
	return store.NodecoCatalogEntry{}, false, nil
}
