package export

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/twohats/twohats/game"
)

// sceneName turns a scene id into a heading a person reads: "the-call" →
// "The call". Ids are lower-kebab-case, so the casing of their words is
// lost; each word takes back the casing the scenario's own prose gives it
// in mid-sentence ("the-8d" → "The 8D", "vasco-resigns" → "Vasco
// resigns"). A word the prose does not settle that mixes digits and
// letters is a code and is upper-cased ("q3" → "Q3"), except ordinals and
// times ("3rd", "2am"). sc may be nil (a scenario this machine lacks).
func sceneName(sc *game.Scenario, id string) string {
	words := strings.Split(id, "-")
	cases := proseCasing(sc)
	for i, w := range words {
		if c, ok := cases[w]; ok {
			words[i] = c
		} else if isCode(w) {
			words[i] = strings.ToUpper(w)
		}
	}
	s := strings.Join(words, " ")
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// isCode reports whether a word of an id mixes digits and letters and is
// not an ordinal or a time of day.
func isCode(w string) bool {
	digits, letters := false, false
	for _, r := range w {
		digits = digits || unicode.IsDigit(r)
		letters = letters || unicode.IsLetter(r)
	}
	if !digits || !letters {
		return false
	}
	for _, suffix := range []string{"st", "nd", "rd", "th", "am", "pm", "s"} {
		if rest, ok := strings.CutSuffix(w, suffix); ok && strings.Trim(rest, "0123456789") == "" {
			return false
		}
	}
	return true
}

// casings caches proseCasing per scenario.
var casings sync.Map // *game.Scenario → map[string]string

// proseCasing maps a lower-case word to the one spelling the scenario's
// prose gives it in mid-sentence, when that spelling is not lower case
// ("8d" → "8D"); words the prose spells two ways, or only in lower case,
// are left out.
func proseCasing(sc *game.Scenario) map[string]string {
	if sc == nil {
		return nil
	}
	if m, ok := casings.Load(sc); ok {
		return m.(map[string]string)
	}
	spellings := map[string]map[string]bool{}
	add := func(text string) {
		initial := true // at the start of a sentence
		word := strings.Builder{}
		flush := func() {
			if word.Len() == 0 {
				return
			}
			w := word.String()
			word.Reset()
			if initial {
				initial = false
				return
			}
			low := strings.ToLower(w)
			if spellings[low] == nil {
				spellings[low] = map[string]bool{}
			}
			spellings[low][w] = true
		}
		for _, r := range text {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				word.WriteRune(r)
				continue
			}
			flush()
			switch r {
			case '.', '!', '?', '"', '“', ':':
				initial = true
			}
		}
		flush()
	}
	add(sc.Summary)
	for _, s := range sc.Scenes {
		add(s.Text)
		add(s.Why)
		add(s.Title)
		add(s.Away)
		for _, c := range s.Choices {
			add(c.Text)
			add(c.Feedback)
		}
	}
	m := map[string]string{}
	for low, ws := range spellings {
		if len(ws) != 1 {
			continue
		}
		for w := range ws {
			if w != low {
				m[low] = w
			}
		}
	}
	casings.Store(sc, m)
	return m
}
