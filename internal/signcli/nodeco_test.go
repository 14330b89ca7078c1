package signcli

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignNodeco(t *testing.T) {
	tests := []struct {
		name     string
		provider string
		args     []string
		want     string
	}{
		{"defaults: first fixture account, sandbox, local mock", "nodeco", []string{"get_server_detail", "server_id=12345", "--random", "abc123"},
			"# checksum = sha1(sha1(sha1(\"12312\" . api_key . \"abc123\"))) with api_key hasd...bNBS\n" +
				"curl -sS -X POST --data-raw 'user_id=12312&random=abc123&checksum=b4ac6913d6219a160a1c268089bceae63f40bc31&server_id=12345' http://127.0.0.1:8080/nodeco/api-sandbox/v1/get_server_detail\n"},
		{"random defaults to the clock; real stage; xml", "nodeco", []string{"--stage", "real", "--format=xml", "get_arch_list"},
			"# checksum = sha1(sha1(sha1(\"12312\" . api_key . \"1714557600\"))) with api_key hasd...bNBS\n" +
				"curl -sS -X POST --data-raw 'user_id=12312&random=1714557600&checksum=4a8a873aa40d5cbbf69bd2f35604550e98348f24&format=xml' http://127.0.0.1:8080/nodeco/api/v1/get_arch_list\n"},
		{"second account on the real virtdedi host, GET", "virtdedi", []string{"--user-id", "20001", "--url", "https://virtdedi.com", "--method", "GET", "--random", "xyz", "get_server_list", "page=2"},
			"# checksum = sha1(sha1(sha1(\"20001\" . api_key . \"xyz\"))) with api_key node...0002\n" +
				"curl -sS 'https://virtdedi.com/api-sandbox/v1/get_server_list?user_id=20001&random=xyz&checksum=694e7ab99ccb9f8e7d768112c39e09376b6ef713&page=2'\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, Run(tc.provider, tc.args, &out, 1714557600))
			assert.Equal(t, tc.want, out.String())
		})
	}
}

func TestSignNodecoErrors(t *testing.T) {
	for _, args := range [][]string{
		{"server_id=1"},
		{"get_server_detail", "--stage", "live"},
		{"get_server_detail", "--method", "PUT"},
		{"get_server_detail", "--user-id", "777"},
		{"Get-Detail"},
	} {
		var out bytes.Buffer
		assert.Error(t, Run("nodeco", args, &out, 0), "%v", args)
	}
}
