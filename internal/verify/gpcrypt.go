package verify

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
)

// GeniusPlugin's gpfPassEncrypt sends the end user's password as
//
//	base64( IV[16] || HMAC_SHA256(keyString, ciphertext)[32] || ciphertext )
//
// with ciphertext = openssl_encrypt(plain, "AES-128-CBC", keyString,
// OPENSSL_RAW_DATA, IV). PHP uses the key string byte for byte as the AES key,
// truncated or NUL-padded to 16 bytes, while hash_hmac gets the whole string:
// the two keys differ unless the string is exactly 16 bytes long.

// Which key string decrypted a password.
const (
	// GPKeyRaw is variant A: the trimmed API key itself.
	GPKeyRaw = "raw-key"
	// GPKeySHA1 is variant B: sha1(trim(API key)) as 40 hex characters.
	GPKeySHA1 = "sha1-key"
)

// Errors of GPPassDecrypt.
var (
	ErrGPBase64  = errors.New("gpcrypt: not standard base64")
	ErrGPLength  = errors.New("gpcrypt: too short or not IV + HMAC + whole AES blocks")
	ErrGPMAC     = errors.New("gpcrypt: HMAC does not verify")
	ErrGPPadding = errors.New("gpcrypt: bad PKCS#7 padding")
)

const (
	gpIVLen  = aes.BlockSize
	gpMACLen = sha256.Size
)

// PHPKey16 is the AES-128 key PHP's openssl_encrypt derives from a key string:
// the first 16 bytes, or the string padded with NUL bytes to 16.
func PHPKey16(keyString string) []byte {
	k := make([]byte, 16)
	copy(k, keyString)
	return k
}

// GPPassEncrypt encrypts plain as gpfPassEncrypt does, with the given 16-byte
// IV (random in real use; fixed in tests to reproduce worked examples).
func GPPassEncrypt(keyString, plain string, iv []byte) (string, error) {
	if len(iv) != gpIVLen {
		return "", fmt.Errorf("gpcrypt: IV must be %d bytes, got %d", gpIVLen, len(iv))
	}
	block, err := aes.NewCipher(PHPKey16(keyString))
	if err != nil {
		return "", fmt.Errorf("gpcrypt: %w", err)
	}
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	buf := make([]byte, len(plain)+pad)
	copy(buf, plain)
	for i := len(plain); i < len(buf); i++ {
		buf[i] = byte(pad)
	}
	ct := make([]byte, len(buf))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, buf)
	out := make([]byte, 0, gpIVLen+gpMACLen+len(ct))
	out = append(out, iv...)
	out = append(out, gpMAC(keyString, ct)...)
	out = append(out, ct...)
	return base64.StdEncoding.EncodeToString(out), nil
}

// GPPassDecrypt reads a gpfPassEncrypt field with one key string. The HMAC is
// checked (in constant time) before anything is decrypted.
func GPPassDecrypt(keyString, field string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(field)
	if err != nil {
		return "", ErrGPBase64
	}
	if len(raw) < gpIVLen+gpMACLen+aes.BlockSize || (len(raw)-gpIVLen-gpMACLen)%aes.BlockSize != 0 {
		return "", ErrGPLength
	}
	iv, mac, ct := raw[:gpIVLen], raw[gpIVLen:gpIVLen+gpMACLen], raw[gpIVLen+gpMACLen:]
	if !hmac.Equal(mac, gpMAC(keyString, ct)) {
		return "", ErrGPMAC
	}
	block, err := aes.NewCipher(PHPKey16(keyString))
	if err != nil {
		return "", fmt.Errorf("gpcrypt: %w", err)
	}
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, ct)
	pad := int(plain[len(plain)-1])
	if pad < 1 || pad > aes.BlockSize {
		return "", ErrGPPadding
	}
	for _, b := range plain[len(plain)-pad:] {
		if int(b) != pad {
			return "", ErrGPPadding
		}
	}
	return string(plain[:len(plain)-pad]), nil
}

// GPPassDecryptAPIKey decrypts a password field sent by a reseller whose API
// key is apiKey. The readable docs do not say which key string the module
// passes, so the raw (trimmed) key is tried first and its sha1 hex second; the
// variant that verified is returned so it can be logged. When neither
// verifies, the error is the raw-key variant's.
func GPPassDecryptAPIKey(apiKey, field string) (plain, variant string, err error) {
	plain, err = GPPassDecrypt(PHPTrim(apiKey), field)
	if err == nil {
		return plain, GPKeyRaw, nil
	}
	if !errors.Is(err, ErrGPMAC) {
		// Bad base64 or length fails the same way under either key.
		return "", "", err
	}
	plainB, errB := GPPassDecrypt(GeniuspluginKeyDigest(apiKey), field)
	if errB == nil {
		return plainB, GPKeySHA1, nil
	}
	if errors.Is(errB, ErrGPPadding) {
		return "", "", errB
	}
	return "", "", err
}

func gpMAC(keyString string, ct []byte) []byte {
	m := hmac.New(sha256.New, []byte(keyString))
	m.Write(ct)
	return m.Sum(nil)
}
