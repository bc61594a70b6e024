package game_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
)

func TestJoinCodes(t *testing.T) {
	if strings.ContainsAny(game.CodeAlphabet, "0O1IL") || len(game.CodeAlphabet) != 31 {
		t.Fatalf("the alphabet %q must have 31 symbols and no 0, O, 1, I or L", game.CodeAlphabet)
	}
	seen := map[string]bool{}
	for n := uint64(0); n < 20000; n++ {
		c := game.MakeCode(n * 2654435761)
		if len(c) != game.CodeLength || !game.ValidCode(c) {
			t.Fatalf("MakeCode(%d) = %q is not a valid code", n, c)
		}
		seen[c] = true
		if n%997 != 0 {
			continue
		}
		// every single substitution and every swap of neighbours is caught
		for i := 0; i < len(c); i++ {
			for _, r := range game.CodeAlphabet {
				if byte(r) == c[i] {
					continue
				}
				typo := c[:i] + string(r) + c[i+1:]
				if game.ValidCode(typo) {
					t.Errorf("the typo %s of %s passes", typo, c)
				}
			}
			if i+1 < len(c) && c[i] != c[i+1] {
				swap := c[:i] + string(c[i+1]) + string(c[i]) + c[i+2:]
				if game.ValidCode(swap) {
					t.Errorf("the swap %s of %s passes", swap, c)
				}
			}
		}
	}
	if len(seen) < 19990 {
		t.Errorf("only %d distinct codes from 20000 numbers", len(seen))
	}
	c := game.MakeCode(42)
	for _, typed := range []string{strings.ToLower(c), " " + c + " ", c[:3] + "-" + c[3:], c[:3] + " " + c[3:]} {
		if game.NormalizeCode(typed) != c || !game.ValidCode(typed) {
			t.Errorf("%q does not normalise to %s", typed, c)
		}
	}
	for _, bad := range []string{"", "ABCDE", "ABCDEFG", "ÄBCDEF", "0OIL1Z", "\x00\x00\x00\x00\x00\x00"} {
		if game.ValidCode(bad) {
			t.Errorf("%q passes as a join code", bad)
		}
	}
}

// roomEntry builds an entry for the mini scenario.
func roomEntry(p game.Profile, id string, started time.Time, seed int64, answers ...string) game.RoomEntry {
	e := game.RoomEntry{Profile: p, Attempt: game.Attempt{ID: id, ProfileID: p.ID, ScenarioID: "mini", Seed: seed, StartedAt: started}}
	for i, a := range answers {
		f := strings.Fields(a) // "scene diagnosis choice"
		e.Answers = append(e.Answers, game.SavedAnswer{ID: fmt.Sprintf("%s-%d", id, i+1), Seq: i + 1,
			Answer: game.Answer{Scene: f[0], Diagnosis: game.Hat(f[1]), Choice: f[2]}})
	}
	return e
}

func TestBuildRoom(t *testing.T) {
	sc := loadMini(t)
	t0 := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	ana := game.Profile{ID: "p-ana", Name: "Ana"}
	bea := game.Profile{ID: "p-bea", Name: "bea"}
	cy := game.Profile{ID: "p-cy", Name: "Cy"}
	dan := game.Profile{ID: "p-dan", Name: "Dan"}
	eve := game.Profile{ID: "p-eve", Name: "Eve"}
	entries := []game.RoomEntry{
		// Ana's older attempt does not count; her latest does
		roomEntry(ana, "a1", t0, 1, "m1 lead speech"),
		roomEntry(ana, "a2", t0.Add(time.Hour), 1, "m1 manage plan", "m2 both both-ways", "m3 lead coach"),
		// Bea stopped after the first moment
		roomEntry(bea, "b1", t0, 2, "m1 both micro"),
		// Cy's latest attempt no longer replays: his earlier one counts
		roomEntry(cy, "c1", t0, 3, "m1 manage wild", "m2 lead nothing", "m3 manage tighten"),
		roomEntry(cy, "c2", t0.Add(time.Hour), 3, "m1 manage teleport"),
		// Dan only has an attempt that does not replay: he is left out
		roomEntry(dan, "d1", t0, 4, "m2 manage plan"),
		// Eve opened the scenario and answered nothing
		roomEntry(eve, "e1", t0, 5),
	}
	other := roomEntry(ana, "x1", t0.Add(2*time.Hour), 1, "m1 manage plan")
	other.Attempt.ScenarioID = "another"
	entries = append(entries, other)

	room := game.BuildRoom(sc, entries)
	if room.Scenario != sc || len(room.Moments) != 3 {
		t.Fatalf("the room has %d moments, want mini's 3", len(room.Moments))
	}
	var names []string
	for _, p := range room.Participants {
		names = append(names, p.Profile.Name+":"+p.AttemptID)
	}
	if got := strings.Join(names, " "); got != "Ana:a2 bea:b1 Cy:c1 Eve:e1" {
		t.Errorf("participants %s, want Ana:a2 bea:b1 Cy:c1 Eve:e1 (latest that replays, by name)", got)
	}
	m1 := room.Moments[0]
	if m1.Scene.ID != "m1" || m1.Answered != 3 || m1.Readings[game.Manage] != 2 || m1.Readings[game.Both] != 1 || m1.Readings[game.Lead] != 0 {
		t.Errorf("m1: answered %d, readings %v; want 3 answers, manage 2, both 1, lead 0", m1.Answered, m1.Readings)
	}
	counts := map[string]int{}
	fits := map[string]bool{}
	for i, c := range m1.Choices {
		if c.Choice != sc.Scene("m1").Choices[i] {
			t.Errorf("m1's choices are not in file order at %d", i)
		}
		counts[c.Choice.ID], fits[c.Choice.ID] = c.Count, c.Fits
	}
	if counts["plan"] != 1 || counts["micro"] != 1 || counts["wild"] != 1 || counts["speech"] != 0 {
		t.Errorf("m1's choices counted %v", counts)
	}
	if !fits["plan"] || fits["micro"] || fits["wild"] || fits["speech"] {
		t.Errorf("m1's fitting choices %v, want plan only (micro is poorly done, wild has fit 35)", fits)
	}
	m3 := room.Moments[2]
	if m3.Answered != 2 || m3.Readings[game.Lead] != 1 || m3.Readings[game.Manage] != 1 {
		t.Errorf("m3: answered %d, readings %v", m3.Answered, m3.Readings)
	}
	byName := map[string]game.RoomParticipant{}
	for _, p := range room.Participants {
		byName[p.Profile.Name] = p
	}
	if a := byName["Ana"]; !a.Finished || a.Ending != "good-end" || *a.Scores.Fit != 100 || a.Tendency != game.Balanced {
		t.Errorf("Ana: %+v", a)
	}
	if b := byName["bea"]; b.Finished || b.Ending != "" || *b.Scores.Fit != 30 || b.Scores.Leadership != nil {
		t.Errorf("bea: %+v", b)
	}
	if c := byName["Cy"]; !c.Finished || c.Tendency != game.OverManaging {
		t.Errorf("Cy: %+v, want finished and over-managing", c)
	}
	if e := byName["Eve"]; e.Finished || e.Scores.Fit != nil || e.Tendency != "" {
		t.Errorf("Eve, with no answer, has %+v; want no scores and no tendency", e)
	}
	if empty := game.BuildRoom(sc, nil); len(empty.Moments) != 3 || len(empty.Participants) != 0 || empty.Moments[0].Readings == nil {
		t.Errorf("an empty room: %+v", empty)
	}
	if none := game.BuildRoom(nil, entries); none.Moments != nil || none.Participants != nil {
		t.Error("a room without a scenario is not empty")
	}
}

func TestSortParticipants(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	ps := []game.RoomParticipant{
		{Profile: game.Profile{ID: "1", Name: "cy"}, Scores: game.Scores{Fit: f(50)}, Tendency: game.OverLeading},
		{Profile: game.Profile{ID: "2", Name: "Ana"}, Scores: game.Scores{Fit: f(80)}, Tendency: game.Balanced, Finished: true},
		{Profile: game.Profile{ID: "3", Name: "Bo"}, Scores: game.Scores{}},
		{Profile: game.Profile{ID: "4", Name: "Ana"}, Scores: game.Scores{Fit: f(50)}, Tendency: game.OverManaging},
	}
	order := func() string {
		var s []string
		for _, p := range ps {
			s = append(s, p.Profile.ID)
		}
		return strings.Join(s, "")
	}
	tests := []struct {
		by   game.RoomSort
		desc bool
		want string
	}{
		{game.ByName, false, "243" + "1"},
		{game.ByName, true, "1342"},
		{game.ByFit, false, "4123"}, // ties by name; no score last
		{game.ByFit, true, "2413"},  // no score still last
		{game.ByTendency, false, "2413"},
		{game.ByFinished, true, "2431"},
	}
	for _, tt := range tests {
		game.SortParticipants(ps, tt.by, tt.desc)
		if got := order(); got != tt.want {
			t.Errorf("sort by %d desc %v: %s, want %s", tt.by, tt.desc, got, tt.want)
		}
	}
}

// BenchmarkBuildRoom1000 builds the room of 1 000 participants who played
// the mini scenario: the work behind every refresh of the projector view.
func BenchmarkBuildRoom1000(b *testing.B) {
	sc := loadMini(b)
	t0 := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	paths := [][]string{
		{"m1 manage plan", "m2 both both-ways", "m3 lead coach"},
		{"m1 lead speech", "m2 manage both-ways", "m3 both tighten"},
		{"m1 both micro", "m2 lead nothing", "m3 lead hype"},
		{"m1 manage wild"},
	}
	var entries []game.RoomEntry
	for i := 0; i < 1000; i++ {
		p := game.Profile{ID: fmt.Sprintf("p%04d", i), Name: fmt.Sprintf("Participant %04d", i)}
		entries = append(entries, roomEntry(p, fmt.Sprintf("a%04d", i), t0, int64(i), paths[i%len(paths)]...))
	}
	b.ReportAllocs()
	for b.Loop() {
		room := game.BuildRoom(sc, entries)
		if len(room.Participants) != 1000 {
			b.Fatal(len(room.Participants))
		}
	}
}
