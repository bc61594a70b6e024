package scenarios_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

// lintFile parses a file of testdata/lint, which must be valid; its path in
// messages is its base name.
func lintFile(t *testing.T, name string) *game.Scenario {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/lint", name))
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenarios.Parse(name, data)
	if sc == nil {
		t.Fatalf("%s does not validate:\n%s", name, probs.Error())
	}
	return sc
}

// TestLintClean: clean.yaml is the base every other lint file was copied
// from, and passes every rule, alone and as a library.
func TestLintClean(t *testing.T) {
	sc := lintFile(t, "clean.yaml")
	if ps := scenarios.Lint(sc); len(ps) > 0 {
		t.Errorf("Lint(clean.yaml):\n%s", ps.Error())
	}
	if ps := scenarios.LintLibrary("lib", []*game.Scenario{sc}); len(ps) > 0 {
		t.Errorf("LintLibrary(clean.yaml):\n%s", ps.Error())
	}
	if n := scenarios.LongestMoments(sc); n != 6 {
		t.Errorf("LongestMoments = %d, want 6", n)
	}
}

// TestLintRules: each file breaks one lint rule and gets exactly its finding.
func TestLintRules(t *testing.T) {
	cases := []struct {
		file string
		want []string
	}{
		{"scene-too-short.yaml", []string{
			`scene-too-short.yaml:11:5: scene "intro" has 6 words of text; write 60 to 400.`,
		}},
		{"scene-too-long.yaml", []string{
			`scene-too-long.yaml:11:5: scene "intro" has 440 words of text; write 60 to 400.`,
		}},
		{"choice-too-long.yaml", []string{
			`choice-too-long.yaml:167:9: choice "ignore" has 43 words; keep a choice to 40 words.`,
		}},
		{"feedback-four-sentences.yaml", []string{
			`feedback-four-sentences.yaml:137:9: the feedback of choice "hope" has 4 sentences; write 1 to 3.`,
		}},
		{"feedback-no-hat.yaml", []string{
			`feedback-no-hat.yaml:167:9: the feedback of choice "ignore" does not name the hat; say which hat the move was ("the manager hat", "the leader hat", "both hats", "no hat").`,
		}},
		{"no-wrong-hat.yaml", []string{
			`no-wrong-hat.yaml:20:5: moment "m1" has no choice in another hat than manage; add an attractive wrong-hat choice.`,
		}},
		{"length-tell.yaml", []string{
			`length-tell.yaml:1:1: the fully fitting choice is the longest in 3 of 6 moments (50.0%); at most 40% may be, or length gives the answer away.`,
		}},
		{"short-tell.yaml", []string{
			`short-tell.yaml:1:1: the fully fitting choice is the shortest in 3 of 6 moments (50.0%); at most 40% may be, or the plain short option gives the answer away.`,
		}},
		{"few-moments.yaml", []string{
			`few-moments.yaml:1:1: the longest path has 5 moments; a scenario needs at least 6.`,
		}},
		// with one ending, every way of playing reaches it
		{"one-ending.yaml", []string{
			`one-ending.yaml:1:1: the scenario has 1 ending; it needs at least 2.`,
			`one-ending.yaml:1:1: the scenario needs at least one strong and one weak ending (outcome: strong, outcome: weak).`,
			`one-ending.yaml:212:5: always taking the manager-hat choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
			`one-ending.yaml:212:5: always taking the leader-hat choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
			`one-ending.yaml:212:5: always taking a both-hat choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
			`one-ending.yaml:212:5: always taking the longest choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
			`one-ending.yaml:212:5: always taking the shortest choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
		}},
		// with no condition, nothing can gate the strong ending
		{"no-condition-branch.yaml", []string{
			"no-condition-branch.yaml:1:1: no branch depends on a meter or a flag; add a `next:` list with an `if:`.",
			`no-condition-branch.yaml:203:5: always taking the manager-hat choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
			`no-condition-branch.yaml:203:5: always taking a both-hat choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
			`no-condition-branch.yaml:203:5: always taking the shortest choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
		}},
		{"no-poor-craft.yaml", []string{
			`no-poor-craft.yaml:1:1: no choice has craft: poor; add the right kind of move done badly.`,
		}},
		// lint version 2: the judgement rules
		{"hedges-single.yaml", []string{
			`hedges-single.yaml:1:1: a sound both-hat choice is offered in 1 of 4 single-hat moments; offer one in at least a third of them, so answering both is tempting and not safe.`,
		}},
		{"hedges-both.yaml", []string{
			`hedges-both.yaml:179:5: moment "m6" calls for both hats but every both-hat choice fits it; add a both-hat choice that does not fit (the two in the wrong order, or done badly) with a fit: override or craft: poor, and feedback that says why.`,
		}},
		{"partial-credit.yaml", []string{
			`partial-credit.yaml:1:1: the scenario has 1 choice with a fit: override between 40 and 80; give at least 2 good moves that are not what the moment needed most a partial fit, and say so in their feedback.`,
		}},
		{"outcome-missing.yaml", []string{
			"outcome-missing.yaml:224:5: ending \"low-end\" has no outcome; add `outcome: strong`, `mixed` or `weak`.",
			`outcome-missing.yaml:1:1: the scenario needs at least one strong and one weak ending (outcome: strong, outcome: weak).`,
		}},
		{"one-hat-wins.yaml", []string{
			`one-hat-wins.yaml:212:5: always taking the manager-hat choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
		}},
		{"meters-pinned.yaml", []string{
			`meters-pinned.yaml:81:5: on the best path stability sits at 100 for 3 moments in a row by moment "m3"; size the effects so it stays informative.`,
		}},
		{"unread-flag.yaml", []string{
			"unread-flag.yaml:68:9: the flag \"listened\" is set by choice \"listen\" but no condition reads it; read it in a later `if:` or remove it.",
		}},
		// a library-wide rule: alone it is clean as a scenario
		{"clause-gap.yaml", nil},
	}
	covered := map[string]bool{"clean.yaml": true}
	for _, tc := range cases {
		covered[tc.file] = true
		t.Run(strings.TrimSuffix(tc.file, ".yaml"), func(t *testing.T) {
			diffProblems(t, strs(scenarios.Lint(lintFile(t, tc.file))), tc.want)
		})
	}
	files, err := filepath.Glob("testdata/lint/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("%s has no case in TestLintRules", f)
		}
	}
}

// byRule keeps the findings of one rule ("" for the rules of lint version 1).
func byRule(ps scenarios.Problems, rule string) scenarios.Problems {
	var out scenarios.Problems
	for _, p := range ps {
		if p.Rule == rule {
			out = append(out, p)
		}
	}
	return out
}

// TestLintMini: mini.yaml is valid but breaks most content rules at once;
// scene findings come in file order, then the whole-file ones. Its fitting
// choice is the shortest in two of its three moments.
func TestLintMini(t *testing.T) {
	sc, probs := scenarios.Parse("mini.yaml", readMini(t))
	if sc == nil {
		t.Fatal(probs.Error())
	}
	diffProblems(t, strs(scenarios.Lint(sc)), []string{
		`mini.yaml:11:5: scene "intro" has 6 words of text; write 60 to 400.`,
		`mini.yaml:14:5: scene "m1" has 8 words of text; write 60 to 400.`,
		`mini.yaml:46:5: scene "m2" has 6 words of text; write 60 to 400.`,
		`mini.yaml:67:5: scene "beat2" has 4 words of text; write 60 to 400.`,
		`mini.yaml:70:5: scene "m3" has 8 words of text; write 60 to 400.`,
		`mini.yaml:96:5: scene "good-end" has 3 words of text; write 60 to 400.`,
		`mini.yaml:102:5: scene "bad-end" has 3 words of text; write 60 to 400.`,
		`mini.yaml:1:1: the longest path has 3 moments; a scenario needs at least 6.`,
		`mini.yaml:1:1: the fully fitting choice is the shortest in 2 of 3 moments (66.7%); at most 40% may be, or the plain short option gives the answer away.`,
		`mini.yaml:46:5: moment "m2" calls for both hats but every both-hat choice fits it; add a both-hat choice that does not fit (the two in the wrong order, or done badly) with a fit: override or craft: poor, and feedback that says why.`,
		`mini.yaml:1:1: the scenario has 0 choices with a fit: override between 40 and 80; give at least 2 good moves that are not what the moment needed most a partial fit, and say so in their feedback.`,
		// a tiny scenario with an unguarded strong ending: three habits reach it
		`mini.yaml:96:5: always taking the leader-hat choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
		`mini.yaml:96:5: always taking a both-hat choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
		`mini.yaml:96:5: always taking the shortest choice reaches the strong ending "good-end"; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.`,
		`mini.yaml:70:5: on the best path morale sits at 100 for 3 moments in a row by moment "m3"; size the effects so it stays informative.`,
	})
}

func TestLintLibrary(t *testing.T) {
	clean := lintFile(t, "clean.yaml")
	tell := lintFile(t, "length-tell.yaml")
	short := lintFile(t, "short-tell.yaml")
	few := lintFile(t, "few-moments.yaml")
	cases := []struct {
		name string
		lib  []*game.Scenario
		want []string
	}{
		{"empty", nil, nil},
		{"no moments", []*game.Scenario{{ID: "x"}}, nil},
		{"clean", []*game.Scenario{clean}, nil},
		{"tells over 35%", []*game.Scenario{tell}, []string{
			"lib/: across the library the fully fitting choice is the longest in 3 of 6 moments (50.0%); at most 35% may be.",
		}},
		{"tells summed over scenarios", []*game.Scenario{clean, tell}, []string{
			"lib/: across the library the fully fitting choice is the longest in 5 of 12 moments (41.7%); at most 35% may be.",
		}},
		// short-tell.yaml is over the limit for the shortest (3 of 6) and
		// under it for the longest (2 of 6, 33.3%)
		{"short tells over 35%", []*game.Scenario{short}, []string{
			"lib/: across the library the fully fitting choice is the shortest in 3 of 6 moments (50.0%); at most 35% may be.",
		}},
		{"short tells summed over scenarios", []*game.Scenario{clean, short}, []string{
			"lib/: across the library the fully fitting choice is the shortest in 5 of 12 moments (41.7%); at most 35% may be.",
		}},
		// 4 of 12 is 33.3% each way: under both limits
		{"short tells under 35%", []*game.Scenario{clean, clean}, nil},
		{"tells, short tells and balance", []*game.Scenario{few}, []string{
			"lib/: across the library the fully fitting choice is the longest in 2 of 5 moments (40.0%); at most 35% may be.",
			"lib/: across the library the fully fitting choice is the shortest in 2 of 5 moments (40.0%); at most 35% may be.",
			"lib/: only 1 of 5 moments (20%) call for lead; each of manage, lead and both should be at least 25%.",
		}},
		// 6 of 17 is 35.3%, for the longest and the shortest alike: over the limit
		{"just over 35%", []*game.Scenario{few, clean, clean}, []string{
			"lib/: across the library the fully fitting choice is the longest in 6 of 17 moments (35.3%); at most 35% may be.",
			"lib/: across the library the fully fitting choice is the shortest in 6 of 17 moments (35.3%); at most 35% may be.",
		}},
		{"balance and tells restored by other scenarios", []*game.Scenario{few, clean, clean, clean}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			diffProblems(t, strs(byRule(scenarios.LintLibrary("lib/", tc.lib), "")), tc.want)
		})
	}
}

func TestLengthTells(t *testing.T) {
	sc, probs := scenarios.Parse("mini.yaml", readMini(t))
	if sc == nil {
		t.Fatal(probs.Error())
	}
	ch := func(id, text string, hat game.Hat, craft game.Craft) *game.Choice {
		return &game.Choice{ID: id, Text: text, Hat: hat, Craft: craft}
	}
	tie := &game.Scenario{Scenes: []*game.Scene{
		// a tie for longest counts as a tell
		{ID: "a", CallsFor: game.Manage, Choices: []*game.Choice{ch("x", "four", game.Manage, game.Sound), ch("y", "five", game.Lead, game.Sound)}},
		// the longest choice is the fitting hat done badly: not a tell
		{ID: "b", CallsFor: game.Lead, Choices: []*game.Choice{ch("x", "longest one", game.Lead, game.Poor), ch("y", "short", game.Lead, game.Sound)}},
		// runes, not bytes: "é" is one
		{ID: "c", CallsFor: game.Both, Choices: []*game.Choice{ch("x", "ééé", game.Both, game.Sound), ch("y", "abcd", game.None, game.Sound)}},
		{ID: "beat", Next: game.Next{{Goto: "a"}}},
	}}
	for _, tc := range []struct {
		name           string
		sc             *game.Scenario
		tells, moments int
	}{
		{"mini", sc, 1, 3},
		{"clean", lintFile(t, "clean.yaml"), 2, 6},
		{"length-tell", lintFile(t, "length-tell.yaml"), 3, 6},
		{"short-tell", lintFile(t, "short-tell.yaml"), 2, 6},
		{"ties and runes", tie, 1, 3},
		{"empty", &game.Scenario{}, 0, 0},
	} {
		if tells, moments := scenarios.LengthTells(tc.sc); tells != tc.tells || moments != tc.moments {
			t.Errorf("%s: LengthTells = %d, %d; want %d, %d", tc.name, tells, moments, tc.tells, tc.moments)
		}
	}
}

func TestShortTells(t *testing.T) {
	sc, probs := scenarios.Parse("mini.yaml", readMini(t))
	if sc == nil {
		t.Fatal(probs.Error())
	}
	ch := func(id, text string, hat game.Hat, craft game.Craft) *game.Choice {
		return &game.Choice{ID: id, Text: text, Hat: hat, Craft: craft}
	}
	tie := &game.Scenario{Scenes: []*game.Scene{
		// a tie for shortest counts as a tell
		{ID: "a", CallsFor: game.Manage, Choices: []*game.Choice{ch("x", "four", game.Manage, game.Sound), ch("y", "five", game.Lead, game.Sound)}},
		// the shortest choice is the fitting hat done badly: not a tell
		{ID: "b", CallsFor: game.Lead, Choices: []*game.Choice{ch("x", "tiny", game.Lead, game.Poor), ch("y", "longer one", game.Lead, game.Sound)}},
		// runes, not bytes: "éééé" is four, under "abcde" (though eight bytes)
		{ID: "c", CallsFor: game.Both, Choices: []*game.Choice{ch("x", "éééé", game.Both, game.Sound), ch("y", "abcde", game.None, game.Sound)}},
		{ID: "beat", Next: game.Next{{Goto: "a"}}},
	}}
	for _, tc := range []struct {
		name  string
		sc    *game.Scenario
		short int
	}{
		{"mini", sc, 2},
		{"clean", lintFile(t, "clean.yaml"), 2},
		{"length-tell", lintFile(t, "length-tell.yaml"), 2},
		{"short-tell", lintFile(t, "short-tell.yaml"), 3},
		{"ties and runes", tie, 2},
		{"empty", &game.Scenario{}, 0},
	} {
		if short := scenarios.ShortTells(tc.sc); short != tc.short {
			t.Errorf("%s: ShortTells = %d; want %d", tc.name, short, tc.short)
		}
	}
}

func TestSentences(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   \n ", nil},
		{"One.", []string{"One."}},
		{"  Padded.  ", []string{"Padded."}},
		{"The manager hat, fitting.", []string{"The manager hat, fitting."}},
		{"No hat at all. Avoiding it lets the mood set.", []string{"No hat at all.", "Avoiding it lets the mood set."}},
		// closing quotes stay with their sentence
		{`He said "Stop." Then he left.`, []string{`He said "Stop."`, `Then he left.`}},
		{`"Go." "Now."`, []string{`"Go."`, `"Now."`}},
		{"She wrote ‘done.’ Nobody checked.", []string{"She wrote ‘done.’", "Nobody checked."}},
		{"He said “wait.” They did not.", []string{"He said “wait.”", "They did not."}},
		{"(See the plan.) Then act.", []string{"(See the plan.)", "Then act."}},
		// ? and !
		{"Why now? Because the numbers slipped! Fix it.", []string{"Why now?", "Because the numbers slipped!", "Fix it."}},
		{"The manager hat?! Really.", []string{"The manager hat?!", "Really."}},
		// trailing text with no period is a sentence too
		{"One sentence. And a trailing fragment", []string{"One sentence.", "And a trailing fragment"}},
		{"no punctuation at all", []string{"no punctuation at all"}},
		// a period not followed by a space does not end a sentence
		{"It is 3.5 times worse. Fix it.", []string{"It is 3.5 times worse.", "Fix it."}},
		{"Done.Next step.", []string{"Done.Next step."}},
		// newlines count as spaces
		{"Line one.\nLine two.", []string{"Line one.", "Line two."}},
		{"Folded\nacross lines. Next.", []string{"Folded\nacross lines.", "Next."}},
	}
	for _, tc := range cases {
		if got := scenarios.Sentences(tc.in); !sameStrings(got, tc.want) {
			t.Errorf("Sentences(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string]int{
		"":                        0,
		"one":                     1,
		"one two  three\n four":   4,
		"**Bold** move":           2,
		"# Heading\n> quote here": 3,
		"plan—then act":           3,
		"a – b":                   2,
		"snake_case":              2,
		"well-known fact":         2,
		"It's 3.5 times worse.":   4,
	} {
		if got := scenarios.Words(in); got != want {
			t.Errorf("Words(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestCopiedSentences(t *testing.T) {
	sc := lintFile(t, "clean.yaml")
	cases := []struct {
		name    string
		sources map[string]string
		want    []string
	}{
		{"no sources", nil, nil},
		{"nothing copied", map[string]string{"guide.md": "A manager copes with complexity. A leader copes with change."}, nil},
		{"scene text, ignoring case, punctuation and spacing", map[string]string{
			"guide.md": "Some intro. two  weeks later, the queue is shorter -- and the escalations have owners! The end.",
		}, []string{
			`clean.yaml:57:5: scene "m2" repeats a sentence of the source material guide.md: "Two weeks later the queue is shorter and the escalations have owners."; write it in your own words.`,
		}},
		{"choice feedback and why", map[string]string{
			"notes.txt": "Pride does not tell anyone which ticket is theirs. The process works now; what is missing is a reason to care about it.",
		}, []string{
			`clean.yaml:38:9: choice "pep-talk" repeats a sentence of the source material notes.txt: "Pride does not tell anyone which ticket is theirs."; write it in your own words.`,
			`clean.yaml:57:5: scene "m2" repeats a sentence of the source material notes.txt: "The process works now; what is missing is a reason to care about it."; write it in your own words.`,
		}},
		{"away test", map[string]string{
			"book.md": "While you are on leave, Priya and the seniors run the queue, hold the Friday review and hand you a clean report when you return.",
		}, []string{
			`clean.yaml:212:5: scene "good-end" repeats a sentence of the source material book.md: "While you are on leave, Priya and the seniors run the queue, hold the Friday review and hand you a clean report when you return."; write it in your own words.`,
		}},
		// sentences under six words are too common to count
		{"short sentences ignored", map[string]string{"guide.md": "Both hats. The leader hat alone. Goodwill is not a rota."}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			diffProblems(t, strs(scenarios.CopiedSentences(sc, tc.sources)), tc.want)
		})
	}
}

// TestCopiedSentencesFieldBoundary: a choice text without a final period
// must not hide a copied first sentence of its feedback.
func TestCopiedSentencesFieldBoundary(t *testing.T) {
	sc := lintFile(t, "clean.yaml")
	c := sc.Scene("m5").Choice("ignore")
	c.Text = "Leave it alone"
	c.Feedback = "Avoiding the problem lets the mood of the team set hard. No hat at all."
	ps := scenarios.CopiedSentences(sc, map[string]string{"guide.md": "Avoiding the problem lets the mood of the team set hard."})
	diffProblems(t, strs(ps), []string{
		`clean.yaml:167:9: choice "ignore" repeats a sentence of the source material guide.md: "Avoiding the problem lets the mood of the team set hard."; write it in your own words.`,
	})
}

// TestCopiedSentencesDeterministic: when two sources hold the same sentence
// the message must name the same one every time.
func TestCopiedSentencesDeterministic(t *testing.T) {
	sc := lintFile(t, "clean.yaml")
	sources := map[string]string{}
	for _, name := range []string{"a.md", "b.md", "c.md", "d.md"} {
		sources[name] = "Pride does not tell anyone which ticket is theirs."
	}
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		seen[scenarios.CopiedSentences(sc, sources).Error()] = true
	}
	if len(seen) > 1 {
		t.Errorf("CopiedSentences blamed a shared sentence on different sources from run to run (%d different messages)", len(seen))
	}
}

// TestFeedbackMustNameHat: "hat" inside another word ("that", "what") is not
// naming the hat.
func TestFeedbackMustNameHat(t *testing.T) {
	sc := lintFile(t, "clean.yaml")
	sc.Scene("m5").Choice("ignore").Feedback = "That was what the team did not need."
	ps := scenarios.Lint(sc)
	diffProblems(t, strs(ps), []string{
		`clean.yaml:167:9: the feedback of choice "ignore" does not name the hat; say which hat the move was ("the manager hat", "the leader hat", "both hats", "no hat").`,
	})
}

// renamed parses a lint file under another id, as a second scenario of a
// library.
func renamed(t *testing.T, name, id string) *game.Scenario {
	t.Helper()
	sc := lintFile(t, name)
	sc.ID = id
	return sc
}

// TestLintLibraryJudgement: the library-wide rules of lint version 2, each
// with its exact finding.
func TestLintLibraryJudgement(t *testing.T) {
	clean := lintFile(t, "clean.yaml")
	four := []*game.Scenario{clean, renamed(t, "clean.yaml", "b"), renamed(t, "clean.yaml", "c"), renamed(t, "clean.yaml", "d")}
	cases := []struct {
		name, rule string
		lib        []*game.Scenario
		want       []string
	}{
		// clean.yaml's three four-choice keys are #3, #3 and the longest: four
		// copies make 12 such moments, enough to judge
		{"length rank", scenarios.RuleLengthRank, four, []string{
			"lib/: across the library the key is the #3 of 4 choices in 8 of 12 such moments (67%); no length rank may hold it in more than 35%.",
		}},
		{"length rank not judged on few moments", scenarios.RuleLengthRank, four[:3], nil},
		{"clauses", scenarios.RuleClauses, []*game.Scenario{lintFile(t, "clause-gap.yaml")}, []string{
			`lib/: justification clauses (", so", "so that", "so nobody", "in case") appear in 50% of keys but 0% of other choices; the gap may be at most 10 points.`,
		}},
		{"clauses even", scenarios.RuleClauses, []*game.Scenario{clean}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			diffProblems(t, strs(byRule(scenarios.LintLibrary("lib/", tc.lib), tc.rule)), tc.want)
		})
	}
	// copies of one scenario give every key away to a reader trained on the others
	ps := byRule(scenarios.LintLibrary("lib/", four[:2]), scenarios.RuleShallowReader)
	if len(ps) != 1 || !strings.HasPrefix(ps[0].String(), "lib/: a word classifier trained on the other scenarios finds the key in 12 of 12 moments (100%, chance 35%); at most 40% may be found without reading for meaning. The most telling words: ") {
		t.Errorf("two copies of a scenario: shallow-reader findings %q", strs(ps))
	}
}

// TestShallowReader: the classifier learns only from the other scenarios.
// A word that marks keys everywhere gives them all away; words whose role
// flips between scenarios mislead it, so it finds fewer keys than chance.
func TestShallowReader(t *testing.T) {
	moment := func(id, key, other1, other2 string) *game.Scene {
		return &game.Scene{ID: id, CallsFor: game.Manage, Choices: []*game.Choice{
			{ID: "k", Text: key, Hat: game.Manage, Craft: game.Sound},
			{ID: "o1", Text: other1, Hat: game.Lead, Craft: game.Sound},
			{ID: "o2", Text: other2, Hat: game.None, Craft: game.Sound},
		}}
	}
	scenario := func(id string, ms ...*game.Scene) *game.Scenario {
		return &game.Scenario{ID: id, Scenes: ms}
	}
	marked := []*game.Scenario{
		scenario("a", moment("m1", "carefully plan the week", "rally the room now", "wait for news"), moment("m2", "carefully book the rota", "cheer them on today", "ignore the email")),
		scenario("b", moment("m1", "carefully list the owners", "tell the story again", "say nothing yet"), moment("m2", "carefully check the numbers", "thank them warmly", "leave it be")),
	}
	if r := scenarios.ShallowReader(marked); r.Hits != 4 || r.Moments != 4 {
		t.Errorf("a word in every key: the reader found %d of %d, want 4 of 4", r.Hits, r.Moments)
	}
	flipped := []*game.Scenario{
		scenario("a", moment("m1", "alpha move", "beta move", "gamma move"), moment("m2", "alpha step", "beta step", "gamma step")),
		scenario("b", moment("m1", "beta move", "alpha move", "gamma move"), moment("m2", "beta step", "alpha step", "gamma step")),
	}
	r := scenarios.ShallowReader(flipped)
	if r.Hits != 0 || r.Moments != 4 {
		t.Errorf("words whose role flips: the reader found %d of %d, want 0 of 4 (it must not see the held-out scenario)", r.Hits, r.Moments)
	}
	if got := r.ChanceRate(); got < 0.333 || got > 0.334 {
		t.Errorf("chance over three-choice moments with one key = %.3f, want 1/3", got)
	}
	if len(r.Telling) == 0 || r.Telling[0].Word == "" {
		t.Error("no telling words reported")
	}
}

// TestPolicies: the ways of playing the lint simulates, on clean.yaml.
func TestPolicies(t *testing.T) {
	sc := lintFile(t, "clean.yaml")
	want := []string{
		"the best path: strong (good-end)",
		"the manager-hat choice: weak (low-end)",
		"the leader-hat choice: weak (low-end)",
		"a both-hat choice: weak (low-end)",
		"the longest choice: weak (low-end)",
		"the shortest choice: weak (low-end)",
	}
	if got := scenarios.PolicyOutcomes(sc); !sameStrings(got, want) {
		t.Errorf("PolicyOutcomes = %q\nwant %q", got, want)
	}
}
