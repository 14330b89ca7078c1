package mocktest_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/mocksign"
	"github.com/mocksuite/mocksuite/mocktest"
)

// show sends a request and prints the answer's status and body.
func show(req *http.Request) {
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.StatusCode, strings.TrimSpace(string(b)))
}

// A whole exchange: start a seeded server, send a signed Zipay call, read
// the verdict from the journal. In a test, mocktest.New(t) replaces Start
// and Close.
func Example() {
	srv, err := mocktest.Start(mocktest.WithSeed(7))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	srv.SetClock(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))

	body := mocksign.ZipayBody(mocksign.Param{Name: "min", Value: "1"}, mocksign.Param{Name: "max", Value: "100"})
	req, err := http.NewRequest("POST", srv.URL("zipay")+"/api/random", strings.NewReader(body))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("api_key", mocksign.Zipay.APIKey)
	req.Header.Set("api_sign", mocksign.ZipaySign(mocksign.Zipay.Secret, body))
	show(req)

	// The same call signed with another secret is refused, and the journal says why.
	req, _ = http.NewRequest("POST", srv.URL("zipay")+"/api/random", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("api_key", mocksign.Zipay.APIKey)
	req.Header.Set("api_sign", mocksign.ZipaySign("not-the-secret", body))
	show(req)

	refused := srv.Requests(mocktest.Filter{Provider: "zipay", Outcome: mocktest.OutcomeRejected})
	fmt.Println(len(refused), refused[0].Endpoint, refused[0].Reason)
	// Output:
	// 200 {"trackid":"04E3EE-FE8D00-90A3BA-3C77DD","result":4,"success":true,"status":200}
	// 403 {"errors":{"auth":"INVALID_API_SIGN"},"success":false,"status":403}
	// 1 random signature_mismatch
}

// Count answers how many recorded requests match a filter.
func ExampleServer_Count() {
	srv, err := mocktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL("gempay")+"/api/products", nil)
	req.Header.Set("Authorization", "Bearer "+mocksign.Gempay.APIKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	res.Body.Close()
	fmt.Println(srv.Count(mocktest.Filter{Provider: "gempay", Endpoint: "products", Outcome: mocktest.OutcomeOK}))
	fmt.Println(srv.Count(mocktest.Filter{Outcome: mocktest.OutcomeRejected}))
	// Output:
	// 1
	// 0
}

// InjectFault makes the next matching request fail the way the provider
// fails: here a Gempay order answers 503 in Gempay's envelope.
func ExampleServer_InjectFault() {
	srv, err := mocktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	srv.InjectFault(mocktest.Fault{Provider: "gempay", Endpoint: "order", Kind: "status", Status: 503})
	req, _ := http.NewRequest("POST", srv.URL("gempay")+"/api/order", strings.NewReader(`{}`))
	show(req)
	fmt.Println(srv.Count(mocktest.Filter{Endpoint: "order", Outcome: mocktest.OutcomeFault}))
	// Output:
	// 503 {"status":"error","message":"Service Unavailable","code":503}
	// 1
}
