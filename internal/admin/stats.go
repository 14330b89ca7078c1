package admin

import (
	"net/http"
	"runtime"

	"github.com/mocksuite/mocksuite/internal/journal"
)

// stats reports process figures that soak tests watch for leaks: goroutines,
// heap and how full the journal is.
func (a *api) stats(w http.ResponseWriter, r *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	WriteJSON(w, http.StatusOK, map[string]any{
		"goroutines":      runtime.NumGoroutine(),
		"heap_alloc":      m.HeapAlloc,
		"heap_sys":        m.HeapSys,
		"journal_entries": a.d.Journal.Count(journal.Filter{}),
	})
}
