package ui

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestThemeSwitchRepaintsWidgets: custom widgets once captured light or
// dark colours when a screen was built, so a switch (in Settings, or the
// operating system's) left them in the old colours until the screen was
// rebuilt. They resolve theme colour names in Refresh now.
func TestThemeSwitchRepaintsWidgets(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(&appTheme{variant: ThemeLight, scale: 1})
	card := newActionCard(1, "", "Make a plan.", color.NRGBA{0x2f, 0x7d, 0xc4, 0xff}, nil)
	panel := newSurface(12)
	meter := newMeterBar("morale", 40)
	w := test.NewTempWindow(t, container.NewVBox(card, container.NewStack(panel), meter))
	w.Resize(fyne.NewSize(400, 300))

	light, _ := palette(colorCard, false)
	dark, _ := palette(colorCard, true)
	cardBG := func() color.Color { return test.WidgetRenderer(card).(*actionCardRenderer).bg.FillColor }
	panelBG := func() color.Color { return test.WidgetRenderer(panel).(*surfaceRenderer).rect.FillColor }
	meterLabel := func() color.Color { return test.WidgetRenderer(meter).(*meterRenderer).label.Color }
	if cardBG() != light || panelBG() != light {
		t.Fatalf("under the light theme: card %v, panel %v, want %v", cardBG(), panelBG(), light)
	}
	mutedDark, _ := palette(colorMuted, true)

	// switch to dark without rebuilding anything
	a.Settings().SetTheme(&appTheme{variant: ThemeDark, scale: 1})
	if cardBG() != dark || panelBG() != dark || meterLabel() != mutedDark {
		t.Errorf("after switching to dark: card %v, panel %v, meter label %v; want %v, %v, %v", cardBG(), panelBG(), meterLabel(), dark, dark, mutedDark)
	}
	if fg := test.WidgetRenderer(meter).(*meterRenderer).value.Color; fg != a.Settings().Theme().Color(theme.ColorNameForeground, theme.VariantDark) {
		t.Errorf("the meter's value kept its light colour %v", fg)
	}
}

// TestWidgetsRenderToMarkup pins what the custom widgets draw, as Fyne's
// own widget tests do, so a change to a card, a meter or a chart shows in
// review as a diff of testdata/*.xml.
func TestWidgetsRenderToMarkup(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(&appTheme{variant: ThemeLight, scale: 1})
	for name, o := range map[string]fyne.CanvasObject{
		"action_card.xml": newActionCard(2, "Stabilise", "Plans, owners, dates, control.", color.NRGBA{0x2f, 0x7d, 0xc4, 0xff}, nil),
		"meter.xml":       func() fyne.CanvasObject { m := newMeterBar("trust", 55); m.SetValue(60, false); return m }(),
		"bar_chart.xml":   newBarChart([]bar{{Label: "Stabilise", Value: 15, Color: hatColor("manage"), Marked: true}, {Label: "Both", Value: 3, Color: hatColor("both")}}, 18, 120),
		"line_chart.xml":  newLineChart([]series{{Name: "Management", Color: hatColor("manage"), Values: []float64{40, 55, 70}}}),
		"line_chart_axis.xml": func() fyne.CanvasObject {
			c := newLineChart([]series{{Name: "Leadership", Color: hatColor("lead"), Values: []float64{40, math.NaN(), 70}}})
			c.Points = []chartPoint{{Date: "2 Nov", Scenario: "The Ward"}, {Date: "9 Nov", Scenario: "Lost Key Client"}, {Date: "16 Nov", Scenario: "A scenario with a title far too long for its place"}}
			return c
		}(),
		"table.xml": newDataTable([]tableColumn{{Title: "Scenario", Flex: true}, {Title: "Fit", Numeric: true}},
			[]tableRow{{Cells: []string{"The Ward", "72"}, Open: func() {}}, {Cells: []string{"A scenario with a title far too long for its place", "100"}}}),
	} {
		t.Run(name, func(t *testing.T) {
			w := test.NewTempWindow(t, o)
			w.Resize(fyne.NewSize(420, 200))
			test.AssertRendersToMarkup(t, name, w.Canvas())
		})
	}
}

// TestBarChartRowHeights: row heights are measured once and kept (the room
// view's dozens of bars once re-measured every label on every layout), but
// a label that changes is measured again.
func TestBarChartRowHeights(t *testing.T) {
	test.NewTempApp(t)
	c := newBarChart([]bar{{Label: "Short", Value: 1}}, 2, 120)
	r := test.WidgetRenderer(c).(*barChartRenderer)
	one := r.MinSize().Height
	if r.MinSize().Height != one || len(r.heights) != 1 {
		t.Fatalf("measuring twice gave %v then %v, with %d heights kept", one, r.MinSize().Height, len(r.heights))
	}
	c.Bars[0].Label = strings.Repeat("a much longer label that wraps ", 4)
	c.Refresh()
	if more := r.MinSize().Height; more <= one {
		t.Errorf("a label that now wraps onto several lines keeps the row %v high (was %v)", more, one)
	}
}
