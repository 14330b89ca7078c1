package apptest

import (
	"bytes"
	"mime/multipart"
	"testing"

	"github.com/stretchr/testify/require"
)

// Part is one part of a multipart/form-data body; a part with File set is a
// file upload.
type Part struct{ Name, Value, File string }

// Multipart encodes parts as PHP's curl does for an array in
// CURLOPT_POSTFIELDS, and returns the body and its Content-Type.
func Multipart(t testing.TB, parts ...Part) (body, contentType string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		if p.File != "" {
			fw, err := mw.CreateFormFile(p.Name, p.File)
			require.NoError(t, err)
			_, err = fw.Write([]byte(p.Value))
			require.NoError(t, err)
			continue
		}
		require.NoError(t, mw.WriteField(p.Name, p.Value))
	}
	require.NoError(t, mw.Close())
	return b.String(), mw.FormDataContentType()
}
