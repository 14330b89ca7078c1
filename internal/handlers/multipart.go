package handlers

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
)

// FormPart is one non-file field of a multipart/form-data body.
type FormPart struct{ Name, Value string }

// MultipartFields reads the non-file parts of a multipart/form-data body in
// the order they were sent, as PHP does before it fills $_POST; parts with a
// filename (uploads) and unnamed parts are skipped. Each provider applies its
// own rule for repeated names.
func MultipartFields(raw []byte, boundary string) ([]FormPart, error) {
	if boundary == "" {
		return nil, errors.New("no boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(raw), boundary)
	var out []FormPart
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		name := part.FormName()
		if name == "" || part.FileName() != "" {
			_ = part.Close()
			continue
		}
		v, err := io.ReadAll(part)
		_ = part.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, FormPart{Name: name, Value: string(v)})
	}
}
