package nodeco_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/verify"
)

func formOf(pairs ...string) string {
	parts := make([]string, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		parts = append(parts, url.QueryEscape(pairs[i])+"="+url.QueryEscape(pairs[i+1]))
	}
	return strings.Join(parts, "&")
}

// NODE reads parameters as PHP fills $_REQUEST: multipart bodies count, a
// repeated name takes its last value, and the body wins over the query.
func TestParametersAsPHPReadsThem(t *testing.T) {
	s := newServer(t, nil)
	const path = "/nodeco/api-sandbox/v1/get_arch_list"
	good := verify.SignNodeco(user1, key1, "r1")
	ok := node(t, s, "get_arch_list")
	require.Contains(t, ok, `"code":"OK"`)
	urlenc := "application/x-www-form-urlencoded"

	mp := func(parts ...apptest.Part) (string, string) { return apptest.Multipart(t, parts...) }
	type req struct {
		method, query, body, ctype string
	}
	cases := []struct {
		name string
		req  req
		want string
	}{
		{"multipart body", func() req {
			b, ct := mp(apptest.Part{Name: "user_id", Value: user1}, apptest.Part{Name: "random", Value: "r1"}, apptest.Part{Name: "checksum", Value: good})
			return req{http.MethodPost, "", b, ct}
		}(), ok},
		{"multipart: a file part is not a parameter", func() req {
			b, ct := mp(apptest.Part{Name: "user_id", Value: user1, File: "id.txt"}, apptest.Part{Name: "random", Value: "r1"}, apptest.Part{Name: "checksum", Value: good})
			return req{http.MethodPost, "", b, ct}
		}(), errBody("Missing parameter: user_id.")},
		{"multipart: repeated name, last wins", func() req {
			b, ct := mp(apptest.Part{Name: "user_id", Value: "99999"}, apptest.Part{Name: "user_id", Value: user1}, apptest.Part{Name: "random", Value: "r1"}, apptest.Part{Name: "checksum", Value: good})
			return req{http.MethodPost, "", b, ct}
		}(), ok},
		{"multipart: repeated name, a wrong last value is refused", func() req {
			b, ct := mp(apptest.Part{Name: "user_id", Value: user1}, apptest.Part{Name: "random", Value: "r1"}, apptest.Part{Name: "checksum", Value: good}, apptest.Part{Name: "checksum", Value: "0"})
			return req{http.MethodPost, "", b, ct}
		}(), errBody("Invalid checksum.")},
		{"multipart: format=xml is read from the body", func() req {
			b, ct := mp(apptest.Part{Name: "user_id", Value: user1}, apptest.Part{Name: "random", Value: "r1"}, apptest.Part{Name: "checksum", Value: good}, apptest.Part{Name: "format", Value: "xml"})
			return req{http.MethodPost, "", b, ct}
		}(), node(t, s, "get_arch_list", "format", "xml")},
		{"multipart without a boundary", req{http.MethodPost, "", "user_id=" + user1, "multipart/form-data"}, errBody("The request parameters could not be read.")},
		{"urlencoded: repeated name, last wins", req{http.MethodPost, "", formOf("user_id", "99999", "user_id", user1, "random", "r1", "checksum", good), urlenc}, ok},
		{"urlencoded: repeated name, first right, last wrong", req{http.MethodPost, "", formOf("user_id", user1, "user_id", "99999", "random", "r1", "checksum", good), urlenc}, errBody("Invalid user_id.")},
		{"urlencoded with a charset", req{http.MethodPost, "", formOf("user_id", user1, "random", "r1", "checksum", good), urlenc + "; charset=UTF-8"}, ok},
		{"query: repeated name, last wins", req{http.MethodGet, formOf("random", "x", "user_id", user1, "random", "r1", "checksum", good), "", ""}, ok},
		{"body wins over the query", req{http.MethodPost, formOf("user_id", "99999", "random", "zz"), formOf("user_id", user1, "random", "r1", "checksum", good), urlenc}, ok},
		{"body wins over the query, also when the body's value is wrong", req{http.MethodPost, formOf("user_id", user1), formOf("user_id", "99999", "random", "r1", "checksum", good), urlenc}, errBody("Invalid user_id.")},
		{"query fills what the body lacks", req{http.MethodPost, formOf("checksum", good), formOf("user_id", user1, "random", "r1"), urlenc}, ok},
		{"multipart body wins over the query", func() req {
			b, ct := mp(apptest.Part{Name: "user_id", Value: user1}, apptest.Part{Name: "random", Value: "r1"}, apptest.Part{Name: "checksum", Value: good})
			return req{http.MethodPost, formOf("checksum", "0", "user_id", "99999"), b, ct}
		}(), ok},
		{"a text/plain body is not read", req{http.MethodPost, "", formOf("user_id", user1, "random", "r1", "checksum", good), "text/plain"}, errBody("Missing parameter: user_id.")},
		{"a JSON body is not read", req{http.MethodPost, "", `{"user_id":"12312","random":"r1","checksum":"` + good + `"}`, "application/json"}, errBody("Missing parameter: user_id.")},
		{"a GET body is not read", req{http.MethodGet, "", formOf("user_id", user1, "random", "r1", "checksum", good), urlenc}, errBody("Missing parameter: user_id.")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := path
			if c.req.query != "" {
				path += "?" + c.req.query
			}
			var headers []string
			if c.req.ctype != "" {
				headers = []string{"Content-Type", c.req.ctype}
			}
			r := s.Do(t, c.req.method, path, c.req.body, headers...)
			assert.Equal(t, 200, r.Status)
			assert.Equal(t, c.want, r.Body)
		})
	}
}
