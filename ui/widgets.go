package ui

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// actionCard is a large tappable card with a number badge and wrapped text:
// a choice or a diagnosis the player can pick with the mouse or a number key.
type actionCard struct {
	widget.BaseWidget
	Number   int
	Title    string // optional bold first line
	Text     string
	Accent   color.Color
	OnTapped func()

	dark     bool
	hovered  bool
	disabled bool
	selected bool
}

func newActionCard(number int, title, text string, accent color.Color, dark bool, tapped func()) *actionCard {
	c := &actionCard{Number: number, Title: title, Text: text, Accent: accent, OnTapped: tapped, dark: dark}
	c.ExtendBaseWidget(c)
	return c
}

func (c *actionCard) Tapped(*fyne.PointEvent) {
	if !c.disabled && c.OnTapped != nil {
		c.OnTapped()
	}
}

func (c *actionCard) MouseIn(*desktop.MouseEvent)    { c.hovered = true; c.Refresh() }
func (c *actionCard) MouseMoved(*desktop.MouseEvent) {}
func (c *actionCard) MouseOut()                      { c.hovered = false; c.Refresh() }

func (c *actionCard) Cursor() desktop.Cursor {
	if c.disabled {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}

// SetDisabled greys the card out and ignores taps.
func (c *actionCard) SetDisabled(d bool) { c.disabled = d; c.Refresh() }

// SetSelected marks the card as the player's pick.
func (c *actionCard) SetSelected(s bool) { c.selected = s; c.Refresh() }

func (c *actionCard) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(cardColor(c.dark))
	bg.CornerRadius = 10
	bg.StrokeWidth = 1
	bar := canvas.NewRectangle(c.Accent)
	bar.CornerRadius = 3
	num := canvas.NewText(fmt.Sprint(c.Number), color.White)
	num.TextStyle = fyne.TextStyle{Bold: true}
	num.Alignment = fyne.TextAlignCenter
	badge := canvas.NewCircle(c.Accent)
	title := widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	body := widget.NewLabel(c.Text)
	body.Wrapping = fyne.TextWrapWord
	r := &actionCardRenderer{c: c, bg: bg, bar: bar, badge: badge, num: num, title: title, body: body}
	r.Refresh()
	return r
}

type actionCardRenderer struct {
	c           *actionCard
	bg, bar     *canvas.Rectangle
	badge       *canvas.Circle
	num         *canvas.Text
	title, body *widget.Label
}

const cardPad float32 = 12
const badgeSize float32 = 30

func (r *actionCardRenderer) textWidth(w float32) float32 {
	return w - cardPad*2 - badgeSize - cardPad - 6
}

func (r *actionCardRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bar.Move(fyne.NewPos(0, 8))
	r.bar.Resize(fyne.NewSize(6, size.Height-16))
	r.badge.Move(fyne.NewPos(cardPad+6, cardPad))
	r.badge.Resize(fyne.NewSize(badgeSize, badgeSize))
	r.num.Move(fyne.NewPos(cardPad+6, cardPad+(badgeSize-r.num.MinSize().Height)/2))
	r.num.Resize(fyne.NewSize(badgeSize, r.num.MinSize().Height))
	x := float32(cardPad + 6 + badgeSize + cardPad/2)
	tw := r.textWidth(size.Width)
	y := float32(cardPad) - theme.InnerPadding()/2
	if r.c.Title != "" {
		h := r.title.MinSize().Height
		r.title.Move(fyne.NewPos(x, y))
		r.title.Resize(fyne.NewSize(tw, h))
		y += h - theme.InnerPadding()
	}
	r.body.Move(fyne.NewPos(x, y))
	r.body.Resize(fyne.NewSize(tw, size.Height-y-cardPad/2))
}

func (r *actionCardRenderer) MinSize() fyne.Size {
	w := r.c.Size().Width
	if w < 240 {
		w = 240
	}
	tw := r.textWidth(w)
	h := float32(cardPad) - theme.InnerPadding()/2
	if r.c.Title != "" {
		r.title.Resize(fyne.NewSize(tw, r.title.MinSize().Height))
		h += r.title.MinSize().Height - theme.InnerPadding()
	}
	r.body.Resize(fyne.NewSize(tw, r.body.MinSize().Height))
	h += r.body.MinSize().Height + cardPad/2
	if h < badgeSize+cardPad*2 {
		h = badgeSize + cardPad*2
	}
	return fyne.NewSize(240, h)
}

func (r *actionCardRenderer) Refresh() {
	c := r.c
	r.bg.FillColor = cardColor(c.dark)
	if c.hovered && !c.disabled {
		r.bg.FillColor = cardHoverColor(c.dark)
	}
	r.bg.StrokeColor = borderColor(c.dark)
	r.bg.StrokeWidth = 1
	if c.selected {
		r.bg.StrokeColor = c.Accent
		r.bg.StrokeWidth = 2.5
	}
	accent := c.Accent
	if c.disabled && !c.selected {
		accent = withAlpha(accent, 0x55)
	}
	r.bar.FillColor = accent
	r.badge.FillColor = accent
	r.num.Text = fmt.Sprint(c.Number)
	r.title.SetText(c.Title)
	r.body.SetText(c.Text)
	r.bg.Refresh()
	r.bar.Refresh()
	r.badge.Refresh()
	r.num.Refresh()
	r.title.Refresh()
	r.body.Refresh()
}

func (r *actionCardRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.bar, r.badge, r.num}
	if r.c.Title != "" {
		objs = append(objs, r.title)
	}
	return append(objs, r.body)
}

func (r *actionCardRenderer) Destroy() {}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}

// meterBar shows one meter: its name, value and a bar, and animates moves.
type meterBar struct {
	widget.BaseWidget
	Name  string
	Value float64 // shown value, 0–100

	track, fill *canvas.Rectangle
	label       *canvas.Text
	value       *canvas.Text
	delta       *canvas.Text
	anim        *fyne.Animation
}

func newMeterBar(name string, value int, dark bool) *meterBar {
	m := &meterBar{Name: name, Value: float64(value)}
	m.track = canvas.NewRectangle(borderColor(dark))
	m.track.CornerRadius = 4
	m.fill = canvas.NewRectangle(meterColor(name))
	m.fill.CornerRadius = 4
	m.label = canvas.NewText(capitalise(name), mutedColor(dark))
	m.label.TextSize = theme.CaptionTextSize() * 1.1
	m.value = canvas.NewText(fmt.Sprint(value), theme.Color(theme.ColorNameForeground))
	m.value.TextStyle = fyne.TextStyle{Bold: true}
	m.value.Alignment = fyne.TextAlignTrailing
	m.delta = canvas.NewText("", goodColor())
	m.delta.TextStyle = fyne.TextStyle{Bold: true}
	m.delta.TextSize = theme.CaptionTextSize() * 1.1
	m.ExtendBaseWidget(m)
	return m
}

// SetValue moves the meter to v, animating over half a second when animate
// is set, and shows the change beside the value.
func (m *meterBar) SetValue(v int, animate bool) {
	from := m.Value
	d := v - int(math.Round(from))
	if d != 0 {
		m.delta.Text = fmt.Sprintf("%+d", d)
		if d > 0 {
			m.delta.Color = goodColor()
		} else {
			m.delta.Color = badColor()
		}
	} else {
		m.delta.Text = ""
	}
	if m.anim != nil {
		m.anim.Stop()
	}
	if !animate || d == 0 {
		m.Value = float64(v)
		m.Refresh()
		return
	}
	m.anim = fyne.NewAnimation(600*time.Millisecond, func(p float32) {
		m.Value = from + (float64(v)-from)*float64(p)
		m.Refresh()
	})
	m.anim.Curve = fyne.AnimationEaseOut
	m.anim.Start()
}

// ClearDelta hides the last change.
func (m *meterBar) ClearDelta() { m.delta.Text = ""; m.Refresh() }

func (m *meterBar) CreateRenderer() fyne.WidgetRenderer {
	return &meterRenderer{m: m}
}

type meterRenderer struct{ m *meterBar }

func (r *meterRenderer) Layout(size fyne.Size) {
	m := r.m
	// keep clear of the next meter's name
	size.Width -= 16
	lh := m.label.MinSize().Height
	m.label.Move(fyne.NewPos(0, 0))
	m.value.Text = fmt.Sprint(int(math.Round(m.Value)))
	vw := m.value.MinSize().Width
	dw := m.delta.MinSize().Width
	m.value.Move(fyne.NewPos(size.Width-vw-dw-4, 0))
	m.value.Resize(fyne.NewSize(vw, lh))
	m.delta.Move(fyne.NewPos(size.Width-dw, 0))
	y := lh + 4
	m.track.Move(fyne.NewPos(0, y))
	m.track.Resize(fyne.NewSize(size.Width, 8))
	m.fill.Move(fyne.NewPos(0, y))
	m.fill.Resize(fyne.NewSize(size.Width*float32(m.Value/100), 8))
}

func (r *meterRenderer) MinSize() fyne.Size {
	return fyne.NewSize(120, r.m.label.MinSize().Height+12)
}

func (r *meterRenderer) Refresh() {
	r.m.value.Text = fmt.Sprint(int(math.Round(r.m.Value)))
	r.m.value.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.m.Size())
	canvas.Refresh(r.m)
}

func (r *meterRenderer) Objects() []fyne.CanvasObject {
	m := r.m
	return []fyne.CanvasObject{m.track, m.fill, m.label, m.value, m.delta}
}

func (r *meterRenderer) Destroy() {}

// bar is one row of a horizontal bar chart.
type bar struct {
	Label  string
	Value  float64 // in the chart's units
	Text   string  // shown at the end of the bar; the value when empty
	Color  color.Color
	Marked bool // drawn with a tick, e.g. the fitting choice
}

// barChart draws labelled horizontal bars against a maximum.
type barChart struct {
	widget.BaseWidget
	Bars       []bar
	Max        float64
	LabelWidth float32
	BarHeight  float32
	dark       bool
}

func newBarChart(bars []bar, max float64, labelWidth float32, dark bool) *barChart {
	c := &barChart{Bars: bars, Max: max, LabelWidth: labelWidth, BarHeight: 22, dark: dark}
	c.ExtendBaseWidget(c)
	return c
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{c: c}
	r.build()
	return r
}

type barChartRenderer struct {
	c       *barChart
	labels  []*widget.Label
	tracks  []*canvas.Rectangle
	fills   []*canvas.Rectangle
	values  []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *barChartRenderer) build() {
	r.labels, r.tracks, r.fills, r.values, r.objects = nil, nil, nil, nil, nil
	for _, b := range r.c.Bars {
		l := widget.NewLabel(b.Label)
		l.Wrapping = fyne.TextWrapWord
		if b.Marked {
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
		t := canvas.NewRectangle(withAlpha(borderColor(r.c.dark), 0x80))
		t.CornerRadius = 4
		f := canvas.NewRectangle(b.Color)
		f.CornerRadius = 4
		txt := b.Text
		if txt == "" {
			txt = fmt.Sprint(math.Round(b.Value*10) / 10)
		}
		v := canvas.NewText(txt, theme.Color(theme.ColorNameForeground))
		v.TextStyle = fyne.TextStyle{Bold: true}
		r.labels = append(r.labels, l)
		r.tracks = append(r.tracks, t)
		r.fills = append(r.fills, f)
		r.values = append(r.values, v)
		r.objects = append(r.objects, l, t, f, v)
	}
}

func (r *barChartRenderer) rowHeight(i int, width float32) float32 {
	r.labels[i].Resize(fyne.NewSize(r.c.LabelWidth, r.labels[i].MinSize().Height))
	h := r.labels[i].MinSize().Height
	if h < r.c.BarHeight+8 {
		h = r.c.BarHeight + 8
	}
	return h
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	y := float32(0)
	valueW := float32(60)
	barW := size.Width - r.c.LabelWidth - valueW - 12
	if barW < 20 {
		barW = 20
	}
	for i, b := range r.c.Bars {
		h := r.rowHeight(i, size.Width)
		r.labels[i].Move(fyne.NewPos(0, y))
		r.labels[i].Resize(fyne.NewSize(r.c.LabelWidth, h))
		by := y + (h-r.c.BarHeight)/2
		r.tracks[i].Move(fyne.NewPos(r.c.LabelWidth+6, by))
		r.tracks[i].Resize(fyne.NewSize(barW, r.c.BarHeight))
		frac := float32(0)
		if r.c.Max > 0 {
			frac = float32(b.Value / r.c.Max)
		}
		r.fills[i].Move(fyne.NewPos(r.c.LabelWidth+6, by))
		r.fills[i].Resize(fyne.NewSize(barW*frac, r.c.BarHeight))
		r.values[i].Move(fyne.NewPos(r.c.LabelWidth+12+barW, by+(r.c.BarHeight-r.values[i].MinSize().Height)/2))
		y += h + 2
	}
}

func (r *barChartRenderer) MinSize() fyne.Size {
	h := float32(0)
	for i := range r.c.Bars {
		h += r.rowHeight(i, 0) + 2
	}
	return fyne.NewSize(r.c.LabelWidth+160, h)
}

func (r *barChartRenderer) Refresh() {
	r.build()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barChartRenderer) Destroy()                     {}

// series is one line of a line chart.
type series struct {
	Name   string
	Color  color.Color
	Values []float64 // 0–100; NaN for a gap
}

// lineChart plots series of 0–100 values over equally spaced points.
type lineChart struct {
	widget.BaseWidget
	Series []series
	dark   bool
}

func newLineChart(s []series, dark bool) *lineChart {
	c := &lineChart{Series: s, dark: dark}
	c.ExtendBaseWidget(c)
	return c
}

func (c *lineChart) CreateRenderer() fyne.WidgetRenderer {
	r := &lineChartRenderer{c: c}
	return r
}

type lineChartRenderer struct {
	c       *lineChart
	objects []fyne.CanvasObject
}

func (r *lineChartRenderer) Layout(size fyne.Size) {
	c := r.c
	r.objects = nil
	left, bottom, top := float32(34), float32(8), float32(8)
	plotW := size.Width - left - 8
	plotH := size.Height - top - bottom
	if plotW <= 0 || plotH <= 0 {
		return
	}
	for _, v := range []float64{0, 50, 100} {
		y := top + plotH*(1-float32(v/100))
		grid := canvas.NewLine(withAlpha(borderColor(c.dark), 0xcc))
		grid.StrokeWidth = 1
		grid.Position1 = fyne.NewPos(left, y)
		grid.Position2 = fyne.NewPos(left+plotW, y)
		lbl := canvas.NewText(fmt.Sprint(v), mutedColor(c.dark))
		lbl.TextSize = theme.CaptionTextSize()
		lbl.Alignment = fyne.TextAlignTrailing
		lbl.Move(fyne.NewPos(0, y-lbl.MinSize().Height/2))
		lbl.Resize(fyne.NewSize(left-6, lbl.MinSize().Height))
		r.objects = append(r.objects, grid, lbl)
	}
	for _, s := range c.Series {
		n := len(s.Values)
		x := func(i int) float32 {
			if n == 1 {
				return left + plotW/2
			}
			return left + plotW*float32(i)/float32(n-1)
		}
		y := func(v float64) float32 { return top + plotH*(1-float32(v/100)) }
		prev := -1
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			if prev >= 0 {
				l := canvas.NewLine(s.Color)
				l.StrokeWidth = 2.5
				l.Position1 = fyne.NewPos(x(prev), y(s.Values[prev]))
				l.Position2 = fyne.NewPos(x(i), y(v))
				r.objects = append(r.objects, l)
			}
			dot := canvas.NewCircle(s.Color)
			dot.Move(fyne.NewPos(x(i)-4, y(v)-4))
			dot.Resize(fyne.NewSize(8, 8))
			r.objects = append(r.objects, dot)
			prev = i
		}
	}
}

func (r *lineChartRenderer) MinSize() fyne.Size { return fyne.NewSize(260, 160) }

func (r *lineChartRenderer) Refresh() {
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *lineChartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *lineChartRenderer) Destroy()                     {}

// legend shows coloured keys for a chart.
func legend(items ...series) fyne.CanvasObject {
	box := container.NewHBox()
	for _, s := range items {
		sw := canvas.NewRectangle(s.Color)
		sw.SetMinSize(fyne.NewSize(14, 14))
		sw.CornerRadius = 3
		box.Add(container.NewCenter(sw))
		box.Add(widget.NewLabel(s.Name))
	}
	return box
}
