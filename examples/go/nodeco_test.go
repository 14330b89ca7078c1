package examples_test

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/mocksuite/mocksuite/mocktest"
)

// nodeClient is a minimal NODE cloud client: every call carries user_id,
// random and checksum = sha1(sha1(sha1(user_id + api_key + random))).
type nodeClient struct {
	t              *testing.T
	base           string // e.g. http://127.0.0.1:PORT/nodeco/api-sandbox/v1
	userID, apiKey string
	n              int
}

type nodeAnswer[T any] struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Data    T      `json:"data"`
}

type nodeServer struct {
	ServerID     string  `json:"server_id"`
	ServerLabel  string  `json:"server_label"`
	ServerStatus string  `json:"server_status"`
	Package      string  `json:"package"`
	RAM          float64 `json:"ram"`
}

func sha1Hex(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func nodeChecksum(userID, apiKey, random string) string {
	return sha1Hex(sha1Hex(sha1Hex(userID + apiKey + random)))
}

func nodeCall[T any](c *nodeClient, function string, params ...field) nodeAnswer[T] {
	c.t.Helper()
	c.n++
	random := fmt.Sprintf("r%d", c.n)
	fields := append([]field{{"user_id", c.userID}, {"random", random}, {"checksum", nodeChecksum(c.userID, c.apiKey, random)}}, params...)
	_, _, body := do(c.t, "POST", c.base+"/"+function, httpBuildQuery(fields), form)
	var a nodeAnswer[T]
	decodeJSON(c.t, function, body, &a)
	if a.Code != "OK" {
		c.t.Fatalf("%s: code %q, message %q", function, a.Code, a.Message)
	}
	return a
}

func TestNodeServerLifecycle(t *testing.T) {
	// The docs' worked example, so a broken checksum shows up here first.
	if got := nodeChecksum("12312", "hasdh6ghvhgFDa454565jasdbNBS", "abc123"); got != "b4ac6913d6219a160a1c268089bceae63f40bc31" {
		t.Fatalf("checksum of the worked example = %s", got)
	}

	srv := mocktest.New(t)
	c := &nodeClient{t: t, base: srv.URL("nodeco") + "/api-sandbox/v1", userID: "12312", apiKey: "hasdh6ghvhgFDa454565jasdbNBS"}

	list := nodeCall[struct {
		TotalRecords int                   `json:"total_records"`
		Records      map[string]nodeServer `json:"records"`
	}](c, "get_server_list").Data
	labels := map[string]string{}
	for _, r := range list.Records {
		labels[r.ServerID] = r.ServerLabel
	}
	if list.TotalRecords != 2 || labels["12345"] != "My Server One" || labels["12346"] != "My Server Two" {
		t.Fatalf("get_server_list: %d records %v", list.TotalRecords, labels)
	}

	d := nodeCall[nodeServer](c, "get_server_detail", field{"server_id", "12346"}).Data
	if d.Package != "compute1" || d.RAM != 0.5 || d.ServerStatus != "on" {
		t.Fatalf("get_server_detail: %+v", d)
	}

	if m := nodeCall[any](c, "turn_server_off", field{"server_id", "12346"}).Message; m != "The server has been forcefully turned off." {
		t.Fatalf("turn_server_off: %q", m)
	}
	if m := nodeCall[any](c, "change_server_label", field{"server_id", "12346"}, field{"server_label", "Example Box"}).Message; m != "The server label has been changed." {
		t.Fatalf("change_server_label: %q", m)
	}

	d = nodeCall[nodeServer](c, "get_server_detail", field{"server_id", "12346"}).Data
	if d.ServerStatus != "off" || d.ServerLabel != "Example Box" {
		t.Fatalf("get_server_detail after the changes: %+v", d)
	}

	if n := srv.Count(mocktest.Filter{Provider: "nodeco", Endpoint: "get_server_detail", Outcome: mocktest.OutcomeOK}); n != 2 {
		t.Errorf("get_server_detail calls journaled ok: %d, want 2", n)
	}
	if n := srv.Count(mocktest.Filter{Provider: "nodeco", Outcome: mocktest.OutcomeRejected}); n != 0 {
		t.Errorf("%d NODE calls were refused", n)
	}

	// The same client with a wrong key is refused, and the journal says why.
	bad := &nodeClient{t: t, base: c.base, userID: "12312", apiKey: "not-the-key"}
	_, _, body := do(t, "POST", bad.base+"/get_server_list", httpBuildQuery([]field{{"user_id", "12312"}, {"random", "x"}, {"checksum", nodeChecksum("12312", "not-the-key", "x")}}), form)
	var a nodeAnswer[any]
	decodeJSON(t, "get_server_list", body, &a)
	if a.Code != "ERROR" || a.Message != "Invalid checksum." {
		t.Fatalf("wrong key: %s", body)
	}
	refused := srv.Requests(mocktest.Filter{Provider: "nodeco", Outcome: mocktest.OutcomeRejected})
	if len(refused) != 1 || refused[0].Reason != "signature_mismatch" {
		t.Fatalf("journal of refused calls: %+v", refused)
	}
}
