package hostdime

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/mocksuite/mocksuite/internal/store"
)

// Graph images: the real API returns a base64 PNG in "data" (spec §5.2,
// §5.3). The mock draws a small bar chart whose bars follow from the service
// and the period, so the same call always returns the same image.
const (
	graphHeight   = 80
	graphMinWidth = 240
	maxGraphDays  = 366
	dateLayout    = "2006-01-02"
)

var (
	graphBG   = color.RGBA{0xff, 0xff, 0xff, 0xff}
	graphAxis = color.RGBA{0x99, 0x99, 0x99, 0xff}
	graphBar  = color.RGBA{0x1f, 0x6f, 0xb2, 0xff}
)

// bandwidthPeriods maps time_period to the number of bars drawn.
var bandwidthPeriods = map[string]int{"day": 24, "week": 7, "month": 30, "year": 12}

// drawGraph renders bars deterministic in seed as a PNG.
func drawGraph(seed string, bars int) ([]byte, error) {
	barW := 1
	if graphMinWidth/bars > barW {
		barW = graphMinWidth / bars
	}
	w := bars * barW
	img := image.NewRGBA(image.Rect(0, 0, w, graphHeight))
	for y := 0; y < graphHeight; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, graphBG)
		}
	}
	for i := 0; i < bars; i++ {
		h := fnv.New32a()
		fmt.Fprintf(h, "%s/%d", seed, i)
		top := graphHeight - 1 - int(10+h.Sum32()%uint32(graphHeight-20))
		for x := i * barW; x < (i+1)*barW; x++ {
			if barW > 2 && x == (i+1)*barW-1 {
				continue // a one-pixel gap between wide bars
			}
			for y := top; y < graphHeight-1; y++ {
				img.Set(x, y, graphBar)
			}
		}
	}
	for x := 0; x < w; x++ {
		img.Set(x, graphHeight-1, graphAxis)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("hostdime: graph: %w", err)
	}
	return b.Bytes(), nil
}

func (p *Provider) graphAnswer(c *call, seed string, bars int) (any, *apiError) {
	img, err := drawGraph(seed, bars)
	if err != nil {
		p.d.Logger.Error("hostdime: graph", "method", c.method, "err", err)
		return nil, fail(errInternal, "", err.Error())
	}
	return object{{"data", base64.StdEncoding.EncodeToString(img)}}, nil
}

// serverBandwidth: cuid, graph_type (port), time_period (day|week|month|year).
func (p *Provider) serverBandwidth(c *call) (any, *apiError) {
	s, e := p.service(c, store.HostdimeServer)
	if e != nil {
		return nil, e
	}
	gt := c.param("graph_type")
	if gt == "" {
		gt = "port"
	}
	if gt != "port" {
		return nil, fail(errInvalidParam, "graph_type", "graph_type must be port")
	}
	tp := c.param("time_period")
	if tp == "" {
		tp = "day"
	}
	bars, ok := bandwidthPeriods[tp]
	if !ok {
		return nil, fail(errInvalidParam, "time_period", "time_period must be day, week, month or year")
	}
	return p.graphAnswer(c, "server/"+s.CUID+"/"+gt+"/"+tp, bars)
}

// vpsGraphs: cuid, type (bandwidth), date_range as a JSON array of two
// YYYY-MM-DD dates, or as date_range[0] and date_range[1] (an early WHMCS
// release); without it the last seven days by the mock clock.
func (p *Provider) vpsGraphs(c *call) (any, *apiError) {
	s, e := p.service(c, store.HostdimeVPS)
	if e != nil {
		return nil, e
	}
	typ := c.param("type")
	if typ == "" {
		typ = "bandwidth"
	}
	if typ != "bandwidth" {
		return nil, fail(errInvalidParam, "type", "type must be bandwidth")
	}
	from, to, e := dateRange(c)
	if e != nil {
		return nil, e
	}
	days := int(to.Sub(from).Hours()/24) + 1
	return p.graphAnswer(c, "vps/"+s.CUID+"/"+typ+"/"+from.Format(dateLayout)+"/"+to.Format(dateLayout), days)
}

func dateRange(c *call) (time.Time, time.Time, *apiError) {
	var pair []string
	if raw, ok := c.params["date_range"]; ok {
		if err := json.Unmarshal([]byte(raw), &pair); err != nil || len(pair) != 2 {
			return time.Time{}, time.Time{}, fail(errInvalidParam, "date_range", `date_range must be a JSON array of two dates, e.g. ["2024-01-01","2024-01-02"]`)
		}
	} else if a, b := c.params["date_range[0]"], c.params["date_range[1]"]; a != "" || b != "" {
		pair = []string{a, b}
	} else {
		today := c.now.UTC().Truncate(24 * time.Hour)
		return today.AddDate(0, 0, -6), today, nil
	}
	from, err1 := time.Parse(dateLayout, pair[0])
	to, err2 := time.Parse(dateLayout, pair[1])
	if err1 != nil || err2 != nil || to.Before(from) || to.Sub(from) >= maxGraphDays*24*time.Hour {
		return time.Time{}, time.Time{}, fail(errInvalidParam, "date_range", fmt.Sprintf("date_range needs two YYYY-MM-DD dates, the first not after the second, at most %d days apart", maxGraphDays-1))
	}
	return from, to, nil
}
