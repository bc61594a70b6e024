package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
)

// NormaliseJoinCode tidies a typed workshop code ("ab3-kx9 " → "AB3KX9") and
// checks its shape. Codes are made on the facilitator's machine, so a
// participant's own machine cannot look them up; only the shape is checked.
func NormaliseJoinCode(s string) (string, error) {
	code := strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)))
	if code == "" {
		return "", nil
	}
	if len(code) < 4 || len(code) > 8 {
		return "", errors.New("a workshop code has 4 to 8 letters and digits; check the code your facilitator gave you")
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", errors.New("a workshop code has only letters and digits; check the code your facilitator gave you")
		}
	}
	return code, nil
}

// profileForm is the name + optional workshop code form used on first run
// and when adding a player.
func (u *App) profileForm(submitLabel string, done func(game.Profile)) fyne.CanvasObject {
	name := widget.NewEntry()
	name.SetPlaceHolder("Your name, as your facilitator will see it")
	code := widget.NewEntry()
	code.SetPlaceHolder("Optional, e.g. K7M4PX")
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	var submit *widget.Button
	submit = widget.NewButton(submitLabel, func() {
		ws, err := NormaliseJoinCode(code.Text)
		if err != nil {
			msg.SetText(sentence(err))
			msg.Show()
			return
		}
		submit.Disable()
		var p game.Profile
		u.async(func() {
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
	name.OnSubmitted = func(string) { submit.OnTapped() }
	code.OnSubmitted = func(string) { submit.OnTapped() }
	form := widget.NewForm(
		widget.NewFormItem("Name", name),
		widget.NewFormItem("Workshop code", code),
	)
	u.focus = name
	return container.NewVBox(form, msg, container.NewHBox(submit))
}

// sentence turns an error into a user-facing sentence.
func sentence(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, game.ErrBadName.Error()+": ")
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func (u *App) showWelcome() {
	intro := para("Every moment at work calls for one of two hats. The manager hat stabilises: plans, owners, dates, tracking. " +
		"The leader hat re-energises: purpose, trust, coaching, room to act. In each scenario you first read what the moment " +
		"calls for, then act, and the game tells you whether your move fit and why.")
	body := page(
		heading("Welcome to Two Hats"),
		intro,
		u.panel(container.NewVBox(
			subheading("Who is playing?"),
			muted("Your progress is saved on this computer under this name. If you are in a workshop, add the code your facilitator gave you."),
			u.profileForm("Start playing", func(p game.Profile) {
				u.setProfile(p)
				u.showHome()
			}),
		)),
	)
	u.show("welcome", body, false)
}

func (u *App) showProfiles() {
	profiles, err := u.deps.Store.Profiles(false)
	if err != nil {
		u.showError("Two Hats could not read the profiles", err)
		return
	}
	list := container.NewVBox()
	for _, p := range profiles {
		p := p
		label := p.Name
		if p.Workshop != "" {
			label += "  ·  workshop " + p.Workshop
		}
		b := widget.NewButton("Play as "+ellipsize(p.Name, 40), func() {
			u.setProfile(p)
			u.showHome()
		})
		if u.profile != nil && p.ID == u.profile.ID {
			b.SetText("Playing now")
			b.Disable()
		}
		row := container.NewBorder(nil, nil, nil, b, para(label))
		list.Add(row)
		list.Add(widget.NewSeparator())
	}
	join := widget.NewEntry()
	join.SetPlaceHolder("Workshop code")
	joinMsg := widget.NewLabel("")
	joinMsg.Wrapping = fyne.TextWrapWord
	joinBtn := widget.NewButton("Join workshop", func() {
		code, err := NormaliseJoinCode(join.Text)
		if err == nil && code == "" {
			err = errors.New("type the workshop code your facilitator gave you")
		}
		if err != nil {
			joinMsg.Importance = widget.DangerImportance
			joinMsg.SetText(sentence(err))
			return
		}
		if err := u.deps.Store.SetProfileWorkshop(u.profile.ID, code); err != nil {
			joinMsg.Importance = widget.DangerImportance
			joinMsg.SetText(sentence(err))
			return
		}
		u.profile.Workshop = code
		joinMsg.Importance = widget.SuccessImportance
		joinMsg.SetText(fmt.Sprintf("Joined workshop %s. Your next attempts are tagged with it.", code))
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
	body := page(
		heading("Players on this computer"),
		u.panel(list),
		joinBox,
		u.panel(container.NewVBox(subheading("Add a player"), u.profileForm("Add and play", func(p game.Profile) {
			u.setProfile(p)
			u.showHome()
		}))),
	)
	u.show("profiles", body, true)
}
