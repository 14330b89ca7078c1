package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // writes the foreign database
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/mocksuite/mocksuite/fixtures"
	"github.com/mocksuite/mocksuite/internal/store"
)

// assertOneLineExit2 checks the start-up failure contract: exit 2, one line.
func assertOneLineExit2(t *testing.T, code int, errs string, want ...string) {
	t.Helper()
	assert.Equal(t, exitUsage, code, errs)
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(errs), "\n")+1, "one line: %q", errs)
	assert.True(t, strings.HasPrefix(errs, "mockserver: "), errs)
	for _, w := range want {
		assert.Contains(t, errs, w)
	}
}

func TestServeRefusesForeignDB(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.db")
	db, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	_, err = db.Exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada')`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	code, _, errs := runCmd(t, nil, "--db", path, "--addr", "127.0.0.1:0")
	assertOneLineExit2(t, code, errs, path, "another application's SQLite database")
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(before, after), "byte-for-byte unchanged")
	_, err = os.Stat(path + "-wal")
	assert.True(t, os.IsNotExist(err), "not switched to WAL")
}

func TestServeConfigTypeErrorNamesKey(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ yaml, want string }{
		{"gempay:\n  success_delay: soon\n", `mockserver: config: gempay.success_delay: "soon" is not a duration` + "\n"},
		{"body_limit: abc\n", `mockserver: config: body_limit: "abc" is not an integer` + "\n"},
		{"debug: maybe\n", `mockserver: config: debug: "maybe" is not a boolean` + "\n"},
		{"admin_hosts: mocksuite\n", `mockserver: config: admin_hosts: "mocksuite" is not a list of strings` + "\n"},
		{"read_body_timeout: [1]\n", `mockserver: config: read_body_timeout: a list is not a duration` + "\n"},
	} {
		path := filepath.Join(dir, "c.yaml")
		require.NoError(t, os.WriteFile(path, []byte(c.yaml), 0o600))
		code, _, errs := runCmd(t, nil, "--config", path, "--db", ":memory:", "--addr", "127.0.0.1:0")
		assert.Equal(t, exitUsage, code)
		assert.Equal(t, c.want, errs)
	}
}

// TestServeAdminTokenFlag runs the server with --admin-token and checks the
// control plane wants it while health stays open.
func TestServeAdminTokenFlag(t *testing.T) {
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"flag", nil, []string{"--admin-token", "fl4g-token"}},
		{"env", map[string]string{"MOCK_ADMIN_TOKEN": "fl4g-token"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			addr := ln.Addr().String()
			ln.Close()
			done := make(chan int, 1)
			var errb bytes.Buffer
			go func() {
				done <- serveUntil(append([]string{"--db", ":memory:", "--addr", addr}, c.args...), &errb, c.env)
			}()
			base := "http://" + addr
			require.Eventually(t, func() bool {
				res, err := http.Get(base + "/__admin/health")
				if err == nil {
					res.Body.Close()
				}
				return err == nil && res.StatusCode == 200
			}, 10*time.Second, 20*time.Millisecond)
			res, err := http.Get(base + "/__admin/requests")
			require.NoError(t, err)
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			assert.Equal(t, 401, res.StatusCode)
			assert.Equal(t, `{"error":"admin token required"}`+"\n", string(b))
			req, _ := http.NewRequest("GET", base+"/__admin/requests", nil)
			req.Header.Set("Authorization", "Bearer fl4g-token")
			res, err = http.DefaultClient.Do(req)
			require.NoError(t, err)
			var v map[string]json.RawMessage
			require.NoError(t, json.NewDecoder(res.Body).Decode(&v))
			res.Body.Close()
			assert.Equal(t, 200, res.StatusCode)
			require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
			select {
			case code := <-done:
				assert.Equal(t, 0, code, errb.String())
			case <-time.After(15 * time.Second):
				t.Fatal("server did not stop")
			}
			assert.NotContains(t, errb.String(), "fl4g-token", "the token is never logged")
		})
	}
}

// serveUntil runs the serve command until SIGINT.
func serveUntil(args []string, stderr io.Writer, env map[string]string) int {
	return run(args, io.Discard, stderr, func(k string) string { return env[k] })
}

// A read-only DB file or folder fails at start. Root writes read-only files,
// so as root the check runs in a copy of this test binary as user nobody.
func TestServeRefusesUnwritableDB(t *testing.T) {
	if os.Getenv("MOCKSUITE_CHILD_ARGS") != "" {
		t.Skip("child")
	}
	dir, err := os.MkdirTemp("", "mocksuite-ro-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(dir, "ro"), 0o755); _ = os.RemoveAll(dir) })
	require.NoError(t, os.Chmod(dir, 0o755))

	// A valid mocksuite DB, made read-only, in a folder anyone may write.
	rw := filepath.Join(dir, "rw")
	require.NoError(t, os.Mkdir(rw, 0o777))
	require.NoError(t, os.Chmod(rw, 0o777))
	file := filepath.Join(rw, "ro.db")
	st, err := store.Open(context.Background(), file, fixtures.FS, []store.Seeder{store.GempaySeeder()})
	require.NoError(t, err)
	require.NoError(t, st.Close())
	require.NoError(t, os.Chmod(file, 0o444))
	roDir := filepath.Join(dir, "ro")
	require.NoError(t, os.Mkdir(roDir, 0o555))

	bin := os.Args[0]
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		bin = filepath.Join(dir, "mockserver.test")
		b, err := os.ReadFile(os.Args[0])
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(bin, b, 0o755))
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	for _, db := range []string{file, filepath.Join(roDir, "new.db"), filepath.Join(dir, "beside-root-owned.db")} {
		cmd := exec.Command(bin, "-test.run=^TestChildServe$")
		cmd.Env = append(os.Environ(), "MOCKSUITE_CHILD_ARGS=--db\t"+db+"\t--addr\t127.0.0.1:0")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee, stderr.String())
		errs := childStderr(stderr.String())
		assertOneLineExit2(t, ee.ExitCode(), errs, "store: db "+db+" is not writable: ")
		t.Log(strings.TrimSpace(errs))
	}
}

// childStderr keeps the server's own output, without the test framework's.
func childStderr(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "mockserver: ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n") + "\n"
}

func TestChildServe(t *testing.T) {
	args := os.Getenv("MOCKSUITE_CHILD_ARGS")
	if args == "" {
		t.Skip("run by TestServeRefusesUnwritableDB")
	}
	code := run(strings.Split(args, "\t"), io.Discard, os.Stderr, func(string) string { return "" })
	os.Exit(code)
}

func TestComposeUsesAdminToken(t *testing.T) {
	raw, err := os.ReadFile("../../docker-compose.yml")
	require.NoError(t, err)
	var c struct {
		Services map[string]struct {
			Environment map[string]string `yaml:"environment"`
			Entrypoint  []string          `yaml:"entrypoint"`
		} `yaml:"services"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &c))
	mock, client := c.Services["mocksuite"], c.Services["client"]
	require.NotEmpty(t, mock.Environment["MOCK_ADMIN_TOKEN"])
	assert.Equal(t, mock.Environment["MOCK_ADMIN_TOKEN"], client.Environment["MOCK_ADMIN_TOKEN"], "the client sends the server's token")
	assert.Equal(t, "mocksuite", mock.Environment["MOCK_ADMIN_HOSTS"], "the service name is an allowed Host")
	assert.Equal(t, []string{"/mockserver", "healthcheck", "--url", "http://mocksuite:8080/__admin/requests/count"}, client.Entrypoint, "a route behind the token")
}

func TestHealthcheckSendsToken(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer hc-t0ken" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = io.WriteString(w, `{"count":0}`)
	}))
	defer srv.Close()
	code, _, errs := runCmd(t, nil, "healthcheck", "--url", srv.URL+"/__admin/requests/count")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, errs, "unhealthy: status 401")
	code, _, _ = runCmd(t, map[string]string{"MOCK_ADMIN_TOKEN": "hc-t0ken"}, "healthcheck", "--url", srv.URL+"/__admin/requests/count")
	assert.Equal(t, 0, code)
	code, _, _ = runCmd(t, nil, "healthcheck", "--token", "hc-t0ken", "--url", srv.URL+"/__admin/requests/count")
	assert.Equal(t, 0, code)
}
