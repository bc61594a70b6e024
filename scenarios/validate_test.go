package scenarios_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

const miniPath = "../game/testdata/mini.yaml"

func readMini(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(miniPath)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func strs(ps scenarios.Problems) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func diffProblems(t *testing.T, got, want []string) {
	t.Helper()
	if sameStrings(got, want) {
		return
	}
	t.Errorf("problems differ\n got (%d):\n\t%s\nwant (%d):\n\t%s",
		len(got), strings.Join(got, "\n\t"), len(want), strings.Join(want, "\n\t"))
}

// TestMiniIsValid guards the base every file in testdata/invalid was copied
// from: if mini.yaml stops being valid, the invalid files prove nothing.
func TestMiniIsValid(t *testing.T) {
	data := readMini(t)
	sc, probs := scenarios.Parse("mini.yaml", data)
	if len(probs) > 0 || sc == nil {
		t.Fatalf("mini.yaml: want valid, got %v problems:\n%s", len(probs), probs.Error())
	}
	sum := sha256.Sum256(data)
	if sc.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("Hash = %q, want the hex SHA-256 of the bytes", sc.Hash)
	}
	if sc.Path != "mini.yaml" || sc.ID != "mini" || sc.Format != 1 || sc.Start != "intro" || sc.Minutes != 3 {
		t.Errorf("header fields: path %q id %q format %d start %q minutes %d", sc.Path, sc.ID, sc.Format, sc.Start, sc.Minutes)
	}
	if want := map[string]int{"stability": 40, "morale": 95, "trust": 50}; len(sc.Meters) != 3 ||
		sc.Meters["stability"] != want["stability"] || sc.Meters["morale"] != want["morale"] || sc.Meters["trust"] != want["trust"] {
		t.Errorf("Meters = %v, want %v (an omitted meter starts at 50)", sc.Meters, want)
	}
	if len(sc.Scenes) != 7 || len(sc.Moments()) != 3 || len(sc.Endings()) != 2 {
		t.Errorf("scenes %d moments %d endings %d, want 7, 3, 2", len(sc.Scenes), len(sc.Moments()), len(sc.Endings()))
	}
	m1 := sc.Scene("m1")
	if m1 == nil || m1.Pos != (game.Pos{Line: 14, Col: 5}) || m1.CallsFor != game.Manage || len(m1.Choices) != 4 {
		t.Fatalf("scene m1 = %+v", m1)
	}
	if c := m1.Choice("micro"); c == nil || c.Craft != game.Poor || c.Pos != (game.Pos{Line: 32, Col: 9}) {
		t.Errorf("choice micro = %+v", c)
	}
	if c := m1.Choice("plan"); c == nil || c.Craft != game.Sound || c.Fit != nil {
		t.Errorf("choice plan = %+v; craft defaults to sound and fit to nil", c)
	}
	if c := m1.Choice("wild"); c == nil || c.Fit == nil || *c.Fit != 35 {
		t.Errorf("choice wild = %+v; want fit 35", c)
	}
	next := sc.Scene("m2").Choice("both-ways").Next
	if len(next) != 3 || next[0].If == nil || next[1].If == nil || next[2].If != nil || next[2].Goto != "m3" {
		t.Fatalf("both-ways next = %+v", next)
	}
	if next[0].IfPos != (game.Pos{Line: 57, Col: 17}) || next[0].GotoPos != (game.Pos{Line: 58, Col: 19}) {
		t.Errorf("branch positions: if %v goto %v, want 57:17 and 58:19", next[0].IfPos, next[0].GotoPos)
	}
}

// invalidCase is one file of testdata/invalid and every problem it must
// report, in order. Several were bugs once; their cases fail if they return.
type invalidCase struct {
	file string
	want []string
}

var invalidCases = []invalidCase{
	// unknown fields
	{file: "unknown-field-top.yaml", want: []string{
		`unknown-field-top.yaml:4:1: unknown field "author" in the scenario; the fields are format, id, title, summary, situation, tags, minutes, meters, start, scenes.`,
	}},
	{file: "unknown-field-scene.yaml", want: []string{
		`unknown-field-scene.yaml:18:5: unknown field "mood" in a scene; the fields are id, text, calls_for, why, choices, next, ending, title, away, outcome.`,
	}},
	{file: "unknown-field-choice.yaml", want: []string{
		`unknown-field-choice.yaml:22:9: unknown field "tone" in a choice; the fields are id, text, hat, craft, fit, effects, set, feedback, next.`,
	}},
	{file: "unknown-field-branch.yaml", want: []string{
		`unknown-field-branch.yaml:83:13: unknown field "weight" in a branch; the fields are if, goto.`,
	}},
	// missing fields and ids
	{file: "missing-id-scene.yaml", want: []string{
		// the goto that named the scene breaks too
		`missing-id-scene.yaml:58:19: next goes to "beat2", which is not a scene in this file.`,
		"missing-id-scene.yaml:67:5: a scene has no id; add `id:`.",
	}},
	{file: "missing-id-choice.yaml", want: []string{
		"missing-id-choice.yaml:84:9: a choice in scene \"m3\" has no id; add `id:`.",
	}},
	{file: "missing-top-field.yaml", want: []string{
		"missing-top-field.yaml:1:1: the scenario has no title; add `title:`.",
	}},
	{file: "duplicate-scene-id.yaml", want: []string{
		`duplicate-scene-id.yaml:106:5: scene id "good-end" is used twice; the first is at line 96.`,
	}},
	{file: "duplicate-choice-id.yaml", want: []string{
		`duplicate-choice-id.yaml:84:9: choice id "coach" is used twice in scene "m3"; the first is at line 75.`,
	}},
	{file: "duplicate-key.yaml",
		want: []string{
			`duplicate-key.yaml:4:1: the field "title" appears twice in the scenario; the first is at line 3.`,
		},
	},
	// targets
	{file: "unknown-next.yaml", want: []string{
		`unknown-next.yaml:24:15: next goes to "m-two", which is not a scene in this file.`,
	}},
	{file: "unknown-goto.yaml", want: []string{
		`unknown-goto.yaml:58:19: next goes to "beat-2", which is not a scene in this file.`,
	}},
	{file: "unknown-start.yaml", want: []string{
		`unknown-start.yaml:9:8: start is "outro", which is not a scene in this file.`,
	}},
	// conditions: the column is that of the offending token inside the value
	{file: "cond-unknown-meter.yaml", want: []string{
		`cond-unknown-meter.yaml:59:17: in the condition "energy < 10": "energy" is neither a meter (stability, morale, trust) nor a flag set by any choice.`,
	}},
	{file: "cond-unknown-flag.yaml", want: []string{
		`cond-unknown-flag.yaml:57:17: in the condition "spoken and not (morale >= 40 or stability > 90)": "spoken" is neither a meter (stability, morale, trust) nor a flag set by any choice.`,
	}},
	{file: "cond-dangling-and.yaml", want: []string{
		// just past the end of the value, where a test was expected
		`cond-dangling-and.yaml:81:33: in the condition "morale >= 50 and": the condition ends where a test was expected.`,
	}},
	{file: "cond-unclosed-paren.yaml", want: []string{
		// at the end of the condition, where ) was expected (not at the open "(", 57:31)
		`cond-unclosed-paren.yaml:57:62: in the condition "spoke and not (morale >= 40 or stability > 90": a ( is not closed with ).`,
	}},
	{file: "cond-single-equals.yaml", want: []string{
		`cond-single-equals.yaml:81:24: in the condition "morale = 50": "=" is not an operator; use ==, !=, <, <=, > or >=, and not for negation.`,
	}},
	{file: "cond-flag-compared.yaml", want: []string{
		`cond-flag-compared.yaml:59:23: in the condition "spoke == 1": the flag "spoke" is true or false and cannot be compared; write spoke or not spoke.`,
	}},
	{file: "cond-meter-no-comparison.yaml", want: []string{
		`cond-meter-no-comparison.yaml:81:17: in the condition "morale": the meter "morale" must be compared with a number, as in morale < 40.`,
	}},
	{file: "cond-quoted.yaml", want: []string{
		// the column counts from inside the opening quote: 31 is the closing quote
		`cond-quoted.yaml:59:31: in the condition "trust < 10 or": the condition ends where a test was expected.`,
	}},
	{file: "cond-multiline-plain.yaml",
		want: []string{
			// "energy" is at 60:18; failing that, the start of the value
			`cond-multiline-plain.yaml:59:17: in the condition "trust < 10 or energy > 5": "energy" is neither a meter (stability, morale, trust) nor a flag set by any choice.`,
		},
	},
	// values
	{file: "meter-out-of-range.yaml", want: []string{
		"meter-out-of-range.yaml:8:33: meters morale is 150; it must be between 0 and 100.",
	}},
	{file: "effect-out-of-range.yaml", want: []string{
		"effect-out-of-range.yaml:28:27: effects morale is -160; it must be between -100 and 100.",
	}},
	{file: "fit-out-of-range.yaml", want: []string{
		"fit-out-of-range.yaml:42:14: fit is 135; it must be between 0 and 100.",
	}},
	{file: "minutes-out-of-range.yaml", want: []string{
		"minutes-out-of-range.yaml:7:10: minutes is 0; it must be between 1 and 240.",
	}},
	{file: "minutes-not-a-number.yaml", want: []string{
		`minutes-not-a-number.yaml:7:10: minutes must be a whole number, not "three".`,
	}},
	{file: "format-wrong.yaml", want: []string{
		"format-wrong.yaml:1:9: format 2 is not supported; this version of Two Hats reads format 1.",
	}},
	{file: "situation-invalid.yaml", want: []string{
		`situation-invalid.yaml:5:12: situation "disaster" is not one of crisis, change, slump, growth, conflict, routine.`,
	}},
	{file: "hat-invalid.yaml", want: []string{
		`hat-invalid.yaml:27:14: hat "leader" is not one of manage, lead, both, none.`,
	}},
	{file: "craft-invalid.yaml", want: []string{
		`craft-invalid.yaml:35:16: craft "bad" is not one of sound, poor.`,
	}},
	{file: "calls-for-invalid.yaml", want: []string{
		`calls-for-invalid.yaml:72:16: calls_for "people" is not one of manage, lead, both.`,
	}},
	{file: "id-case-choice.yaml", want: []string{
		`id-case-choice.yaml:84:13: the choice id "Upper_Case" must be lower-kebab-case: letters a-z, digits and single hyphens.`,
	}},
	{file: "id-case-scenario.yaml", want: []string{
		`id-case-scenario.yaml:2:5: the scenario id "Mini" must be lower-kebab-case: letters a-z, digits and single hyphens.`,
	}},
	// moments: these point at the first item of the choices list
	{file: "too-few-choices.yaml", want: []string{
		`too-few-choices.yaml:50:5: scene "m2" has 1 choice; a moment needs 2 to 5.`,
	}},
	{file: "too-many-choices.yaml", want: []string{
		`too-many-choices.yaml:18:5: scene "m1" has 6 choices; a moment needs 2 to 5.`,
	}},
	{file: "no-fitting-choice.yaml", want: []string{
		`no-fitting-choice.yaml:18:5: no choice in scene "m1" fits it fully (fit 100); give one choice hat: manage with craft: sound.`,
	}},
	// graph
	{file: "unreachable-scene.yaml", want: []string{
		`unreachable-scene.yaml:106:5: scene "lost-end" cannot be reached from the start scene "intro"; link to it or remove it.`,
	}},
	{file: "no-ending-reachable.yaml", want: []string{
		"no-ending-reachable.yaml:67:5: no ending can be reached from scene \"loop-a\"; every path must lead to a scene with `ending: true`.",
		"no-ending-reachable.yaml:82:5: no ending can be reached from scene \"loop-b\"; every path must lead to a scene with `ending: true`.",
	}},
	{file: "branch-no-fallback.yaml", want: []string{
		"branch-no-fallback.yaml:81:13: the branch list has no unconditional fallback; end it with `- goto: SCENE` for when no condition holds.",
	}},
	{file: "unconditional-not-last.yaml", want: []string{
		"unconditional-not-last.yaml:59:13: this unconditional goto is not the last branch, so the branches after it can never be taken.",
	}},
	// scene kinds
	{file: "ending-without-away.yaml", want: []string{
		"ending-without-away.yaml:96:5: ending scene \"good-end\" has no away test; add `away:` saying what the team does the week you are off.",
	}},
	// text reaches terminals: an escape sequence in a title once cleared
	// the screen of `twohats list`
	{file: "control-character.yaml", want: []string{
		`control-character.yaml:3:8: title contains the control character U+001B; remove it (only newlines and tabs may appear in text).`,
	}},
	{file: "outcome-invalid.yaml", want: []string{
		`outcome-invalid.yaml:98:14: outcome "splendid" is not one of strong, mixed, weak.`,
	}},
	{file: "outcome-not-ending.yaml", want: []string{
		"outcome-not-ending.yaml:17:14: scene \"m1\" is not an ending, so it cannot have outcome; add `ending: true` if it is one.",
	}},
	{file: "beat-without-next.yaml", want: []string{
		"beat-without-next.yaml:67:5: scene \"beat2\" has no choices, no next and is not an ending; add choices, `next:` or `ending: true`.",
	}},
	{file: "moment-without-why.yaml", want: []string{
		`moment-without-why.yaml:70:5: scene "m3" has choices but no why; say in a sentence why the moment calls for that.`,
	}},
	// the file as a whole
	{file: "yaml-syntax.yaml",
		want: []string{
			"yaml-syntax.yaml:6:1: this is not valid YAML: did not find expected ',' or ']'.",
		},
	},
	{file: "empty.yaml", want: []string{
		"empty.yaml:1:1: the file is empty; a scenario starts with `format: 1`.",
	}},
	{file: "comment-only.yaml",
		want: []string{
			"comment-only.yaml:1:1: the file holds only comments; a scenario starts with `format: 1`.",
		},
	},
	{file: "multiple-documents.yaml", want: []string{
		"multiple-documents.yaml:106:1: the file holds more than one YAML document; put one scenario in each file.",
	}},
	{file: "anchors.yaml", want: []string{
		"anchors.yaml:78:18: anchors and aliases (& and *) are not supported in scenario files; write each value out in full.",
	}},
	{file: "aliases.yaml", want: []string{
		"aliases.yaml:78:18: anchors and aliases (& and *) are not supported in scenario files; write each value out in full.",
	}},
	{file: "list-document.yaml", want: []string{
		"list-document.yaml:1:1: the scenario must be a mapping of fields (key: value).",
	}},
	{file: "not-utf8.yaml", want: []string{
		"not-utf8.yaml: the file is not UTF-8 text; save it as UTF-8.",
	}},
	// several independent problems are all reported, in file order
	{file: "several-problems.yaml", want: []string{
		`several-problems.yaml:4:1: unknown field "author" in the scenario; the fields are format, id, title, summary, situation, tags, minutes, meters, start, scenes.`,
		`several-problems.yaml:6:12: situation "disaster" is not one of crisis, change, slump, growth, conflict, routine.`,
		"several-problems.yaml:29:27: effects morale is -160; it must be between -100 and 100.",
		`several-problems.yaml:36:16: craft "bad" is not one of sound, poor.`,
		`several-problems.yaml:85:9: choice id "coach" is used twice in scene "m3"; the first is at line 76.`,
		"several-problems.yaml:97:5: ending scene \"good-end\" has no away test; add `away:` saying what the team does the week you are off.",
	}},
	{file: "field-and-condition-problems.yaml",
		want: []string{
			`field-and-condition-problems.yaml:4:1: unknown field "author" in the scenario; the fields are format, id, title, summary, situation, tags, minutes, meters, start, scenes.`,
			`field-and-condition-problems.yaml:82:24: in the condition "morale = 50": "=" is not an operator; use ==, !=, <, <=, > or >=, and not for negation.`,
		},
	},
}

func TestInvalidFiles(t *testing.T) {
	fsys := os.DirFS("testdata/invalid")
	covered := map[string]bool{}
	for _, tc := range invalidCases {
		covered[tc.file] = true
		t.Run(strings.TrimSuffix(tc.file, ".yaml"), func(t *testing.T) {
			sc, probs := scenarios.ReadFile(fsys, tc.file, tc.file)
			data, err := fs.ReadFile(fsys, tc.file)
			if err != nil {
				t.Fatal(err)
			}
			sc2, probs2 := scenarios.Parse(tc.file, data)
			if !sameStrings(strs(probs), strs(probs2)) || (sc == nil) != (sc2 == nil) {
				t.Errorf("ReadFile and Parse disagree:\n%s\n--\n%s", probs.Error(), probs2.Error())
			}
			got := strs(probs)
			if sc != nil {
				t.Errorf("got a scenario for an invalid file")
			}
			diffProblems(t, got, tc.want)
			for _, p := range probs {
				if p.Path != tc.file {
					t.Errorf("problem path %q, want %q", p.Path, tc.file)
				}
			}
		})
	}
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("%s has no case in invalidCases", f)
		}
	}
}

// TestSeveralProblemsAllReported checks that parsing does not stop at the
// first problem: every broken line of several-problems.yaml is reported.
func TestSeveralProblemsAllReported(t *testing.T) {
	_, probs := scenarios.ReadFile(os.DirFS("testdata/invalid"), "several-problems.yaml", "several-problems.yaml")
	lines := map[int]bool{}
	for _, p := range probs {
		lines[p.Pos.Line] = true
	}
	for _, l := range []int{4, 6, 29, 36, 85, 97} {
		if !lines[l] {
			t.Errorf("no problem reported on line %d; got:\n%s", l, probs.Error())
		}
	}
	if !sort.SliceIsSorted(probs, func(i, j int) bool {
		if probs[i].Pos.Line != probs[j].Pos.Line {
			return probs[i].Pos.Line < probs[j].Pos.Line
		}
		return probs[i].Pos.Col < probs[j].Pos.Col
	}) {
		t.Errorf("problems not in file order:\n%s", probs.Error())
	}
}

func TestOversizedFile(t *testing.T) {
	// one byte over the limit
	big := make([]byte, scenarios.MaxFileSize+1)
	for i := range big {
		big[i] = 'a'
	}
	sc, probs := scenarios.Parse("big.yaml", big)
	diffProblems(t, strs(probs), []string{"big.yaml: the file is 2097153 bytes; a scenario file may be at most 2097152 bytes."})
	if sc != nil {
		t.Error("got a scenario for an oversized file")
	}

	// ReadFile refuses it the same way
	fsys := fstest.MapFS{"big.yaml": {Data: big}}
	_, probs = scenarios.ReadFile(fsys, "big.yaml", "big.yaml")
	diffProblems(t, strs(probs), []string{"big.yaml: the file is 2097153 bytes; a scenario file may be at most 2097152 bytes."})

	// exactly at the limit is fine: mini padded with a comment
	mini := readMini(t)
	pad := scenarios.MaxFileSize - len(mini) - 3
	atLimit := append(append(append([]byte{}, mini...), "# "...), strings.Repeat("x", pad)+"\n"...)
	if len(atLimit) != scenarios.MaxFileSize {
		t.Fatalf("padded to %d bytes", len(atLimit))
	}
	if sc, probs := scenarios.ReadFile(fstest.MapFS{"max.yaml": {Data: atLimit}}, "max.yaml", "max.yaml"); sc == nil {
		t.Errorf("a valid file of exactly MaxFileSize bytes was refused:\n%s", probs.Error())
	}
}

// TestOversizedFileSize: ReadFile reads at most MaxFileSize+1 bytes, so it
// must not claim a bigger file is exactly one byte over.
func TestOversizedFileSize(t *testing.T) {
	huge := make([]byte, 3<<20)
	for i := range huge {
		huge[i] = 'a'
	}
	_, probs := scenarios.ReadFile(fstest.MapFS{"huge.yaml": {Data: huge}}, "huge.yaml", "huge.yaml")
	if len(probs) != 1 {
		t.Fatalf("want one problem, got:\n%s", probs.Error())
	}
	if strings.Contains(probs[0].Msg, "2097153 bytes") {
		t.Errorf("a 3 MiB file is reported as one byte over the limit: %s", probs[0])
	}
	if !strings.Contains(probs[0].Msg, "2097152") {
		t.Errorf("the message should give the limit: %s", probs[0])
	}
}

func TestProblemString(t *testing.T) {
	ps := scenarios.Problems{
		{Path: "a.yaml", Msg: "whole file."},
		{Path: "a.yaml", Pos: game.Pos{Line: 3, Col: 7}, Msg: "here."},
	}
	if got, want := ps.Error(), "a.yaml: whole file.\na.yaml:3:7: here."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	fe := scenarios.FileError{Path: "a.yaml", Problems: ps}
	if fe.First() != "a.yaml: whole file." || fe.Error() != ps.Error() {
		t.Errorf("FileError: First %q Error %q", fe.First(), fe.Error())
	}
	if got := (scenarios.FileError{Path: "b.yaml"}).First(); got != "b.yaml: unknown problem" {
		t.Errorf("empty FileError First() = %q", got)
	}
}

func TestIsScenarioFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.yaml": true, "a.yml": true, "A.YAML": true, "dir/a.yaml": true,
		".hidden.yaml": false, "a.yaml.bak": false, "a.txt": false, "yaml": false, "dir/.a.yml": false,
	} {
		if got := scenarios.IsScenarioFile(name); got != want {
			t.Errorf("IsScenarioFile(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestLoadGoodAndBad(t *testing.T) {
	mini := readMini(t)
	bad, err := os.ReadFile("testdata/invalid/unknown-start.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"good.yaml":         {Data: mini},
		"bad.yaml":          {Data: bad},
		"notes.txt":         {Data: []byte("not a scenario")},
		".hidden.yaml":      {Data: []byte("garbage: [")},
		"sub/nested.yaml":   {Data: []byte("garbage: [")},
		"backup.yaml.orig":  {Data: []byte("garbage: [")},
		"also-bad.yml":      {Data: []byte{}},
		"folder.yaml/x.txt": {Data: []byte("a folder named like a file")},
	}
	lib := scenarios.Load(scenarios.Source{FS: fsys, Prefix: "user/", User: true})
	if len(lib.Scenarios) != 1 || lib.Scenarios[0].ID != "mini" {
		t.Fatalf("Scenarios = %v, want just mini", lib.Scenarios)
	}
	if sc := lib.Get("mini"); sc == nil || sc.Path != "user/good.yaml" || !lib.IsUser("mini") {
		t.Errorf("Get(mini) = %+v, IsUser %v", sc, lib.IsUser("mini"))
	}
	if lib.Get("nope") != nil || lib.IsUser("nope") {
		t.Error("Get/IsUser of an unknown id")
	}
	var failed []string
	for _, f := range lib.Failed {
		failed = append(failed, f.Path+" => "+f.First())
	}
	diffProblems(t, failed, []string{
		"user/also-bad.yml => user/also-bad.yml:1:1: the file is empty; a scenario starts with `format: 1`.",
		`user/bad.yaml => user/bad.yaml:9:8: start is "outro", which is not a scene in this file.`,
	})
}

func TestLoadDuplicateID(t *testing.T) {
	mini := readMini(t)
	other := []byte(strings.Replace(string(mini), "title: Mini", "title: Another Mini", 1))
	shipped := fstest.MapFS{"a.yaml": {Data: mini}}
	user := fstest.MapFS{"b.yaml": {Data: other}, "c.yaml": {Data: mini}}
	lib := scenarios.Load(
		scenarios.Source{FS: shipped, Prefix: "scenarios/"},
		scenarios.Source{FS: user, Prefix: "user/", User: true},
	)
	if len(lib.Scenarios) != 1 || lib.Get("mini").Path != "scenarios/a.yaml" || lib.IsUser("mini") {
		t.Fatalf("want only the shipped mini to load, got %v", lib.Scenarios)
	}
	var got []string
	for _, f := range lib.Failed {
		got = append(got, strs(f.Problems)...)
	}
	diffProblems(t, got, []string{
		`user/b.yaml:1:1: the scenario id "mini" is already used by scenarios/a.yaml; give this scenario another id.`,
		`user/c.yaml:1:1: the scenario id "mini" is already used by scenarios/a.yaml; give this scenario another id.`,
	})
}

func TestLoadSortsByTitle(t *testing.T) {
	mini := string(readMini(t))
	mk := func(id, title string) *fstest.MapFile {
		s := strings.Replace(mini, "id: mini", "id: "+id, 1)
		s = strings.Replace(s, "title: Mini", "title: "+title, 1)
		return &fstest.MapFile{Data: []byte(s)}
	}
	lib := scenarios.Load(scenarios.Source{FS: fstest.MapFS{
		"1.yaml": mk("zeta", "Zeta"), "2.yaml": mk("alpha", "Alpha"), "3.yaml": mk("mid", "Middle"),
	}})
	var titles []string
	for _, sc := range lib.Scenarios {
		titles = append(titles, sc.Title)
	}
	diffProblems(t, titles, []string{"Alpha", "Middle", "Zeta"})
	if len(lib.Failed) != 0 {
		t.Errorf("Failed = %v", lib.Failed)
	}
}

type brokenFS struct{}

func (brokenFS) Open(string) (fs.File, error) { return nil, errors.New("disk on fire") }

func TestLoadUnreadableFolder(t *testing.T) {
	lib := scenarios.Load(
		scenarios.Source{FS: brokenFS{}, Prefix: "user/"},
		scenarios.Source{FS: fstest.MapFS{"mini.yaml": {Data: readMini(t)}}, Prefix: "scenarios/"},
	)
	if len(lib.Scenarios) != 1 {
		t.Errorf("a broken folder stopped the others: %v", lib.Scenarios)
	}
	if len(lib.Failed) != 1 || lib.Failed[0].Path != "user/" ||
		lib.Failed[0].First() != "user/: the folder could not be read: disk on fire." {
		t.Errorf("Failed = %+v", lib.Failed)
	}
}

func TestReadFileMissing(t *testing.T) {
	sc, probs := scenarios.ReadFile(fstest.MapFS{}, "gone.yaml", "user/gone.yaml")
	if sc != nil || len(probs) != 1 || !strings.HasPrefix(probs[0].String(), "user/gone.yaml: the file could not be opened: ") {
		t.Errorf("got %v, %v", sc, probs)
	}
}

// TestDeepNesting: values nested far deeper than any scenario needs are
// refused with a problem on their line, never a panic or a stack overflow.
func TestDeepNesting(t *testing.T) {
	mini := string(readMini(t))
	for _, depth := range []int{70, 5000} {
		data := strings.Replace(mini, "tags: [test]", "tags: "+strings.Repeat("[", depth)+strings.Repeat("]", depth), 1)
		sc, probs := scenarios.Parse("deep.yaml", []byte(data))
		if sc != nil || len(probs) != 1 || probs[0].Pos.Line != 6 || strings.Contains(probs[0].Msg, "runtime error") {
			t.Errorf("depth %d: got %d problems:\n%s", depth, len(probs), probs.Error())
		}
	}
}
