package pdfreport

import (
	"strconv"

	"github.com/jung-kurt/gofpdf"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

func verdictColor(v scoring.Verdict) rgb {
	switch v {
	case scoring.Ready:
		return green
	case scoring.AtRisk:
		return amber
	case scoring.NotReady:
		return red
	}
	return grey
}

// verdictInk is the text colour on a verdict-coloured box.
func verdictInk(v scoring.Verdict) rgb {
	if v == scoring.AtRisk || v == scoring.NotApplicable {
		return ink
	}
	return white
}

func bandColor(id string) rgb {
	switch id {
	case "audit_ready":
		return green
	case "findings_likely":
		return amber
	case "material_gaps":
		return orange
	}
	return red
}

func severityColor(s string) rgb {
	switch s {
	case "critical":
		return red
	case "high":
		return orange
	case "medium":
		return amber
	}
	return lowBlue
}

func statusColor(s answers.Status) rgb {
	switch s {
	case answers.Implemented:
		return green
	case answers.Partial:
		return amber
	case answers.Planned:
		return orange
	case answers.Missing, scoring.Unanswered:
		return red
	}
	return grey
}

// scoreGauge draws the overall score: a big figure in a box, and the score marked on a
// scale coloured by readiness band.
func (d *doc) scoreGauge() {
	r := d.m.Result
	y0 := d.y
	boxW, boxH := 46.0, 34.0
	band := bandColor(r.Band.ID)
	d.rect(marginL, y0, boxW, boxH, noteFill)
	d.rect(marginL, y0, 1.6, boxH, band)
	d.color(muted)
	d.ts.draw(marginL+5, y0+6.5, "Overall readiness", bold, 8)
	s := score1(r.Overall.Value)
	d.color(navy)
	w := d.ts.draw(marginL+5, y0+20, s, bold, 30)
	d.color(muted)
	d.ts.draw(marginL+5+w+1, y0+20, "/ 100", regular, 9)
	d.color(band)
	d.ts.draw(marginL+5, y0+28.5, d.clip(r.Band.Name, boxW-7, bold, 10), bold, 10)

	// the scale, worst band on the left
	x0, x1 := marginL+boxW+10, marginL+contentW
	sy, sh := y0+12, 7.0
	xAt := func(v float64) float64 { return x0 + (x1-x0)*v/100 }
	bands := scoring.Bands
	for i := len(bands) - 1; i >= 0; i-- {
		b := bands[i]
		hi := 100.0
		if i > 0 {
			hi = bands[i-1].Min
		}
		c := bandColor(b.ID)
		d.rect(xAt(b.Min), sy, xAt(hi)-xAt(b.Min), sh, c)
		// the band's name and range under its segment
		mid := (xAt(b.Min) + xAt(hi)) / 2
		name := d.ts.line(b.Name)
		d.color(ink)
		d.ts.draw(mid-d.ts.width(name, bold, 7)/2, sy+sh+4.5, name, bold, 7)
		rng := strconv.Itoa(int(b.Min)) + "–" + strconv.Itoa(int(hi))
		d.color(muted)
		d.ts.draw(mid-d.ts.width(rng, regular, 6.5)/2, sy+sh+8, rng, regular, 6.5)
	}
	// white gaps between segments read better in print than touching colours
	for _, b := range bands[:len(bands)-1] {
		d.rect(xAt(b.Min)-0.3, sy, 0.6, sh, white)
	}
	mx := xAt(max(0, min(100, r.Overall.Value)))
	d.fill(navy)
	d.pdf.Polygon([]gofpdf.PointType{{X: mx - 2.2, Y: sy - 3.6}, {X: mx + 2.2, Y: sy - 3.6}, {X: mx, Y: sy - 0.4}}, "F")
	d.rect(mx-0.5, sy-0.4, 1, sh+0.8, navy)
	lbl := "This assessment: " + s
	lw := d.ts.width(lbl, bold, 7.5)
	lx := min(max(mx-lw/2, x0), x1-lw)
	d.color(navy)
	d.ts.draw(lx, sy-5, lbl, bold, 7.5)
	d.y = y0 + boxH + 4
}

// verdictTiles shows how many criteria have each verdict.
func (d *doc) verdictTiles() {
	r := d.m.Result
	gap := 3.0
	w := (contentW - 3*gap) / 4
	h := 15.5
	d.ensure(h + 4)
	for i, v := range scoring.Verdicts {
		x := marginL + float64(i)*(w+gap)
		c := verdictColor(v)
		d.rect(x, d.y, w, h, noteFill)
		d.rect(x, d.y, w, 1.4, c)
		n := strconv.Itoa(r.Verdicts[v])
		d.color(ink)
		nw := d.ts.draw(x+4, d.y+9.6, n, bold, 17)
		d.color(muted)
		d.ts.draw(x+4+nw+1.5, d.y+9.6, "criteria", regular, 7.5)
		d.rect(x+4, d.y+11.4, 2.2, 2.2, c)
		d.color(ink)
		d.ts.draw(x+7.6, d.y+13.4, reports.VerdictName(v), bold, 8)
	}
	d.y += h + 4
}

// scoreBar draws one labelled bar: label, track, fill to the score and the figure.
func (d *doc) scoreBar(label, sub string, sc scoring.Score, labelW float64, size float64, strong bool) {
	h := 6.5
	if sub != "" {
		h = 9.5
	}
	d.ensure(h)
	st := regular
	if strong {
		st = bold
	}
	d.color(ink)
	d.ts.draw(marginL, d.y+4.2, d.clip(label, labelW-2, st, size), st, size)
	if sub != "" {
		d.color(muted)
		d.ts.draw(marginL, d.y+7.8, d.clip(sub, labelW-2, regular, 6.8), regular, 6.8)
	}
	x0 := marginL + labelW
	x1 := marginL + contentW - 14
	by, bh := d.y+1.3, 4.0
	d.rect(x0, by, x1-x0, bh, track)
	if sc.Controls > 0 {
		v := max(0, min(100, sc.Value))
		d.rect(x0, by, (x1-x0)*v/100, bh, bandColor(scoring.BandFor(sc.Value).ID))
		// the ready threshold
		tx := x0 + (x1-x0)*scoring.ReadyAt/100
		d.stroke(navy)
		d.pdf.SetLineWidth(0.3)
		d.pdf.SetDashPattern([]float64{0.8, 0.6}, 0)
		d.pdf.Line(tx, by-1, tx, by+bh+1)
		d.pdf.SetDashPattern(nil, 0)
		s := score1(sc.Value)
		d.color(ink)
		d.ts.draw(marginL+contentW-d.ts.width(s, bold, 8.5), by+3.3, s, bold, 8.5)
	} else {
		d.color(muted)
		s := "no applicable controls"
		d.ts.draw(marginL+contentW-d.ts.width(s, italic, 7), by+3.1, s, italic, 7)
	}
	d.y += h
}

// heatGroups lists the in-scope criteria by group (CC1..CC9, A1, C1, PI1, P1..P8).
func (d *doc) heatGroups() []heatGroup {
	var out []heatGroup
	byGroup := map[string]int{}
	for _, c := range d.m.Result.Criteria {
		g := c.Criterion.Group
		i, ok := byGroup[g]
		if !ok {
			i = len(out)
			byGroup[g] = i
			out = append(out, heatGroup{id: g, name: c.Criterion.GroupName})
		}
		out[i].criteria = append(out[i].criteria, c)
	}
	for _, g := range d.m.Result.Groups {
		if i, ok := byGroup[g.ID]; ok {
			out[i].score = g.Score
		}
	}
	return out
}

type heatGroup struct {
	id, name string
	score    scoring.Score
	criteria []*scoring.CriterionResult
}

// heatLegend explains the colours.
func (d *doc) heatLegend() {
	x := marginL
	for _, v := range scoring.Verdicts {
		d.rect(x, d.y+0.8, 3.2, 3.2, verdictColor(v))
		n := reports.VerdictName(v)
		d.color(ink)
		w := d.ts.draw(x+4.4, d.y+3.6, n, regular, 8)
		x += 4.4 + w + 7
	}
	d.y += 8
}

// heatRows draws one row of boxes per group, wrapping a group with many criteria. It is
// sized so all twenty groups of the five categories fit one letter page: group names wrap
// (never clipped) beside compact boxes.
func (d *doc) heatRows() {
	labelW := 66.0
	boxW, boxH, gap := 12.0, 8.0, 1.2
	perRow := int((contentW - labelW + gap) / (boxW + gap))
	nameX, nameW, nameSize, nameLH := marginL+12, labelW-14, 6.8, 2.75
	for _, g := range d.heatGroups() {
		rows := (len(g.criteria) + perRow - 1) / perRow
		name := d.ts.wrap(d.ts.line(g.name), nameW, regular, nameSize)
		h := max(float64(rows)*(boxH+gap)-gap, float64(len(name))*nameLH+0.8, 7.5) + 1.6
		d.ensure(h)
		y := d.y
		d.color(navy)
		d.ts.draw(marginL, y+3.4, g.id, bold, 8.5)
		if g.score.Controls > 0 {
			d.color(muted)
			d.ts.draw(marginL, y+6.6, score1(g.score.Value), regular, 6.3)
		}
		d.color(ink)
		for i, l := range name {
			d.ts.draw(nameX, y+2.9+float64(i)*nameLH, l, regular, nameSize)
		}
		for i, c := range g.criteria {
			bx := marginL + labelW + float64(i%perRow)*(boxW+gap)
			by := y + float64(i/perRow)*(boxH+gap)
			d.rect(bx, by, boxW, boxH, verdictColor(c.Verdict))
			id := d.ts.line(c.Criterion.ID)
			d.color(verdictInk(c.Verdict))
			d.ts.draw(bx+(boxW-d.ts.width(id, bold, 7.8))/2, by+4.4, id, bold, 7.8)
			sc := "n/a"
			if c.Verdict != scoring.NotApplicable {
				sc = strconv.Itoa(int(c.Score.Value + 0.5))
			}
			d.ts.draw(bx+(boxW-d.ts.width(sc, regular, 5.6))/2, by+7, sc, regular, 5.6)
		}
		d.y += h
		d.hline(marginL, marginL+contentW, d.y-0.8, 0.1, rule)
	}
}

// phaseChart shows the remaining effort as one bar split by phase.
func (d *doc) phaseChart() {
	r := d.m.Result
	total := r.RemainingEffort()
	if total <= 0 {
		return
	}
	d.ensure(20)
	colors := []rgb{red, orange, amber}
	x := marginL
	y := d.y
	for i, ph := range r.Phases {
		if ph.EffortDays <= 0 {
			continue
		}
		w := contentW * ph.EffortDays / total
		d.rect(x, y, w, 7, colors[i%len(colors)])
		lbl := "Phase " + strconv.Itoa(ph.Number) + ": " + reports.Days(ph.EffortDays) + " d"
		if d.ts.width(lbl, bold, 7.5)+3 > w {
			lbl = strconv.Itoa(ph.Number)
		}
		if d.ts.width(lbl, bold, 7.5)+2 <= w {
			d.color(white)
			if i == 2 {
				d.color(ink)
			}
			d.ts.draw(x+(w-d.ts.width(lbl, bold, 7.5))/2, y+4.8, lbl, bold, 7.5)
		}
		x += w
		if x < marginL+contentW-0.1 {
			d.rect(x-0.3, y, 0.6, 7, white)
		}
	}
	d.y += 10
}

// severityCounts counts the gaps by severity.
func severityCounts(gaps []*scoring.Gap) map[string]int {
	out := map[string]int{}
	for _, g := range gaps {
		out[g.Control.Severity]++
	}
	return out
}

func severityOrder() []string { return catalogue.Severities }
