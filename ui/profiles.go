package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/layout"
	"github.com/twohats/twohats/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/session"
)

// NormaliseJoinCode tidies a typed workshop code ("7tv-bxj " → "7TVBXJ") and
// checks it. Codes are made on the facilitator's machine, so a
// participant's own machine cannot look them up; the code's check character
// catches a mistyped or swapped character all the same.
func NormaliseJoinCode(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	code := game.NormalizeCode(s)
	if !game.ValidCode(code) {
		return "", fmt.Errorf("%q is not a workshop code: a code has %d letters and digits, and its last one checks the others; check the code your facilitator gave you", strings.TrimSpace(s), game.CodeLength)
	}
	return code, nil
}

// profileForm is the name + optional workshop code form used on first run
// and when adding a player; with focus, what is typed on the screen goes
// into the name field, which takes the keyboard focus at the first key.
func (u *App) profileForm(submitLabel string, focus bool, done func(game.Profile)) fyne.CanvasObject {
	name := newEntry()
	name.SetPlaceHolder("Your name, as your facilitator will see it")
	code := newEntry()
	code.SetPlaceHolder("Optional, e.g. 9G9G24")
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	var submit *button
	submit = newButton(submitLabel, func() {
		ws, err := NormaliseJoinCode(code.Text)
		if err != nil {
			msg.SetText(sentence(err))
			msg.Show()
			return
		}
		submit.Disable()
		var p game.Profile
		u.async(func() {
			// the one join policy: a workshop this computer knows must be open
			if ws != "" {
				if _, _, err = session.CheckJoin(u.deps.Store, ws); err != nil {
					return
				}
			}
			p, err = u.deps.Store.CreateProfile(name.Text, ws)
		}, func() {
			submit.Enable()
			if err != nil {
				msg.SetText(sentence(err))
				msg.Show()
				return
			}
			done(p)
		})
	})
	submit.Importance = widget.HighImportance
	// Enter in either field submits, but never while a submission runs
	// (OnTapped itself does not check Disabled)
	submitOnce := func(string) {
		if !submit.Disabled() {
			submit.OnTapped()
		}
	}
	name.OnSubmitted = submitOnce
	code.OnSubmitted = submitOnce
	form := widget.NewForm(
		widget.NewFormItem("Name", name),
		widget.NewFormItem("Workshop code", code),
	)
	if focus {
		u.typeInto = name
	}
	return container.NewVBox(form, msg, container.NewHBox(submit))
}

// sentence turns an error into a user-facing sentence.
func sentence(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, game.ErrBadName.Error()+": ")
	if s == "" {
		return s
	}
	s = upperFirst(s)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

func (u *App) showWelcome() {
	intro := para("Every moment at work calls for one of two hats. The manager hat stabilises: plans, owners, dates, tracking. " +
		"The leader hat re-energises: purpose, trust, coaching, room to act. In each scenario you first read what the moment " +
		"calls for, then act, and the game tells you whether your move fit and why.")
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))
	icon.ScaleMode = canvas.ImageScaleFastest
	objs := []fyne.CanvasObject{
		container.NewBorder(nil, nil, icon, nil, container.NewVBox(layout.NewSpacer(), heading("Welcome to Two Hats"), layout.NewSpacer())),
		intro,
		flatSection(container.NewVBox(
			subheading("Who is playing?"),
			muted("Your progress is saved on this computer under this name. If you are in a workshop, add the code your facilitator gave you."),
			u.profileForm("Start playing", true, func(p game.Profile) {
				u.setProfile(p)
				u.showHome()
			}),
		)),
	}
	if u.deps.Facilitator != nil {
		// a facilitator needs no player profile to run a workshop
		run := newButtonWithIcon("I'm running a workshop", theme.AccountIcon(), func() {
			u.deps.Prefs.SetString(prefStartIn, "facilitator")
			u.showFacilitator()
		})
		objs = append(objs, flatSection(container.NewVBox(
			subheading("Running a workshop?"),
			muted("Go straight to the Facilitator area to create a workshop, import your participants' results and show the room on the projector. You need no player profile for that; Two Hats opens there next time."),
			container.NewHBox(run),
		)))
	}
	u.show("welcome", page(objs...), false)
}

// flatSection is a page section without a card: a rule above it. The
// welcome screen uses it because its name field blinks a cursor while the
// player types, and under software rendering every blink repaints the whole
// window, cards and all (bench/idle-cpu.sh, the typing screen).
func flatSection(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), container.NewPadded(content))
}

func (u *App) showProfiles() {
	var profiles []game.Profile
	u.loading("profiles", func() (err error) {
		profiles, err = u.deps.Store.Profiles(false)
		return err
	}, func() fyne.CanvasObject { return u.profilesBody(profiles) })
}

func (u *App) profilesBody(profiles []game.Profile) fyne.CanvasObject {
	list := container.NewVBox()
	for _, p := range profiles {
		p := p
		label := p.Name
		if p.Workshop != "" {
			label += "  ·  workshop " + p.Workshop
		}
		var action fyne.CanvasObject
		if u.profile != nil && p.ID == u.profile.ID {
			// who is playing is a fact, not a greyed-out button
			action = playingNow()
		} else {
			action = newButton("Play as "+ellipsize(p.Name, 40), func() {
				u.setProfile(p)
				u.showHome()
			})
		}
		row := container.NewBorder(nil, nil, nil, container.NewCenter(action), para(label))
		list.Add(row)
		list.Add(widget.NewSeparator())
	}
	join := newEntry()
	join.SetPlaceHolder("Workshop code")
	joinMsg := widget.NewLabel("")
	joinMsg.Wrapping = fyne.TextWrapWord
	joinMsg.Hide() // an empty label would leave a gap under the field
	var joinBtn *button
	joinBtn = newButton("Join workshop", func() {
		code, err := NormaliseJoinCode(join.Text)
		if err == nil && code == "" {
			err = errors.New("type the workshop code your facilitator gave you")
		}
		if err != nil {
			joinMsg.Importance = widget.DangerImportance
			joinMsg.SetText(sentence(err))
			joinMsg.Show()
			return
		}
		prof := u.profile
		id := prof.ID
		joinBtn.Disable()
		var w game.Workshop
		var known bool
		u.async(func() { w, known, err = session.Join(u.deps.Store, id, code) }, func() {
			joinBtn.Enable()
			joinMsg.Show()
			if err != nil {
				joinMsg.Importance = widget.DangerImportance
				joinMsg.SetText(sentence(err))
				return
			}
			prof.Workshop = w.Code
			joinMsg.Importance = widget.SuccessImportance
			if known {
				joinMsg.SetText(fmt.Sprintf("Joined the workshop %q (%s). Your next attempts are tagged with it.", w.Name, w.Code))
			} else {
				joinMsg.SetText(fmt.Sprintf("Joined workshop %s. Your next attempts are tagged with it.", w.Code))
			}
		})
	})
	var joinBox fyne.CanvasObject = container.NewVBox()
	if u.profile != nil {
		current := "You are not in a workshop."
		if u.profile.Workshop != "" {
			current = "You are in workshop " + u.profile.Workshop + "."
		}
		joinBox = u.panel(container.NewVBox(subheading("Workshop"), muted(current),
			container.NewBorder(nil, nil, nil, joinBtn, join), joinMsg))
	}
	return page(
		heading("Players on this computer"),
		u.panel(list),
		joinBox,
		u.panel(container.NewVBox(subheading("Add a player"), u.profileForm("Add and play", false, func(p game.Profile) {
			u.setProfile(p)
			u.showHome()
		}))),
	)
}

// playingNow marks the profile in play, in full-contrast primary text with
// a tick.
func playingNow() fyne.CanvasObject {
	l := widget.NewLabelWithStyle("Playing now", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.HighImportance
	return container.NewHBox(widget.NewIcon(theme.NewPrimaryThemedResource(theme.ConfirmIcon())), l)
}
