package hostdime

import "github.com/mocksuite/mocksuite/internal/store"

// Service states. "suspended" is a suspension by HostDime (billing, abuse);
// "clientsuspend" is one the customer asked for through the API, and only
// that one can be lifted through the API.
const (
	statusActive        = "active"
	statusSuspended     = "suspended"
	statusClientSuspend = "clientsuspend"

	powerOn  = "on"
	powerOff = "off"
)

// actionKind is a state change a method asks for.
type actionKind int

const (
	actSuspend actionKind = iota
	actUnsuspend
	actPowerOn
	actPowerOff
	actPowerCycle
)

// applyAction is the state machine of servers and VPSes. Suspending a
// suspended service and unsuspending an active one change nothing and
// succeed, as the WHMCS module retries them freely; power changes need an
// active service; a suspension by HostDime cannot be lifted by the customer.
func applyAction(svc *store.HostdimeService, act actionKind) error {
	switch act {
	case actSuspend:
		if svc.Status == statusActive {
			svc.Status = statusClientSuspend
		}
		return nil
	case actUnsuspend:
		switch svc.Status {
		case statusSuspended:
			return fail(errHeldByHostDime, svc.CUID, "")
		case statusClientSuspend:
			svc.Status = statusActive
		}
		return nil
	}
	if svc.Status != statusActive {
		return fail(errSuspended, svc.CUID, "service status is "+svc.Status)
	}
	switch act {
	case actPowerOff:
		svc.Power = powerOff
	default:
		// A cycle (or restart) ends with the machine running, whatever it was before.
		svc.Power = powerOn
	}
	return nil
}
