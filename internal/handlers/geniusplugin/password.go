package geniusplugin

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// minPasswordLen is the shortest decrypted password accepted: the docs say
// weak passwords may be refused without saying which.
const minPasswordLen = 8

// password decrypts the gpfPassEncrypt'ed password field with the caller's
// key (raw key first, its sha1 hex second) and checks its length; it refuses
// with "Invalid Password".
func (p *Provider) password(c *call) (string, *failure) {
	plain, variant, err := verify.GPPassDecryptAPIKey(c.reseller.APIKey, field(c.form, "password"))
	if err != nil {
		why := "it is not the gpfPassEncrypt envelope"
		switch {
		case errors.Is(err, verify.ErrGPMAC):
			why = "its HMAC verifies neither with the raw API key nor with sha1(API key)"
		case errors.Is(err, verify.ErrGPPadding):
			why = "its AES padding is wrong"
		case errors.Is(err, verify.ErrGPBase64):
			why = "it is not standard base64"
		case errors.Is(err, verify.ErrGPLength):
			why = "it is shorter than IV + HMAC + one AES block, or not whole blocks"
		}
		return "", handlers.Refuse(msgInvalidPassword, "password field cannot be decrypted: "+why)
	}
	// Which key string the billing modules use is not documented: log it so
	// the real behaviour can be pinned down.
	p.d.Logger.Info("geniusplugin: password decrypted", "endpoint", c.endpoint, "reseller", c.reseller.ID, "key_variant", variant)
	if len(plain) < minPasswordLen {
		return "", handlers.Refuse(msgInvalidPassword, fmt.Sprintf("decrypted password has %d characters, at least %d are required", len(plain), minPasswordLen))
	}
	return plain, nil
}

// passwordreset sets a new dashboard password on an active package.
func (p *Provider) passwordreset(r *http.Request, c *call) ([][2]string, *failure) {
	plain, f := p.password(c)
	if f != nil {
		return nil, f
	}
	return p.apply(r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return planPasswordReset(cur, plain)
	})
}
