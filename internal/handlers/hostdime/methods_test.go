package hostdime_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/store"
)

const (
	s37JSON  = `{"cuid":"S37","label":"web-01","name":"web01.example.com","status":"active","power":"on","type":"Dell PowerEdge R430","ip_main":"198.51.100.37","dns":[{"dns":"ns1.hostdime.com","ip":"198.51.100.2"},{"dns":"ns2.hostdime.com","ip":"198.51.100.3"}],"cpu":"Intel Xeon E5-2620 v4 @ 2.10GHz","memory":"32GB DDR4","ssh_port":"22","hard_drives":[{"size":"480GB","type":"SSD"},{"size":"480GB","type":"SSD"}],"control_panel":"cPanel\/WHM","ip_ipmi":"10.37.0.37","ipmi_password":"ipmi-sample-37"}`
	s38JSON  = `{"cuid":"S38","label":"db-01","name":"db01.example.com","status":"active","power":"on","type":"Supermicro 5019S","ip_main":"198.51.100.40","dns":[{"dns":"ns1.hostdime.com","ip":"198.51.100.2"}],"cpu":"Intel Xeon E3-1230 v6 @ 3.50GHz","memory":"16GB DDR4","ssh_port":"2222","hard_drives":[{"size":"2TB","type":"SATA"}],"control_panel":"None","ip_ipmi":"","ipmi_password":""}`
	s90JSON  = `{"cuid":"S90","label":"edge-90","name":"edge90.example.org","status":"suspended","power":"off","type":"Dell PowerEdge R230","ip_main":"198.51.100.90","dns":[{"dns":"ns1.hostdime.com","ip":"198.51.100.2"}],"cpu":"Intel Xeon E3-1220 v5 @ 3.00GHz","memory":"8GB DDR4","ssh_port":"22","hard_drives":[{"size":"1TB","type":"SATA"}],"control_panel":"None","ip_ipmi":"","ipmi_password":""}`
	v101JSON = `{"cuid":"V101","name":"vps101.example.com","status":"active","power":"on","memory":"2048MB","os":"CentOS 7 64-bit","control_panel":"cPanel\/WHM","ip_main":"203.0.113.101","dns":[{"dns":"ns1.hostdime.com","ip":"198.51.100.2"},{"dns":"ns2.hostdime.com","ip":"198.51.100.3"}],"ssh_port":"22","disk_usage":"10240","disk_quota":"40960"}`
	comJSON  = `{"domain":"example.com","status":"registered","created":"2010-03-14","expires":"2031-03-14"}`
	netJSON  = `{"domain":"example.net","status":"expired","created":"2011-01-15","expires":"2013-01-15"}`
)

func TestReadMethods(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	second := newClient(s)
	second.pub, second.priv = "hd-pub-0002", "hd-priv-0002"
	cases := []struct {
		c      *client
		method string
		params [][2]string
		want   string
	}{
		{c, "server.list", nil, okJSON("[" + s37JSON + "," + s38JSON + "]")},
		{second, "server.list", nil, okJSON("[" + s90JSON + "]")},
		{c, "server.get", [][2]string{kv("cuid", "S37")}, okJSON(s37JSON)},
		{second, "server.get", [][2]string{kv("cuid", "S90")}, okJSON(s90JSON)},
		{c, "server.get", [][2]string{kv("cuid", "S90")}, errJSON(404, "Service not found: S90")},
		{second, "server.get", [][2]string{kv("cuid", "S37")}, errJSON(404, "Service not found: S37")},
		{c, "server.get", [][2]string{kv("cuid", "V101")}, errJSON(404, "Service not found: V101")},
		{c, "server.get", nil, errJSON(400, "Missing required parameter: cuid")},
		{c, "vps.get", [][2]string{kv("cuid", "V101")}, okJSON(v101JSON)},
		{c, "vps.get", [][2]string{kv("cuid", "S37")}, errJSON(404, "Service not found: S37")},
		{second, "vps.get", [][2]string{kv("cuid", "V101")}, errJSON(404, "Service not found: V101")},
		{c, "server.rdns.list", [][2]string{kv("cuid", "S37")}, okJSON(`[{"ip":"198.51.100.37","ptr":"web01.example.com"},{"ip":"198.51.100.38","ptr":"mail.example.com"}]`)},
		{c, "server.rdns.list", [][2]string{kv("cuid", "S38")}, okJSON(`[{"ip":"198.51.100.40","ptr":"db01.example.com"}]`)},
		{second, "server.rdns.list", [][2]string{kv("cuid", "S37")}, errJSON(404, "Service not found: S37")},
		{c, "vps.rdns.list", [][2]string{kv("cuid", "V101")}, okJSON(`[{"ip":"203.0.113.101","ptr":"vps101.example.com"}]`)},
		{c, "vps.rdns.list", nil, errJSON(400, "Missing required parameter: cuid")},
		{c, "domain.list", nil, okJSON("[" + comJSON + "," + netJSON + "]")},
		{c, "domain.list", [][2]string{kv("order", "desc")}, okJSON("[" + netJSON + "," + comJSON + "]")},
		{c, "domain.list", [][2]string{kv("status", "registered"), kv("order", "desc")}, okJSON("[" + comJSON + "]")},
		{c, "domain.list", [][2]string{kv("status", "expired")}, okJSON("[" + netJSON + "]")},
		{c, "domain.list", [][2]string{kv("status", "active")}, errJSON(400, "Invalid value for parameter: status")},
		{c, "domain.list", [][2]string{kv("order", "sideways")}, errJSON(400, "Invalid value for parameter: order")},
		{second, "domain.list", nil, okJSON("[]")},
		{c, "utility.echo", [][2]string{kv("foo", "bar"), kv("faz", "baz")}, okJSON(`{"foo":"bar","faz":"baz"}`)},
	}
	for _, tc := range cases {
		r := tc.c.call(t, tc.method, "json", tc.params...)
		assert.Equal(t, 200, r.Status, tc.method)
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		assert.Equal(t, tc.want, r.Body, "%s %v", tc.method, tc.params)
	}
}

func TestEchoUnauthenticated(t *testing.T) {
	s := newServer(t, nil)
	r := s.Do(t, "POST", "/hostdime/v1/utility/echo.json", "foo=bar&faz=baz", "Content-Type", form)
	assert.Equal(t, okJSON(`{"foo":"bar","faz":"baz"}`), r.Body)
	r = s.Do(t, "POST", "/hostdime/v1/utility/echo.json", "", "Content-Type", form)
	assert.Equal(t, okJSON(`{}`), r.Body)
	// Repeated names keep their first place and last value; testing and callback are not echoed;
	// a partial set of api_* fields is no authentication at all.
	r = s.Do(t, "POST", "/hostdime/v1/utility/echo.json", "a=1&b=%3Cx%3E&a=3&testing=1&api_key=foobar&bad=%zz&&=v", "Content-Type", form)
	assert.Equal(t, okJSON(`{"a":"3","b":"<x>","bad":"%zz"}`), r.Body)
	// A full but wrong set is checked, even on a public method.
	r = s.Do(t, "POST", "/hostdime/v1/utility/echo.json", "a=1&api_key=foobar&api_timestamp="+itoa64(now.Unix())+"&api_unique=e1&api_hash=00", "Content-Type", form)
	assert.Equal(t, errJSON(401, "Invalid API hash"), r.Body)
}

func TestServerStateChanges(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	get := func() string { return c.call(t, "server.get", "json", kv("cuid", "S37")).Body }
	field := func(name, value string) string { return `"` + name + `":"` + value + `"` }
	steps := []struct {
		method string
		want   string
		status string
		power  string
	}{
		{"server.power.off", okJSON("true"), "active", "off"},
		{"server.power.on", okJSON("true"), "active", "on"},
		{"server.power.off", okJSON("true"), "active", "off"},
		{"server.power.cycle", okJSON("true"), "active", "on"},
		{"server.suspend", okJSON("true"), "clientsuspend", "on"},
		{"server.suspend", okJSON("true"), "clientsuspend", "on"},
		{"server.power.off", errJSON(409, "Service is suspended: S37"), "clientsuspend", "on"},
		{"server.power.cycle", errJSON(409, "Service is suspended: S37"), "clientsuspend", "on"},
		{"server.unsuspend", okJSON("true"), "active", "on"},
		{"server.unsuspend", okJSON("true"), "active", "on"},
	}
	for i, st := range steps {
		assert.Equal(t, st.want, c.call(t, st.method, "json", kv("cuid", "S37")).Body, "step %d %s", i, st.method)
		g := get()
		assert.Contains(t, g, field("status", st.status)+","+field("power", st.power), "step %d", i)
	}
	assert.Equal(t, errJSON(400, "Missing required parameter: cuid"), c.call(t, "server.suspend", "json").Body)
	assert.Equal(t, errJSON(404, "Service not found: S90"), c.call(t, "server.suspend", "json", kv("cuid", "S90")).Body, "another account's server")
	assert.Equal(t, errJSON(404, "Service not found: V101"), c.call(t, "server.power.on", "json", kv("cuid", "V101")).Body, "a VPS is no server")

	// S90 was suspended by HostDime: its owner cannot lift that.
	second := newClient(s)
	second.pub, second.priv = "hd-pub-0002", "hd-priv-0002"
	assert.Equal(t, errJSON(403, "Service was suspended by HostDime and cannot be unsuspended through the API: S90"), second.call(t, "server.unsuspend", "json", kv("cuid", "S90")).Body)
	assert.Equal(t, okJSON("true"), second.call(t, "server.suspend", "json", kv("cuid", "S90")).Body)
	assert.Equal(t, errJSON(409, "Service is suspended: S90"), second.call(t, "server.power.on", "json", kv("cuid", "S90")).Body)
	assert.Equal(t, okJSON(s90JSON), second.call(t, "server.get", "json", kv("cuid", "S90")).Body, "unchanged")
}

func TestVPSStateChanges(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	steps := []struct{ method, status, power string }{
		{"vps.stop", "active", "off"},
		{"vps.start", "active", "on"},
		{"vps.stopf", "active", "off"},
		{"vps.restart", "active", "on"},
		{"vps.suspend", "clientsuspend", "on"},
		{"vps.unsuspend", "active", "on"},
	}
	for _, st := range steps {
		assert.Equal(t, okJSON("true"), c.call(t, st.method, "json", kv("cuid", "V101")).Body, st.method)
		assert.Contains(t, c.call(t, "vps.get", "json", kv("cuid", "V101")).Body, `"status":"`+st.status+`","power":"`+st.power+`"`, st.method)
	}
	c.call(t, "vps.suspend", "json", kv("cuid", "V101"))
	assert.Equal(t, errJSON(409, "Service is suspended: V101"), c.call(t, "vps.start", "json", kv("cuid", "V101")).Body)
	assert.Equal(t, errJSON(404, "Service not found: S37"), c.call(t, "vps.stop", "json", kv("cuid", "S37")).Body)
}

func TestSandboxChangesNothing(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	sandbox := [2]string{"testing", "true"}
	assert.Equal(t, okJSON("true"), c.call(t, "server.suspend", "json", kv("cuid", "S37"), sandbox).Body)
	assert.Equal(t, okJSON("true"), c.call(t, "vps.stop", "json", kv("cuid", "V101"), kv("testing", "1")).Body)
	assert.Equal(t, okJSON("true"), c.call(t, "server.rdns.update", "json", kv("ip", "198.51.100.37"), kv("ptr", "x.example.com"), sandbox).Body)
	assert.Equal(t, okJSON(`{"id":100001}`), c.call(t, "ticket.create", "json", kv("subject", "s"), kv("body", "b"), sandbox).Body)
	// Every check still runs.
	assert.Equal(t, errJSON(404, "Service not found: S90"), c.call(t, "server.suspend", "json", kv("cuid", "S90"), sandbox).Body)
	assert.Equal(t, errJSON(409, "Service is suspended: S90"), func() string {
		o := newClient(s)
		o.pub, o.priv = "hd-pub-0002", "hd-priv-0002"
		return o.call(t, "server.power.on", "json", kv("cuid", "S90"), sandbox).Body
	}())

	assert.Equal(t, okJSON(s37JSON), c.call(t, "server.get", "json", kv("cuid", "S37")).Body)
	assert.Equal(t, okJSON(v101JSON), c.call(t, "vps.get", "json", kv("cuid", "V101")).Body)
	assert.Contains(t, c.call(t, "server.rdns.list", "json", kv("cuid", "S37")).Body, `"ptr":"web01.example.com"`)
	_, err := s.App.Store.HostdimeTicketByID(context.Background(), 100001)
	assert.True(t, store.IsNotFound(err), "no ticket stored")
	// testing=false is a normal call.
	assert.Equal(t, okJSON(`{"id":100001}`), c.call(t, "ticket.create", "json", kv("subject", "s"), kv("body", "b"), kv("testing", "false")).Body)
	_, err = s.App.Store.HostdimeTicketByID(context.Background(), 100001)
	assert.NoError(t, err)
}

func TestRDNSUpdate(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	assert.Equal(t, okJSON("true"), c.call(t, "server.rdns.update", "json", kv("ip", "198.51.100.38"), kv("ptr", "smtp.example.com.")).Body)
	assert.Equal(t, okJSON(`[{"ip":"198.51.100.37","ptr":"web01.example.com"},{"ip":"198.51.100.38","ptr":"smtp.example.com"}]`), c.call(t, "server.rdns.list", "json", kv("cuid", "S37")).Body)
	assert.Equal(t, okJSON("true"), c.call(t, "vps.rdns.update", "json", kv("ip", "203.0.113.101"), kv("ptr", "box.example.com"), kv("cuid", "V101")).Body)
	assert.Equal(t, okJSON(`[{"ip":"203.0.113.101","ptr":"box.example.com"}]`), c.call(t, "vps.rdns.list", "json", kv("cuid", "V101")).Body)

	cases := []struct {
		method string
		params [][2]string
		want   string
	}{
		{"server.rdns.update", [][2]string{kv("ptr", "a.example.com")}, errJSON(400, "Missing required parameter: ip")},
		{"server.rdns.update", [][2]string{kv("ip", "198.51.100.37")}, errJSON(400, "Missing required parameter: ptr")},
		{"server.rdns.update", [][2]string{kv("ip", "198.51.100.999"), kv("ptr", "a.example.com")}, errJSON(400, "Invalid value for parameter: ip")},
		{"server.rdns.update", [][2]string{kv("ip", "198.51.100.37"), kv("ptr", "bad host!")}, errJSON(400, "Invalid value for parameter: ptr")},
		{"server.rdns.update", [][2]string{kv("ip", "198.51.100.37"), kv("ptr", "-a.example.com")}, errJSON(400, "Invalid value for parameter: ptr")},
		{"server.rdns.update", [][2]string{kv("ip", "198.51.100.90"), kv("ptr", "a.example.com")}, errJSON(404, "IP address not found: 198.51.100.90")},
		{"server.rdns.update", [][2]string{kv("ip", "203.0.113.101"), kv("ptr", "a.example.com")}, errJSON(404, "IP address not found: 203.0.113.101")},
		{"server.rdns.update", [][2]string{kv("ip", "198.51.100.37"), kv("ptr", "a.example.com"), kv("cuid", "S38")}, errJSON(404, "IP address not found: 198.51.100.37")},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, c.call(t, tc.method, "json", tc.params...).Body, "%v", tc.params)
	}
	assert.Equal(t, okJSON(`[{"ip":"198.51.100.90","ptr":"edge90.example.org"}]`), func() string {
		o := newClient(s)
		o.pub, o.priv = "hd-pub-0002", "hd-priv-0002"
		return o.call(t, "server.rdns.list", "json", kv("cuid", "S90")).Body
	}(), "another account's record untouched")
}

func TestTicketCreate(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	assert.Equal(t, okJSON(`{"id":100001}`), c.call(t, "ticket.create", "json", kv("subject", "Disk/RAID alert"), kv("body", "Café ☃"), kv("cuid", "S37"), kv("department", "billing")).Body)
	assert.Equal(t, okJSON(`{"id":100002}`), c.call(t, "ticket.create", "json", kv("subject", "Second"), kv("message", "via message")).Body)
	tk, err := s.App.Store.HostdimeTicketByID(context.Background(), 100001)
	require.NoError(t, err)
	assert.Equal(t, store.HostdimeTicket{ID: 100001, AccountID: tk.AccountID, CUID: "S37", Department: "billing", Priority: "normal", Subject: "Disk/RAID alert", Body: "Café ☃", Status: "open", CreatedAt: now}, tk)
	tk, err = s.App.Store.HostdimeTicketByID(context.Background(), 100002)
	require.NoError(t, err)
	assert.Equal(t, "via message", tk.Body)
	assert.Equal(t, "support", tk.Department)

	assert.Equal(t, errJSON(400, "Missing required parameter: subject"), c.call(t, "ticket.create", "json", kv("body", "b")).Body)
	assert.Equal(t, errJSON(400, "Missing required parameter: body"), c.call(t, "ticket.create", "json", kv("subject", "s")).Body)
	assert.Equal(t, errJSON(400, "Invalid value for parameter: subject"), c.call(t, "ticket.create", "json", kv("subject", strings.Repeat("x", 256)), kv("body", "b")).Body)
	assert.Equal(t, errJSON(404, "Service not found: S90"), c.call(t, "ticket.create", "json", kv("subject", "s"), kv("body", "b"), kv("cuid", "S90")).Body)
	assert.Equal(t, okJSON(`{"id":100003}`), c.call(t, "ticket.create", "json", kv("subject", "s"), kv("body", "b")).Body, "refused tickets used no id")
}

func decodeGraph(t *testing.T, body string) (int, int) {
	t.Helper()
	var env struct {
		Error    any `json:"error"`
		Response struct {
			Data string `json:"data"`
		} `json:"response"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &env), body)
	require.Nil(t, env.Error)
	raw, err := base64.StdEncoding.DecodeString(env.Response.Data)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(raw))
	require.NoError(t, err)
	return img.Bounds().Dx(), img.Bounds().Dy()
}

func TestGraphs(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	r := c.call(t, "server.bandwidth", "json", kv("cuid", "S37"), kv("graph_type", "port"), kv("time_period", "week"))
	assert.True(t, strings.HasPrefix(r.Body, `{"error":null,"response":{"data":"iVBORw0KGgo`), r.Body)
	assert.True(t, strings.HasSuffix(r.Body, `"}}`))
	w, h := decodeGraph(t, r.Body)
	assert.Equal(t, [2]int{7 * 34, 80}, [2]int{w, h}, "seven bars")
	again := c.call(t, "server.bandwidth", "json", kv("cuid", "S37"), kv("graph_type", "port"), kv("time_period", "week"))
	assert.Equal(t, r.Body, again.Body, "the same graph for the same call")
	day := c.call(t, "server.bandwidth", "json", kv("cuid", "S37"))
	w, _ = decodeGraph(t, day.Body)
	assert.Equal(t, 24*10, w, "day by default: 24 bars")
	assert.NotEqual(t, r.Body, day.Body)

	w, _ = decodeGraph(t, c.call(t, "vps.graphs", "json", kv("cuid", "V101"), kv("type", "bandwidth"), kv("date_range", `["2024-01-01","2024-01-02"]`)).Body)
	assert.Equal(t, 2*120, w)
	w, _ = decodeGraph(t, c.call(t, "vps.graphs", "json", kv("cuid", "V101"), kv("date_range[0]", "2024-01-01"), kv("date_range[1]", "2024-01-03")).Body)
	assert.Equal(t, 3*80, w)
	w, _ = decodeGraph(t, c.call(t, "vps.graphs", "json", kv("cuid", "V101")).Body)
	assert.Equal(t, 7*34, w, "last seven days by default")

	cases := []struct {
		method string
		params [][2]string
		want   string
	}{
		{"server.bandwidth", [][2]string{kv("cuid", "S37"), kv("time_period", "decade")}, errJSON(400, "Invalid value for parameter: time_period")},
		{"server.bandwidth", [][2]string{kv("cuid", "S37"), kv("graph_type", "cpu")}, errJSON(400, "Invalid value for parameter: graph_type")},
		{"server.bandwidth", nil, errJSON(400, "Missing required parameter: cuid")},
		{"server.bandwidth", [][2]string{kv("cuid", "V101")}, errJSON(404, "Service not found: V101")},
		{"vps.graphs", [][2]string{kv("cuid", "V101"), kv("type", "cpu")}, errJSON(400, "Invalid value for parameter: type")},
		{"vps.graphs", [][2]string{kv("cuid", "V101"), kv("date_range", `["2024-01-02","2024-01-01"]`)}, errJSON(400, "Invalid value for parameter: date_range")},
		{"vps.graphs", [][2]string{kv("cuid", "V101"), kv("date_range", `["2024-01-02"]`)}, errJSON(400, "Invalid value for parameter: date_range")},
		{"vps.graphs", [][2]string{kv("cuid", "V101"), kv("date_range", `2024-01-01,2024-01-02`)}, errJSON(400, "Invalid value for parameter: date_range")},
		{"vps.graphs", [][2]string{kv("cuid", "V101"), kv("date_range", `["2022-01-01","2024-01-01"]`)}, errJSON(400, "Invalid value for parameter: date_range")},
		{"vps.graphs", [][2]string{kv("cuid", "S37")}, errJSON(404, "Service not found: S37")},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, c.call(t, tc.method, "json", tc.params...).Body, "%s %v", tc.method, tc.params)
	}
}

// Expiry follows the clock: example.com is registered until its expiry day ends.
func TestDomainExpiryFollowsClock(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	s.SetClock(time.Date(2031, 3, 14, 23, 59, 59, 0, time.UTC))
	assert.Equal(t, okJSON("["+comJSON+"]"), c.call(t, "domain.list", "json", kv("status", "registered")).Body)
	s.Advance(time.Second)
	assert.Equal(t, okJSON(`[{"domain":"example.com","status":"expired","created":"2010-03-14","expires":"2031-03-14"},`+netJSON+`]`), c.call(t, "domain.list", "json", kv("status", "expired")).Body)
}
