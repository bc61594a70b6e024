package ui

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// surface is a card's rounded background and outline, in the theme's
// colours at every refresh.
type surface struct {
	widget.BaseWidget
	radius float32
}

func newSurface(radius float32) *surface {
	s := &surface{radius: radius}
	s.ExtendBaseWidget(s)
	return s
}

func (s *surface) CreateRenderer() fyne.WidgetRenderer {
	r := canvas.NewRectangle(themed(colorCard))
	r.CornerRadius = s.radius
	r.StrokeWidth = 1
	return &surfaceRenderer{s: s, rect: r, objects: []fyne.CanvasObject{r}}
}

type surfaceRenderer struct {
	s       *surface
	rect    *canvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *surfaceRenderer) Layout(size fyne.Size)        { r.rect.Resize(size) }
func (r *surfaceRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (r *surfaceRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *surfaceRenderer) Destroy()                     {}
func (r *surfaceRenderer) Refresh() {
	r.rect.FillColor = themed(colorCard)
	r.rect.StrokeColor = themed(colorBorder)
	r.rect.Refresh()
}

// actionCard is a large tappable card with a number badge and wrapped text:
// a choice or a diagnosis the player can pick with the mouse or a number key.
type actionCard struct {
	widget.BaseWidget
	Number   int
	Title    string // optional bold first line
	Text     string
	Accent   color.Color
	OnTapped func()

	hovered  bool
	disabled bool
	selected bool
}

func newActionCard(number int, title, text string, accent color.Color, tapped func()) *actionCard {
	c := &actionCard{Number: number, Title: title, Text: text, Accent: accent, OnTapped: tapped}
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
	r := &actionCardRenderer{c: c}
	r.bg = canvas.NewRectangle(themed(colorCard))
	r.bg.CornerRadius = 10
	r.bg.StrokeWidth = 1
	r.bar = canvas.NewRectangle(c.Accent)
	r.bar.CornerRadius = 3
	r.bar.SetMinSize(fyne.NewSize(6, 0))
	r.badge = canvas.NewCircle(c.Accent)
	r.num = canvas.NewText(strconv.Itoa(c.Number), color.White)
	r.num.TextStyle = fyne.TextStyle{Bold: true}
	r.num.Alignment = fyne.TextAlignCenter
	r.title = widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.Wrapping = fyne.TextWrapWord
	r.body = widget.NewLabel(c.Text)
	r.body.Wrapping = fyne.TextWrapWord
	// composition: Fyne's layouts size the wrapped text; nothing here is
	// measured by resizing it
	badge := container.NewGridWrap(fyne.NewSize(badgeSize, badgeSize), container.NewStack(r.badge, container.NewCenter(r.num)))
	text := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), r.title, r.body)
	inner := container.NewBorder(nil, nil, container.NewVBox(badge), nil, text)
	padded := container.New(layout.NewCustomPaddedLayout(cardPad-theme.InnerPadding()/2, cardPad/2-theme.InnerPadding()/2, cardPad, cardPad/2), inner)
	stripe := container.New(layout.NewCustomPaddedLayout(8, 8, 0, 0), r.bar)
	r.WidgetRenderer = widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewBorder(nil, nil, stripe, nil, padded)))
	r.Refresh()
	return r
}

// actionCardRenderer is a composition of Fyne objects, with the card's
// state and the theme's colours applied on every refresh.
type actionCardRenderer struct {
	fyne.WidgetRenderer
	c           *actionCard
	bg, bar     *canvas.Rectangle
	badge       *canvas.Circle
	num         *canvas.Text
	title, body *widget.Label
}

const cardPad float32 = 12
const badgeSize float32 = 30

func (r *actionCardRenderer) Refresh() {
	c := r.c
	r.bg.FillColor = themed(colorCard)
	if c.hovered && !c.disabled {
		r.bg.FillColor = themed(colorCardHover)
	}
	r.bg.StrokeColor = themed(colorBorder)
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
	r.num.Text = strconv.Itoa(c.Number)
	r.title.Text = c.Title
	r.title.Hidden = c.Title == ""
	r.body.Text = c.Text
	r.WidgetRenderer.Refresh()
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}

// meterBar shows one meter: its name, value and a bar, and animates moves.
type meterBar struct {
	widget.BaseWidget
	Name  string
	Value float64 // shown value, 0–100
	Delta int     // the last move, shown beside the value until cleared

	anim *fyne.Animation
}

func newMeterBar(name string, value int) *meterBar {
	m := &meterBar{Name: name, Value: float64(value)}
	m.ExtendBaseWidget(m)
	return m
}

// SetValue moves the meter to v, animating over half a second when animate
// is set, and shows the change beside the value.
func (m *meterBar) SetValue(v int, animate bool) {
	from := m.Value
	m.Delta = v - int(math.Round(from))
	if m.anim != nil {
		m.anim.Stop()
	}
	if !animate || m.Delta == 0 {
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

// ClearDelta hides the last move.
func (m *meterBar) ClearDelta() { m.Delta = 0; m.Refresh() }

func (m *meterBar) CreateRenderer() fyne.WidgetRenderer {
	r := &meterRenderer{m: m,
		track: canvas.NewRectangle(themed(colorBorder)),
		fill:  canvas.NewRectangle(meterColor(m.Name)),
		label: canvas.NewText(capitalise(m.Name), themed(colorMuted)),
		value: canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		delta: canvas.NewText("", goodColor()),
	}
	r.track.CornerRadius, r.fill.CornerRadius = 4, 4
	r.label.TextSize = theme.CaptionTextSize() * 1.1
	r.value.TextStyle = fyne.TextStyle{Bold: true}
	r.value.Alignment = fyne.TextAlignTrailing
	r.delta.TextStyle = fyne.TextStyle{Bold: true}
	r.delta.TextSize = theme.CaptionTextSize() * 1.1
	r.objects = []fyne.CanvasObject{r.track, r.fill, r.label, r.value, r.delta}
	r.Refresh()
	return r
}

type meterRenderer struct {
	m                   *meterBar
	track, fill         *canvas.Rectangle
	label, value, delta *canvas.Text
	objects             []fyne.CanvasObject
}

func (r *meterRenderer) Layout(size fyne.Size) {
	// keep clear of the next meter's name
	size.Width -= 16
	lh := r.label.MinSize().Height
	r.label.Move(fyne.NewPos(0, 0))
	vw := r.value.MinSize().Width
	dw := r.delta.MinSize().Width
	r.value.Move(fyne.NewPos(size.Width-vw-dw-4, 0))
	r.value.Resize(fyne.NewSize(vw, lh))
	r.delta.Move(fyne.NewPos(size.Width-dw, 0))
	y := lh + 4
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(size.Width, 8))
	r.fill.Move(fyne.NewPos(0, y))
	r.fill.Resize(fyne.NewSize(size.Width*float32(r.m.Value/100), 8))
}

func (r *meterRenderer) MinSize() fyne.Size {
	return fyne.NewSize(120, r.label.MinSize().Height+12)
}

// Refresh sets texts and theme colours, then lays out again for the value.
func (r *meterRenderer) Refresh() {
	m := r.m
	r.value.Text = strconv.Itoa(int(math.Round(m.Value)))
	r.value.Color = theme.Color(theme.ColorNameForeground)
	r.label.Color = themed(colorMuted)
	r.track.FillColor = themed(colorBorder)
	switch {
	case m.Delta > 0:
		r.delta.Text, r.delta.Color = fmt.Sprintf("%+d", m.Delta), goodColor()
	case m.Delta < 0:
		r.delta.Text, r.delta.Color = fmt.Sprintf("%+d", m.Delta), badColor()
	default:
		r.delta.Text = ""
	}
	r.Layout(m.Size())
	canvas.Refresh(m)
}

func (r *meterRenderer) Objects() []fyne.CanvasObject { return r.objects }

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
}

func newBarChart(bars []bar, max float64, labelWidth float32) *barChart {
	c := &barChart{Bars: bars, Max: max, LabelWidth: labelWidth, BarHeight: 22}
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
	measure *widget.Label      // sizes a row's wrapped label in MinSize; never drawn
	heights map[rowKey]float32 // rows measured so far
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
		t := canvas.NewRectangle(withAlpha(themed(colorBorder), 0x80))
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

// rowHeight is a row's height: its label wrapped to the label width. The
// label is measured on a private copy, so MinSize never resizes a child;
// the height is kept until the text, its style or size, or the width
// changes, since measuring wrapped text is what a page of charts (the room
// view has dozens) spends its time on.
func (r *barChartRenderer) rowHeight(i int, width float32) float32 {
	key := rowKey{r.labels[i].Text, r.labels[i].TextStyle, r.c.LabelWidth, theme.TextSize()}
	if r.heights == nil {
		r.heights = map[rowKey]float32{}
	}
	if h, ok := r.heights[key]; ok {
		return h
	}
	if r.measure == nil {
		r.measure = widget.NewLabel("")
		r.measure.Wrapping = fyne.TextWrapWord
	}
	r.measure.TextStyle = r.labels[i].TextStyle
	r.measure.SetText(r.labels[i].Text)
	r.measure.Resize(fyne.NewSize(r.c.LabelWidth, r.measure.MinSize().Height))
	h := r.measure.MinSize().Height
	if h < r.c.BarHeight+8 {
		h = r.c.BarHeight + 8
	}
	r.heights[key] = h
	return h
}

// rowKey is what a bar's row height depends on.
type rowKey struct {
	text  string
	style fyne.TextStyle
	width float32
	size  float32
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	y := float32(0)
	valueW := r.valueWidth()
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

// valueWidth is the room the values at the bars' ends need: at least 60,
// more for a count and a share ("17 · 59%") or a large text size.
func (r *barChartRenderer) valueWidth() float32 {
	w := float32(60)
	for _, v := range r.values {
		w = max(w, v.MinSize().Width+4)
	}
	return w
}

func (r *barChartRenderer) MinSize() fyne.Size {
	h := float32(0)
	for i := range r.c.Bars {
		h += r.rowHeight(i, 0) + 2
	}
	return fyne.NewSize(r.c.LabelWidth+160, h)
}

// Refresh rebuilds the rows only when the bars changed in number, and
// otherwise updates their texts and colours in place from the theme.
func (r *barChartRenderer) Refresh() {
	if len(r.labels) != len(r.c.Bars) {
		r.build()
	}
	for i, b := range r.c.Bars {
		if r.labels[i].Text != b.Label {
			r.labels[i].SetText(b.Label) // re-wrapping text is dear: only when it changed
		}
		r.tracks[i].FillColor = withAlpha(themed(colorBorder), 0x80)
		r.fills[i].FillColor = b.Color
		txt := b.Text
		if txt == "" {
			txt = strconv.FormatFloat(math.Round(b.Value*10)/10, 'f', -1, 64)
		}
		r.values[i].Text = txt
		r.values[i].Color = theme.Color(theme.ColorNameForeground)
	}
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barChartRenderer) Destroy()                     {}

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

// bold is a line of bold text.
func bold(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}
