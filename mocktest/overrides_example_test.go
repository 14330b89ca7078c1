package mocktest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/mocksuite/mocksuite/mocktest"
)

// exampleT stands in for the *testing.T an example does not have.
type exampleT struct {
	testing.TB
	cleanups []func()
}

func (e *exampleT) Helper()                           {}
func (e *exampleT) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (e *exampleT) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (e *exampleT) Cleanup(f func())                  { e.cleanups = append(e.cleanups, f) }

func (e *exampleT) done() {
	for i := len(e.cleanups) - 1; i >= 0; i-- {
		e.cleanups[i]()
	}
}

// A Gempay order for one player answers with an error the provider's docs
// never show. In a test, pass your *testing.T to mocktest.New.
func ExampleServer_Override() {
	t := &exampleT{}
	defer t.done()
	srv := mocktest.New(t)

	id := srv.Override(mocktest.Override{
		Provider:   "gempay",
		Endpoint:   "order",
		Params:     map[string]string{"user_id": "123456"},
		JSON:       json.RawMessage(`{"status":"error","message":"Server sibuk, coba lagi ({{.Params.ref_id}})","code":200}`),
		BeforeAuth: true, // answer before the signature check, so this example needs no keys
		Times:      1,
	})

	res, err := http.Post(srv.URL("gempay")+"/api/order", "application/json",
		strings.NewReader(`{"user_id":"123456","zone":"2","produk_id":"1","ref_id":"INV-1"}`))
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fmt.Println(res.StatusCode, string(body))
	fmt.Println("overridden:", srv.Count(mocktest.Filter{Provider: "gempay", Endpoint: "order", Outcome: mocktest.OutcomeOverride}))

	srv.RemoveOverride(id)
	// Output:
	// 200 {"status":"error","message":"Server sibuk, coba lagi (INV-1)","code":200}
	// overridden: 1
}
