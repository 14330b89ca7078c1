package zipay

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/store"
)

// withdrawDigits is how many decimals crypto-withdraw prints amounts with.
const withdrawDigits = 18

// addressFormats are the proposed per-network address checks (spec §5.12).
var addressFormats = map[string]*regexp.Regexp{
	"TRX": regexp.MustCompile(`^T[1-9A-HJ-NP-Za-km-z]{33}$`),
	"BNB": regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`),
}

const base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func (p *Provider) cryptoInfo(r *http.Request, c *call) (answer, *failure) {
	nets, err := p.d.Store.ZipayNetworks(r.Context())
	if err != nil {
		return answer{}, p.internal(r, err)
	}
	type item struct {
		Coin             string `json:"coin"`
		CoinName         string `json:"coin_name"`
		Network          string `json:"network"`
		NetworkName      string `json:"network_name"`
		DepositIsActive  bool   `json:"deposit_is_active"`
		WithdrawIsActive bool   `json:"withdraw_is_active"`
		MinWithdraw      string `json:"min_withdraw"`
		Fee              string `json:"fee"`
		Decimal          int    `json:"decimal"`
	}
	items := make([]item, 0, len(nets))
	for _, n := range nets {
		items = append(items, item{n.Coin, n.CoinName, n.Network, n.NetworkName, n.DepositIsActive, n.WithdrawIsActive, n.MinWithdraw.String(), n.Fee.String(), n.Decimal})
	}
	return asItems(items), nil
}

func (p *Provider) cryptoWithdraw(r *http.Request, c *call) (answer, *failure) {
	f := c.form
	nets, err := p.d.Store.ZipayNetworks(r.Context())
	if err != nil {
		return answer{}, p.internal(r, err)
	}
	var orderID int64
	if v, ok := f.required("order_id"); ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || !reDigits.MatchString(v) || n < 1 || n > 2000000000 {
			f.fail("order_id", msgInvalid)
		}
		orderID = n
	}
	coinName, okCoin := f.required("coin")
	networkName, okNet := f.required("network")
	var net *store.ZipayNetwork
	for i := range nets {
		if nets[i].Coin == coinName && nets[i].Network == networkName {
			net = &nets[i]
		}
	}
	knownCoin := false
	for _, n := range nets {
		knownCoin = knownCoin || n.Coin == coinName
	}
	if okCoin && !knownCoin {
		f.fail("coin", msgInvalid)
	}
	if okNet && knownCoin && net == nil {
		f.fail("network", msgInvalid)
	}
	decimals := withdrawDigits
	if net != nil {
		decimals = net.Decimal
	}
	amount, okAmount := f.amount("amount", decimals)
	if addr, ok := f.required("address"); ok && net != nil {
		if re := addressFormats[net.Network]; re != nil && !re.MatchString(addr) {
			f.fail("address", msgInvalid)
		}
	}
	if fl := f.invalid(); fl != nil {
		return answer{}, fl
	}
	addr, _ := f.value("address")
	if !net.WithdrawIsActive {
		return answer{}, handlers.Refuse(msgWithdrawDisabled, "withdrawals on "+net.Network+" are disabled")
	}
	// The fee comes out of the amount, so the amount must cover it too.
	if okAmount && (amount.Cmp(net.MinWithdraw) < 0 || amount.Cmp(net.Fee) <= 0) {
		return answer{}, handlers.Refuse(msgLessThanMin, fmt.Sprintf("%s is below the %s minimum of %s", amount, net.Network, net.MinWithdraw))
	}
	wd := store.ZipayWithdrawal{
		TrackID: p.d.IDs.String(18, base62), Account: c.key.Account.Number, OrderID: orderID, Coin: net.Coin, Network: net.Network,
		Requested: amount, Amount: amount.Sub(net.Fee), Fee: net.Fee, Address: addr, Status: "queue", Time: p.d.Clock.Now(),
	}
	switch err := p.d.Store.WithdrawZipay(r.Context(), wd); {
	case errors.Is(err, store.ErrZipayDuplicate):
		return answer{}, handlers.Refuse(msgDuplicate, fmt.Sprintf("order_id %d was already used by this account", orderID), "order_id")
	case errors.Is(err, store.ErrZipayInsufficient):
		return answer{}, handlers.Refuse(msgInsufficient, fmt.Sprintf("the %s wallet holds less than %s", net.Coin, amount))
	case err != nil:
		return answer{}, p.internal(r, err)
	}
	return asResult(struct {
		TrackID     string `json:"trackid"`
		OrderID     int64  `json:"order_id"`
		Address     string `json:"address"`
		Amount      string `json:"amount"`
		Fee         string `json:"fee"`
		Type        string `json:"type"`
		TxID        string `json:"txid"`
		Status      string `json:"status"`
		Time        int64  `json:"time"`
		UTCDate     string `json:"utc_date"`
		Coin        string `json:"coin"`
		CoinName    string `json:"coin_name"`
		Network     string `json:"network"`
		NetworkName string `json:"network_name"`
	}{
		wd.TrackID, wd.OrderID, wd.Address, wd.Amount.Fixed(withdrawDigits), wd.Fee.Fixed(withdrawDigits), "withdraw", wd.TrackID, wd.Status,
		wd.Time.Unix(), wd.Time.UTC().Format(layoutUTCDate), net.Coin, net.CoinName, net.Network, net.NetworkName,
	}), nil
}
