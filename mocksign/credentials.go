package mocksign

// The mock's fixture credentials (fixtures/*.yaml): what a fresh server (or
// one after POST /__admin/reset) accepts. None is a real secret.

// NodeAccount is a NODE cloud API account (the same on nodeco and virtdedi).
type NodeAccount struct {
	UserID string
	APIKey string
}

// HostdimeKeys is a HostDime API key pair.
type HostdimeKeys struct {
	Public  string // sent as api_key
	Private string // only ever hashed
}

// GempayUser is a Gempay API key with the role whose prices it pays.
type GempayUser struct {
	APIKey string
	Role   string // member, reseller or vip
	// Whitelisted tells whether the loopback and private ranges may call with it.
	Whitelisted bool
}

// GeniuspluginReseller is a GeniusPlugin reseller's API key.
type GeniuspluginReseller struct {
	APIKey string
	// Whitelisted tells whether the loopback and private ranges may call with it.
	Whitelisted bool
}

// ZipayKey is a Zipay API key, its secret and the account it acts for.
type ZipayKey struct {
	APIKey  string
	Secret  string
	Account int64
}

var (
	// Node is the first NODE account: the docs' sample user and key.
	Node = NodeAccount{UserID: "12312", APIKey: "hasdh6ghvhgFDa454565jasdbNBS"}
	// NodeSecond is a second NODE account with servers of its own.
	NodeSecond = NodeAccount{UserID: "20001", APIKey: "node-second-key-0002"}

	// Hostdime is the key pair of HostDime's "Making a Request" page.
	Hostdime = HostdimeKeys{Public: "foobar", Private: "fazbaz"}
	// HostdimeSecond is a second HostDime customer.
	HostdimeSecond = HostdimeKeys{Public: "hd-pub-0002", Private: "hd-priv-0002"}

	// Gempay is a reseller key with a balance, callable from local addresses.
	Gempay = GempayUser{APIKey: "gempay-test-key-0001", Role: "reseller", Whitelisted: true}
	// GempayPendingIP is a member key with an empty IP whitelist.
	GempayPendingIP = GempayUser{APIKey: "gempay-pending-ip-0002", Role: "member"}
	// GempayOtherIP is a member key whitelisted for 203.0.113.7 only.
	GempayOtherIP = GempayUser{APIKey: "gempay-other-ip-0003", Role: "member"}
	// GempayPoor is a reseller key with a zero balance.
	GempayPoor = GempayUser{APIKey: "gempay-poor-key-0004", Role: "reseller", Whitelisted: true}

	// Geniusplugin is a reseller with credit and packages, callable from local addresses.
	Geniusplugin = GeniuspluginReseller{APIKey: "gp-reseller-test-key-0001", Whitelisted: true}
	// GeniuspluginElsewhere is a reseller whitelisted for 203.0.113.9 only.
	GeniuspluginElsewhere = GeniuspluginReseller{APIKey: "gpkey-02"}

	// Zipay is the docs' sample key of merchant account 10025.
	Zipay = ZipayKey{APIKey: "4f3c12fa0a1d1ac8b026298b980f16b2",
		Secret: "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6", Account: 10025}
	// ZipaySecond is the key of account 10017.
	ZipaySecond = ZipayKey{APIKey: "zipay-second-key-0002", Secret: "zipay-second-secret-0002", Account: 10017}
	// ZipayLimited is a key of account 10025 allowed the random method only.
	ZipayLimited = ZipayKey{APIKey: "zipay-limited-key-0003", Secret: "zipay-limited-secret-0003", Account: 10025}
	// ZipayRemote is a key of account 10025 callable from 203.0.113.0/24 only.
	ZipayRemote = ZipayKey{APIKey: "zipay-remote-key-0004", Secret: "zipay-remote-secret-0004", Account: 10025}
)
