package mocktest

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/journal"
)

// Request is a copy of journal.Entry with names and documentation of its own
// (the public test client shows no internal type): every field of an entry
// reaches Request, or is named here as left out on purpose.
func TestRequestsCarryEveryJournalField(t *testing.T) {
	srv := New(t)
	id := srv.app.Journal.Add(journal.Entry{
		Time: time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC), Provider: "gempay", Endpoint: "order", Method: "POST",
		Path: "/api/order", Query: "a=1", ClientIP: "127.0.0.1", Status: 401, Outcome: journal.OutcomeRejected,
		Reason: "signature_mismatch", Explanation: "why", DurationMS: 1.5, RequestHdr: map[string]string{"X-A": "b"},
		RequestBody: "{}", ResponseBody: `{"status":"error"}`, OverrideID: 3,
	})
	entry, ok := srv.app.Journal.Get(id)
	require.True(t, ok)
	got := srv.Requests(Filter{})
	require.Len(t, got, 1)

	// Request's names for the entry fields it spells differently; "" is left out.
	renamed := map[string]string{"DurationMS": "Duration", "RequestHdr": "RequestHeaders", "OverrideID": ""}
	ev, rv := reflect.ValueOf(entry), reflect.ValueOf(got[0])
	for i := range ev.NumField() {
		f := ev.Type().Field(i)
		require.False(t, ev.Field(i).IsZero(), "set journal.Entry.%s in this test", f.Name)
		name, ok := renamed[f.Name]
		if !ok {
			name = f.Name
		}
		if name == "" {
			continue
		}
		field := rv.FieldByName(name)
		require.True(t, field.IsValid(), "Request has no field for journal.Entry.%s", f.Name)
		want := ev.Field(i).Interface()
		if f.Name == "DurationMS" {
			want = 1500 * time.Microsecond
		}
		assert.Equal(t, want, field.Interface(), "Request.%s", name)
	}
}
