package nodeco

import (
	"fmt"
	"strconv"
	"strings"
)

// pkg is one orderable package. Prices are exact decimals per hour (node) or
// per month (virtdedi); the real price list is not part of the API.
type pkg struct {
	name       string
	vcpu       int
	ram        string // GB
	disk       int    // GB of SSD (node) or NVMe (virtdedi)
	price      string
	monthlyCap int
}

// nodePackages are the shared-vCPU packages of node.co.id (rev B: no trial).
// compute1 matches the documented server detail; the rest are our proposal.
var nodePackages = []pkg{
	{"compute1", 1, "0.5", 15, "0.025", 60000},
	{"compute2", 1, "1", 25, "0.05", 120000},
	{"compute3", 2, "2", 40, "0.1", 240000},
	{"performance1", 2, "4", 60, "0.2", 480000},
	{"performance2", 4, "8", 120, "0.4", 960000},
	{"performance3", 8, "16", 240, "0.8", 1920000},
	{"performance4", 16, "32", 480, "1.6", 3840000},
}

// Custom node packages are priced per unit per hour, and get a transfer cap per GB of RAM.
const (
	customPricePerVCPU  = "0.01"
	customPricePerRAMGB = "0.01"
	customPricePerSSDGB = "0.0005"
	customCapPerRAMGB   = 120000
)

// virtdediPlan is a dedicated-vCPU plan: everything scales with vcpu (spec §7.6).
type virtdediPlan struct {
	name         string
	maxVCPU      int
	pricePerVCPU string // per month
}

var virtdediPlans = []virtdediPlan{
	{"ryzen9950x", 30, "9"},
	{"epyc7763", 120, "7"},
}

// Derived virtdedi sizing per dedicated vCPU.
const (
	virtdediRAMPerVCPU      = 4  // GB
	virtdediNVMePerVCPU     = 50 // GB
	virtdediTransferPerVCPU = 2  // TB a month
)

// hoursPerMonth turns an hourly price into the monthly credit a reseller needs.
const hoursPerMonth = 720

func findNodePackage(name string) (pkg, bool) {
	for _, p := range nodePackages {
		if p.name == name {
			return p, true
		}
	}
	return pkg{}, false
}

func findVirtdediPlan(name string) (virtdediPlan, bool) {
	for _, p := range virtdediPlans {
		if p.name == name {
			return p, true
		}
	}
	return virtdediPlan{}, false
}

// dec is an exact decimal with four fractional digits, for money and sizes.
type dec int64

const decScale = 10000

// parseDec reads "12", "0.025" or "-3.5" exactly; more than four fractional digits is an error.
func parseDec(s string) (dec, error) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 4 || strings.Trim(whole+frac, "0123456789") != "" {
		return 0, fmt.Errorf("nodeco: %q is not a decimal", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e14 {
		return 0, fmt.Errorf("nodeco: %q is not a decimal", s)
	}
	f, _ := strconv.ParseInt((frac + "0000")[:4], 10, 64)
	d := dec(w*decScale + f)
	if neg {
		d = -d
	}
	return d, nil
}

// String renders without trailing zeros, as PHP prints a float: 0.025, 9, 0.5.
func (d dec) String() string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	s := fmt.Sprintf("%d.%04d", d/decScale, d%decScale)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return sign + s
}

func (d dec) times(n int) dec { return d * dec(n) }

// mustDec is for the constant tables above.
func mustDec(s string) dec {
	d, err := parseDec(s)
	if err != nil {
		panic(err)
	}
	return d
}

// decNumber renders a stored decimal as a JSON number, falling back to 0 for bad data.
func decNumber(s string) number {
	d, err := parseDec(s)
	if err != nil {
		return "0"
	}
	return number(d.String())
}
