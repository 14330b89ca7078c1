package nodeco

import (
	"crypto/md5"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// Snapshot states and cycles (spec §8).
const (
	snapProcessing = "processing"
	snapActive     = "active"
	snapDeleted    = "deleted"
)

// settleSnapshot finishes a snapshot whose processing delay has passed by now.
func settleSnapshot(p *store.NodecoSnapshot, now int64) {
	if p.Status == snapProcessing && p.ReadyAt > 0 && now >= p.ReadyAt {
		p.Status, p.ReadyAt = snapActive, 0
	}
}

// snapshotByID returns a snapshot of a server the caller owns, or of one
// shared with them that grants perm.
func (c *call) snapshotByID(id, perm string) (store.NodecoSnapshot, access, error) {
	p, err := c.q.Snapshot(c.flavour, c.stage, id)
	if store.IsNotFound(err) {
		return p, access{}, refuse(errSnapshotNotFound)
	}
	if err != nil {
		return p, access{}, err
	}
	a, err := c.serverByID(p.ServerID, perm)
	var ae *apiError
	if errors.As(err, &ae) && ae.Msg == errServerNotFound {
		return p, access{}, refuse(errSnapshotNotFound)
	}
	if err != nil {
		return p, access{}, err
	}
	settleSnapshot(&p, c.now.Unix())
	return p, a, nil
}

// snapshotURLSig signs a download URL for one client IP until expires.
func snapshotURLSig(urlKey string, expires int64, ip string) string {
	sum := md5.Sum([]byte(urlKey + "|" + strconv.FormatInt(expires, 10) + "|" + ip))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// snapshotData is the get_snapshot_detail record (rev B). Only an active
// snapshot has a file to download, so the others carry no URL.
func (c *call) snapshotData(p store.NodecoSnapshot, label, clientIP string) *object {
	url, expires := "", int64(0)
	if p.Status == snapActive {
		expires = c.now.Add(c.p.cfg.SnapshotURLTTL).Unix()
		url = fmt.Sprintf("%s/snapshot-download/%s/%s/%s?md5=%s&expired=%d", handlers.BaseURL(c.r), p.Stage, p.SnapshotID, p.Name,
			snapshotURLSig(p.URLKey, expires, clientIP), expires)
	}
	return obj(
		"snapshot_id", p.SnapshotID,
		"server_id", p.ServerID,
		"server_label", label,
		"snapshot_name", p.Name,
		"snapshot_add_time", fmtTime(p.AddTime),
		"snapshot_end_time", fmtTime(p.EndTime),
		"snapshot_cycle", p.Cycle,
		"snapshot_status", p.Status,
		"snapshot_size", decNumber(p.Size),
		"snapshot_url", url,
		"snapshot_url_expires", expires,
	)
}

func getSnapshotDetail(c *call) (fnResult, error) {
	id, err := c.str("snapshot_id", 50, true)
	if err != nil {
		return fnResult{}, err
	}
	ip, err := c.ipv4("client_ip_address", 20)
	if err != nil {
		return fnResult{}, err
	}
	p, a, err := c.snapshotByID(id, "view_snapshot")
	if err != nil {
		return fnResult{}, err
	}
	return fnResult{msgRead, c.snapshotData(p, a.srv.ServerLabel, ip)}, nil
}

func getSnapshotList(c *call) (fnResult, error) {
	ip, err := c.ipv4("client_ip_address", 20)
	if err != nil {
		return fnResult{}, err
	}
	perPage, pageNo, err := c.listPaging()
	if err != nil {
		return fnResult{}, err
	}
	sortedBy, err := c.enum("sorted_by", "snapshot_add_time_descending", "snapshot_size_ascending", "snapshot_size_descending", "snapshot_add_time_ascending", "snapshot_add_time_descending")
	if err != nil {
		return fnResult{}, err
	}
	ownership, err := c.enum("ownership", "all", "all", "owner", "shared")
	if err != nil {
		return fnResult{}, err
	}
	status, err := c.enum("snapshot_status", snapActive, "all", snapProcessing, snapActive, snapDeleted)
	if err != nil {
		return fnResult{}, err
	}
	cycle, err := c.enum("snapshot_cycle", "all", "all", "manual", "daily", "weekly", "monthly")
	if err != nil {
		return fnResult{}, err
	}
	serverID, err := c.str("server_id", 20, false)
	if err != nil {
		return fnResult{}, err
	}
	visible := map[string]access{}
	if serverID != "" {
		a, err := c.serverByID(serverID, "view_snapshot")
		if err != nil {
			return fnResult{}, err
		}
		visible[serverID] = a
	} else {
		servers, err := c.q.ServersFor(c.flavour, c.stage, c.acct.UserID, c.acct.Email)
		if err != nil {
			return fnResult{}, err
		}
		for _, s := range servers {
			// serverByID applies the grant: shares without view_snapshot hide their snapshots.
			if a, err := c.serverByID(s.ServerID, "view_snapshot"); err == nil {
				visible[s.ServerID] = a
			} else if !errors.As(err, new(*apiError)) {
				return fnResult{}, err
			}
		}
	}
	var ids []string
	for id := range visible {
		ids = append(ids, id)
	}
	snaps, err := c.q.Snapshots(c.flavour, c.stage, ids)
	if err != nil {
		return fnResult{}, err
	}
	var picked []store.NodecoSnapshot
	for _, p := range snaps {
		settleSnapshot(&p, c.now.Unix())
		switch {
		case ownership != "all" && visible[p.ServerID].ownership() != ownership,
			status != "all" && p.Status != status,
			cycle != "all" && p.Cycle != cycle:
			continue
		}
		picked = append(picked, p)
	}
	sizes := map[string]dec{}
	for _, p := range picked {
		sizes[p.SnapshotID], _ = parseDec(p.Size)
	}
	sort.SliceStable(picked, func(i, j int) bool {
		a, b := picked[i], picked[j]
		switch sortedBy {
		case "snapshot_size_ascending":
			return sizes[a.SnapshotID] < sizes[b.SnapshotID] || sizes[a.SnapshotID] == sizes[b.SnapshotID] && a.SnapshotID < b.SnapshotID
		case "snapshot_size_descending":
			return sizes[a.SnapshotID] > sizes[b.SnapshotID] || sizes[a.SnapshotID] == sizes[b.SnapshotID] && a.SnapshotID > b.SnapshotID
		case "snapshot_add_time_ascending":
			return a.AddTime < b.AddTime || a.AddTime == b.AddTime && a.SnapshotID < b.SnapshotID
		}
		return a.AddTime > b.AddTime || a.AddTime == b.AddTime && a.SnapshotID > b.SnapshotID
	})
	pg := paginate(len(picked), perPage, pageNo)
	var records []*object
	for _, p := range picked[pg.from:pg.to] {
		records = append(records, c.snapshotData(p, visible[p.ServerID].srv.ServerLabel, ip))
	}
	return fnResult{msgRead, pg.data(records)}, nil
}

func createSnapshot(c *call) (fnResult, error) {
	a, err := c.server("create_snapshot")
	if err != nil {
		return fnResult{}, err
	}
	if err := usable(a.srv); err != nil {
		return fnResult{}, err
	}
	var id string
	for range 50 {
		id = c.p.d.IDs.String(12, tokenAlphabet)
		taken, err := c.q.SnapshotExists(c.flavour, c.stage, id)
		if err != nil {
			return fnResult{}, err
		}
		if !taken {
			break
		}
	}
	s := a.srv
	// A snapshot holds the used part of the disk: between 1 GB and a third of it.
	tenths := 10 + c.p.d.IDs.IntN(max(s.Disk*10/3-10, 1))
	p := store.NodecoSnapshot{
		Flavour: c.flavour, Stage: c.stage, SnapshotID: id, ServerID: s.ServerID,
		Name:    c.p.d.IDs.String(14, "abcdefghijklmnopqrstuvwxyz") + ".disk",
		AddTime: c.now.Unix(), Cycle: "manual", Status: snapProcessing,
		ReadyAt: c.now.Add(c.p.cfg.SnapshotDelay).Unix(),
		Size:    fmt.Sprintf("%d.%d", tenths/10, tenths%10), InstallSource: s.InstallSource,
		OSTemplate: s.OSTemplate, OSVariant: s.OSVariant, Arch: s.Arch, Disk: s.Disk, HasHDD: s.HDD > 0,
		URLKey: c.p.d.IDs.Hex(32),
	}
	if err := c.q.PutSnapshot(p); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgCreateSnapshot, obj("snapshot_id", p.SnapshotID, "server_id", p.ServerID, "snapshot_status", p.Status)}, nil
}

func deleteSnapshot(c *call) (fnResult, error) {
	id, err := c.str("snapshot_id", 50, true)
	if err != nil {
		return fnResult{}, err
	}
	p, _, err := c.snapshotByID(id, "delete_snapshot")
	if err != nil {
		return fnResult{}, err
	}
	if p.Status == snapDeleted {
		return fnResult{}, refuse(errSnapshotDeleted)
	}
	p.Status, p.ReadyAt, p.EndTime = snapDeleted, 0, c.now.Unix()
	if err := c.q.PutSnapshot(p); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgDeleteSnapshot, obj("snapshot_id", p.SnapshotID, "snapshot_status", p.Status)}, nil
}

func setSnapshotSchedule(c *call) (fnResult, error) {
	a, err := c.server(permOwner)
	if err != nil {
		return fnResult{}, err
	}
	// virtdedi names the request keys *_backup; the reply keys stay *_snapshot on both.
	word := "snapshot"
	if c.flavour == string(VirtDedi) {
		word = "backup"
	}
	var flags [3]string
	var ages [3]int
	for i, cycle := range []string{"daily", "weekly", "monthly"} {
		flag := cycle + "_" + word
		if flags[i], err = c.enum(flag, "no", "yes", "no"); err != nil {
			return fnResult{}, err
		}
		if flags[i] == "no" {
			continue // a disabled cycle keeps nothing: max age 0
		}
		ageName := flag + "_max_age"
		if c.form.Get(ageName) == "" {
			return fnResult{}, refuse(errMaxAgeFmt, ageName, flag)
		}
		if ages[i], err = c.intRange(ageName, true, 0, 1, 99); err != nil {
			return fnResult{}, err
		}
	}
	if err := notCanceled(a.srv); err != nil {
		return fnResult{}, err
	}
	s := a.srv
	s.DailySnapshots, s.DailyMaxAge = flags[0], ages[0]
	s.WeeklySnapshots, s.WeeklyMaxAge = flags[1], ages[1]
	s.MonthlySnapshots, s.MonthlyMaxAge = flags[2], ages[2]
	if err := c.q.SaveServer(s); err != nil {
		return fnResult{}, err
	}
	return fnResult{msgSnapshotSchedule, obj(
		"server_id", s.ServerID,
		"daily_snapshot", flags[0], "daily_snapshot_max_age", ages[0],
		"weekly_snapshot", flags[1], "weekly_snapshot_max_age", ages[1],
		"monthly_snapshot", flags[2], "monthly_snapshot_max_age", ages[2],
	)}, nil
}

// serveSnapshotDownload serves a signed snapshot_url: only from the client IP
// it was issued for, and only until it expires by the mock clock.
func (p *Provider) serveSnapshotDownload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	journal.SetEndpoint(ctx, "snapshot_download")
	stage, id, name := chi.URLParam(r, "stage"), chi.URLParam(r, "snapshot_id"), chi.URLParam(r, "name")
	deny := func(status int, reason journal.Reason, why string) {
		journal.Reject(ctx, reason, why)
		http.Error(w, http.StatusText(status), status)
	}
	if stage != stageSandbox && stage != stageReal {
		deny(http.StatusNotFound, journal.ReasonNotFound, "unknown stage "+stage)
		return
	}
	var snap store.NodecoSnapshot
	err := p.d.Store.Nodeco(ctx, func(q *store.NodecoTx) error {
		var err error
		snap, err = q.Snapshot(string(p.flavour), stage, id)
		return err
	})
	now := p.d.Clock.Now().Unix()
	if err == nil {
		settleSnapshot(&snap, now)
	}
	switch {
	case store.IsNotFound(err) || err == nil && (snap.Name != name || snap.Status != snapActive):
		deny(http.StatusNotFound, journal.ReasonNotFound, "no active snapshot "+id+" named "+name)
		return
	case err != nil:
		p.d.Logger.Error("nodeco snapshot download", "err", err)
		journal.Fail(ctx, journal.ReasonInternal, err.Error())
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	expires, perr := strconv.ParseInt(r.URL.Query().Get("expired"), 10, 64)
	ip := handlers.ClientIP(r).String()
	want := snapshotURLSig(snap.URLKey, expires, ip)
	switch {
	case perr != nil || !verify.Equal(want, r.URL.Query().Get("md5")):
		deny(http.StatusForbidden, journal.ReasonBadSignature, "snapshot URL signature does not match this URL and client IP "+ip)
		return
	case now >= expires:
		deny(http.StatusGone, journal.ReasonTimeWindow, "snapshot URL expired at "+fmtTime(expires))
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="`+snap.Name+`"`)
	_, _ = fmt.Fprintf(w, "NODE mock snapshot %s of server %s (%s GB)\n", snap.SnapshotID, snap.ServerID, snap.Size)
}
