package game_test

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

func loadMini(t testing.TB) *game.Scenario {
	t.Helper()
	data, err := os.ReadFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenarios.Parse("testdata/mini.yaml", data)
	if len(probs) > 0 {
		t.Fatalf("mini.yaml: %v", probs)
	}
	return sc
}

func TestFitTable(t *testing.T) {
	tests := []struct {
		callsFor, hat game.Hat
		want          int
	}{
		{game.Manage, game.Manage, 100}, {game.Manage, game.Lead, 20}, {game.Manage, game.Both, 60}, {game.Manage, game.None, 0},
		{game.Lead, game.Manage, 20}, {game.Lead, game.Lead, 100}, {game.Lead, game.Both, 60}, {game.Lead, game.None, 0},
		{game.Both, game.Manage, 50}, {game.Both, game.Lead, 50}, {game.Both, game.Both, 100}, {game.Both, game.None, 0},
	}
	for _, tt := range tests {
		sound := &game.Choice{Hat: tt.hat, Craft: game.Sound}
		if got := game.ChoiceFit(tt.callsFor, sound); got != tt.want {
			t.Errorf("fit(%s, %s) = %d, want %d", tt.callsFor, tt.hat, got, tt.want)
		}
		poor := &game.Choice{Hat: tt.hat, Craft: game.Poor}
		wantPoor := map[int]int{100: 30, 60: 18, 50: 15, 20: 6, 0: 0}[tt.want]
		if got := game.ChoiceFit(tt.callsFor, poor); got != wantPoor {
			t.Errorf("poor fit(%s, %s) = %d, want %d", tt.callsFor, tt.hat, got, wantPoor)
		}
		for _, override := range []int{0, 35, 100} {
			o := override
			c := &game.Choice{Hat: tt.hat, Craft: game.Poor, Fit: &o}
			if got := game.ChoiceFit(tt.callsFor, c); got != override {
				t.Errorf("override fit(%s, %s, fit %d) = %d; the override must be final", tt.callsFor, tt.hat, override, got)
			}
		}
	}
}

func TestReadingScore(t *testing.T) {
	tests := []struct {
		callsFor, diagnosis game.Hat
		want                int
	}{
		// model v2: a hedge (both for a single hat) 25, half seen (one hat for both) 50
		{game.Manage, game.Manage, 100}, {game.Manage, game.Lead, 0}, {game.Manage, game.Both, 25},
		{game.Lead, game.Manage, 0}, {game.Lead, game.Lead, 100}, {game.Lead, game.Both, 25},
		{game.Both, game.Manage, 50}, {game.Both, game.Lead, 50}, {game.Both, game.Both, 100},
	}
	for _, tt := range tests {
		if got := game.ReadingScore(tt.callsFor, tt.diagnosis); got != tt.want {
			t.Errorf("reading(%s, %s) = %d, want %d", tt.callsFor, tt.diagnosis, got, tt.want)
		}
	}
}

// TestHedgingDoesNotPay: with moments split evenly between manage, lead and
// both, always answering Both, always one hat, and guessing all land near
// 50, and every honest reader who sees the moment beats them.
func TestHedgingDoesNotPay(t *testing.T) {
	calls := []game.Hat{game.Manage, game.Lead, game.Both}
	mean := func(read func(cf game.Hat) []game.Hat) float64 {
		sum, n := 0, 0
		for _, cf := range calls {
			for _, d := range read(cf) {
				sum += game.ReadingScore(cf, d)
				n++
			}
		}
		return float64(sum) / float64(n)
	}
	always := func(h game.Hat) func(game.Hat) []game.Hat { return func(game.Hat) []game.Hat { return []game.Hat{h} } }
	for name, read := range map[string]func(game.Hat) []game.Hat{
		"always both":   always(game.Both),
		"always manage": always(game.Manage),
		"always lead":   always(game.Lead),
		"random":        func(game.Hat) []game.Hat { return calls },
	} {
		if got := mean(read); got < 40 || got > 55 {
			t.Errorf("%s reads at %.1f on average; every shallow reading habit must land near 50", name, got)
		}
	}
	if both, one := mean(always(game.Both)), mean(always(game.Manage)); both > one {
		t.Errorf("always both (%.1f) beats always one hat (%.1f): hedging pays", both, one)
	}
}

func TestConditions(t *testing.T) {
	names := game.Names{IsMeter: game.IsMeter, IsFlag: func(s string) bool { return s == "a" || s == "b" || s == "spoke-too-soon" }}
	meters := game.LevelsOf(map[string]int{"stability": 30, "morale": 50, "trust": 70})
	tests := []struct {
		expr  string
		flags map[string]bool
		want  bool
	}{
		{"morale < 51", nil, true},
		{"morale <= 50", nil, true},
		{"morale > 50", nil, false},
		{"morale >= 50", nil, true},
		{"morale == 50", nil, true},
		{"morale != 50", nil, false},
		{"stability < 0", nil, false},
		{"trust <= 100", nil, true},
		{"a", map[string]bool{"a": true}, true},
		{"a", nil, false},
		{"not a", nil, true},
		{"not not a", nil, false},
		{"spoke-too-soon and morale < 60", map[string]bool{"spoke-too-soon": true}, true},
		// and binds tighter than or: true or (false and false) = true
		{"a or b and trust < 10", map[string]bool{"a": true}, true},
		// parentheses override: (true or false) and false = false
		{"(a or b) and trust < 10", map[string]bool{"a": true}, false},
		// not binds tighter than and: (not a) and b = false when a
		{"not a and b", map[string]bool{"a": true, "b": true}, false},
		{"not (a and b)", map[string]bool{"a": true}, true},
		{"trust >= 70 and (stability < 20 or not b)", nil, true},
	}
	for _, tt := range tests {
		c, err := game.ParseCond(tt.expr, names)
		if err != nil {
			t.Errorf("ParseCond(%q): %v", tt.expr, err)
			continue
		}
		if got := c.Eval(meters, tt.flags); got != tt.want {
			t.Errorf("%q with flags %v = %v, want %v", tt.expr, tt.flags, got, tt.want)
		}
	}
}

func TestConditionErrors(t *testing.T) {
	names := game.Names{IsMeter: game.IsMeter, IsFlag: func(s string) bool { return s == "done" }}
	tests := []struct {
		expr   string
		offset int
		msg    string
	}{
		{"morale", 0, `the meter "morale" must be compared with a number, as in morale < 40`},
		{"done > 3", 5, `the flag "done" is true or false and cannot be compared; write done or not done`},
		{"mood < 3", 0, `"mood" is neither a meter (stability, morale, trust) nor a flag set by any choice`},
		{"morale = 3", 7, `"=" is not an operator; use ==, !=, <, <=, > or >=, and not for negation`},
		{"done and", 8, "the condition ends where a test was expected"},
		{"(done", 5, "a ( is not closed with )"},
		{"done done", 5, `unexpected "done" in the condition; join tests with and, or`},
		{"morale < x", 9, "< needs a number after it"},
		{"done & x", 5, `unexpected character "&" in the condition`},
		{"morale < 400", 9, "meters run from 0 to 100, so comparing morale with 400 is always true or always false"},
		{"trust >= -5", 9, "meters run from 0 to 100, so comparing trust with -5 is always true or always false"},
	}
	for _, tt := range tests {
		_, err := game.ParseCond(tt.expr, names)
		var ce *game.CondError
		if !errors.As(err, &ce) {
			t.Errorf("ParseCond(%q) = %v, want a CondError", tt.expr, err)
			continue
		}
		if ce.Offset != tt.offset || ce.Msg != tt.msg {
			t.Errorf("ParseCond(%q) = %d %q, want %d %q", tt.expr, ce.Offset, ce.Msg, tt.offset, tt.msg)
		}
	}
}

func answers(list ...string) []game.Answer {
	var out []game.Answer
	for i := 0; i+2 < len(list); i += 3 {
		out = append(out, game.Answer{Scene: list[i], Diagnosis: game.Hat(list[i+1]), Choice: list[i+2]})
	}
	return out
}

func TestPlaythroughs(t *testing.T) {
	sc := loadMini(t)
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name   string
		log    []game.Answer
		path   []string
		ending string
		meters map[string]int
		scores game.Scores
	}{
		{
			name:   "best path",
			log:    answers("m1", "manage", "plan", "m2", "both", "both-ways", "m3", "lead", "coach"),
			path:   []string{"intro", "m1", "m2", "m3", "good-end"},
			ending: "good-end",
			// morale 95+10 clamps at 100, then +15 stays 100
			meters: map[string]int{"stability": 60, "morale": 100, "trust": 55},
			scores: game.Scores{Fit: f(100), Management: f(100), Leadership: f(100), Reading: f(100)},
		},
		{
			name: "speech sets a flag and a conditional branch takes the beat",
			log:  answers("m1", "lead", "speech", "m2", "manage", "both-ways", "m3", "manage", "tighten"),
			path: []string{"intro", "m1", "m2", "beat2", "m3", "bad-end"},
			// morale 95-60 = 35 < 40 and spoke → beat2
			ending: "bad-end",
			meters: map[string]int{"stability": 40, "morale": 25, "trust": 55},
			// fits 20, 100, 20; management over m1,m2 = 60; leadership over m2,m3 = 60; reading 0, 50, 0
			scores: game.Scores{Fit: f(46.7), Management: f(60), Leadership: f(60), Reading: f(16.7), OverManaging: 1, OverLeading: 1},
		},
		{
			name:   "poor craft, clamping at 0, and a branch on a low meter",
			log:    answers("m1", "manage", "micro", "m2", "both", "both-ways"),
			path:   []string{"intro", "m1", "m2", "bad-end"},
			ending: "bad-end",
			meters: map[string]int{"stability": 40, "morale": 95, "trust": 5},
			// micromanaging at a manage moment is still over-managing (model v2)
			scores: game.Scores{Fit: f(65), Management: f(65), Leadership: f(100), Reading: f(100), OverManaging: 1},
		},
		{
			name:   "fit override and hat none",
			log:    answers("m1", "both", "wild", "m2", "lead", "nothing", "m3", "lead", "hype"),
			path:   []string{"intro", "m1", "m2", "m3", "bad-end"},
			ending: "bad-end",
			meters: map[string]int{"stability": 0, "morale": 95, "trust": 50},
			// fits 35, 0, 30; management (m1, m2) 17.5; leadership (m2, m3) 15;
			// reading 25 (both for a manage moment: a hedge), 50, 100; empty hype is over-leading
			scores: game.Scores{Fit: f(21.7), Management: f(17.5), Leadership: f(15), Reading: f(58.3), OverLeading: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := game.Replay(sc, 7, tt.log)
			if err != nil {
				t.Fatal(err)
			}
			if !st.Done || st.Ending().ID != tt.ending {
				t.Fatalf("ending = %v (done %v), want %s", st.Current.ID, st.Done, tt.ending)
			}
			if !reflect.DeepEqual(st.Path, tt.path) {
				t.Errorf("path = %v, want %v", st.Path, tt.path)
			}
			if !reflect.DeepEqual(st.Meters.Map(), tt.meters) {
				t.Errorf("meters = %v, want %v", st.Meters, tt.meters)
			}
			if got := st.Scores(); !reflect.DeepEqual(got, tt.scores) {
				t.Errorf("scores = %s, want %s", fmtScores(got), fmtScores(tt.scores))
			}
		})
	}
}

func fmtScores(s game.Scores) string {
	p := func(v *float64) string {
		if v == nil {
			return "null"
		}
		return fmt.Sprint(*v)
	}
	return fmt.Sprintf("fit %s management %s leadership %s reading %s over-managing %d over-leading %d",
		p(s.Fit), p(s.Management), p(s.Leadership), p(s.Reading), s.OverManaging, s.OverLeading)
}

func TestScoresOverNoMoment(t *testing.T) {
	s := game.Score(nil)
	if s.Fit != nil || s.Management != nil || s.Leadership != nil || s.Reading != nil {
		t.Errorf("scores over no moment must be nil, got %s", fmtScores(s))
	}
	sc := loadMini(t)
	st, _ := game.Replay(sc, 1, answers("m1", "manage", "plan"))
	if s := st.Scores(); s.Leadership != nil || s.Management == nil {
		t.Errorf("after one manage moment leadership must be nil and management set, got %s", fmtScores(s))
	}
}

func TestBeatsAreShownBeforeTheMoment(t *testing.T) {
	sc := loadMini(t)
	st, err := game.Start(sc, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Beats) != 1 || st.Beats[0].ID != "intro" || st.Current.ID != "m1" {
		t.Fatalf("start: beats %v, current %s; want the intro beat before m1", st.Beats, st.Current.ID)
	}
	if _, err := st.Answer(answers("m1", "manage", "plan")[0]); err != nil {
		t.Fatal(err)
	}
	if len(st.Beats) != 0 {
		t.Errorf("beats after the answer = %d, want none", len(st.Beats))
	}
}

func TestAnswerErrors(t *testing.T) {
	sc := loadMini(t)
	tests := []struct {
		a    game.Answer
		want error
	}{
		{game.Answer{Scene: "m2", Diagnosis: game.Both, Choice: "both-ways"}, game.ErrWrongScene},
		{game.Answer{Scene: "m1", Diagnosis: "stabilise", Choice: "plan"}, game.ErrUnknownHat},
		{game.Answer{Scene: "m1", Diagnosis: game.None, Choice: "plan"}, game.ErrUnknownHat},
		{game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "nope"}, game.ErrUnknownChoic},
	}
	for _, tt := range tests {
		st, _ := game.Start(sc, 1)
		if _, err := st.Answer(tt.a); !errors.Is(err, tt.want) {
			t.Errorf("Answer(%+v) = %v, want %v", tt.a, err, tt.want)
		}
		if len(st.Steps) != 0 || st.Current.ID != "m1" {
			t.Errorf("a rejected answer changed the state")
		}
	}
	st, _ := game.Replay(sc, 1, answers("m1", "manage", "micro", "m2", "both", "both-ways"))
	if _, err := st.Answer(game.Answer{Scene: "m3", Diagnosis: game.Lead, Choice: "coach"}); !errors.Is(err, game.ErrFinished) {
		t.Errorf("answering after the ending = %v, want ErrFinished", err)
	}
}

func TestReplayEqualsPlay(t *testing.T) {
	sc := loadMini(t)
	log := answers("m1", "lead", "speech", "m2", "both", "both-ways", "m3", "lead", "coach")
	played, _ := game.Start(sc, 42)
	for _, a := range log {
		if _, err := played.Answer(a); err != nil {
			t.Fatal(err)
		}
	}
	replayed, err := game.Replay(sc, 42, played.Log())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(played.Debrief(), replayed.Debrief()) || !reflect.DeepEqual(played.Flags, replayed.Flags) {
		t.Errorf("replaying the log gave a different state:\nplayed   %+v\nreplayed %+v", played.Debrief(), replayed.Debrief())
	}
}

func TestShuffleIsSeededAndComplete(t *testing.T) {
	sc := loadMini(t)
	m1 := sc.Scene("m1")
	orders := map[string]bool{}
	for seed := int64(0); seed < 50; seed++ {
		a := game.ShuffledChoices(m1, seed)
		b := game.ShuffledChoices(m1, seed)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d gave two different orders", seed)
		}
		ids := ""
		seen := map[string]bool{}
		for _, c := range a {
			ids += c.ID + ","
			seen[c.ID] = true
		}
		if len(seen) != len(m1.Choices) {
			t.Fatalf("seed %d lost or repeated a choice: %s", seed, ids)
		}
		orders[ids] = true
	}
	if len(orders) < 10 {
		t.Errorf("50 seeds gave only %d distinct orders of 4 choices", len(orders))
	}
	// the order is part of the contract: pin one so a change to the shuffle is noticed
	got := ""
	for _, c := range game.ShuffledChoices(m1, 3) {
		got += c.ID + " "
	}
	if want := "micro wild plan speech "; got != want {
		t.Errorf("seed 3 order = %q, want %q", got, want)
	}
}

func TestTendency(t *testing.T) {
	tests := []struct {
		s    game.Scores
		want game.Tendency
	}{
		{game.Scores{}, game.Balanced},
		{game.Scores{OverManaging: 2, OverLeading: 1}, game.OverManaging},
		{game.Scores{OverManaging: 0, OverLeading: 1}, game.OverLeading},
		{game.Scores{OverManaging: 2, OverLeading: 2}, game.BothWays},
	}
	for _, tt := range tests {
		if got := game.TendencyOf(tt.s); got != tt.want {
			t.Errorf("TendencyOf(%d, %d) = %s, want %s", tt.s.OverManaging, tt.s.OverLeading, got, tt.want)
		}
	}
	if game.OverManaging.Cost() == game.OverLeading.Cost() {
		t.Error("the two tendencies must name different costs")
	}
}

func TestDebriefReview(t *testing.T) {
	sc := loadMini(t)
	st, _ := game.Replay(sc, 1, answers("m1", "lead", "micro", "m2", "both", "both-ways"))
	d := st.Debrief()
	if d.Ending == nil || d.Ending.Away != "They wait for you." {
		t.Fatalf("debrief ending = %+v", d.Ending)
	}
	want := game.ReviewItem{Scene: "m1", CallsFor: game.Manage, Why: "Nobody knows the numbers.", Diagnosis: game.Lead, Reading: 0,
		Choice: "micro", ChoiceText: "Check everyone's screen hourly.", Hat: game.Manage, Craft: game.Poor, Fit: 30, Feedback: "The manager hat done badly.",
		Played: "micro", PlayedText: "Check everyone's screen hourly."}
	if len(d.Review) != 2 || d.Review[0] != want {
		t.Errorf("review[0] = %+v\nwant %+v", d.Review[0], want)
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"  Zoë Fernández ", "Zoë Fernández", true},
		{"محمد", "محمد", true},
		{"فاطمه\u200cزاده", "فاطمه\u200cزاده", true}, // a zero-width non-joiner is part of Persian spelling
		{"=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")", true},
		{"", "", false},
		{"Ana\nBell", "", false},
		{"evil\u202Egnp.exe", "", false},
		{"\u2066Sam\u2069", "", false},
		// names that display as nothing
		{"\u200b\u200c\u200d", "", false},
		{"\u3164", "", false},
		{"\u115f\u1160\uffa0", "", false},
		{"\ufeff\u200e\u200f\u061c", "", false},
		{"\u2800", "", false},
		{"\u0301\u0301", "", false},
		{"Zoë\u200b", "Zoë\u200b", true},
	}
	for _, tt := range tests {
		got, err := game.CleanName(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("CleanName(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, game.ErrBadName) {
			t.Errorf("CleanName(%q) error %v does not wrap ErrBadName", tt.in, err)
		}
	}
}

// TestVerdictWords: one vocabulary for every front end. A hedge once read
// "You read it exactly right."; the right hat worn badly once read as a
// plain misfit.
func TestVerdictWords(t *testing.T) {
	for score, want := range map[int]string{
		100: "You read it exactly right.",
		50:  "You saw half of it: the moment called for both hats.",
		25:  "You hedged: you named both hats when the moment called for one.",
		0:   "Your reading missed it.",
	} {
		if got := game.ReadingLine(score); got != want {
			t.Errorf("ReadingLine(%d) = %q, want %q", score, got, want)
		}
	}
	for fit, want := range map[int]game.Band{100: game.Fits, 99: game.Partial, 50: game.Partial, 49: game.Misfit, 0: game.Misfit} {
		if got := game.FitBand(fit); got != want {
			t.Errorf("FitBand(%d) = %v, want %v", fit, got, want)
		}
	}
	sc := loadMini(t)
	st, err := game.Replay(sc, 1, answers("m1", "manage", "micro"))
	if err != nil {
		t.Fatal(err)
	}
	s := st.Steps[0]
	if got := game.HatLine(s.Choice); got != "You put on the manager hat, but wore it poorly." {
		t.Errorf("HatLine = %q", got)
	}
	if got := game.VerdictLine(s); got != "The hat was right, but the craft was poor." {
		t.Errorf("VerdictLine = %q", got)
	}
	if got := game.CalledFor(game.Both); got != "both hats" {
		t.Errorf("CalledFor(both) = %q", got)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 files", 1: "1 file", 2: "2 files"} {
		if got := game.Count(n, "file"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMomentRange(t *testing.T) {
	sc := loadMini(t)
	// intro → m1 → m2 → bad-end (two moments) or → m3 → an ending (three)
	if lo, hi := sc.MomentRange(); lo != 2 || hi != 3 {
		t.Errorf("MomentRange = %d, %d; want 2, 3", lo, hi)
	}
}

// TestRoomAnswers: in a room attempt the story follows the room's choice,
// the player's own votes are what score, and a vote let pass counts in no
// score; a solo answer may not leave anything out.
func TestRoomAnswers(t *testing.T) {
	sc := loadMini(t)
	st, err := game.Start(sc, 1)
	if err != nil {
		t.Fatal(err)
	}
	// voted "speech" (lead, fit 20) but the room played "plan"
	step, err := st.Answer(game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "speech", Played: "plan"})
	if err != nil {
		t.Fatal(err)
	}
	if step.Choice.ID != "speech" || step.Played.ID != "plan" || step.Fit != 20 || step.Reading != 100 || !step.InRoom() {
		t.Errorf("step = choice %s played %s fit %d reading %d", step.Choice.ID, step.Played.ID, step.Fit, step.Reading)
	}
	if st.Flags["spoke"] {
		t.Error("the player's vote set a flag: only the room's choice has consequences")
	}
	planned, _ := game.Replay(sc, 1, answers("m1", "manage", "plan"))
	if st.Meters != planned.Meters {
		t.Errorf("meters = %v, want %v (the room's plan, not the vote's speech)", st.Meters, planned.Meters)
	}
	if st.Current.ID != "m2" {
		t.Fatalf("current = %s, want m2", st.Current.ID)
	}
	// joined late: no votes at all at m2
	step, err = st.Answer(game.Answer{Scene: "m2", Played: "nothing"})
	if err != nil {
		t.Fatal(err)
	}
	if step.Voted() || step.Read() || step.Choice != nil || step.Played.ID != "nothing" {
		t.Errorf("an unvoted moment: voted %v read %v", step.Voted(), step.Read())
	}
	sc2 := st.Scores()
	if sc2.Fit == nil || *sc2.Fit != 20 || sc2.Reading == nil || *sc2.Reading != 100 {
		t.Errorf("scores = fit %v reading %v, want 20 and 100 (the unvoted moment counts in neither)", sc2.Fit, sc2.Reading)
	}
	if sc2.OverLeading != 1 || sc2.OverManaging != 0 {
		t.Errorf("tendencies = %d/%d, want the lead vote at a manage moment counted", sc2.OverManaging, sc2.OverLeading)
	}
	d := st.Debrief()
	if r := d.Review[1]; r.Choice != "" || r.Played != "nothing" || !r.InRoom {
		t.Errorf("review of the unvoted moment = %+v", r)
	}
	// the log replays to the same place
	again, err := game.Replay(sc, 1, st.Log())
	if err != nil || again.Current.ID != st.Current.ID || again.Meters != st.Meters {
		t.Fatalf("replay: %v at %v", err, again)
	}

	solo, _ := game.Start(sc, 1)
	for _, a := range []game.Answer{
		{Scene: "m1", Choice: "plan"},
		{Scene: "m1", Diagnosis: game.Manage},
		{Scene: "m1", Diagnosis: game.Manage, Choice: "plan", Played: "nope"},
		{Scene: "m1", Diagnosis: game.Manage, Choice: "nope", Played: "plan"},
	} {
		if err := solo.Check(a); err == nil {
			t.Errorf("Check(%+v) accepted", a)
		}
	}
	if err := solo.Check(game.Answer{Scene: "m1", Choice: "plan"}); !errors.Is(err, game.ErrNoVote) {
		t.Errorf("a solo answer without a reading: %v, want ErrNoVote", err)
	}
}
