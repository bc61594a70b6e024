package scenarios

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/twohats/twohats/game"
)

// Content lint limits: the standards the shipped library is held to.
const (
	MinSceneWords       = 60
	MaxSceneWords       = 400
	MaxChoiceWords      = 40
	MaxFeedbackSentence = 3
	MinMoments          = 6
	MinEndings          = 2
	TellLimitScenario   = 0.40
	TellLimitLibrary    = 0.35
	MinCallsForShare    = 0.25
)

// Lint checks one valid scenario against the content standards. Each
// finding reads like a validation problem.
func Lint(sc *game.Scenario) Problems {
	var ps Problems
	add := func(pos game.Pos, format string, args ...any) {
		ps = append(ps, Problem{Path: sc.Path, Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	poor, branchOnState := false, false
	for _, s := range sc.Scenes {
		if w := Words(s.Text); w < MinSceneWords || w > MaxSceneWords {
			add(s.Pos, "scene %q has %s of text; write %d to %d.", s.ID, game.Count(w, "word"), MinSceneWords, MaxSceneWords)
		}
		if s.Ending && strings.TrimSpace(s.Away) == "" {
			add(s.Pos, "ending %q has no away test.", s.ID)
		}
		if len(s.Next) > 1 {
			branchOnState = true
		}
		if !s.IsMoment() {
			continue
		}
		fits, wrongHat := false, false
		for _, c := range s.Choices {
			if game.ChoiceFit(s.CallsFor, c) == 100 {
				fits = true
			}
			if c.Hat != s.CallsFor {
				wrongHat = true
			}
			if c.Craft == game.Poor {
				poor = true
			}
			if len(c.Next) > 1 {
				branchOnState = true
			}
			if w := Words(c.Text); w > MaxChoiceWords {
				add(c.Pos, "choice %q has %d words; keep a choice to %d words.", c.ID, w, MaxChoiceWords)
			}
			if n := len(Sentences(c.Feedback)); n < 1 || n > MaxFeedbackSentence {
				add(c.Pos, "the feedback of choice %q has %d sentences; write 1 to %d.", c.ID, n, MaxFeedbackSentence)
			}
			if !namesHat(c.Feedback) {
				add(c.Pos, "the feedback of choice %q does not name the hat; say which hat the move was (\"the manager hat\", \"the leader hat\", \"both hats\", \"no hat\").", c.ID)
			}
		}
		if !fits {
			add(s.Pos, "moment %q has no choice that fits it fully.", s.ID)
		}
		if !wrongHat {
			add(s.Pos, "moment %q has no choice in another hat than %s; add an attractive wrong-hat choice.", s.ID, s.CallsFor)
		}
	}
	top := game.Pos{Line: 1, Col: 1}
	if n := LongestMoments(sc); n < MinMoments {
		add(top, "the longest path has %s; a scenario needs at least %d.", game.Count(n, "moment"), MinMoments)
	}
	if n := len(sc.Endings()); n < MinEndings {
		add(top, "the scenario has %s; it needs at least %d.", game.Count(n, "ending"), MinEndings)
	}
	if !branchOnState {
		add(top, "no branch depends on a meter or a flag; add a `next:` list with an `if:`.")
	}
	if !poor {
		add(top, "no choice has craft: poor; add the right kind of move done badly.")
	}
	tells, moments := LengthTells(sc)
	if moments > 0 && float64(tells)/float64(moments) > TellLimitScenario {
		add(top, "the fully fitting choice is the longest in %d of %d moments (%.1f%%); at most %.0f%% may be, or length gives the answer away.",
			tells, moments, 100*float64(tells)/float64(moments), 100*TellLimitScenario)
	}
	if short := ShortTells(sc); moments > 0 && float64(short)/float64(moments) > TellLimitScenario {
		add(top, "the fully fitting choice is the shortest in %d of %d moments (%.1f%%); at most %.0f%% may be, or the plain short option gives the answer away.",
			short, moments, 100*float64(short)/float64(moments), 100*TellLimitScenario)
	}
	return append(ps, lintJudgement(sc)...)
}

// LintLibrary checks the rules that hold across a whole library.
func LintLibrary(where string, lib []*game.Scenario) Problems {
	var ps Problems
	tells, short, moments := 0, 0, 0
	count := map[game.Hat]int{}
	for _, sc := range lib {
		t, m := LengthTells(sc)
		tells += t
		short += ShortTells(sc)
		moments += m
		for _, s := range sc.Moments() {
			count[s.CallsFor]++
		}
	}
	if moments == 0 {
		return nil
	}
	if share := float64(tells) / float64(moments); share > TellLimitLibrary {
		ps = append(ps, Problem{Path: where, Msg: fmt.Sprintf("across the library the fully fitting choice is the longest in %d of %d moments (%.1f%%); at most %.0f%% may be.", tells, moments, 100*share, 100*TellLimitLibrary)})
	}
	if share := float64(short) / float64(moments); share > TellLimitLibrary {
		ps = append(ps, Problem{Path: where, Msg: fmt.Sprintf("across the library the fully fitting choice is the shortest in %d of %d moments (%.1f%%); at most %.0f%% may be.", short, moments, 100*share, 100*TellLimitLibrary)})
	}
	for _, h := range []game.Hat{game.Manage, game.Lead, game.Both} {
		if share := float64(count[h]) / float64(moments); share < MinCallsForShare {
			ps = append(ps, Problem{Path: where, Msg: fmt.Sprintf("only %d of %d moments (%.0f%%) call for %s; each of manage, lead and both should be at least %.0f%%.", count[h], moments, 100*share, h, 100*MinCallsForShare)})
		}
	}
	return append(ps, lintTells(where, lib)...)
}

// LengthTells counts the moments whose fully fitting choice is the longest
// (ties included), out of all moments.
func LengthTells(sc *game.Scenario) (tells, moments int) {
	for _, s := range sc.Moments() {
		moments++
		longest := 0
		for _, c := range s.Choices {
			if n := utf8.RuneCountInString(c.Text); n > longest {
				longest = n
			}
		}
		for _, c := range s.Choices {
			if game.ChoiceFit(s.CallsFor, c) == 100 && utf8.RuneCountInString(c.Text) == longest {
				tells++
				break
			}
		}
	}
	return tells, moments
}

// ShortTells counts the moments whose fully fitting choice is the
// shortest (ties included): the reverse tell, where the plain short option
// is always right.
func ShortTells(sc *game.Scenario) int {
	n := 0
	for _, s := range sc.Moments() {
		shortest := -1
		for _, c := range s.Choices {
			if l := utf8.RuneCountInString(c.Text); shortest < 0 || l < shortest {
				shortest = l
			}
		}
		for _, c := range s.Choices {
			if game.ChoiceFit(s.CallsFor, c) == 100 && utf8.RuneCountInString(c.Text) == shortest {
				n++
				break
			}
		}
	}
	return n
}

// LongestMoments is the most moments on any path from start to an ending
// that visits no scene twice.
func LongestMoments(sc *game.Scenario) int {
	onPath := map[string]bool{}
	budget := 200000
	var walk func(id string) int
	walk = func(id string) int {
		s := sc.Scene(id)
		if s == nil || onPath[id] || budget <= 0 {
			return 0
		}
		budget--
		onPath[id] = true
		best := 0
		for _, t := range Successors(s) {
			if n := walk(t); n > best {
				best = n
			}
		}
		onPath[id] = false
		if s.IsMoment() {
			best++
		}
		return best
	}
	return walk(sc.Start)
}

// Words counts words in prose, ignoring Markdown punctuation.
func Words(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '*' || r == '_' || r == '#' || r == '>' || r == '—' || r == '–'
	}))
}

// Sentences splits prose into sentences at ., ! and ? followed by a space
// or the end, keeping closing quotes with their sentence.
func Sentences(s string) []string {
	var out []string
	var cur strings.Builder
	rs := []rune(strings.TrimSpace(s))
	for i := 0; i < len(rs); i++ {
		cur.WriteRune(rs[i])
		if rs[i] != '.' && rs[i] != '!' && rs[i] != '?' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("\"'”’)", rs[j]) {
			cur.WriteRune(rs[j])
			j++
		}
		if j == len(rs) || unicode.IsSpace(rs[j]) {
			if t := strings.TrimSpace(cur.String()); t != "" {
				out = append(out, t)
			}
			cur.Reset()
		}
		i = j - 1
	}
	if t := strings.TrimSpace(cur.String()); t != "" {
		out = append(out, t)
	}
	return out
}

func namesHat(feedback string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(feedback), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if w == "hat" || w == "hats" {
			return true
		}
	}
	return false
}

// CopiedSentences finds sentences of the scenario's prose that repeat a
// sentence of the source texts (compared without case, punctuation or
// spacing; sentences under six words are ignored as too common).
func CopiedSentences(sc *game.Scenario, sources map[string]string) Problems {
	names := make([]string, 0, len(sources))
	for name := range sources {
		names = append(names, name)
	}
	sort.Strings(names)
	seen := map[string]string{}
	for _, name := range names {
		for _, s := range Sentences(sources[name]) {
			if k := normSentence(s); k != "" {
				if _, dup := seen[k]; !dup {
					seen[k] = name
				}
			}
		}
	}
	var ps Problems
	check := func(pos game.Pos, where string, texts ...string) {
		for _, text := range texts {
			for _, s := range Sentences(text) {
				if src, ok := seen[normSentence(s)]; ok && normSentence(s) != "" {
					ps = append(ps, Problem{Path: sc.Path, Pos: pos, Msg: fmt.Sprintf("%s repeats a sentence of the source material %s: %q; write it in your own words.", where, src, strings.Join(strings.Fields(s), " "))})
				}
			}
		}
	}
	for _, s := range sc.Scenes {
		check(s.Pos, fmt.Sprintf("scene %q", s.ID), s.Text, s.Why, s.Away)
		for _, c := range s.Choices {
			check(c.Pos, fmt.Sprintf("choice %q", c.ID), c.Text, c.Feedback)
		}
	}
	return ps
}

func normSentence(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) < 6 {
		return ""
	}
	return strings.Join(words, " ")
}
