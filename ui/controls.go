package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The app's focusable controls. Each one draws a focus ring a person can
// see on any background, in light and dark, comes into view when Tab
// focuses it off screen, and hands the keys it does not use to the screen
// (keys.go), so the digits, Escape and the scrolling keys work whatever
// has the focus.

// ringGap is how far outside a control its focus ring is drawn; ringWidth
// is the ring's line.
const (
	ringGap   float32 = 3.5
	ringWidth float32 = 2
)

// newFocusRing is the outline drawn around a focused control.
func newFocusRing() *canvas.Rectangle {
	r := canvas.NewRectangle(color.Transparent)
	r.StrokeWidth = ringWidth
	r.StrokeColor = themed(colorFocusRing)
	r.Hidden = true
	return r
}

// ringRenderer is a control's own renderer with a focus ring drawn around
// it, outside its bounds, so the ring shows against the page whatever the
// control's own colour.
type ringRenderer struct {
	fyne.WidgetRenderer
	ring    *canvas.Rectangle
	focused func() bool
	radius  float32
	objects []fyne.CanvasObject
}

func withRing(r fyne.WidgetRenderer, radius float32, focused func() bool) *ringRenderer {
	return &ringRenderer{WidgetRenderer: r, ring: newFocusRing(), focused: focused, radius: radius}
}

func (r *ringRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.ring.Move(fyne.NewPos(-ringGap, -ringGap))
	r.ring.Resize(size.AddWidthHeight(2*ringGap, 2*ringGap))
}

// Objects is the control's objects and, last, the ring. The control may
// change its objects (a button does when its icon changes), so the list is
// rebuilt when they change.
func (r *ringRenderer) Objects() []fyne.CanvasObject {
	inner := r.WidgetRenderer.Objects()
	if len(r.objects) != len(inner)+1 || !sameObjects(r.objects, inner) {
		r.objects = append(append(make([]fyne.CanvasObject, 0, len(inner)+1), inner...), r.ring)
	}
	return r.objects
}

func sameObjects(withRing, inner []fyne.CanvasObject) bool {
	for i, o := range inner {
		if withRing[i] != o {
			return false
		}
	}
	return true
}

func (r *ringRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.ring.StrokeColor = themed(colorFocusRing)
	r.ring.CornerRadius = r.radius + ringGap
	r.ring.Hidden = !r.focused()
	r.ring.Refresh()
}

// button is a widget.Button with a focus ring that also answers Enter, and
// hands every other key to the screen.
type button struct {
	widget.Button
	focused bool
}

func newButton(label string, tapped func()) *button {
	return newButtonWithIcon(label, nil, tapped)
}

func newButtonWithIcon(label string, icon fyne.Resource, tapped func()) *button {
	b := &button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *button) CreateRenderer() fyne.WidgetRenderer {
	return withRing(b.Button.CreateRenderer(), theme.InputRadiusSize(), func() bool { return b.focused })
}

func (b *button) FocusGained() {
	b.focused = true
	b.Button.FocusGained()
	reveal(b)
}

func (b *button) FocusLost() {
	b.focused = false
	b.Button.FocusLost()
}

// TypedKey presses the button for Space, Return and Enter; every other key
// goes to the screen.
func (b *button) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace || isEnter(ev.Name) {
		b.Tapped(nil)
		return
	}
	passKey(b, ev)
}

// TypedRune hands every character to the screen (Space arrives as a key).
func (b *button) TypedRune(r rune) {
	if r != ' ' {
		passRune(b, r)
	}
}

// entry is a widget.Entry that comes into view when it gains the focus and
// hands Escape to the screen.
type entry struct{ widget.Entry }

func newEntry() *entry {
	e := &entry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *entry) FocusGained() {
	e.Entry.FocusGained()
	reveal(e)
}

func (e *entry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		passKey(e, ev)
		return
	}
	e.Entry.TypedKey(ev)
}

// radioGroup is a row (or column) of radio options, each as wide as its
// own label with even gaps between them, each focusable with a focus ring.
// Space, Enter or a click picks an option; Left and Right pick the one
// beside it. It offers the part of widget.RadioGroup's API the app uses.
type radioGroup struct {
	widget.BaseWidget
	Options    []string
	Selected   string
	Horizontal bool
	OnChanged  func(string)

	items []*radioOption
	box   *fyne.Container
}

func newRadioGroup(options []string, changed func(string)) *radioGroup {
	g := &radioGroup{Options: options, OnChanged: changed}
	g.ExtendBaseWidget(g)
	return g
}

// SetSelected picks the option and, when that changes the pick, calls
// OnChanged, as widget.RadioGroup does.
func (g *radioGroup) SetSelected(option string) {
	if option == g.Selected {
		return
	}
	g.Selected = option
	g.Refresh()
	if g.OnChanged != nil {
		g.OnChanged(option)
	}
}

func (g *radioGroup) CreateRenderer() fyne.WidgetRenderer {
	g.box = container.NewHBox()
	g.sync()
	return widget.NewSimpleRenderer(g.box)
}

// sync makes one option per entry in Options and lays them out in a row
// or a column.
func (g *radioGroup) sync() {
	for len(g.items) < len(g.Options) {
		g.items = append(g.items, newRadioOption(g, len(g.items)))
	}
	g.items = g.items[:len(g.Options)]
	objs := make([]fyne.CanvasObject, len(g.items))
	for i, it := range g.items {
		it.label = g.Options[i]
		objs[i] = it
	}
	if g.Horizontal {
		g.box.Layout = newGapLayout(true, theme.Padding()*4)
	} else {
		g.box.Layout = newGapLayout(false, theme.Padding())
	}
	g.box.Objects = objs
}

func (g *radioGroup) Refresh() {
	if g.box != nil {
		g.sync()
		for _, it := range g.items {
			it.Refresh()
		}
		g.box.Refresh()
	}
	g.BaseWidget.Refresh()
}

// pick selects the option at i from the keyboard and moves the focus to it.
func (g *radioGroup) pick(i int) {
	if i < 0 || i >= len(g.items) {
		return
	}
	// focus first: choosing may rebuild the screen, which keeps the focus
	// on the same option (App.show)
	if c := canvasOf(g); c != nil {
		c.Focus(g.items[i])
	}
	g.SetSelected(g.Options[i])
}

// gapLayout stacks objects at their minimum size, in a row or a column,
// with the same gap between each.
type gapLayout struct {
	row bool
	gap float32
}

func newGapLayout(row bool, gap float32) fyne.Layout { return &gapLayout{row: row, gap: gap} }

func (l *gapLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var at float32
	for _, o := range objs {
		m := o.MinSize()
		if l.row {
			o.Move(fyne.NewPos(at, (size.Height-m.Height)/2))
			o.Resize(m)
			at += m.Width + l.gap
		} else {
			o.Move(fyne.NewPos(0, at))
			o.Resize(fyne.NewSize(size.Width, m.Height))
			at += m.Height + l.gap
		}
	}
}

func (l *gapLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		gap := l.gap
		if i == 0 {
			gap = 0
		}
		if l.row {
			w += m.Width + gap
			h = max(h, m.Height)
		} else {
			h += m.Height + gap
			w = max(w, m.Width)
		}
	}
	return fyne.NewSize(w, h)
}

// radioOption is one option of a radioGroup.
type radioOption struct {
	widget.BaseWidget
	group   *radioGroup
	index   int
	label   string
	focused bool
	hovered bool
}

func newRadioOption(g *radioGroup, i int) *radioOption {
	o := &radioOption{group: g, index: i}
	o.ExtendBaseWidget(o)
	return o
}

func (o *radioOption) selected() bool { return o.group.Selected == o.label }

func (o *radioOption) Tapped(*fyne.PointEvent) {
	if c := canvasOf(o); c != nil && c.Focused() != o {
		c.Unfocus() // a click picks; it does not move the keyboard focus here
	}
	o.group.SetSelected(o.label)
}

func (o *radioOption) FocusGained() { o.focused = true; o.Refresh(); reveal(o) }
func (o *radioOption) FocusLost()   { o.focused = false; o.Refresh() }

func (o *radioOption) TypedRune(r rune) {
	if r != ' ' {
		passRune(o, r)
	}
}

func (o *radioOption) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeySpace || isEnter(ev.Name):
		o.group.SetSelected(o.label)
	case ev.Name == fyne.KeyLeft && o.group.Horizontal:
		o.group.pick(o.index - 1)
	case ev.Name == fyne.KeyRight && o.group.Horizontal:
		o.group.pick(o.index + 1)
	default:
		passKey(o, ev)
	}
}

func (o *radioOption) MouseIn(*desktop.MouseEvent)    { o.hovered = true; o.Refresh() }
func (o *radioOption) MouseMoved(*desktop.MouseEvent) {}
func (o *radioOption) MouseOut()                      { o.hovered = false; o.Refresh() }
func (o *radioOption) Cursor() desktop.Cursor         { return desktop.PointerCursor }

func (o *radioOption) CreateRenderer() fyne.WidgetRenderer {
	r := &radioRenderer{o: o, halo: canvas.NewCircle(color.Transparent),
		fill: canvas.NewImageFromResource(nil), outline: canvas.NewImageFromResource(nil),
		text: canvas.NewText(o.label, theme.Color(theme.ColorNameForeground))}
	r.fill.FillMode, r.outline.FillMode = canvas.ImageFillContain, canvas.ImageFillContain
	r.objects = []fyne.CanvasObject{r.halo, r.fill, r.outline, r.text}
	rr := withRing(r, theme.InputRadiusSize(), func() bool { return o.focused })
	rr.Refresh()
	return rr
}

// radioRenderer draws an option as Fyne's radio items do: a circle that
// fills with the primary colour when picked, and the label.
type radioRenderer struct {
	o                      *radioOption
	halo                   *canvas.Circle
	fill, outline          *canvas.Image
	text                   *canvas.Text
	objects                []fyne.CanvasObject
	iconSize, gap, padding float32
}

func (r *radioRenderer) metrics() {
	r.iconSize = theme.IconInlineSize()
	r.gap = theme.Padding()
	r.padding = theme.InnerPadding() / 2
}

func (r *radioRenderer) Layout(size fyne.Size) {
	r.metrics()
	halo := r.iconSize + r.padding*2
	r.halo.Move(fyne.NewPos(0, (size.Height-halo)/2))
	r.halo.Resize(fyne.NewSquareSize(halo))
	at := fyne.NewPos(r.padding, (size.Height-r.iconSize)/2)
	for _, img := range []*canvas.Image{r.fill, r.outline} {
		img.Move(at)
		img.Resize(fyne.NewSquareSize(r.iconSize))
	}
	th := r.text.MinSize()
	r.text.Move(fyne.NewPos(halo+r.gap, (size.Height-th.Height)/2))
	r.text.Resize(th)
}

func (r *radioRenderer) MinSize() fyne.Size {
	r.metrics()
	halo := r.iconSize + r.padding*2
	th := r.text.MinSize()
	// as tall as a label, so a form's caption lines up with the options
	return fyne.NewSize(halo+r.gap+th.Width+r.padding, max(halo+r.padding*2, th.Height+2*theme.InnerPadding()))
}

func (r *radioRenderer) Refresh() {
	o := r.o
	r.text.Text = o.label
	r.text.TextSize = theme.TextSize()
	r.text.Color = theme.Color(theme.ColorNameForeground)
	// the empty circle in the muted text colour, at least 3:1 on a card
	// (Fyne's input border colour nearly vanishes on white)
	out := theme.NewThemedResource(theme.RadioButtonIcon())
	out.ColorName = colorMuted
	in := theme.NewThemedResource(theme.RadioButtonFillIcon())
	in.ColorName = theme.ColorNameInputBackground
	if o.selected() {
		in.ColorName, out.ColorName = theme.ColorNamePrimary, theme.ColorNameForeground
	}
	r.fill.Resource, r.outline.Resource = in, out
	r.fill.Refresh()
	r.outline.Refresh()
	switch {
	case o.focused:
		r.halo.FillColor = theme.Color(theme.ColorNameFocus)
	case o.hovered:
		r.halo.FillColor = theme.Color(theme.ColorNameHover)
	default:
		r.halo.FillColor = color.Transparent
	}
	r.halo.Refresh()
	r.Layout(o.Size())
	canvas.Refresh(r.text)
}

func (r *radioRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *radioRenderer) Destroy()                     {}
