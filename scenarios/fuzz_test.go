package scenarios_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

// recovered is how Parse words a panic it caught; seeing it means Parse
// would have panicked.
const recovered = "the file could not be read as YAML ("

// FuzzParse checks that Parse never panics, that it returns a scenario
// exactly when it returns no problem, and that a scenario it accepts keeps
// the promises the engine relies on.
func FuzzParse(f *testing.F) {
	f.Add(readMini(f))
	for _, pattern := range []string{"testdata/invalid/*.yaml", "testdata/lint/*.yaml"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{"", "format: 1\n", "- a\n- b\n", "a: [\n", "{}", "~", "scenes: [{id: x, next: [{if: '(', goto: x}]}]\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "fuzz.yaml"
		sc, probs := scenarios.Parse(path, data)
		for _, p := range probs {
			if strings.Contains(p.Msg, recovered) {
				t.Fatalf("Parse panicked: %s", p)
			}
		}
		if sc == nil && len(probs) == 0 {
			t.Fatal("nil scenario and no problem")
		}
		if sc != nil && len(probs) > 0 {
			t.Fatalf("a scenario and %d problems:\n%s", len(probs), probs.Error())
		}
		for i, p := range probs {
			if p.Path != path {
				t.Errorf("problem path %q", p.Path)
			}
			if p.Msg == "" || !strings.HasSuffix(p.Msg, ".") {
				t.Errorf("problem message is not a sentence: %q", p.Msg)
			}
			if p.Pos.Line < 0 || p.Pos.Col < 0 || (p.Pos.Line == 0) != (p.Pos.Col == 0) {
				t.Errorf("bad position %v in %s", p.Pos, p)
			}
			if i > 0 {
				q := probs[i-1]
				if q.Pos.Line > p.Pos.Line || q.Pos.Line == p.Pos.Line && q.Pos.Col > p.Pos.Col {
					t.Errorf("problems out of order: %s before %s", q, p)
				}
			}
		}
		sc2, probs2 := scenarios.Parse(path, data)
		if (sc2 == nil) != (sc == nil) || probs.Error() != probs2.Error() {
			t.Fatalf("Parse is not deterministic:\n%s\n--\n%s", probs.Error(), probs2.Error())
		}
		if sc != nil {
			checkValid(t, sc)
		}
	})
}

// checkValid asserts what an accepted scenario promises the engine.
func checkValid(t *testing.T, sc *game.Scenario) {
	t.Helper()
	if sc.Format != game.Format || sc.ID == "" || sc.Title == "" || sc.Minutes < 1 || sc.Minutes > 240 || len(sc.Hash) != 64 {
		t.Errorf("header: %+v", sc)
	}
	for _, m := range game.Meters {
		if v, ok := sc.Meters[m]; !ok || v < 0 || v > 100 {
			t.Errorf("meter %s = %d, %v", m, v, ok)
		}
	}
	if sc.Scene(sc.Start) == nil {
		t.Fatalf("start %q is not a scene", sc.Start)
	}
	checkNext := func(where string, next game.Next) {
		if len(next) == 0 {
			t.Errorf("%s: empty next", where)
			return
		}
		for i, b := range next {
			if sc.Scene(b.Goto) == nil {
				t.Errorf("%s: goto %q is not a scene", where, b.Goto)
			}
			if last := i == len(next)-1; last != (b.If == nil) {
				t.Errorf("%s: branch %d: condition %v, last %v", where, i, b.If, last)
			}
		}
	}
	ids := map[string]bool{}
	for _, s := range sc.Scenes {
		if ids[s.ID] {
			t.Errorf("scene id %q twice", s.ID)
		}
		ids[s.ID] = true
		switch {
		case s.Ending:
			if len(s.Choices) > 0 || len(s.Next) > 0 || s.Away == "" || s.Title == "" {
				t.Errorf("ending %q: %+v", s.ID, s)
			}
		case s.IsMoment():
			if n := len(s.Choices); n < 2 || n > 5 {
				t.Errorf("moment %q has %d choices", s.ID, n)
			}
			if s.CallsFor != game.Manage && s.CallsFor != game.Lead && s.CallsFor != game.Both {
				t.Errorf("moment %q calls for %q", s.ID, s.CallsFor)
			}
			fits := false
			for _, c := range s.Choices {
				if f := game.ChoiceFit(s.CallsFor, c); f == 100 {
					fits = true
				} else if f < 0 || f > 100 {
					t.Errorf("choice %q fit %d", c.ID, f)
				}
				for m, v := range c.Effects {
					if !game.IsMeter(m) || v < -100 || v > 100 {
						t.Errorf("choice %q effect %s %d", c.ID, m, v)
					}
				}
				checkNext("choice "+c.ID, c.Next)
			}
			if !fits {
				t.Errorf("moment %q has no fully fitting choice", s.ID)
			}
		default:
			checkNext("beat "+s.ID, s.Next)
		}
	}
	// every scene is reachable and can reach an ending
	reach := map[string]bool{}
	var walk func(id string)
	walk = func(id string) {
		if reach[id] {
			return
		}
		reach[id] = true
		for _, n := range scenarios.Successors(sc.Scene(id)) {
			walk(n)
		}
	}
	walk(sc.Start)
	for _, s := range sc.Scenes {
		if !reach[s.ID] {
			t.Errorf("scene %q unreachable", s.ID)
		}
		if !endsFrom(sc, s.ID, map[string]bool{}) {
			t.Errorf("no ending can be reached from scene %q", s.ID)
		}
	}
	// the content tools must cope with anything the validator accepts
	scenarios.Lint(sc)
	scenarios.LintLibrary("lib", []*game.Scenario{sc})
	scenarios.CopiedSentences(sc, map[string]string{"src": sc.Summary})
	if n := scenarios.LongestMoments(sc); n < 1 {
		t.Errorf("LongestMoments = %d", n)
	}
}

func endsFrom(sc *game.Scenario, id string, seen map[string]bool) bool {
	s := sc.Scene(id)
	if s == nil || seen[id] {
		return false
	}
	if s.Ending {
		return true
	}
	seen[id] = true
	for _, n := range scenarios.Successors(s) {
		if endsFrom(sc, n, seen) {
			return true
		}
	}
	return false
}
