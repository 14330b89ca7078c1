package signcli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignHostdimeDocsExample(t *testing.T) {
	want := `# signing string: 1369758680:ABCDEF:******:domain.list:"{\"status\":\"registered\",\"order\":\"desc\"}"
# api_hash: 499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd
curl -sS -X POST -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'status=registered&order=desc&api_key=foobar&api_timestamp=1369758680&api_unique=ABCDEF&api_hash=499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd' http://127.0.0.1:8080/hostdime/v1/domain/list.json
`
	for _, args := range [][]string{
		{"--public", "foobar", "--private", "fazbaz", "--method", "domain.list", "--timestamp", "1369758680", "--unique", "ABCDEF", "status=registered", "order=desc"},
		{"--method", "domain.list", "--timestamp", "1369758680", "--unique", "ABCDEF", "status=registered", "order=desc"},
		{"status=registered", "--public", "foobar", "--method=domain.list", "order=desc", "--timestamp", "1369758680", "--unique", "ABCDEF"},
	} {
		var out bytes.Buffer
		require.NoError(t, Run("hostdime", args, &out, 1700000000), args)
		assert.Equal(t, want, out.String(), args)
	}
}

func TestSignHostdimeOptions(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Run("hostdime", []string{"--public", "hd-pub-0002", "--method", "server.power.cycle", "--format", "xml", "--url", "http://localhost:9999/hostdime/", "--unique", "U", "cuid=S90", "testing=true"}, &out, 1369758680))
	assert.Equal(t, `# signing string: 1369758680:U:hd-p...0002:server.power.cycle:"{\"cuid\":\"S90\"}"
# api_hash: `+hashOf(t, `1369758680:U:hd-priv-0002:server.power.cycle:"{\"cuid\":\"S90\"}"`)+`
curl -sS -X POST -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'cuid=S90&testing=true&api_key=hd-pub-0002&api_timestamp=1369758680&api_unique=U&api_hash=`+hashOf(t, `1369758680:U:hd-priv-0002:server.power.cycle:"{\"cuid\":\"S90\"}"`)+`' http://localhost:9999/hostdime/v1/server/power/cycle.xml
`, out.String())

	out.Reset()
	require.NoError(t, Run("hostdime", nil, &out, 1369758680))
	assert.Regexp(t, regexp.MustCompile(`api_key=foobar&api_timestamp=1369758680&api_unique=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}&api_hash=[0-9a-f]{64}' http://127.0.0.1:8080/hostdime/v1/server/list.json`), out.String())

	for _, bad := range [][]string{
		{"--private", "x"},
		{"--public", "unknown"},
		{"--method", "server/list"},
		{"--method", "a..b"},
		{"--format", "yaml"},
		{"--timestamp", "soon"},
		{"api_key=x"},
		{"novalue"},
	} {
		assert.Error(t, Run("hostdime", bad, &bytes.Buffer{}, 1), bad)
	}
}

func hashOf(t *testing.T, s string) string {
	t.Helper()
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
