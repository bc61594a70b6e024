package ui

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// series is one line of a line chart.
type series struct {
	Name   string
	Color  color.Color
	Values []float64 // 0–100; NaN for a gap
}

// chartPoint names one position along a chart's x axis: an attempt.
type chartPoint struct {
	Date     string // under the axis, e.g. "2 Nov"
	Scenario string // under the date, shortened to fit
	Tip      string // the first line of the hover tip, e.g. "Mon 2 Nov 09:37 · The Ward"
}

// lineChart plots series of 0–100 values over equally spaced points, oldest
// on the left. With Points, the x axis is labelled (as many labels as fit,
// always the newest) and pointing at the chart shows the values there.
type lineChart struct {
	widget.BaseWidget
	Series []series
	Points []chartPoint // one per value, or none

	hover int                // the point under the pointer, or -1
	r     *lineChartRenderer // once drawn: hovering moves only the tip
}

func newLineChart(s []series) *lineChart {
	c := &lineChart{Series: s, hover: -1}
	c.ExtendBaseWidget(c)
	return c
}

// MouseIn, MouseMoved and MouseOut show the tip of the point nearest the
// pointer (desktop.Hoverable).
func (c *lineChart) MouseIn(e *desktop.MouseEvent)    { c.MouseMoved(e) }
func (c *lineChart) MouseMoved(e *desktop.MouseEvent) { c.setHover(c.nearest(e.Position.X)) }
func (c *lineChart) MouseOut()                        { c.setHover(-1) }

func (c *lineChart) setHover(i int) {
	if i == c.hover {
		return
	}
	c.hover = i
	if c.r != nil {
		c.r.layoutTip(c.Size())
	}
}

// points is how many x positions the chart has.
func (c *lineChart) points() int {
	n := 0
	for _, s := range c.Series {
		n = max(n, len(s.Values))
	}
	return n
}

// nearest is the point whose x is nearest to x, or -1 outside the plot.
func (c *lineChart) nearest(x float32) int {
	n := c.points()
	g := chartGeometry(c.Size(), n, len(c.Points) > 0)
	if n == 0 || x < g.left-g.inset || x > g.left+g.plotW+g.inset {
		return -1
	}
	if n == 1 {
		return 0
	}
	i := int(math.Round(float64((x - g.left - g.inset) / g.step())))
	return max(0, min(n-1, i))
}

// tipLines is what the tip says about point i: its attempt, then each
// series' value there.
func (c *lineChart) tipLines(i int) []string {
	var out []string
	if i < len(c.Points) && c.Points[i].Tip != "" {
		out = append(out, c.Points[i].Tip)
	}
	var vals []string
	for _, s := range c.Series {
		if i < len(s.Values) {
			v := "n/a"
			if !math.IsNaN(s.Values[i]) {
				v = strconv.Itoa(int(math.Round(s.Values[i])))
			}
			vals = append(vals, s.Name+" "+v)
		}
	}
	return append(out, strings.Join(vals, " · "))
}

func (c *lineChart) CreateRenderer() fyne.WidgetRenderer {
	r := &lineChartRenderer{c: c}
	r.build()
	r.Refresh()
	c.r = r
	return r
}

// segment joins two points of a series.
type segment struct {
	line     *canvas.Line
	from, to int
}

// plotted is one series' drawn points and segments.
type plotted struct {
	dots     []*canvas.Circle
	dotIndex []int
	segments []segment
}

type lineChartRenderer struct {
	c      *lineChart
	grid   [3]*canvas.Line
	labels [3]*canvas.Text
	series []plotted
	shape  string // the series' lengths and gaps the objects were built for
	// the x axis: a date and a scenario under each point
	dates, names []*canvas.Text
	// the hover tip: a guide line, a box and its lines
	guide   *canvas.Line
	tipBox  *canvas.Rectangle
	tipText []*canvas.Text
	objects []fyne.CanvasObject
}

var gridValues = [3]float64{0, 50, 100}

// shapeOf describes the series' points and the axis, so Refresh rebuilds
// only when they change.
func shapeOf(c *lineChart) string {
	var b strings.Builder
	for _, s := range c.Series {
		for _, v := range s.Values {
			if math.IsNaN(v) {
				b.WriteByte('_')
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('|')
	}
	b.WriteString(strconv.Itoa(len(c.Points)))
	return b.String()
}

func axisText(s string) *canvas.Text {
	t := canvas.NewText(s, themed(colorMuted))
	t.TextSize = theme.CaptionTextSize()
	return t
}

// build makes every canvas object the chart draws; Layout only moves them.
func (r *lineChartRenderer) build() {
	r.objects = r.objects[:0]
	for i, v := range gridValues {
		r.grid[i] = canvas.NewLine(withAlpha(themed(colorBorder), 0xcc))
		r.grid[i].StrokeWidth = 1
		r.labels[i] = axisText(strconv.Itoa(int(v)))
		r.labels[i].Alignment = fyne.TextAlignTrailing
		r.objects = append(r.objects, r.grid[i], r.labels[i])
	}
	r.guide = canvas.NewLine(themed(colorMuted))
	r.guide.StrokeWidth = 1
	r.objects = append(r.objects, r.guide)
	r.series = r.series[:0]
	for _, s := range r.c.Series {
		var p plotted
		prev := -1
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			if prev >= 0 {
				l := canvas.NewLine(s.Color)
				l.StrokeWidth = 2.5
				p.segments = append(p.segments, segment{line: l, from: prev, to: i})
				r.objects = append(r.objects, l)
			}
			dot := canvas.NewCircle(s.Color)
			p.dots = append(p.dots, dot)
			p.dotIndex = append(p.dotIndex, i)
			r.objects = append(r.objects, dot)
			prev = i
		}
		r.series = append(r.series, p)
	}
	r.dates, r.names = r.dates[:0], r.names[:0]
	for _, pt := range r.c.Points {
		d, n := axisText(pt.Date), axisText(pt.Scenario)
		r.dates = append(r.dates, d)
		r.names = append(r.names, n)
		r.objects = append(r.objects, d, n)
	}
	// the tip is drawn last, over the lines
	r.tipBox = canvas.NewRectangle(themed(colorCard))
	r.tipBox.StrokeWidth = 1
	r.tipBox.CornerRadius = 6
	r.objects = append(r.objects, r.tipBox)
	r.tipText = r.tipText[:0]
	for i := 0; i < 2; i++ {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize() * 1.1
		t.TextStyle = fyne.TextStyle{Bold: i == 0}
		r.tipText = append(r.tipText, t)
		r.objects = append(r.objects, t)
	}
	r.shape = shapeOf(r.c)
}

// geometry is where a chart of a size draws.
type geometry struct {
	left, top, plotW, plotH float32
	inset                   float32 // from the plot's edges to the first and last point
	n                       int
}

func (g geometry) step() float32 {
	if g.n < 2 {
		return 0
	}
	return (g.plotW - 2*g.inset) / float32(g.n-1)
}

func (g geometry) x(i int) float32 {
	if g.n == 1 {
		return g.left + g.plotW/2
	}
	return g.left + g.inset + g.step()*float32(i)
}

func (g geometry) y(v float64) float32 { return g.top + g.plotH*(1-float32(v/100)) }

// axisHeight is the room under the plot for a date and a scenario.
func axisHeight() float32 {
	return 2*fyne.MeasureText("0", theme.CaptionTextSize(), fyne.TextStyle{}).Height + 6
}

func chartGeometry(size fyne.Size, n int, axis bool) geometry {
	g := geometry{left: 34, top: 8, inset: 6, n: n}
	bottom := float32(8)
	if axis {
		bottom = axisHeight()
	}
	g.plotW = size.Width - g.left - 8
	g.plotH = size.Height - g.top - bottom
	return g
}

func (r *lineChartRenderer) Layout(size fyne.Size) {
	g := chartGeometry(size, r.c.points(), len(r.c.Points) > 0)
	if g.plotW <= 0 || g.plotH <= 0 {
		return
	}
	for i, v := range gridValues {
		y := g.y(v)
		r.grid[i].Position1 = fyne.NewPos(g.left, y)
		r.grid[i].Position2 = fyne.NewPos(g.left+g.plotW, y)
		h := r.labels[i].MinSize().Height
		r.labels[i].Move(fyne.NewPos(0, y-h/2))
		r.labels[i].Resize(fyne.NewSize(g.left-6, h))
	}
	for si, s := range r.c.Series {
		p := r.series[si]
		for k, dot := range p.dots {
			i := p.dotIndex[k]
			dot.Move(fyne.NewPos(g.x(i)-4, g.y(s.Values[i])-4))
			dot.Resize(fyne.NewSize(8, 8))
		}
		for _, seg := range p.segments {
			seg.line.Position1 = fyne.NewPos(g.x(seg.from), g.y(s.Values[seg.from]))
			seg.line.Position2 = fyne.NewPos(g.x(seg.to), g.y(s.Values[seg.to]))
		}
	}
	r.layoutAxis(g, size)
	r.layoutTip(size)
}

// layoutAxis places the dates and scenarios under the points: every k-th,
// counted back from the newest so it is always labelled, with k as small
// as lets the dates stand apart. Each label is centred under its point as
// far as the chart's edges and its right-hand neighbour allow; a scenario
// name is shortened to the room it has.
func (r *lineChartRenderer) layoutAxis(g geometry, size fyne.Size) {
	n := len(r.dates)
	if n == 0 {
		return
	}
	const gap = 12
	ts := theme.CaptionTextSize()
	dateW := float32(0)
	for _, d := range r.dates {
		dateW = max(dateW, fyne.MeasureText(d.Text, ts, d.TextStyle).Width)
	}
	k := 1
	for k < n && g.step()*float32(k) < dateW+gap {
		k++
	}
	// scenario names under fewer of the dates, when a few letters each
	// would say nothing: every kn-th, a multiple of k
	nameW := float32(0)
	for _, p := range r.c.Points {
		nameW = max(nameW, fyne.MeasureText(p.Scenario, ts, fyne.TextStyle{}).Width)
	}
	want := min(nameW, 100)
	kn := k
	for kn+k <= n-1 && g.step()*float32(kn)-gap < want {
		kn += k
	}
	room := size.Width // the most a scenario name may take
	if n > 1 {
		room = g.step()*float32(kn) - gap
	}
	room = max(dateW, min(room, 160))
	h := fyne.MeasureText("0", ts, fyne.TextStyle{}).Height
	y := g.top + g.plotH + 4
	right := [2]float32{size.Width, size.Width} // where the next label to the right begins, per line
	for i := n - 1; i >= 0; i-- {
		shown, named := (n-1-i)%k == 0, (n-1-i)%kn == 0
		r.dates[i].Hidden, r.names[i].Hidden = !shown, !named
		if !shown {
			continue
		}
		texts := []*canvas.Text{r.dates[i]}
		if named {
			r.names[i].Text = fitText(r.c.Points[i].Scenario, room, ts, r.names[i].TextStyle)
			texts = append(texts, r.names[i])
		}
		for line, t := range texts {
			w := t.MinSize().Width
			if avail := right[line]; w > avail {
				t.Text = fitText(t.Text, avail, ts, t.TextStyle)
				w = t.MinSize().Width
			}
			x := max(0, min(right[line]-w, g.x(i)-w/2))
			t.Move(fyne.NewPos(x, y+float32(line)*h))
			t.Resize(fyne.NewSize(w, h))
			right[line] = x - gap
		}
	}
}

// layoutTip shows the hovered point's tip above the plot, beside its
// guide line, or hides it.
func (r *lineChartRenderer) layoutTip(size fyne.Size) {
	i := r.c.hover
	hide := i < 0 || i >= r.c.points()
	r.guide.Hidden, r.tipBox.Hidden = hide, hide
	for _, t := range r.tipText {
		t.Hidden = hide
	}
	defer canvas.Refresh(r.c)
	if hide {
		return
	}
	g := chartGeometry(size, r.c.points(), len(r.c.Points) > 0)
	x := g.x(i)
	r.guide.Position1 = fyne.NewPos(x, g.top)
	r.guide.Position2 = fyne.NewPos(x, g.top+g.plotH)
	lines := r.c.tipLines(i)
	const pad = 6
	w, h := float32(0), float32(0)
	for j, t := range r.tipText {
		t.Text = ""
		if j < len(lines) {
			t.Text = lines[j]
		}
		t.Hidden = t.Text == ""
		if !t.Hidden {
			m := t.MinSize()
			w = max(w, m.Width)
			h += m.Height
		}
	}
	boxW, boxH := w+2*pad, h+2*pad
	// beside the guide, on the side with room; at the top of the plot
	bx := x + 8
	if bx+boxW > size.Width {
		bx = x - 8 - boxW
	}
	bx = max(0, bx)
	by := g.top
	r.tipBox.Move(fyne.NewPos(bx, by))
	r.tipBox.Resize(fyne.NewSize(boxW, boxH))
	ty := by + pad
	for _, t := range r.tipText {
		if t.Hidden {
			continue
		}
		t.Move(fyne.NewPos(bx+pad, ty))
		m := t.MinSize()
		t.Resize(m)
		ty += m.Height
	}
}

func (r *lineChartRenderer) MinSize() fyne.Size {
	h := float32(160)
	if len(r.c.Points) > 0 {
		h += axisHeight()
	}
	return fyne.NewSize(260, h)
}

// Refresh resolves the theme's colours and rebuilds only when the series'
// points changed.
func (r *lineChartRenderer) Refresh() {
	if shapeOf(r.c) != r.shape {
		r.build()
	}
	for i := range gridValues {
		r.grid[i].StrokeColor = withAlpha(themed(colorBorder), 0xcc)
		r.labels[i].Color = themed(colorMuted)
	}
	for si, s := range r.c.Series {
		for _, d := range r.series[si].dots {
			d.FillColor = s.Color
		}
		for _, seg := range r.series[si].segments {
			seg.line.StrokeColor = s.Color
		}
	}
	for i := range r.dates {
		r.dates[i].Text = r.c.Points[i].Date
		r.dates[i].Color, r.names[i].Color = themed(colorMuted), themed(colorMuted)
	}
	r.guide.StrokeColor = themed(colorMuted)
	r.tipBox.FillColor = themed(colorCard)
	r.tipBox.StrokeColor = themed(colorBorder)
	for _, t := range r.tipText {
		t.Color = theme.Color(theme.ColorNameForeground)
	}
	r.Layout(r.c.Size())
}

func (r *lineChartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *lineChartRenderer) Destroy()                     {}

// fitText shortens s with an ellipsis until it is at most w wide.
func fitText(s string, w, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= w {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi { // the longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(strings.TrimRight(string(r[:mid]), " ")+"…", size, style).Width <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return "…"
	}
	return strings.TrimRight(string(r[:lo]), " ") + "…"
}
