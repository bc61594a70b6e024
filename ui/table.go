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

// tableColumn is one column of a dataTable.
type tableColumn struct {
	Title   string
	Numeric bool // right-aligned, never shortened
	Flex    bool // takes the room left over, and gives it up first (shortened with an ellipsis)
}

// tableRow is one row; Open, when set, is what clicking the row, or Enter
// on it, does.
type tableRow struct {
	Cells []string
	Open  func()
}

// dataTable is a table whose columns are as wide as their content: the
// flexible columns (names, endings) share what is left, or give up room
// first when the table is narrow. Rows that can be opened light up under
// the pointer; with the keyboard, Tab focuses the table, the arrows move
// between rows and Enter opens one.
type dataTable struct {
	widget.BaseWidget
	Columns []tableColumn
	Rows    []tableRow

	hover, cursor int // rows under the pointer and the keyboard's, or -1
	focused       bool
	r             *tableRenderer
	// reveal, when set, scrolls the page so that the part of the table
	// from y0 to y1 is in view: the keyboard's row never hides below the fold
	reveal func(y0, y1 float32)
}

func newDataTable(cols []tableColumn, rows []tableRow) *dataTable {
	t := &dataTable{Columns: cols, Rows: rows, hover: -1, cursor: -1}
	t.ExtendBaseWidget(t)
	return t
}

const tablePad float32 = 8 // between a cell's text and its column's edges

func tableTextSize() float32 { return theme.TextSize() }

// rowHeight is the height of the header and of every row.
func (t *dataTable) rowHeight() float32 {
	return fyne.MeasureText("Ag", tableTextSize(), fyne.TextStyle{}).Height + 2*tablePad
}

// rowAt is the row at y, or -1 (the header, or below the table).
func (t *dataTable) rowAt(y float32) int {
	i := int(y/t.rowHeight()) - 1
	if i < 0 || i >= len(t.Rows) {
		return -1
	}
	return i
}

func (t *dataTable) open(i int) {
	if i >= 0 && i < len(t.Rows) && t.Rows[i].Open != nil {
		t.Rows[i].Open()
	}
}

// Tapped opens the row under the pointer.
func (t *dataTable) Tapped(e *fyne.PointEvent) {
	if i := t.rowAt(e.Position.Y); i >= 0 {
		t.cursor = i
		t.open(i)
	}
}

func (t *dataTable) MouseIn(e *desktop.MouseEvent) { t.MouseMoved(e) }
func (t *dataTable) MouseMoved(e *desktop.MouseEvent) {
	if i := t.rowAt(e.Position.Y); i != t.hover {
		t.hover = i
		t.Refresh()
	}
}
func (t *dataTable) MouseOut() { t.hover = -1; t.Refresh() }

// Cursor is the pointing hand over a row that opens.
func (t *dataTable) Cursor() desktop.Cursor {
	if t.hover >= 0 && t.Rows[t.hover].Open != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// FocusGained puts the keyboard on the first row that opens.
func (t *dataTable) FocusGained() {
	t.focused = true
	if t.cursor < 0 {
		t.cursor = t.nextOpen(-1, 1)
	}
	t.Refresh()
	t.revealCursor()
}

// revealCursor scrolls the keyboard's row, with the header when it is
// the first, into view.
func (t *dataTable) revealCursor() {
	if t.reveal == nil || t.cursor < 0 {
		return
	}
	rh := t.rowHeight()
	y0 := rh * float32(t.cursor+1)
	if t.cursor == 0 {
		y0 = 0
	}
	t.reveal(y0, rh*float32(t.cursor+2))
}

func (t *dataTable) FocusLost() { t.focused = false; t.Refresh() }

// TypedRune hands every character to the screen.
func (t *dataTable) TypedRune(r rune) {
	if r != ' ' {
		passRune(t, r)
	}
}

// TypedKey moves between the rows that open, and opens one with Enter or
// Space; every other key goes to the screen.
func (t *dataTable) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDown:
		t.moveCursor(1)
	case fyne.KeyUp:
		t.moveCursor(-1)
	case fyne.KeyHome:
		t.cursor = t.nextOpen(-1, 1)
		t.Refresh()
		t.revealCursor()
	case fyne.KeyEnd:
		t.cursor = t.nextOpen(len(t.Rows), -1)
		t.Refresh()
		t.revealCursor()
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		t.open(t.cursor)
	default:
		passKey(t, e)
	}
}

func (t *dataTable) moveCursor(d int) {
	if i := t.nextOpen(t.cursor, d); i >= 0 {
		t.cursor = i
		t.Refresh()
		t.revealCursor()
	}
}

// nextOpen is the first row after from, in direction d, that opens; -1 if
// none.
func (t *dataTable) nextOpen(from, d int) int {
	for i := from + d; i >= 0 && i < len(t.Rows); i += d {
		if t.Rows[i].Open != nil {
			return i
		}
	}
	return -1
}

// widths are the columns' widths for a table width: each as wide as its
// widest cell, the flexible ones sharing what is left over, or shrinking
// (never below minFlex) when there is not enough.
func (t *dataTable) widths(total float32) []float32 {
	const minFlex = 90
	ts := tableTextSize()
	w := make([]float32, len(t.Columns))
	var fixed, flex float32
	for j, c := range t.Columns {
		w[j] = fyne.MeasureText(c.Title, ts, fyne.TextStyle{Bold: true}).Width
		for _, r := range t.Rows {
			if j < len(r.Cells) {
				w[j] = max(w[j], fyne.MeasureText(r.Cells[j], ts, fyne.TextStyle{}).Width)
			}
		}
		w[j] += 2 * tablePad
		if c.Flex {
			flex += w[j]
		} else {
			fixed += w[j]
		}
	}
	if flex == 0 {
		return w
	}
	room := total - fixed
	for j, c := range t.Columns {
		if c.Flex {
			w[j] = max(minFlex, room*w[j]/flex)
		}
	}
	return w
}

// MinSize is the fixed columns at their width and the flexible ones at
// their least, for the header and every row.
func (t *dataTable) MinSize() fyne.Size {
	w := t.widths(0)
	var sum float32
	for _, x := range w {
		sum += x
	}
	return fyne.NewSize(sum, t.rowHeight()*float32(len(t.Rows)+1))
}

func (t *dataTable) CreateRenderer() fyne.WidgetRenderer {
	r := &tableRenderer{t: t}
	r.build()
	t.r = r
	return r
}

type tableRenderer struct {
	t        *dataTable
	header   []*canvas.Text
	cells    [][]*canvas.Text
	rowBG    []*canvas.Rectangle
	rules    []*canvas.Line
	focusBox *canvas.Rectangle
	objects  []fyne.CanvasObject
	built    int // rows the objects were made for
}

func (r *tableRenderer) build() {
	t := r.t
	r.objects = r.objects[:0]
	r.rowBG, r.rules, r.cells = nil, nil, nil
	for range t.Rows {
		bg := canvas.NewRectangle(themed(colorCardHover))
		bg.CornerRadius = 4
		bg.Hidden = true
		r.rowBG = append(r.rowBG, bg)
		r.objects = append(r.objects, bg)
	}
	r.focusBox = canvas.NewRectangle(color.Transparent)
	r.focusBox.StrokeWidth = ringWidth
	r.focusBox.CornerRadius = 4
	r.focusBox.Hidden = true
	r.objects = append(r.objects, r.focusBox)
	r.header = nil
	for _, c := range t.Columns {
		h := canvas.NewText(c.Title, theme.Color(theme.ColorNameForeground))
		h.TextStyle = fyne.TextStyle{Bold: true}
		if c.Numeric {
			h.Alignment = fyne.TextAlignTrailing
		}
		r.header = append(r.header, h)
		r.objects = append(r.objects, h)
	}
	for range t.Rows {
		rule := canvas.NewLine(themed(colorBorder))
		rule.StrokeWidth = 1
		r.rules = append(r.rules, rule)
		r.objects = append(r.objects, rule)
		var row []*canvas.Text
		for _, c := range t.Columns {
			tx := canvas.NewText("", theme.Color(theme.ColorNameForeground))
			if c.Numeric {
				tx.Alignment = fyne.TextAlignTrailing
			}
			row = append(row, tx)
			r.objects = append(r.objects, tx)
		}
		r.cells = append(r.cells, row)
	}
	r.built = len(t.Rows)
}

func (r *tableRenderer) Layout(size fyne.Size) {
	t := r.t
	w := t.widths(size.Width)
	rh := t.rowHeight()
	ts := tableTextSize()
	place := func(tx *canvas.Text, text string, x, y, cw float32, c tableColumn) {
		tx.TextSize = ts
		tx.Text = text
		if c.Flex {
			tx.Text = fitText(text, cw-2*tablePad, ts, tx.TextStyle)
		}
		tx.Move(fyne.NewPos(x+tablePad, y+tablePad))
		tx.Resize(fyne.NewSize(cw-2*tablePad, rh-2*tablePad))
	}
	x := float32(0)
	for j, c := range t.Columns {
		place(r.header[j], c.Title, x, 0, w[j], c)
		x += w[j]
	}
	for i, row := range t.Rows {
		y := rh * float32(i+1)
		r.rowBG[i].Move(fyne.NewPos(0, y))
		r.rowBG[i].Resize(fyne.NewSize(size.Width, rh))
		r.rules[i].Position1 = fyne.NewPos(0, y)
		r.rules[i].Position2 = fyne.NewPos(size.Width, y)
		x := float32(0)
		for j, c := range t.Columns {
			text := ""
			if j < len(row.Cells) {
				text = row.Cells[j]
			}
			place(r.cells[i][j], text, x, y, w[j], c)
			x += w[j]
		}
	}
	if c := t.cursor; c >= 0 && c < len(t.Rows) {
		r.focusBox.Move(fyne.NewPos(1, rh*float32(c+1)+1))
		r.focusBox.Resize(fyne.NewSize(size.Width-2, rh-2))
	}
}

func (r *tableRenderer) MinSize() fyne.Size { return r.t.MinSize() }

// Refresh applies the theme's colours and the hover and focus marks.
func (r *tableRenderer) Refresh() {
	t := r.t
	if r.built != len(t.Rows) || len(r.header) != len(t.Columns) {
		r.build()
	}
	fg := theme.Color(theme.ColorNameForeground)
	for _, h := range r.header {
		h.Color = fg
	}
	for i := range t.Rows {
		r.rowBG[i].FillColor = themed(colorCardHover)
		r.rowBG[i].Hidden = !(i == t.hover && t.Rows[i].Open != nil)
		r.rules[i].StrokeColor = themed(colorBorder)
		for _, tx := range r.cells[i] {
			tx.Color = fg
		}
	}
	r.focusBox.StrokeColor = themed(colorFocusRing)
	r.focusBox.Hidden = !t.focused || t.cursor < 0
	r.Layout(t.Size())
	canvas.Refresh(t)
}

func (r *tableRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *tableRenderer) Destroy()                     {}

// revealIn makes a function that scrolls sc so that the part of o from y0
// to y1 (in o's coordinates) is in view, moving as little as it can.
func revealIn(sc *container.Scroll, o fyne.CanvasObject) func(y0, y1 float32) {
	return func(y0, y1 float32) {
		d := fyne.CurrentApp().Driver()
		top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(sc).Y
		view := sc.Size().Height
		off := sc.Offset.Y
		switch {
		case top+y0 < 0:
			off += top + y0
		case top+y1 > view:
			off += top + y1 - view
		default:
			return
		}
		sc.ScrollToOffset(fyne.NewPos(sc.Offset.X, max(0, off)))
	}
}
