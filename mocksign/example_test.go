package mocksign_test

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

// server starts a mock with a frozen clock, as a test would with mocktest.New.
func server() *mocktest.Server {
	srv, err := mocktest.Start(mocktest.WithSeed(7))
	if err != nil {
		log.Fatal(err)
	}
	srv.SetClock(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
	return srv
}

// send posts body with header name/value pairs and prints the status and
// the first 100 bytes of the answer.
func send(url, contentType, body string, headers ...string) {
	req, err := http.NewRequest("POST", url, strings.NewReader(body))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 100))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.StatusCode, strings.TrimSpace(string(b)))
}

const form = "application/x-www-form-urlencoded"

func ExampleNodeChecksum() {
	fmt.Println(mocksign.NodeChecksum(mocksign.Node.UserID, mocksign.Node.APIKey, "abc123"))
	// Output: b4ac6913d6219a160a1c268089bceae63f40bc31
}

func ExampleNodeForm() {
	srv := server()
	defer srv.Close()
	body := mocksign.NodeForm(mocksign.Node.UserID, mocksign.Node.APIKey, "abc123")
	fmt.Println(body)
	send(srv.URL("nodeco")+"/api-sandbox/v1/get_arch_list", form, body)
	// Output:
	// user_id=12312&random=abc123&checksum=b4ac6913d6219a160a1c268089bceae63f40bc31
	// 200 {"code":"OK","message":"","data":{"i686":"i686","x86_64":"x86_64"}}
}

func ExampleHostdimeForm() {
	srv := server()
	defer srv.Close()
	ts := fmt.Sprint(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC).Unix())
	body := mocksign.HostdimeForm(mocksign.Hostdime.Public, mocksign.Hostdime.Private, "server.get", ts, "U-1",
		mocksign.Param{Name: "cuid", Value: "S37"})
	fmt.Println(body)
	send(srv.URL("hostdime")+mocksign.HostdimePath("server.get", "json"), form, body)
	// Output:
	// cuid=S37&api_key=foobar&api_timestamp=1726354980&api_unique=U-1&api_hash=2c755c293cf1c78fe83ce7327d8dcc1bc23467eea4e166b0b549ee7af3c6654e
	// 200 {"error":null,"response":{"cuid":"S37","label":"web-01","name":"web01.example.com","status":"active"
}

func ExampleGempayOrderHash() {
	srv := server()
	defer srv.Close()
	// Product 1 costs a reseller 15000.
	token := mocksign.GempayOrderHash(mocksign.Gempay.APIKey, "REF1", "15000")
	fmt.Println(token)
	send(srv.URL("gempay")+"/api/order", "application/json", `{"user_id":"123456","zone":"1","produk_id":"1","ref_id":"REF1"}`,
		"Authorization", "Bearer "+token, "X-API-Key", mocksign.Gempay.APIKey, "X-Request-Time", fmt.Sprint(srv.Now().Unix()))
	// Output:
	// 1dbdbbb6d4a1b39e6c469107827194fa8e418bd2d975b8b062d38921f8d6f749
	// 200 {"status":"success","message":"Order created successfully","code":200,"data":{"order_id":"INV-BXOSCX
}

func ExampleGempayStatusHash() {
	fmt.Println(mocksign.GempayStatusHash(mocksign.Gempay.APIKey, "INV-ABC123XYZ"))
	// Output:
	// af7cb1257973845647a4eea396aed8dd425087091777498a04b924f99b745f64
}

func ExampleGeniuspluginForm() {
	srv := server()
	defer srv.Close()
	body := mocksign.GeniuspluginForm(mocksign.Geniusplugin.APIKey, "example.com", "1726354980")
	fmt.Println(body)
	send(srv.URL("geniusplugin")+"/api/v1/getcredit/", form, body)
	// Output:
	// domain=example.com&hash=dc3deb9e944145cb32d3991ed852362b6b09d097&timestamp=1726354980
	// 200 {"status":"OK - 1500.26"}
}

func ExampleGeniuspluginPassword() {
	iv := []byte("0123456789abcdef") // random in real use
	enc, err := mocksign.GeniuspluginPassword(mocksign.Geniusplugin.APIKey, "New-pass-1", iv)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(enc)
	// Output:
	// MDEyMzQ1Njc4OWFiY2RlZnd4XEoRIajcq5cSjvMrxHPRAzLx8eNDkyDUqhy/N2dMfCL+fMkjL4E9knj/kMdXrw==
}

func ExampleZipaySign() {
	srv := server()
	defer srv.Close()
	body := mocksign.ZipayBody(mocksign.Param{Name: "currency", Value: "USD"})
	sign := mocksign.ZipaySign(mocksign.Zipay.Secret, body)
	fmt.Println(body, sign)
	send(srv.URL("zipay")+"/api/balance", form, body, "api_key", mocksign.Zipay.APIKey, "api_sign", sign)
	// Output:
	// currency=USD eEKqUznip/5xnKHLgUImvKG5/b5oc/0ZD+oo5RqID3s=
	// 200 {"items":[{"coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"amount":"1000"}],"s
}
