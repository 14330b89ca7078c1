package main

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/verify"

	_ "github.com/mattn/go-sqlite3"
)

const crashKey = "gempay-test-key-0001"

var orderIDRE = regexp.MustCompile(`"order_id":"(INV-[A-Z0-9]{9})"`)

func gempayOrder(client *http.Client, base, ref string) (int, string, error) {
	body := fmt.Sprintf(`{"user_id":"123456","zone":"1","produk_id":"1","ref_id":%q}`, ref)
	req, err := http.NewRequest(http.MethodPost, base+"/gempay/api/order", strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+verify.SignGempayOrder(crashKey, ref, "15000"))
	req.Header.Set("X-API-Key", crashKey)
	req.Header.Set("X-Request-Time", strconv.FormatInt(time.Now().Unix(), 10))
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func gempayStatus(t *testing.T, base, trx string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/gempay/api/cek-status", strings.NewReader(fmt.Sprintf(`{"trx_id":%q}`, trx)))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+verify.SignGempayStatus(crashKey, trx))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestCrashKeepsAcknowledgedWrites kills the server with SIGKILL in the middle
// of concurrent orders and checks that every order answered 200 is still there
// after a restart on the same DB file, and that the balance adds up.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	db := filepath.Join(t.TempDir(), "crash.db")
	env := []string{"MOCK_RATE_LIMITS=false"}
	cmd, base, _, _ := startBinaryEnv(t, env, "--addr", "127.0.0.1:0", "--db", db)

	var mu sync.Mutex
	acked := map[string]string{} // ref_id → order_id
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			client := &http.Client{Timeout: 5 * time.Second}
			for seq := 0; seq < 60; seq++ {
				select {
				case <-stop:
					return
				default:
				}
				ref := fmt.Sprintf("crash-%d-%d", w, seq)
				code, body, err := gempayOrder(client, base, ref)
				if err != nil {
					return // the server is gone
				}
				if code == http.StatusOK {
					m := orderIDRE.FindStringSubmatch(body)
					if m != nil {
						mu.Lock()
						acked[ref] = m[1]
						mu.Unlock()
					}
				}
			}
		}(w)
	}
	// Kill once some orders were acknowledged, while the others are in flight.
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 20 || time.Now().After(deadline) {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	close(stop)
	wg.Wait()
	_ = cmd.Wait()
	mu.Lock()
	defer mu.Unlock()
	require.GreaterOrEqual(t, len(acked), 20, "orders acknowledged before the kill")

	_, base2, _, _ := startBinaryEnv(t, env, "--addr", "127.0.0.1:0", "--db", db)
	for ref, id := range acked {
		code, body := gempayStatus(t, base2, id)
		assert.Equal(t, http.StatusOK, code, "order %s (%s) lost: %s", id, ref, body)
		assert.Contains(t, body, `"order_id":"`+id+`"`)
		code, _ = gempayStatus(t, base2, ref)
		assert.Equal(t, http.StatusOK, code, "order %s findable by ref_id %s", id, ref)
	}
	// Every stored order was charged exactly once: balance = initial - 15000 × orders.
	orders := countOrders(t, db)
	assert.GreaterOrEqual(t, orders, int64(len(acked)))
	assert.Equal(t, 1_000_000-15_000*orders, balanceOf(t, db, crashKey))
}

// countOrders and balanceOf read the DB file directly: the test checks what is
// on disk, not what the server says.
func countOrders(t *testing.T, db string) int64 {
	t.Helper()
	var n int64
	require.NoError(t, openDB(t, db).QueryRow(`SELECT COUNT(*) FROM gempay_orders`).Scan(&n))
	return n
}

func balanceOf(t *testing.T, db, key string) int64 {
	t.Helper()
	var b int64
	require.NoError(t, openDB(t, db).QueryRow(`SELECT balance FROM gempay_users WHERE api_key = ?`, key).Scan(&b))
	return b
}

func openDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}
