package mocktest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/mocktest"
)

func TestAccountNodecoZipay(t *testing.T) {
	srv := mocktest.New(t)
	for _, flavour := range []string{"nodeco", "virtdedi"} {
		got, err := srv.Account(flavour, "12312")
		require.NoError(t, err)
		assert.Equal(t, map[string]any{
			"user_id": "12312", "api_key": "hasdh6ghvhgFDa454565jasdbNBS", "email": "customer@example.com", "full_name": "Budi Santoso",
			"phone_verified": true, "unpaid_invoices": float64(0), "balance": "250.00", "reseller": false, "new_server_cap": float64(10),
		}, got, flavour)
	}

	got, err := srv.Account("zipay", "10017")
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"number": float64(10017), "email": "info@example.org", "name": "Example Receiver",
		"balances":  map[string]any{"IRT": "0", "USD": "50", "USDT": "0"},
		"terminals": []any{map[string]any{"number": float64(1002), "name": "Example Org Store"}},
		"keys": []any{map[string]any{
			"api_key": "zipay-second-key-0002", "secret": "zipay-second-secret-0002", "account": float64(10017), "methods": []any{"*"},
			"ips": []any{"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"}, "enabled": true,
		}},
	}, got)

	_, err = srv.Account("zipay", "1")
	assert.EqualError(t, err, `mocktest: account zipay/1: 404 {"error":"account 1 not found"}`)
	_, err = srv.Account("nodeco", "1")
	assert.EqualError(t, err, `mocktest: account nodeco/1: 404 {"error":"account 1 not found"}`)
}
