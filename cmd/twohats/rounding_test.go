package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/scenarios"
	"github.com/twohats/twohats/ui"
)

// halfYAML scores a Fit and a Management of exactly 72.5 when played
// first-then-plan: (45 + 100) / 2. 72.5 is where rounding styles part:
// half to even gives 72, half up 73, and no rounding 72.5.
const halfYAML = `format: 1
id: half
title: Half
summary: Two moments whose scores land on a half.
situation: routine
minutes: 2
meters: {stability: 50, morale: 50, trust: 50}
start: m1
scenes:
  - id: m1
    text: The first moment calls for the manager hat.
    calls_for: manage
    why: The numbers are unknown.
    choices:
      - id: first
        text: Do something close.
        hat: manage
        fit: 45
        feedback: Close, not quite.
        next: m2
      - id: best
        text: Do the right thing.
        hat: manage
        feedback: The manager hat.
        next: m2
  - id: m2
    text: The second moment calls for the manager hat too.
    calls_for: manage
    why: The plan still has no owner.
    choices:
      - id: plan
        text: Make a plan.
        hat: manage
        feedback: The manager hat.
        next: end
      - id: speech
        text: Give a speech.
        hat: lead
        feedback: The wrong hat.
        next: end
  - id: end
    ending: true
    outcome: mixed
    title: The End
    text: It ended.
    away: They manage.
`

// seventyTwo is 72 standing alone: 72.5 rounded half to even, or cut.
var seventyTwo = regexp.MustCompile(`(^|[^0-9.,])72([^0-9.,]|$)`)

// TestEveryFrontEndShowsScoresAlike: a score of 72.5 reads 73 wherever a
// person reads it (the terminal's debrief, history and room view, the app's
// debrief, progress and library, the PDF), and stays 72.5 in the CSV data.
// A front end that rounds its own way (%.0f rounds halves to even: 72)
// fails here.
func TestEveryFrontEndShowsScoresAlike(t *testing.T) {
	data := t.TempDir()
	writeFile(t, data, "scenarios/half.yaml", halfYAML)
	answers := writeFile(t, t.TempDir(), "half.answers", "m1 manage first\nm2 manage plan\n")
	code, stdout, stderr := facRun(t, "workshop", "create", "--data", data, "Halves")
	if code != 0 {
		t.Fatalf("workshop create: %d %s", code, stderr)
	}
	ws := strings.TrimSpace(stdout)
	people := map[string]string{}
	check := func(where, text string) {
		t.Helper()
		people[where] = text
		if !strings.Contains(text, "73") || strings.Contains(text, "72.5") || seventyTwo.MatchString(text) {
			t.Errorf("%s does not show 72.5 as 73:\n%s", where, text)
		}
	}
	code, stdout, stderr = facRun(t, "play", "--data", data, "--profile", "Ana", "--workshop", ws, "--scenario", "half", "--answers", answers)
	if code != 0 {
		t.Fatalf("play: %d %s", code, stderr)
	}
	check("the terminal's debrief", stdout[strings.Index(stdout, "Fit "):])
	_, stdout, _ = facRun(t, "history", "--data", data, "--profile", "Ana")
	check("twohats history", stdout)
	_, stdout, _ = facRun(t, "room", "--data", data, "--workshop", ws, "--scenario", "half")
	check("twohats room", stdout)

	out := t.TempDir()
	if code, _, stderr = facRun(t, "export", "--data", data, "--format", "csv", "--out", out); code != 0 {
		t.Fatalf("export csv: %s", stderr)
	}
	if csv, _ := os.ReadFile(filepath.Join(out, "attempts.csv")); !strings.Contains(string(csv), ",72.5,72.5,") {
		t.Errorf("the CSV does not keep the stored score 72.5:\n%s", csv)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is not installed; run scripts/setup-system.sh --test (test.sh does) to install it")
	}
	pdf := filepath.Join(out, "r.pdf")
	if code, _, stderr = facRun(t, "export", "--data", data, "--format", "pdf", "--out", pdf); code != 0 {
		t.Fatalf("export pdf: %s", stderr)
	}
	text, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	check("the PDF", string(text))

	// the app, on the same data
	db, _, err := store.Open(data, store.Options{Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := test.NewTempApp(t)
	u := ui.New(a, ui.Deps{Store: db, Library: func() *scenarios.Library { return loadLibrary(data) }, DataDir: data,
		Now: func() time.Time { return time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC) }, Async: func(work, then func()) { work(); then() }})
	u.Window().Resize(fyne.NewSize(1100, 800))
	u.Start()
	for _, screen := range []string{"debrief", "progress", "library"} {
		if err := u.Open(screen); err != nil {
			t.Fatal(err)
		}
		check("the app's "+screen+" screen", screenText(u.Window()))
	}
}

// screenText is every text on a window, one a line.
func screenText(w fyne.Window) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o := o.(type) {
		case *canvas.Text:
			b.WriteString(o.Text + "\n")
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		}
		switch o := o.(type) {
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(w.Canvas().Content())
	return b.String()
}
