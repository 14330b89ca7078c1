package zipay

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/store"
)

type adminKeyJSON struct {
	APIKey  string   `json:"api_key"`
	Secret  string   `json:"secret"`
	Account int64    `json:"account"`
	Methods []string `json:"methods"`
	IPs     []string `json:"ips"`
	Enabled bool     `json:"enabled"`
}

func keyJSON(k store.ZipayKeyInfo) adminKeyJSON {
	return adminKeyJSON{k.APIKey, k.Secret, k.Account, k.Methods, k.IPs, k.Enabled}
}

// keyPatch holds the editable key fields; nil means "leave as is".
type keyPatch struct {
	Secret  *string   `json:"secret"`
	Methods *[]string `json:"methods"`
	IPs     *[]string `json:"ips"`
	Enabled *bool     `json:"enabled"`
}

// keyCreate is the body of POST /keys: the key, its account and the fields.
type keyCreate struct {
	APIKey  *string `json:"api_key"`
	Account *int64  `json:"account"`
	keyPatch
}

// apply validates the patch and writes it onto k, naming the first bad field.
func (kp keyPatch) apply(k *store.ZipayKeyInfo) error {
	if kp.Secret != nil {
		if *kp.Secret == "" {
			return admin.BadRequest("secret: must not be empty")
		}
		k.Secret = *kp.Secret
	}
	if kp.Methods != nil {
		for _, m := range *kp.Methods {
			if _, ok := methods[m]; !ok && m != "*" {
				return admin.BadRequest("methods: unknown method %q (\"*\" or one of the API methods such as \"transfer\")", m)
			}
		}
		k.Methods = slices.Clone(*kp.Methods)
	}
	if kp.IPs != nil {
		for _, ip := range *kp.IPs {
			if strings.Contains(ip, ",") || store.ZipayValidIP(ip) != nil {
				return admin.BadRequest("ips: %q is not an IP address or CIDR", ip)
			}
		}
		k.IPs = slices.Clone(*kp.IPs)
	}
	if kp.Enabled != nil {
		k.Enabled = *kp.Enabled
	}
	return nil
}

// keys is the API key resource, named by api_key: get, create and patch (a
// key goes with its account's DELETE).
func (p *Provider) keys() admin.Resource[adminKeyJSON, keyCreate, keyPatch] {
	return admin.Resource[adminKeyJSON, keyCreate, keyPatch]{
		Singular: "key", Plural: "keys", Log: p.adminLog(),
		Get: func(ctx context.Context, id string) (adminKeyJSON, error) {
			k, err := p.d.Store.ZipayKeyInfo(ctx, id)
			return keyJSON(k), err
		},
		Create: p.createKey,
		Patch: func(ctx context.Context, id string, in keyPatch) (adminKeyJSON, error) {
			k, err := p.d.Store.UpdateZipayKey(ctx, id, in.apply)
			return keyJSON(k), err
		},
	}
}

func (p *Provider) createKey(ctx context.Context, in keyCreate) (adminKeyJSON, error) {
	if in.APIKey == nil || *in.APIKey == "" {
		return adminKeyJSON{}, admin.BadRequest("api_key: required, non-empty")
	}
	if err := admin.Require(admin.Given("account", in.Account), admin.Given("secret", in.Secret)); err != nil {
		return adminKeyJSON{}, err
	}
	// Unless told otherwise a new key may call every method from anywhere.
	k := store.ZipayKeyInfo{APIKey: *in.APIKey, Account: *in.Account, Methods: []string{"*"}, IPs: []string{}, Enabled: true}
	if err := in.apply(&k); err != nil {
		return adminKeyJSON{}, err
	}
	switch err := p.d.Store.CreateZipayKey(ctx, k); {
	case store.IsNotFound(err):
		return adminKeyJSON{}, admin.BadRequest("account: %d is not a zipay account", k.Account)
	case errors.Is(err, store.ErrZipayExists):
		return adminKeyJSON{}, admin.Conflictf("api_key %s already exists", k.APIKey)
	case err != nil:
		return adminKeyJSON{}, fmt.Errorf("zipay create key: %w", err)
	}
	return keyJSON(k), nil
}
