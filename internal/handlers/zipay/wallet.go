package zipay

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/store"
)

// market is an exchange pair: Sell is QUOTE received per BASE sold, Buy is
// QUOTE paid per BASE bought.
type market struct {
	Base, Quote string
	Sell, Buy   store.ZipayAmount
}

// Name is the market's name, base first (USDIRT).
func (m market) Name() string { return m.Base + m.Quote }

// defaultRates are the documented USDIRT prices (spec §5.6–5.7) and proposed
// ones for the other pairs; config zipay.rates overrides any of them.
var defaultRates = []struct{ base, quote, sell, buy string }{
	{"USD", "IRT", "51889.25", "53064"},
	{"USDT", "IRT", "52300", "53500"},
	{"USDT", "USD", "0.99", "1.01"},
}

// markets returns the configured markets.
func (p *Provider) markets() []market {
	cfg := p.cfg.Rates
	out := make([]market, 0, len(defaultRates))
	for _, d := range defaultRates {
		sell, buy := d.sell, d.buy
		if v, ok := cfg[d.base+"_"+d.quote]; ok {
			sell = v
		}
		if v, ok := cfg[d.quote+"_"+d.base]; ok {
			buy = v
		}
		// Config validation guarantees plain positive decimals.
		out = append(out, market{Base: d.base, Quote: d.quote, Sell: store.MustZipayAmount(sell), Buy: store.MustZipayAmount(buy)})
	}
	return out
}

// quote is the outcome of exchanging amount of from into to.
type quote struct {
	Market string
	Side   string
	Rate   store.ZipayAmount
	Get    store.ZipayAmount
}

// buyDigits is how many decimals a buy (division) keeps, cut not rounded.
const buyDigits = 20

// exchangeQuote prices an exchange (spec §5.7): selling the base multiplies by
// the sell rate exactly; buying the base divides by the buy rate, cut to 20
// decimals. ok is false when no market joins the two currencies.
func exchangeQuote(markets []market, amount store.ZipayAmount, from, to string) (quote, bool) {
	for _, m := range markets {
		switch {
		case m.Base == from && m.Quote == to:
			return quote{m.Name(), "sell", m.Sell, amount.Mul(m.Sell)}, true
		case m.Base == to && m.Quote == from:
			return quote{m.Name(), "buy", m.Buy, amount.DivTrunc(m.Buy, buyDigits)}, true
		}
	}
	return quote{}, false
}

func (p *Provider) balance(r *http.Request, c *call) (answer, *failure) {
	only, ok := c.form.optional("currency")
	if ok {
		if _, known := coins[only]; !known {
			c.form.fail("currency", msgInvalid)
		}
	}
	if fl := c.form.invalid(); fl != nil {
		return answer{}, fl
	}
	list, err := p.d.Store.ZipayBalances(r.Context(), c.key.Account.Number)
	if err != nil {
		return answer{}, p.internal(r, err)
	}
	type item struct {
		Coin   coin   `json:"coin"`
		Amount string `json:"amount"`
	}
	items := []item{}
	for _, b := range list {
		if only == "" || b.Currency == only {
			items = append(items, item{coins[b.Currency], b.Amount.String()})
		}
	}
	return asItems(items), nil
}

func (p *Provider) rate(r *http.Request, c *call) (answer, *failure) {
	type item struct {
		Market string `json:"market"`
		Buy    string `json:"buy"`
		Sell   string `json:"sell"`
		Time   int64  `json:"time"`
	}
	now := p.d.Clock.Now().Unix()
	items := []item{}
	for _, m := range p.markets() {
		items = append(items, item{m.Name(), m.Buy.String(), m.Sell.String(), now})
	}
	return asItems(items), nil
}

// exchangeResult is one exchange as Zipay shows it.
type exchangeResult struct {
	TrackID string `json:"trackid"`
	stamp
	Status      string `json:"status"`
	SpentAmount string `json:"spent_amount"`
	SpentCoin   coin   `json:"spent_coin"`
	Rate        string `json:"rate"`
	GetAmount   string `json:"get_amount"`
	GetCoin     coin   `json:"get_coin"`
	Market      string `json:"market"`
	Side        string `json:"side"`
}

func exchangeResultOf(e store.ZipayExchange) exchangeResult {
	return exchangeResult{
		TrackID: e.TrackID, stamp: stampOf(e.Time), Status: "completed",
		SpentAmount: e.SpentAmount.String(), SpentCoin: coins[e.SpentCoin], Rate: e.Rate.String(),
		GetAmount: e.GetAmount.String(), GetCoin: coins[e.GetCoin], Market: e.Market, Side: e.Side,
	}
}

func (p *Provider) exchange(r *http.Request, c *call) (answer, *failure) {
	f := c.form
	amount, _ := f.amount("amount", 18)
	from, okFrom := f.currency("from_currency")
	to, okTo := f.currency("to_currency")
	if okFrom && okTo && from == to {
		f.fail("to_currency", msgInvalid)
	}
	if fl := f.invalid(); fl != nil {
		return answer{}, fl
	}
	q, ok := exchangeQuote(p.markets(), amount, from, to)
	if !ok {
		return answer{}, handlers.Refuse(msgInvalid, fmt.Sprintf("no market between %s and %s", from, to), "to_currency")
	}
	e := store.ZipayExchange{
		TrackID: p.uuid(), Account: c.key.Account.Number, Time: p.d.Clock.Now(),
		SpentAmount: amount, SpentCoin: from, Rate: q.Rate, GetAmount: q.Get, GetCoin: to, Market: q.Market, Side: q.Side,
	}
	switch err := p.d.Store.ExchangeZipay(r.Context(), e); {
	case errors.Is(err, store.ErrZipayInsufficient):
		return answer{}, handlers.Refuse(msgInsufficient, fmt.Sprintf("the %s wallet holds less than %s", from, amount))
	case err != nil:
		return answer{}, p.internal(r, err)
	}
	return asResult(exchangeResultOf(e)), nil
}

func (p *Provider) exchangeList(r *http.Request, c *call) (answer, *failure) {
	f := c.form
	trackID, _ := f.optional("trackid")
	pg := f.page()
	if fl := f.invalid(); fl != nil {
		return answer{}, fl
	}
	list, err := p.d.Store.ZipayExchanges(r.Context(), c.key.Account.Number, trackID, pg)
	if err != nil {
		return answer{}, p.internal(r, err)
	}
	items := make([]exchangeResult, 0, len(list))
	for _, e := range list {
		items = append(items, exchangeResultOf(e))
	}
	return asItems(items), nil
}
