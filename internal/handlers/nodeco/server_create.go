package nodeco

import (
	"fmt"

	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/store"
)

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
		return refuse(errPhoneUnverified)
	}
	if a.UnpaidInvoices > 0 {
		return refuse(errUnpaidInvoices)
	}
	balance, err := parseDec(a.Balance)
	if err != nil {
		return fmt.Errorf("nodeco: account %s balance: %w", a.UserID, err)
	}
	if balance <= 0 {
		return refuse(errNoBalance)
	}
	if c.flavour != string(NodeCo) || balance >= monthly {
		return nil
	}
	if a.Reseller {
		return refuse(errResellerCredit)
	}
	n, err := c.q.CountLiveServers(c.flavour, c.stage, a.UserID)
	if err != nil {
		return err
	}
	if n >= a.NewServerCap {
		return refuse(errNewServerCap)
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
	s.ReadyAt = c.now.Add(c.p.cfg.InstallDelay).Unix()
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
		return s, refuse(errNoHDDBackup)
	}
	if pw := c.form.Get("root_password"); pw != "" {
		switch {
		case in.source == "iso":
			return s, refuse(errRootPasswordISO)
		case len(pw) < 5 || len(pw) > 15:
			return s, refuse(errRootPasswordLen)
		case !validPassword(pw):
			return s, refuse(errPassword)
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
