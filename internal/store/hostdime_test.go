package store

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHostdimeFixturesAndReset(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "hd.db"))
	a, err := s.HostdimeAccountByKey(ctx, "foobar")
	require.NoError(t, err)
	assert.Equal(t, "fazbaz", a.PrivateKey)
	_, err = s.HostdimeAccountByKey(ctx, "FOOBAR")
	assert.True(t, IsNotFound(err), "keys are case-sensitive")

	servers, err := s.HostdimeServices(ctx, a.ID, HostdimeServer)
	require.NoError(t, err)
	require.Len(t, servers, 2)
	assert.Equal(t, []HostdimeDrive{{"480GB", "SSD"}, {"480GB", "SSD"}}, servers[0].HardDrives)

	rule := errors.New("rule refused")
	_, err = s.HostdimeChangeService(ctx, a.ID, HostdimeServer, "S37", false, func(*HostdimeService) error { return rule })
	assert.Same(t, rule, err, "the rule's error comes back unwrapped")
	got, err := s.HostdimeChangeService(ctx, a.ID, HostdimeServer, "S37", true, func(svc *HostdimeService) error { svc.Power = "off"; return nil })
	require.NoError(t, err)
	assert.Equal(t, "off", got.Power)
	svc, err := s.HostdimeService(ctx, a.ID, HostdimeServer, "S37")
	require.NoError(t, err)
	assert.Equal(t, "on", svc.Power, "dry run wrote nothing")
	_, err = s.HostdimeChangeService(ctx, a.ID, HostdimeServer, "S37", false, func(svc *HostdimeService) error { svc.Status = "clientsuspend"; return nil })
	require.NoError(t, err)
	_, err = s.HostdimeChangeService(ctx, a.ID, HostdimeServer, "S90", false, func(*HostdimeService) error { return nil })
	assert.True(t, IsNotFound(err), "another account's service")

	id, err := s.HostdimeCreateTicket(ctx, HostdimeTicket{AccountID: a.ID, Subject: "s", Body: "b", Department: "support", Priority: "normal", Status: "open", CreatedAt: time.Unix(0, 0)}, false)
	require.NoError(t, err)
	assert.Equal(t, int64(100001), id)
	require.NoError(t, s.HostdimeUpdateRDNS(ctx, a.ID, HostdimeServer, "", "198.51.100.37", "x.example.com", false))

	require.NoError(t, s.Reset(ctx, "hostdime"))
	svc, err = s.HostdimeService(ctx, a.ID, HostdimeServer, "S37")
	require.NoError(t, err)
	assert.Equal(t, "active", svc.Status, "reset restores fixtures")
	_, err = s.HostdimeTicketByID(ctx, 100001)
	assert.True(t, IsNotFound(err))
	rd, err := s.HostdimeRDNS(ctx, a.ID, HostdimeServer, "S37")
	require.NoError(t, err)
	assert.Equal(t, "web01.example.com", rd[0].PTR)
}

// Concurrent ticket creation hands out distinct ids.
func TestHostdimeTicketIDsConcurrent(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "hd.db"))
	a, err := s.HostdimeAccountByKey(ctx, "foobar")
	require.NoError(t, err)
	var mu sync.Mutex
	seen := map[int64]bool{}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := s.HostdimeCreateTicket(ctx, HostdimeTicket{AccountID: a.ID, Subject: "s", Body: "b", Department: "d", Priority: "p", Status: "open"}, false)
			assert.NoError(t, err)
			mu.Lock()
			seen[id] = true
			mu.Unlock()
		}()
	}
	wg.Wait()
	assert.Len(t, seen, 8)
}
