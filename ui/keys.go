package ui

// Keyboard-only use: how a key reaches the screen whatever has the focus,
// how a screen scrolls with the keyboard, and how a control that gains the
// focus comes into view.
//
// Fyne gives a key to the focused widget only: the canvas's handlers
// (SetOnTypedKey, SetOnTypedRune) hear it only while nothing has the focus
// (fyne.io/fyne/v2 v2.7, internal/driver/glfw/window.go: processKeyPressed
// and processCharInput). A widget.Button that Tab has focused swallows
// every digit and Escape. desktop.CustomShortcut cannot help: the driver
// makes one only for a key pressed with Control, Alt or Super, never for a
// bare digit or Escape. So the app's focusable controls (button,
// radioGroup, entry in controls.go) hand the keys they do not use to the
// canvas's handlers, as if nothing had the focus.

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// passKey hands a key that the focused control o did not use to the
// handler of o's canvas: the screen's keys.
func passKey(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	if c := canvasOf(o); c != nil {
		if h := c.OnTypedKey(); h != nil {
			h(ev)
		}
	}
}

// passRune hands a typed character that the focused control o did not use
// to the handler of o's canvas.
func passRune(o fyne.CanvasObject, r rune) {
	if c := canvasOf(o); c != nil {
		if h := c.OnTypedRune(); h != nil {
			h(r)
		}
	}
}

func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	return a.Driver().CanvasForObject(o)
}

// isEnter reports whether the key is Return or the keypad's Enter.
func isEnter(k fyne.KeyName) bool { return k == fyne.KeyReturn || k == fyne.KeyEnter }

// scrollKey scrolls the screen's main scroll container for the arrow keys,
// Page Up and Page Down, Home and End, and reports whether it used the key.
func scrollKey(content fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	s := mainScroll(content)
	if s == nil {
		return false
	}
	line := theme.TextSize() * 3
	page := s.Size().Height - line
	if page < line {
		page = line
	}
	y := s.Offset.Y
	switch ev.Name {
	case fyne.KeyUp:
		y -= line
	case fyne.KeyDown:
		y += line
	case fyne.KeyPageUp:
		y -= page
	case fyne.KeyPageDown:
		y += page
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = s.Content.MinSize().Height
	default:
		return false
	}
	scrollToY(s, y)
	return true
}

// scrollToY scrolls s so that y is at its top, or as near as its content
// allows.
func scrollToY(s *container.Scroll, y float32) {
	if max := s.Content.MinSize().Height - s.Size().Height; y > max {
		y = max
	}
	if y < 0 {
		y = 0
	}
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, y))
}

// mainScroll is the largest vertical scroll container on show in the
// content: the one a screen's text and actions scroll in.
func mainScroll(content fyne.CanvasObject) *container.Scroll {
	var best *container.Scroll
	var area float32
	eachScroll(content, func(s *container.Scroll) {
		if a := s.Size().Width * s.Size().Height; best == nil || a > area {
			best, area = s, a
		}
	})
	return best
}

// eachScroll calls f for every vertical scroll container on show under o.
func eachScroll(o fyne.CanvasObject, f func(*container.Scroll)) {
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && (s.Direction == container.ScrollVerticalOnly || s.Direction == container.ScrollBoth) {
			f(s)
		}
	})
}

// walk calls f for o and everything on show under it that the app's
// screens are made of: containers, scroll containers, the selected tab,
// pop-ups, forms and the app's radio groups. (Fyne's own widgets keep
// their parts to themselves.)
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch o := o.(type) {
	case *fyne.Container:
		for _, c := range o.Objects {
			walk(c, f)
		}
	case *container.Scroll:
		walk(o.Content, f)
	case *container.AppTabs:
		if t := o.Selected(); t != nil {
			walk(t.Content, f)
		}
	case *widget.PopUp:
		walk(o.Content, f)
	case *widget.Form:
		for _, it := range o.Items {
			walk(it.Widget, f)
		}
	case *radioGroup:
		for _, it := range o.items {
			walk(it, f)
		}
	}
}

// focusID names a focused control well enough to find its copy when its
// screen is rebuilt (Settings rebuilds itself when a theme is chosen); ""
// for a control that cannot be found again.
func focusID(o fyne.CanvasObject) string {
	switch o := o.(type) {
	case *button:
		return "button\x00" + o.Text
	case *entry:
		return "entry\x00" + o.PlaceHolder
	case *radioOption:
		return "radio\x00" + strings.Join(o.group.Options, "\x00") + "\x00" + o.label
	}
	return ""
}

// refocus gives the focus to the control in content that focusID names.
func refocus(c fyne.Canvas, id string) {
	var found fyne.Focusable
	walk(c.Content(), func(o fyne.CanvasObject) {
		if f, ok := o.(fyne.Focusable); ok && found == nil && focusID(o) == id {
			found = f
		}
	})
	if found != nil {
		c.Focus(found)
	}
}

// reveal scrolls the innermost scroll container holding o, if any, so that
// all of o is in view with a margin: a control that Tab focused off screen
// comes into view.
func reveal(o fyne.CanvasObject) {
	c := canvasOf(o)
	if c == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	pos, size := d.AbsolutePositionForObject(o), o.Size()
	var in *container.Scroll
	var top float32 // o's top within in's content
	roots := append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...)
	for _, root := range roots {
		eachScroll(root, func(s *container.Scroll) {
			cp, cs := d.AbsolutePositionForObject(s.Content), s.Content.Size()
			inside := pos.Y >= cp.Y-1 && pos.Y+size.Height <= cp.Y+cs.Height+1 &&
				pos.X >= cp.X-1 && pos.X+size.Width <= cp.X+cs.Width+1
			if inside && (in == nil || cs.Height < in.Content.Size().Height) {
				in, top = s, pos.Y-cp.Y
			}
		})
	}
	if in == nil {
		return
	}
	margin := theme.Padding() * 3
	view := in.Size().Height
	switch y := in.Offset.Y; {
	case top-margin < y || size.Height+2*margin > view:
		scrollToY(in, top-margin)
	case top+size.Height+margin > y+view:
		scrollToY(in, top+size.Height+margin-view)
	}
}
