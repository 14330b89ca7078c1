package main

import (
	"bufio"
	"context"
	"debug/elf"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// staticBinary builds cmd/mockserver with the exact "go build" line of the
// Dockerfile, once per test run, and returns its path.
var staticBinary = sync.OnceValues(func() (string, error) {
	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		return "", err
	}
	var line string
	for _, l := range strings.Split(string(dockerfile), "\n") {
		if strings.HasPrefix(l, "RUN ") && strings.Contains(l, "go build") {
			line = strings.TrimPrefix(l, "RUN ")
		}
	}
	if line == "" {
		return "", os.ErrNotExist
	}
	dir, err := os.MkdirTemp("", "mockserver-bin-")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "mockserver")
	line = strings.Replace(line, "-o /out/mockserver", "-o "+out, 1)
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = "../.."
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", &buildError{out: string(b), err: err}
	}
	return out, nil
})

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// binaryTestsEnv switches on the tests that build the static binary (about
// three minutes on two cores): .ci/run sets it, a plain "go test ./..." skips them.
const binaryTestsEnv = "MOCK_BINARY_TESTS"

func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the static binary; skipped with -short")
	}
	if os.Getenv(binaryTestsEnv) != "1" {
		t.Skipf("builds the static binary (about 3 min); set %s=1 to run it (.ci/run does)", binaryTestsEnv)
	}
	p, err := staticBinary()
	require.NoError(t, err)
	return p
}

func TestDockerfileBuildIsStatic(t *testing.T) {
	bin := binary(t)
	f, err := elf.Open(bin)
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		assert.NotEqual(t, elf.PT_INTERP, p.Type, "a static binary has no program interpreter")
	}
	libs, err := f.ImportedLibraries()
	require.NoError(t, err)
	assert.Empty(t, libs, "a static binary needs no shared libraries")
	out, err := exec.Command(bin, "version").Output()
	require.NoError(t, err)
	assert.Equal(t, "mockserver 0.1.0\n", string(out))
}

var listenRE = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)

// startBinary runs the server and returns its base URL once the first log line names it.
func startBinary(t *testing.T, args ...string) (*exec.Cmd, string, *strings.Builder, time.Duration) {
	t.Helper()
	return startBinaryEnv(t, nil, args...)
}

// startBinaryEnv is startBinary with extra environment variables.
func startBinaryEnv(t *testing.T, env []string, args ...string) (*exec.Cmd, string, *strings.Builder, time.Duration) {
	t.Helper()
	bin := binary(t)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), "MOCK_ADDR=", "MOCK_DB=", "MOCK_CONFIG="), env...)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	start := time.Now()
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 64)
	var logs strings.Builder
	var mu sync.Mutex
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			mu.Lock()
			logs.WriteString(sc.Text() + "\n")
			mu.Unlock()
			select {
			case lines <- sc.Text():
			default:
			}
		}
		close(lines)
	}()
	select {
	case first, ok := <-lines:
		require.True(t, ok, "server exited before logging")
		m := listenRE.FindStringSubmatch(first)
		require.NotNil(t, m, "first log line names the address: %q", first)
		require.True(t, strings.HasSuffix(first, " dashboard="+m[1]+"/__admin/ui"), "first log line names the dashboard: %q", first)
		return cmd, m[1], &logs, time.Since(start)
	case <-time.After(20 * time.Second):
		t.Fatal("server did not log its address in 20 s")
	}
	return nil, "", nil, 0
}

func TestServeHealthSigtermAndRestart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	cmd, base, _, ready := startBinary(t, "--addr", "127.0.0.1:0", "--db", db)
	t.Logf("listening after %s", ready)

	resp, err := http.Get(base + "/__admin/health")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, `{"status":"ok","version":"0.1.0"}`+"\n", string(body))

	hc := exec.Command(binary(t), "healthcheck", "--url", base+"/__admin/health")
	assert.NoError(t, hc.Run(), "healthcheck exits 0 against a live server")
	// Without a URL it probes what MOCK_ADDR says, as the image's HEALTHCHECK does.
	hc = exec.Command(binary(t), "healthcheck")
	hc.Env = append(os.Environ(), "MOCK_ADDR=0.0.0.0:"+base[strings.LastIndex(base, ":")+1:])
	out, err := hc.Output()
	assert.NoError(t, err, "healthcheck follows MOCK_ADDR")
	assert.Equal(t, "healthy: http://127.0.0.1:"+base[strings.LastIndex(base, ":")+1:]+"/__admin/health\n", string(out))

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.NoError(t, err, "exit code 0 after SIGTERM")
	case <-ctx.Done():
		t.Fatal("server did not stop after SIGTERM")
	}
	_, err = http.Get(base + "/__admin/health")
	assert.Error(t, err, "no longer accepting")

	// The same DB file opens again: state survives restarts.
	_, base2, _, _ := startBinary(t, "--addr", "127.0.0.1:0", "--db", db)
	resp, err = http.Get(base2 + "/__admin/health")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
}
