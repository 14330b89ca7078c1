package nodeco

import (
	"fmt"
	"sort"
	"time"

	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Server and order states (spec §8).
const (
	statusInstall   = "install"
	statusReinstall = "reinstall"
	statusOn        = "on"
	statusOff       = "off"
	statusSuspended = "suspended"
	statusDeleted   = "deleted"

	orderPending   = "pending"
	orderActive    = "active"
	orderSuspended = "suspended"
	orderCanceled  = "canceled"
)

// Permissions a shared server grants; permView is any grant, permOwner none.
const (
	permOwner = ""
	permView  = "view"
)

// fmtTime renders a stored Unix time as NODE does; 0 (unset) is "".
func fmtTime(t int64) string {
	if t == 0 {
		return ""
	}
	return time.Unix(t, 0).In(store.NodecoZone).Format(store.NodecoTimeLayout)
}

// settleServer finishes an install or reinstall whose delay has passed by
// now: async state is computed from the stored deadline and the clock.
func settleServer(s *store.NodecoServer, now time.Time) {
	if (s.ServerStatus == statusInstall || s.ServerStatus == statusReinstall) && s.ReadyAt > 0 && now.Unix() >= s.ReadyAt {
		s.ServerStatus, s.ReadyAt = statusOn, 0
	}
}

// access is a server as the caller may use it.
type access struct {
	srv   store.NodecoServer
	owner bool
	share store.NodecoShare
}

func (a access) ownership() string {
	if a.owner {
		return "owner"
	}
	return "shared"
}

// granted tells whether a share allows perm.
func granted(h store.NodecoShare, perm string) bool {
	switch perm {
	case permView:
		return true
	case "virtual_monitor":
		return h.VirtualMonitor != "" && h.VirtualMonitor != "no"
	}
	v := map[string]string{
		"change_label": h.ChangeLabel, "view_password": h.ViewPassword, "change_password": h.ChangePassword,
		"turn_on": h.TurnOn, "turn_off": h.TurnOff, "reinstall": h.Reinstall, "change_reverse_host": h.ChangeReverseHost,
		"view_snapshot": h.ViewSnapshot, "create_snapshot": h.CreateSnapshot, "delete_snapshot": h.DeleteSnapshot,
	}[perm]
	return v == "yes"
}

// serverByID returns a server the caller owns, or one shared with them that grants perm.
// Anyone else's server does not exist, as far as the caller can tell.
func (c *call) serverByID(id, perm string) (access, error) {
	s, err := c.q.Server(c.flavour, c.stage, id)
	if store.IsNotFound(err) {
		return access{}, refuse(journal.ReasonNotFound, errServerNotFound)
	}
	if err != nil {
		return access{}, err
	}
	settleServer(&s, c.now)
	if s.UserID == c.acct.UserID {
		return access{srv: s, owner: true}, nil
	}
	if c.acct.Email != "" {
		h, err := c.q.Share(c.flavour, c.stage, s.ServerID, c.acct.Email)
		switch {
		case err == nil:
			if perm == permOwner || !granted(h, perm) {
				return access{}, refuse(journal.ReasonForbidden, errPermissionDenied)
			}
			return access{srv: s, share: h}, nil
		case !store.IsNotFound(err):
			return access{}, err
		}
	}
	return access{}, refuse(journal.ReasonNotFound, errServerNotFound)
}

// server reads server_id and looks it up with serverByID.
func (c *call) server(perm string) (access, error) {
	id, err := c.str("server_id", 50, true)
	if err != nil {
		return access{}, err
	}
	return c.serverByID(id, perm)
}

// usable refuses actions on servers that are canceled, suspended, pending or still installing.
func usable(s store.NodecoServer) error {
	switch {
	case s.OrderStatus == orderCanceled || s.ServerStatus == statusDeleted:
		return refuse(journal.ReasonState, errServerCanceled)
	case s.OrderStatus == orderSuspended || s.ServerStatus == statusSuspended:
		return refuse(journal.ReasonState, errServerSuspended)
	case s.OrderStatus == orderPending:
		return refuse(journal.ReasonState, errServerPending)
	case s.ServerStatus == statusInstall || s.ServerStatus == statusReinstall:
		return refuse(journal.ReasonState, errServerInstalling)
	}
	return nil
}

// serverData is the get_server_detail record of the flavour (spec §7.5).
// ip_address closes the list: the docs cut off before any IP field.
func (c *call) serverData(a access) *object {
	s := a.srv
	if c.flavour == string(VirtDedi) {
		return obj(
			"server_id", s.ServerID,
			"server_label", s.ServerLabel,
			"hostname", s.Hostname,
			"order_status", s.OrderStatus,
			"server_status", s.ServerStatus,
			"package", s.Package,
			"vcpu", s.VCPU,
			"ram", decNumber(s.RAM),
			"nvme", s.Disk,
			"hdd", s.HDD,
			"monthly_data_transfer", s.MonthlyDataTransfer,
			"additional_monthly_data_transfer", s.AdditionalMonthlyDataTransfer,
			"daiy_backup", s.DailySnapshots,
			"daily_backup_max_age", s.DailyMaxAge,
			"weekly_backup", s.WeeklySnapshots,
			"weekly_backup_max_age", s.WeeklyMaxAge,
			"monthly_backup", s.MonthlySnapshots,
			"monthly_backup_max_age", s.MonthlyMaxAge,
			"hdd_backup", s.HDDBackup,
			"price", decNumber(s.Price),
			"billing_cycle", s.BillingCycle,
			"billing_cycle_discount", decNumber(s.BillingCycleDiscount),
			"reseller_discount", decNumber(s.ResellerDiscount),
			"pay_with_balance", s.PayWithBalance,
			"activated_time", fmtTime(s.ActivatedTime),
			"end_time", fmtTime(s.EndTime),
			"data_center", s.DataCenter,
			"ownership", a.ownership(),
			"custom_info_1", s.CustomInfo1,
			"custom_info_2", s.CustomInfo2,
			"custom_info_3", s.CustomInfo3,
			"ip_address", s.IPAddress,
		)
	}
	password := s.RootPassword
	if !a.owner && !granted(a.share, "view_password") {
		password = ""
	}
	return obj(
		"server_id", s.ServerID,
		"server_label", s.ServerLabel,
		"order_status", s.OrderStatus,
		"server_status", s.ServerStatus,
		"package", s.Package,
		"vcpu", s.VCPU,
		"ram", decNumber(s.RAM),
		"ssd", s.Disk,
		"hdd", s.HDD,
		"price", decNumber(s.Price),
		"monthly_cap", s.MonthlyCap,
		"activated_time", fmtTime(s.ActivatedTime),
		"end_time", fmtTime(s.EndTime),
		"install_method", s.InstallMethod,
		"install_source", s.InstallSource,
		"os_template", s.OSTemplate,
		"iso_url", s.ISOURL,
		"hostname", s.Hostname,
		"os_variant", s.OSVariant,
		"arch", s.Arch,
		"root_password", password,
		"data_center", s.DataCenter,
		"extra_data_transfer_action", s.ExtraTransferAction,
		"ownership", a.ownership(),
		"custom_info_1", s.CustomInfo1,
		"custom_info_2", s.CustomInfo2,
		"custom_info_3", s.CustomInfo3,
		"daiy_snapshots", s.DailySnapshots,
		"retain_daily_snapshots", s.DailyMaxAge,
		"weekly_snapshots", s.WeeklySnapshots,
		"retain_weekly_snapshots", s.WeeklyMaxAge,
		"monthly_snapshots", s.MonthlySnapshots,
		"retain_monthly_snapshots", s.MonthlyMaxAge,
		"ip_address", s.IPAddress,
	)
}

func getServerDetail(c *call) (fnResult, error) {
	a, err := c.server(permView)
	if err != nil {
		return fnResult{}, err
	}
	return fnResult{msgRead, c.serverData(a)}, nil
}

// page is a clamped page of a list (spec §7.4: beyond the last page means the last page).
type page struct {
	total, perPage, pages, page, from, to int
}

func paginate(total, perPage, want int) page {
	p := page{total: total, perPage: perPage, pages: (total + perPage - 1) / perPage, page: want}
	if p.page > p.pages {
		p.page = max(p.pages, 1)
	}
	p.from = min((p.page-1)*perPage, total)
	p.to = min(p.from+perPage, total)
	return p
}

func (p page) data(records []*object) *object {
	return obj("total_records", p.total, "records_per_page", p.perPage, "total_pages", p.pages, "page", p.page, "records", listOf(records))
}

// listPaging reads records_per_page (10–100, default 20) and page (default 1).
func (c *call) listPaging() (perPage, pageNo int, err error) {
	if perPage, err = c.intRange("records_per_page", false, 20, 10, 100); err != nil {
		return
	}
	pageNo, err = c.intRange("page", false, 1, 1, 9999999999)
	return
}

func getServerList(c *call) (fnResult, error) {
	perPage, pageNo, err := c.listPaging()
	if err != nil {
		return fnResult{}, err
	}
	sortedBy, err := c.enum("sorted_by", "activated_time_descending", "server_label_ascending", "server_label_descending", "activated_time_ascending", "activated_time_descending")
	if err != nil {
		return fnResult{}, err
	}
	ownership, err := c.enum("ownership", "all", "all", "owner", "shared")
	if err != nil {
		return fnResult{}, err
	}
	// node.co.id lists active, running servers unless told otherwise; virtdedi lists all.
	orderDefault, statusDefault := "active", "on"
	orderValues := []string{"all", "pending", "active", "suspended", "canceled"}
	packages := []string{"all", "trial"}
	for _, p := range nodePackages {
		packages = append(packages, p.name)
	}
	if c.flavour == string(VirtDedi) {
		orderDefault, statusDefault = "all", "all"
		orderValues = []string{"all", "pending", "active", "suspended", "pendingcancel", "canceled"}
		packages = []string{"all"}
		for _, p := range virtdediPlans {
			packages = append(packages, p.name)
		}
	}
	orderStatus, err := c.enum("order_status", orderDefault, orderValues...)
	if err != nil {
		return fnResult{}, err
	}
	serverStatus, err := c.enum("server_status", statusDefault, "all", statusInstall, statusReinstall, statusOn, statusOff, statusSuspended, statusDeleted)
	if err != nil {
		return fnResult{}, err
	}
	pkgFilter, err := c.enum("package", "all", packages...)
	if err != nil {
		return fnResult{}, err
	}
	var tags [3]string
	for i := range tags {
		if tags[i], err = c.str(fmt.Sprintf("custom_info_%d", i+1), 50, false); err != nil {
			return fnResult{}, err
		}
	}
	servers, err := c.q.ServersFor(c.flavour, c.stage, c.acct.UserID, c.acct.Email)
	if err != nil {
		return fnResult{}, err
	}
	var picked []access
	for _, s := range servers {
		settleServer(&s, c.now)
		a := access{srv: s, owner: s.UserID == c.acct.UserID}
		if !a.owner {
			h, err := c.q.Share(c.flavour, c.stage, s.ServerID, c.acct.Email)
			if err != nil {
				return fnResult{}, err
			}
			a.share = h
		}
		info := [3]string{s.CustomInfo1, s.CustomInfo2, s.CustomInfo3}
		switch {
		case ownership != "all" && a.ownership() != ownership,
			orderStatus != "all" && s.OrderStatus != orderStatus,
			serverStatus != "all" && s.ServerStatus != serverStatus,
			pkgFilter != "all" && s.Package != pkgFilter,
			tags[0] != "" && info[0] != tags[0], tags[1] != "" && info[1] != tags[1], tags[2] != "" && info[2] != tags[2]:
			continue
		}
		picked = append(picked, a)
	}
	sort.SliceStable(picked, func(i, j int) bool {
		a, b := picked[i].srv, picked[j].srv
		switch sortedBy {
		case "server_label_ascending":
			return a.ServerLabel < b.ServerLabel || a.ServerLabel == b.ServerLabel && a.ServerID < b.ServerID
		case "server_label_descending":
			return a.ServerLabel > b.ServerLabel || a.ServerLabel == b.ServerLabel && a.ServerID > b.ServerID
		case "activated_time_ascending":
			return a.ActivatedTime < b.ActivatedTime || a.ActivatedTime == b.ActivatedTime && a.ServerID < b.ServerID
		}
		return a.ActivatedTime > b.ActivatedTime || a.ActivatedTime == b.ActivatedTime && a.ServerID > b.ServerID
	})
	pg := paginate(len(picked), perPage, pageNo)
	var records []*object
	for _, a := range picked[pg.from:pg.to] {
		records = append(records, c.serverData(a))
	}
	return fnResult{msgRead, pg.data(records)}, nil
}

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
			return in, refuse(journal.ReasonValidation, errTemplateNotFound)
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
				err = refuse(journal.ReasonValidation, errVariantNotFound)
			}
			return in, err
		}
		if in.arch, err = c.str("arch", 10, true); err != nil {
			return in, err
		}
		if _, ok, err := c.catalogEntry("arch", in.arch); err != nil || !ok {
			if err == nil {
				err = refuse(journal.ReasonValidation, errArchNotFound)
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
		return snap, refuse(journal.ReasonState, errSnapshotInactive)
	case snap.InstallSource != "template":
		return snap, refuse(journal.ReasonState, errSnapshotNoTmpl)
	case snap.Disk > targetDisk:
		return snap, refuse(journal.ReasonState, errSnapshotTooBig)
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

// passwordAlphabet has no character the password rule forbids.
const passwordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

func (c *call) newServerID() (string, error) {
	for range 50 {
		id := c.p.d.IDs.String(1, "123456789") + c.p.d.IDs.String(7, ids.Digits)
		taken, err := c.q.ServerExists(c.flavour, c.stage, id)
		if err != nil {
			return "", err
		}
		if !taken {
			return id, nil
		}
	}
	return "", fmt.Errorf("nodeco: no free server id")
}

// eligible applies the create_server account rules of spec §5.1; monthly is
// what a month of the new server costs.
func (c *call) eligible(monthly dec) error {
	a := c.acct
	if c.flavour == string(NodeCo) && !a.PhoneVerified {
		return refuse(journal.ReasonState, errPhoneUnverified)
	}
	if a.UnpaidInvoices > 0 {
		return refuse(journal.ReasonState, errUnpaidInvoices)
	}
	balance, err := parseDec(a.Balance)
	if err != nil {
		return fmt.Errorf("nodeco: account %s balance: %w", a.UserID, err)
	}
	if balance <= 0 {
		return refuse(journal.ReasonInsufficientFunds, errNoBalance)
	}
	if c.flavour != string(NodeCo) || balance >= monthly {
		return nil
	}
	if a.Reseller {
		return refuse(journal.ReasonInsufficientFunds, errResellerCredit)
	}
	n, err := c.q.CountLiveServers(c.flavour, c.stage, a.UserID)
	if err != nil {
		return err
	}
	if n >= a.NewServerCap {
		return refuse(journal.ReasonInsufficientFunds, errNewServerCap)
	}
	return nil
}

func createServer(c *call) (fnResult, error) {
	var s store.NodecoServer
	var err error
	if c.flavour == string(VirtDedi) {
		s, err = c.virtdediServerOrder()
	} else {
		s, err = c.nodeServerOrder()
	}
	if err != nil {
		return fnResult{}, err
	}
	if s.ServerID, err = c.newServerID(); err != nil {
		return fnResult{}, err
	}
	s.Flavour, s.Stage, s.UserID = c.flavour, c.stage, c.acct.UserID
	s.OrderStatus, s.ServerStatus = orderActive, statusInstall
	s.ReadyAt = c.now.Add(c.p.d.Config.Nodeco.InstallDelay).Unix()
	s.ActivatedTime = c.now.Unix()
	s.InstallMethod = "api"
	s.DailySnapshots, s.WeeklySnapshots, s.MonthlySnapshots, s.HDDBackup = "no", "no", "no", "no"
	s.IPAddress = fmt.Sprintf("103.219.%d.%d", 28+c.p.d.IDs.IntN(4), 2+c.p.d.IDs.IntN(252))
	if s.RootPassword == "" {
		s.RootPassword = c.p.d.IDs.String(12, passwordAlphabet)
	}
	if err := c.q.InsertServer(s); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgCreateServer, obj("server_id", s.ServerID, "order_status", s.OrderStatus, "server_status", s.ServerStatus)}, nil
}

// nodeServerOrder validates a node.co.id create_server request (rev B).
func (c *call) nodeServerOrder() (store.NodecoServer, error) {
	var s store.NodecoServer
	names := []string{}
	for _, p := range nodePackages {
		names = append(names, p.name)
	}
	name, err := c.requiredEnum("package", append(names, "custom")...)
	if err != nil {
		return s, err
	}
	var p pkg
	if name == "custom" {
		vcpu, err := c.intRange("vcpu", true, 0, 2, 24)
		if err != nil {
			return s, err
		}
		ram, err := c.intRange("ram", true, 0, 2, 64)
		if err != nil {
			return s, err
		}
		ssd, err := c.intRange("ssd", true, 0, 20, 600)
		if err != nil {
			return s, err
		}
		price := mustDec(customPricePerVCPU).times(vcpu) + mustDec(customPricePerRAMGB).times(ram) + mustDec(customPricePerSSDGB).times(ssd)
		p = pkg{"custom", vcpu, fmt.Sprint(ram), ssd, price.String(), ram * customCapPerRAMGB}
	} else {
		p, _ = findNodePackage(name)
	}
	if s.ServerLabel, err = c.str("server_label", 50, true); err != nil {
		return s, err
	}
	in, err := c.installParams([]string{"template", "snapshot", "iso"}, p.disk)
	if err != nil {
		return s, err
	}
	if s.Hostname, err = c.hostname("hostname", in.source != "iso"); err != nil {
		return s, err
	}
	if _, err := c.sshKeys(); err != nil {
		return s, err
	}
	if err := c.eligible(mustDec(p.price).times(hoursPerMonth)); err != nil {
		return s, err
	}
	in.apply(&s)
	s.Package, s.VCPU, s.RAM, s.Disk, s.Price, s.MonthlyCap = p.name, p.vcpu, p.ram, p.disk, p.price, p.monthlyCap
	s.DataCenter, s.ExtraTransferAction = "ID.NAPINFO", "unplug_network_interfaces"
	return s, nil
}

// virtdediServerOrder validates a virtdedi.com create_server request.
func (c *call) virtdediServerOrder() (store.NodecoServer, error) {
	var s store.NodecoServer
	var names []string
	for _, p := range virtdediPlans {
		names = append(names, p.name)
	}
	name, err := c.requiredEnum("package", names...)
	if err != nil {
		return s, err
	}
	plan, _ := findVirtdediPlan(name)
	vcpu, err := c.intRange("vcpu", true, 0, 1, plan.maxVCPU)
	if err != nil {
		return s, err
	}
	if s.ServerLabel, err = c.str("server_label", 50, true); err != nil {
		return s, err
	}
	if s.Hostname, err = c.hostname("hostname", true); err != nil {
		return s, err
	}
	in, err := c.installParams([]string{"template", "backup", "iso"}, vcpu*virtdediNVMePerVCPU)
	if err != nil {
		return s, err
	}
	if _, err := c.sshKeys(); err != nil {
		return s, err
	}
	restore, err := c.yesNo("restore_hdd")
	if err != nil {
		return s, err
	}
	if restore == "yes" && (in.snapshot == nil || !in.snapshot.HasHDD) {
		return s, refuse(journal.ReasonState, errNoHDDBackup)
	}
	if pw := c.form.Get("root_password"); pw != "" {
		switch {
		case in.source == "iso":
			return s, refuse(journal.ReasonValidation, errRootPasswordISO)
		case len(pw) < 5 || len(pw) > 15:
			return s, refuse(journal.ReasonValidation, errRootPasswordLen)
		case !validPassword(pw):
			return s, refuse(journal.ReasonValidation, errPassword)
		}
		s.RootPassword = pw
	}
	price := mustDec(plan.pricePerVCPU).times(vcpu)
	if err := c.eligible(price); err != nil {
		return s, err
	}
	in.apply(&s)
	s.Package, s.VCPU, s.Disk, s.Price = plan.name, vcpu, vcpu*virtdediNVMePerVCPU, price.String()
	s.RAM = fmt.Sprint(vcpu * virtdediRAMPerVCPU)
	s.MonthlyDataTransfer = vcpu * virtdediTransferPerVCPU
	s.BillingCycle, s.BillingCycleDiscount, s.ResellerDiscount, s.PayWithBalance = "1monthly", "0", "0", "yes"
	s.EndTime = c.now.AddDate(0, 1, 0).Unix()
	s.DataCenter = "ID.DATAHALL"
	return s, nil
}

func cancelServer(c *call) (fnResult, error) {
	a, err := c.server(permOwner)
	if err != nil {
		return fnResult{}, err
	}
	retain, err := c.yesNo("retain_snapshot_files")
	if err != nil {
		return fnResult{}, err
	}
	s := a.srv
	if s.OrderStatus == orderCanceled {
		return fnResult{}, refuse(journal.ReasonState, errServerCanceled)
	}
	s.OrderStatus, s.ServerStatus, s.ReadyAt, s.EndTime = orderCanceled, statusDeleted, 0, c.now.Unix()
	if err := c.q.SaveServer(s); err != nil {
		return fnResult{}, err
	}
	if retain == "no" {
		snaps, err := c.q.Snapshots(c.flavour, c.stage, []string{s.ServerID})
		if err != nil {
			return fnResult{}, err
		}
		for _, p := range snaps {
			if p.Status == snapDeleted {
				continue
			}
			p.Status, p.ReadyAt, p.EndTime = snapDeleted, 0, c.now.Unix()
			if err := c.q.PutSnapshot(p); err != nil {
				return fnResult{}, err
			}
		}
	}
	return fnResult{msgCancelServer, obj("server_id", s.ServerID)}, nil
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
	s.ServerStatus, s.ReadyAt = statusReinstall, c.now.Add(c.p.d.Config.Nodeco.ReinstallDelay).Unix()
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
