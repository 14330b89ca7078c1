package gempay_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckML(t *testing.T) {
	s := newServer(t, nil)
	form := [][2]string{{"uid", "123456"}, {"zone", "1234"}}
	cases := []struct {
		name    string
		form    [][2]string
		headers []string
		status  int
		body    string
	}{
		{"found", form, []string{"X-API-KEY", keyReseller}, 200, `{"success":true,"username":"Player123456","region":"ID"}`},
		{"no key", form, nil, 401, `{"success":false,"message":"Invalid API key"}`},
		{"unknown key", form, []string{"X-API-KEY", "nope"}, 401, `{"success":false,"message":"Invalid API key"}`},
		{"no IP yet", form, []string{"X-API-KEY", keyPending}, 403, `{"success":false,"message":"IP belum di whitelist"}`},
		{"other IP", form, []string{"X-API-KEY", keyOther}, 403, `{"success":false,"message":"IP address not authorized"}`},
		{"no zone", [][2]string{{"uid", "1"}}, []string{"X-API-KEY", keyReseller}, 400, `{"success":false,"message":"uid and zone are required"}`},
		{"uid not digits", [][2]string{{"uid", "abc"}, {"zone", "1"}}, []string{"X-API-KEY", keyReseller}, 404, `{"success":false,"message":"User not found"}`},
	}
	for _, c := range cases {
		r := s.PostForm(t, "/gempay/api/check-ml", c.form, c.headers...)
		assertResp(t, r, c.status, c.body, c.name)
		assert.Equal(t, "check-ml", lastEntry(t, s).Endpoint, c.name)
	}
}
