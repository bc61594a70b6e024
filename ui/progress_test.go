package ui

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/twohats/twohats/scenarios"
)

const longTitle = "Mini, with a title the old table cut at 28 characters"

// progressHarness has three attempts: mini played well, the long-titled
// copy played worse, and mini again left after one answer.
func progressHarness(t *testing.T) *harness {
	t.Helper()
	data, err := os.ReadFile("../game/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Replace(strings.Replace(string(data), "id: mini", "id: mini-long", 1), "title: Mini", "title: "+longTitle, 1)
	h := newHarness(t, t.TempDir(), scenarios.Source{FS: fstest.MapFS{"mini-long.yaml": {Data: []byte(long)}}, Prefix: "/home/ana/scenarios/", User: true})
	h.createProfile("Ana")
	h.app.startNew(h.app.lib.Get("mini"))
	finish(h, 0)
	h.app.startNew(h.app.lib.Get("mini-long"))
	finish(h, 1)
	h.app.startNew(h.app.lib.Get("mini"))
	h.tap("Continue")
	test.Tap(h.card("Stabilise"))
	test.Tap(h.card("Make a plan."))
	h.app.showProgress() // the play screen has no header: as Menu, Save and leave, then Progress
	return h
}

func (h *harness) charts() []*lineChart {
	var out []*lineChart
	for _, o := range h.objects() {
		if c, ok := o.(*lineChart); ok {
			out = append(out, c)
		}
	}
	if len(out) != 3 {
		h.t.Fatalf("the progress screen has %d charts, want 3", len(out))
	}
	return out
}

func (h *harness) table() *dataTable {
	for _, o := range h.objects() {
		if t, ok := o.(*dataTable); ok {
			return t
		}
	}
	h.t.Fatalf("no table on the %s screen", h.app.Screen())
	return nil
}

// TestProgressChartsLabelledAndPointable: the charts once had no x axis
// and said nothing when pointed at. Each point has its date and scenario
// under it, and pointing shows the attempt and its scores.
func TestProgressChartsLabelledAndPointable(t *testing.T) {
	h := progressHarness(t)
	all := h.charts()[2]
	r := test.WidgetRenderer(all).(*lineChartRenderer)
	if len(r.dates) != 2 {
		t.Fatalf("the chart has %d dates under it, want one per finished attempt (2)", len(r.dates))
	}
	for i, want := range []string{"Mini", longTitle} {
		if r.dates[i].Hidden || r.dates[i].Text != "22 Nov" || r.names[i].Hidden {
			t.Errorf("point %d: date %q (hidden %v), scenario hidden %v", i, r.dates[i].Text, r.dates[i].Hidden, r.names[i].Hidden)
		}
		// the scenario fits its room, shortened with an ellipsis if need be
		if name := strings.TrimSuffix(r.names[i].Text, "…"); name == "" || !strings.HasPrefix(want, name) {
			t.Errorf("point %d is labelled %q, want (the start of) %q", i, r.names[i].Text, want)
		}
	}
	if r.tipBox.Visible() {
		t.Fatal("a tip shows before anything is pointed at")
	}
	g := chartGeometry(all.Size(), 2, true)
	all.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(g.x(1)+3, 40)}})
	var tip []string
	for _, tx := range r.tipText {
		if tx.Visible() {
			tip = append(tip, tx.Text)
		}
	}
	if !r.tipBox.Visible() || len(tip) != 2 || !strings.HasSuffix(tip[0], " · "+longTitle) || !strings.HasPrefix(tip[0], "Sun 22 Nov ") ||
		!strings.HasPrefix(tip[1], "Management ") || !strings.Contains(tip[1], " · Leadership ") || !strings.Contains(tip[1], " · Fit ") {
		t.Fatalf("pointing at the second attempt shows %q", tip)
	}
	// the values are the attempt's scores, as the table rounds them
	row := h.table().Rows[1].Cells
	if !strings.Contains(tip[1], "Management "+row[4]) || !strings.Contains(tip[1], "Leadership "+row[5]) || !strings.Contains(tip[1], "Fit "+row[3]) {
		t.Errorf("the tip %q does not match the table's %v", tip[1], row)
	}
	all.MouseOut()
	if r.tipBox.Visible() {
		t.Error("the tip stays after the pointer left")
	}
}

// TestProgressTableOldestFirstAndSized: the table once listed the newest
// first, against the charts, and cut the scenario and the ending to equal
// columns while the numbers sat half empty.
func TestProgressTableOldestFirstAndSized(t *testing.T) {
	h := progressHarness(t)
	tb := h.table()
	var got []string
	for _, r := range tb.Rows {
		got = append(got, r.Cells[1]+" / "+r.Cells[2])
	}
	want := []string{"Mini / Good", longTitle + " / Good", "Mini / in progress"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("the table lists\n%s\nwant, oldest first,\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	r := test.WidgetRenderer(tb).(*tableRenderer)
	if r.cells[1][1].Text != longTitle {
		t.Errorf("the long title is shown as %q in a %v-wide table; want it whole", r.cells[1][1].Text, tb.Size().Width)
	}
	w := tb.widths(tb.Size().Width)
	for j, c := range tb.Columns {
		if c.Numeric && w[j] >= w[1]/3 {
			t.Errorf("the %s column is %v wide beside a scenario column of %v; want it sized to its numbers", c.Title, w[j], w[1])
		}
	}
	// narrow, the title gives up room with an ellipsis; the numbers never do
	tb.Resize(fyne.NewSize(tb.MinSize().Width, tb.Size().Height))
	if s := r.cells[1][1].Text; !strings.HasSuffix(s, "…") || r.cells[1][3].Text != tb.Rows[1].Cells[3] {
		t.Errorf("at its narrowest the table shows %q and %q", s, r.cells[1][3].Text)
	}
}

// TestProgressRowsOpen: a finished attempt's row reopens its debrief, by
// click or by keyboard; an unfinished one continues it.
func TestProgressRowsOpen(t *testing.T) {
	h := progressHarness(t)
	tb := h.table()
	tb.Tapped(&fyne.PointEvent{Position: fyne.NewPos(20, tb.rowHeight()*2.5)}) // the second row
	if h.app.Screen() != "debrief" {
		t.Fatalf("clicking a finished attempt shows %s, want its debrief", h.app.Screen())
	}
	h.app.afterFrame = func(f func()) { f() }
	h.mustSee("Debrief: "+longTitle, "Good", "1. It called for the manager hat")

	h.tap("Progress")
	tb = h.table()
	h.app.Window().Canvas().Focus(tb)
	if tb.cursor != 0 || !test.WidgetRenderer(tb).(*tableRenderer).focusBox.Visible() {
		t.Fatalf("focusing the table puts its cursor on row %d, with no ring shown", tb.cursor)
	}
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if h.app.Screen() != "debrief" {
		t.Fatalf("Enter on the first row shows %s, want its debrief", h.app.Screen())
	}
	h.mustSee("Debrief: Mini", "Good")

	h.tap("Progress")
	tb = h.table()
	h.app.Window().Canvas().Focus(tb)
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if h.app.Screen() != "play" {
		t.Fatalf("Enter on the attempt in progress shows %s, want play", h.app.Screen())
	}
	h.mustSee("The second moment calls for both.")
}
