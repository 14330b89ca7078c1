package nodeco

import (
	"fmt"
	"sort"
)

// page is a clamped page of a list (spec §7.4: beyond the last page means the last page).
type page struct {
	total, perPage, pages, page, from, to int
}

func paginate(total, perPage, want int) page {
	p := page{total: total, perPage: perPage, pages: (total + perPage - 1) / perPage, page: want}
	if p.page > p.pages {
		p.page = max(p.pages, 1)
	}
	p.from = min((p.page-1)*perPage, total)
	p.to = min(p.from+perPage, total)
	return p
}

func (p page) data(records []*object) *object {
	return obj("total_records", p.total, "records_per_page", p.perPage, "total_pages", p.pages, "page", p.page, "records", listOf(records))
}

// listPaging reads records_per_page (10–100, default 20) and page (default 1).
func (c *call) listPaging() (perPage, pageNo int, err error) {
	if perPage, err = c.intRange("records_per_page", false, 20, 10, 100); err != nil {
		return
	}
	pageNo, err = c.intRange("page", false, 1, 1, 9999999999)
	return
}

func getServerList(c *call) (fnResult, error) {
	perPage, pageNo, err := c.listPaging()
	if err != nil {
		return fnResult{}, err
	}
	sortedBy, err := c.enum("sorted_by", "activated_time_descending", "server_label_ascending", "server_label_descending", "activated_time_ascending", "activated_time_descending")
	if err != nil {
		return fnResult{}, err
	}
	ownership, err := c.enum("ownership", "all", "all", "owner", "shared")
	if err != nil {
		return fnResult{}, err
	}
	// node.co.id lists active, running servers unless told otherwise; virtdedi lists all.
	orderDefault, statusDefault := "active", "on"
	orderValues := []string{"all", "pending", "active", "suspended", "canceled"}
	packages := []string{"all", "trial"}
	for _, p := range nodePackages {
		packages = append(packages, p.name)
	}
	if c.flavour == string(VirtDedi) {
		orderDefault, statusDefault = "all", "all"
		orderValues = []string{"all", "pending", "active", "suspended", "pendingcancel", "canceled"}
		packages = []string{"all"}
		for _, p := range virtdediPlans {
			packages = append(packages, p.name)
		}
	}
	orderStatus, err := c.enum("order_status", orderDefault, orderValues...)
	if err != nil {
		return fnResult{}, err
	}
	serverStatus, err := c.enum("server_status", statusDefault, "all", statusInstall, statusReinstall, statusOn, statusOff, statusSuspended, statusDeleted)
	if err != nil {
		return fnResult{}, err
	}
	pkgFilter, err := c.enum("package", "all", packages...)
	if err != nil {
		return fnResult{}, err
	}
	var tags [3]string
	for i := range tags {
		if tags[i], err = c.str(fmt.Sprintf("custom_info_%d", i+1), 50, false); err != nil {
			return fnResult{}, err
		}
	}
	servers, err := c.q.ServersFor(c.flavour, c.stage, c.acct.UserID, c.acct.Email)
	if err != nil {
		return fnResult{}, err
	}
	var picked []access
	for _, s := range servers {
		settleServer(&s, c.now)
		a := access{srv: s, owner: s.UserID == c.acct.UserID}
		if !a.owner {
			h, err := c.q.Share(c.flavour, c.stage, s.ServerID, c.acct.Email)
			if err != nil {
				return fnResult{}, err
			}
			a.share = h
		}
		info := [3]string{s.CustomInfo1, s.CustomInfo2, s.CustomInfo3}
		switch {
		case ownership != "all" && a.ownership() != ownership,
			orderStatus != "all" && s.OrderStatus != orderStatus,
			serverStatus != "all" && s.ServerStatus != serverStatus,
			pkgFilter != "all" && s.Package != pkgFilter,
			tags[0] != "" && info[0] != tags[0], tags[1] != "" && info[1] != tags[1], tags[2] != "" && info[2] != tags[2]:
			continue
		}
		picked = append(picked, a)
	}
	sort.SliceStable(picked, func(i, j int) bool {
		a, b := picked[i].srv, picked[j].srv
		switch sortedBy {
		case "server_label_ascending":
			return a.ServerLabel < b.ServerLabel || a.ServerLabel == b.ServerLabel && a.ServerID < b.ServerID
		case "server_label_descending":
			return a.ServerLabel > b.ServerLabel || a.ServerLabel == b.ServerLabel && a.ServerID > b.ServerID
		case "activated_time_ascending":
			return a.ActivatedTime < b.ActivatedTime || a.ActivatedTime == b.ActivatedTime && a.ServerID < b.ServerID
		}
		return a.ActivatedTime > b.ActivatedTime || a.ActivatedTime == b.ActivatedTime && a.ServerID > b.ServerID
	})
	pg := paginate(len(picked), perPage, pageNo)
	var records []*object
	for _, a := range picked[pg.from:pg.to] {
		records = append(records, c.serverData(a))
	}
	return fnResult{msgRead, pg.data(records)}, nil
}
