package apidesc_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apidesc"
)

func ioCopy(b *strings.Builder, resp *http.Response) (int64, error) {
	defer resp.Body.Close()
	return io.Copy(b, resp.Body)
}

// dig follows a dotted path (object keys, array indexes) through decoded JSON.
func dig(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func toString(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// captured stores an answer's field as the provider's variable, as the
// Postman test scripts do with collection variables.
func captured(apis []apidesc.API, provider, name, value string) {
	for i := range apis {
		if apis[i].Name != provider {
			continue
		}
		for j := range apis[i].Variables {
			if apis[i].Variables[j].Name == name {
				apis[i].Variables[j].Value = value
			}
		}
	}
}

// checkExamples compares a provider's answers with its recorded examples,
// or records them with MOCK_UPDATE_EXAMPLES=1.
func checkExamples(t *testing.T, provider string, answers map[string]json.RawMessage) {
	t.Helper()
	file := filepath.Join("examples", provider+".json")
	got, err := json.MarshalIndent(answers, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	if os.Getenv("MOCK_UPDATE_EXAMPLES") == "1" {
		require.NoError(t, os.WriteFile(file, got, 0o644))
		return
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err, "record the examples with MOCK_UPDATE_EXAMPLES=1")
	require.Equal(t, string(want), string(got), "the recorded examples of %s are not what the server answers now: re-record them with MOCK_UPDATE_EXAMPLES=1", provider)
}
