package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func (u *App) showSettings() {
	themeSel := newRadioGroup([]string{"System", "Light", "Dark"}, nil)
	themeSel.Horizontal = true
	themeSel.SetSelected(map[string]string{ThemeSystem: "System", ThemeLight: "Light", ThemeDark: "Dark"}[u.theme.variant])
	themeSel.OnChanged = func(s string) {
		v := map[string]string{"System": ThemeSystem, "Light": ThemeLight, "Dark": ThemeDark}[s]
		if v == "" || v == u.theme.variant {
			return
		}
		u.setTheme(v, u.theme.scale)
	}

	labels := make([]string, len(textSizes))
	current := "Normal"
	for i, t := range textSizes {
		labels[i] = t.Label
		if t.Scale == u.theme.scale {
			current = t.Label
		}
	}
	sizeSel := newRadioGroup(labels, nil)
	sizeSel.Horizontal = true
	sizeSel.SetSelected(current)
	sizeSel.OnChanged = func(s string) {
		for _, t := range textSizes {
			if t.Label == s && t.Scale != u.theme.scale {
				u.setTheme(u.theme.variant, t.Scale)
			}
		}
	}

	scenariosDir := filepath.Join(u.deps.DataDir, "scenarios")
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide() // an empty label would leave a gap under the buttons
	open := func(dir string) func() {
		return func() {
			if u.deps.OpenFolder == nil {
				return
			}
			if err := u.deps.OpenFolder(dir); err != nil {
				msg.Importance = widget.DangerImportance
				msg.SetText(sentence(err))
				msg.Show()
			}
		}
	}
	var reload *button
	reload = newButtonWithIcon("Reload scenarios", theme.ViewRefreshIcon(), func() {
		// reading and checking every file is slow work: reloadLibrary keeps it off the UI goroutine
		reload.Disable()
		u.reloadLibrary(func() {
			reload.Enable()
			count := libraryCount(u.lib)
			msg.Importance = count.Importance
			msg.TextStyle = count.TextStyle
			text := "Loaded: " + count.Text + "."
			if len(u.lib.Failed) > 0 {
				text += " The Scenarios page says what to fix."
			} else {
				msg.Importance = widget.SuccessImportance
			}
			msg.SetText(text)
			msg.Show()
		})
	})
	body := page(
		heading("Settings"),
		u.panel(container.NewVBox(subheading("Appearance"),
			widget.NewForm(widget.NewFormItem("Theme", themeSel), widget.NewFormItem("Text size", sizeSel)))),
		u.feedbackTimingSettings(),
		u.panel(container.NewVBox(subheading("Your data"),
			muted("Your progress is kept in one file in this folder, with automatic backups of the last five starts beside it. To use another folder, start Two Hats with --data FOLDER."),
			selectable(u.deps.DataDir),
			container.NewHBox(newButtonWithIcon("Open data folder", theme.FolderOpenIcon(), open(u.deps.DataDir))))),
		u.panel(container.NewVBox(subheading("Your own scenarios"),
			muted("Put scenario files (.yaml) in this folder and reload. The authoring guide explains the format; in a terminal, 'twohats validate --strict FILE' checks a file."),
			selectable(scenariosDir),
			container.NewHBox(newButtonWithIcon("Open scenarios folder", theme.FolderOpenIcon(), open(scenariosDir)), reload),
			msg)),
		u.panel(container.NewVBox(subheading("Keyboard"),
			para("1 to 9: pick a reading or an action.  Enter: continue, or on Home pick up where you left off.  Escape: pause, with save and leave.  Tab and Shift+Tab: move between buttons; Space or Enter presses the one with the ring.  Arrows, Page Up, Page Down, Home and End: scroll."))),
	)
	u.show("settings", body, true)
}

// setTheme applies and remembers a theme variant and text size.
func (u *App) setTheme(variant string, scale float32) {
	u.theme = &appTheme{variant: variant, scale: scale}
	u.deps.Prefs.SetString(prefTheme, variant)
	u.deps.Prefs.SetFloat(prefTextSize, float64(scale))
	u.fyne.Settings().SetTheme(u.theme)
	u.showSettings() // rebuild so the chosen options show as chosen; colours follow by themselves
}

// selectable is text the player can select and copy, such as a path.
func selectable(s string) fyne.CanvasObject {
	l := widget.NewLabel(s)
	l.Selectable = true
	l.Wrapping = fyne.TextWrapBreak
	return l
}
