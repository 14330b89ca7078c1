package nodeco

import (
	"time"

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
		return access{}, refuse(errServerNotFound)
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
				return access{}, refuse(errPermissionDenied)
			}
			return access{srv: s, share: h}, nil
		case !store.IsNotFound(err):
			return access{}, err
		}
	}
	return access{}, refuse(errServerNotFound)
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
		return refuse(errServerCanceled)
	case s.OrderStatus == orderSuspended || s.ServerStatus == statusSuspended:
		return refuse(errServerSuspended)
	case s.OrderStatus == orderPending:
		return refuse(errServerPending)
	case s.ServerStatus == statusInstall || s.ServerStatus == statusReinstall:
		return refuse(errServerInstalling)
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
		return fnResult{}, refuse(errServerCanceled)
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
