package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Fyne animates an infinite progress bar at the frame rate until it is
// stopped, even off the window: every busy bar must stop when its screen
// goes, or the app idles at half a core (bench/idle-cpu.sh).
func TestNoBusyBarOutlivesItsScreen(t *testing.T) {
	var made []*widget.ProgressBarInfinite
	newBusyBar = func() *widget.ProgressBarInfinite {
		b := widget.NewProgressBarInfinite()
		made = append(made, b)
		return b
	}
	t.Cleanup(func() { newBusyBar = widget.NewProgressBarInfinite })
	h := newHarness(t, t.TempDir())
	h.createProfile("Idle")
	run := h.deferAsync() // each screen shows its busy bar while it loads
	for _, step := range []func(){
		func() { h.tap("Scenarios") }, func() { h.tap("Progress") }, func() { h.tap("Settings") },
		func() { h.tap("Home") }, func() { h.tap("Play") }, func() { h.tap("Continue") },
		func() { test.Tap(h.card("Stabilise")) }, func() { test.Tap(h.card("Make a plan.")) },
	} {
		step()
		run()
	}
	h.mustSee("You put on the manager hat.")
	if len(made) < 5 {
		t.Fatalf("only %d busy bars were shown on the way; the test no longer covers loading", len(made))
	}
	for i, b := range made {
		if b.Running() {
			t.Errorf("busy bar %d of %d still animates after its screen or its work is gone", i+1, len(made))
		}
	}
}

// Busy bars come from busyBar, which stops them with their screen.
func TestBusyBarsAreMadeByBusyBar(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "busy.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "NewProgressBarInfinite(") {
			t.Errorf("%s makes an infinite progress bar itself; use u.busyBar, which stops it when the screen goes", f)
		}
	}
}

// The welcome screen opens with nothing focused, so no cursor blinks
// (each blink repaints the whole window), and what is typed goes into the
// name field, which takes the focus at the first key.
func TestWelcomeTypesIntoNameWithoutBlinkingFirst(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.app.Start()
	name := h.entry("Your name")
	if f := h.app.Window().Canvas().Focused(); f != nil || entryFocused(t, name) {
		t.Fatalf("the welcome screen opens with %T focused; its cursor would blink while nothing happens", f)
	}
	for _, r := range "Bea" {
		h.typeRune(r)
	}
	if name.Text != "Bea" || !entryFocused(t, name) {
		t.Fatalf("typing on the welcome screen gave the name field %q (focused %v), want \"Bea\", focused", name.Text, entryFocused(t, name))
	}
}

// The name field is told it lost the focus when Enter in it creates the
// profile and Home replaces it. Fyne does not tell a field when the
// window's content changes under it (only a click elsewhere does), and its
// cursor would blink on unseen, repainting the window, for as long as the
// app runs.
func TestFocusLetGoWhenTheScreenChanges(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.app.Start()
	name := h.entry("Your name")
	for _, r := range "Blink" {
		h.typeRune(r)
	}
	if !entryFocused(t, name) {
		t.Fatalf("typing did not focus the name field:\n%s", h.text())
	}
	h.press(fyne.KeyReturn)
	if h.app.Screen() != "home" {
		t.Fatalf("Enter in the name field led to %s, want home", h.app.Screen())
	}
	if entryFocused(t, name) {
		t.Error("the name field was not told it lost the focus when Home replaced its screen; its cursor blinks on")
	}
}

// entryFocused is whether the field believes it has the focus (and so
// animates its cursor). Fyne keeps that in an unexported field.
func entryFocused(t *testing.T, e *widget.Entry) bool {
	t.Helper()
	f := reflect.ValueOf(e).Elem().FieldByName("focused")
	if !f.IsValid() || f.Kind() != reflect.Bool {
		t.Fatal("widget.Entry no longer has a focused field: find another way to tell whether its cursor blinks")
	}
	return f.Bool()
}
