package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// check is a widget.Check that behaves like the app's other controls
// (controls.go): a focus ring, into view when Tab focuses it, Space or
// Enter to tick it, and every other key handed to the screen.
type check struct {
	widget.Check
	focused bool
}

func newCheck(label string, changed func(bool)) *check {
	c := &check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *check) CreateRenderer() fyne.WidgetRenderer {
	return withRing(c.Check.CreateRenderer(), theme.InputRadiusSize(), func() bool { return c.focused })
}

func (c *check) FocusGained() {
	c.focused = true
	c.Check.FocusGained()
	reveal(c)
}

func (c *check) FocusLost() {
	c.focused = false
	c.Check.FocusLost()
}

// TypedKey ticks or unticks for Space, Return and Enter; every other key
// goes to the screen.
func (c *check) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace || isEnter(ev.Name) {
		if !c.Disabled() {
			c.SetChecked(!c.Checked)
		}
		return
	}
	passKey(c, ev)
}

// TypedRune hands every character to the screen (Space arrives as a key).
func (c *check) TypedRune(r rune) {
	if r != ' ' {
		passRune(c, r)
	}
}
