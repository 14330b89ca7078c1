package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// There is no Docker engine where this is tested, so the compose file and the
// Dockerfile are checked for the contract they promise.
func TestComposeFile(t *testing.T) {
	raw, err := os.ReadFile("../../docker-compose.yml")
	require.NoError(t, err)
	var c struct {
		Services map[string]struct {
			Build       string            `yaml:"build"`
			Image       string            `yaml:"image"`
			Environment map[string]string `yaml:"environment"`
			Healthcheck struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
			DependsOn map[string]struct {
				Condition string `yaml:"condition"`
			} `yaml:"depends_on"`
		} `yaml:"services"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &c))
	mock, ok := c.Services["mocksuite"]
	require.True(t, ok)
	assert.Equal(t, ".", mock.Build)
	assert.Equal(t, []string{"CMD", "/mockserver", "healthcheck"}, mock.Healthcheck.Test, "the healthcheck follows MOCK_ADDR")
	client, ok := c.Services["client"]
	require.True(t, ok)
	assert.Equal(t, "service_healthy", client.DependsOn["mocksuite"].Condition)
}

func TestDockerfileContract(t *testing.T) {
	raw, err := os.ReadFile("../../Dockerfile")
	require.NoError(t, err)
	d := string(raw)
	for _, want := range []string{
		"CGO_ENABLED=1 go build -tags sqlite_omit_load_extension,osusergo,netgo",
		"-extldflags -static",
		"FROM scratch",
		"USER 65532:65532",
		"MOCK_ADDR=0.0.0.0:8080",
		`VOLUME ["/data"]`,
		`CMD ["/mockserver", "healthcheck"]`,
		"COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt",
	} {
		assert.True(t, strings.Contains(d, want), "Dockerfile lacks %q", want)
	}
}
