package nodeco

import (
	"fmt"
	"net/netip"

	"github.com/mocksuite/mocksuite/internal/store"
)

// Power and settings calls: each checks the caller may act on the server,
// that the server is in a state that allows it, then saves the change.

func turnServerOn(c *call) (fnResult, error) {
	return c.power("turn_on", statusOn, msgTurnOn)
}

func turnServerOff(c *call) (fnResult, error) {
	return c.power("turn_off", statusOff, msgTurnOff)
}

func (c *call) power(perm, status, msg string) (fnResult, error) {
	a, err := c.server(perm)
	if err != nil {
		return fnResult{}, err
	}
	if err := usable(a.srv); err != nil {
		return fnResult{}, err
	}
	s := a.srv
	s.ServerStatus = status
	if err := c.q.SaveServer(s); err != nil {
		return fnResult{}, err
	}
	return fnResult{msg, obj("server_id", s.ServerID)}, nil
}

func changeServerLabel(c *call) (fnResult, error) {
	a, err := c.server("change_label")
	if err != nil {
		return fnResult{}, err
	}
	label, err := c.str("server_label", 50, true)
	if err != nil {
		return fnResult{}, err
	}
	if err := notCanceled(a.srv); err != nil {
		return fnResult{}, err
	}
	s := a.srv
	s.ServerLabel = label
	if err := c.q.SaveServer(s); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgChangeLabel, obj("server_id", s.ServerID, "server_label", s.ServerLabel)}, nil
}

// notCanceled guards bookkeeping changes (label, tags), which any server
// accepts until it is canceled, even while it installs.
func notCanceled(s store.NodecoServer) error {
	if s.OrderStatus == orderCanceled || s.ServerStatus == statusDeleted {
		return refuse(errServerCanceled)
	}
	return nil
}

func changeServerHostname(c *call) (fnResult, error) {
	a, err := c.server(permOwner)
	if err != nil {
		return fnResult{}, err
	}
	hostname, err := c.hostname("hostname", true)
	if err != nil {
		return fnResult{}, err
	}
	if err := usable(a.srv); err != nil {
		return fnResult{}, err
	}
	if a.srv.ServerStatus != statusOff {
		return fnResult{}, refuse(errMustBeOffHostname)
	}
	s := a.srv
	s.Hostname = hostname
	if err := c.q.SaveServer(s); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgChangeHostname, obj("server_id", s.ServerID, "hostname", s.Hostname)}, nil
}

func changeReverseHost(c *call) (fnResult, error) {
	a, err := c.server("change_reverse_host")
	if err != nil {
		return fnResult{}, err
	}
	ip, err := c.str("ip_address", 50, true)
	if err != nil {
		return fnResult{}, err
	}
	addr, perr := netip.ParseAddr(ip)
	if perr != nil {
		return fnResult{}, refuse(errIPFmt, "ip_address")
	}
	hostname, err := c.hostname("hostname", true)
	if err != nil {
		return fnResult{}, err
	}
	if err := usable(a.srv); err != nil {
		return fnResult{}, err
	}
	if own, err := netip.ParseAddr(a.srv.IPAddress); err != nil || own != addr {
		return fnResult{}, refuse(errIPNotOnServer)
	}
	s := a.srv
	s.ReverseHost = hostname
	if err := c.q.SaveServer(s); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgChangeReverse, obj("server_id", s.ServerID, "ip_address", ip, "hostname", hostname)}, nil
}

func setServerCustomInfo(c *call) (fnResult, error) {
	a, err := c.server(permOwner)
	if err != nil {
		return fnResult{}, err
	}
	var info [3]string
	for i := range info {
		if info[i], err = c.str(fmt.Sprintf("custom_info_%d", i+1), 50, false); err != nil {
			return fnResult{}, err
		}
	}
	if err := notCanceled(a.srv); err != nil {
		return fnResult{}, err
	}
	// An omitted tag is cleared, which reproduces the documented example.
	s := a.srv
	s.CustomInfo1, s.CustomInfo2, s.CustomInfo3 = info[0], info[1], info[2]
	if err := c.q.SaveServer(s); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgSetCustomInfo, obj("server_id", s.ServerID, "custom_info_1", info[0], "custom_info_2", info[1], "custom_info_3", info[2])}, nil
}

func changeServerPassword(c *call) (fnResult, error) {
	a, err := c.server("change_password")
	if err != nil {
		return fnResult{}, err
	}
	pw, err := c.str("password", 15, true)
	if err != nil {
		return fnResult{}, err
	}
	if !validPassword(pw) {
		return fnResult{}, refuse(errPassword)
	}
	if err := usable(a.srv); err != nil {
		return fnResult{}, err
	}
	if a.srv.ServerStatus != statusOff {
		return fnResult{}, refuse(errMustBeOffPassword)
	}
	s := a.srv
	s.RootPassword = pw
	if err := c.q.SaveServer(s); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgChangePassword, obj("server_id", s.ServerID, "password", pw)}, nil
}
