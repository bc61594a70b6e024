package sample_test

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/scenarios"
)

var smpEpoch = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)

func smpOpen(tb testing.TB) *store.Store {
	tb.Helper()
	var mu sync.Mutex
	n := 0
	ids := func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
	}
	clock := smpEpoch
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
	db, _, err := store.Open(tb.TempDir(), store.Options{Now: now, NewID: ids, Backups: -1})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func shipped() *scenarios.Library {
	return scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
}

// rows dumps the sample's attempts and answers, ids included.
func rows(tb testing.TB, db *store.Store, code string) string {
	tb.Helper()
	entries, err := db.Entries(code)
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&b, "%s %s %s %s %d %s %s\n", e.Profile.ID, e.Profile.Name, e.Attempt.ID, e.Attempt.ScenarioID, e.Attempt.Seed, e.Attempt.Status, e.Attempt.StartedAt)
		for _, a := range e.Answers {
			fmt.Fprintf(&b, "  %s %d %s %s %s %s %d\n", a.ID, a.Seq, a.Scene, a.Diagnosis, a.Choice, a.At, a.Millis)
		}
	}
	return b.String()
}

var uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

func stripIDs(s string) string { return uuidRE.ReplaceAllString(s, "ID") }

func TestGenerateIsRepeatable(t *testing.T) {
	lib := shipped()
	o := sample.Options{Participants: 25, Seed: 7, Start: smpEpoch}
	db1, db2 := smpOpen(t), smpOpen(t)
	w1, err := sample.Generate(db1, lib.Scenarios, o)
	if err != nil {
		t.Fatal(err)
	}
	w2, err := sample.Generate(db2, lib.Scenarios, o)
	if err != nil {
		t.Fatal(err)
	}
	if w1.Code != w2.Code || rows(t, db1, w1.Code) != rows(t, db2, w2.Code) {
		t.Error("the same seed and ids gave two different workshops")
	}
	// with other ids (another join code) the same seed gives the same people
	db3 := smpOpen(t)
	db3.CreateWorkshop("shift the ids")
	w5, _ := sample.Generate(db3, lib.Scenarios, o)
	if w5.Code == w1.Code || stripIDs(rows(t, db3, w5.Code)) != stripIDs(rows(t, db1, w1.Code)) {
		t.Error("the same seed under another join code gave other participants or answers")
	}
	o.Seed = 8
	w3, _ := sample.Generate(db1, lib.Scenarios, o)
	if rows(t, db1, w3.Code) == rows(t, db1, w1.Code) {
		t.Error("another seed gave the same workshop")
	}
	// a second sample in the same database never reuses ids
	o.Seed = 7
	w4, err := sample.Generate(db1, lib.Scenarios, o)
	if err != nil {
		t.Fatalf("a second sample with the same seed: %v", err)
	}
	if n, _ := db1.Entries(w4.Code); len(n) == 0 {
		t.Error("the second sample with the same seed is empty")
	}
}

// TestGenerateIsRealistic: skill, tendencies and completion vary, and every
// attempt replays.
func TestGenerateIsRealistic(t *testing.T) {
	lib := shipped()
	db := smpOpen(t)
	w, err := sample.Generate(db, lib.Scenarios, sample.Options{Participants: 120, Seed: 1, Start: smpEpoch, Names: []string{"Zoë =1+1", " Ana "}})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := db.Entries(w.Code)
	if err != nil {
		t.Fatal(err)
	}
	people := map[string]bool{}
	status := map[string]int{}
	tend := map[game.Tendency]int{}
	lo, hi := 100.0, 0.0
	names := map[string]bool{}
	for _, e := range entries {
		people[e.Profile.ID] = true
		names[e.Profile.Name] = true
		if e.Profile.Workshop != w.Code || e.Attempt.Workshop != w.Code || !e.Profile.Imported {
			t.Errorf("%s: workshop %q/%q imported %v", e.Profile.Name, e.Profile.Workshop, e.Attempt.Workshop, e.Profile.Imported)
		}
		sc := lib.Get(e.Attempt.ScenarioID)
		st, err := game.Replay(sc, e.Attempt.Seed, game.LogOf(e.Answers))
		if err != nil {
			t.Fatalf("%s's attempt does not replay: %v", e.Profile.Name, err)
		}
		if st.Done != (e.Attempt.Status == game.StatusFinished) {
			t.Errorf("%s: status %s but done %v", e.Profile.Name, e.Attempt.Status, st.Done)
		}
		status[e.Attempt.Status]++
		if st.Done {
			s := st.Scores()
			tend[game.TendencyOf(s)]++
			lo, hi = min(lo, *s.Fit), max(hi, *s.Fit)
			if *e.Attempt.Scores.Fit != *s.Fit {
				t.Errorf("%s: stored fit %v, replayed %v", e.Profile.Name, *e.Attempt.Scores.Fit, *s.Fit)
			}
		}
		for i := 1; i < len(e.Answers); i++ {
			if !e.Answers[i].At.After(e.Answers[i-1].At) || e.Answers[i].Millis <= 0 {
				t.Errorf("%s: answer times do not move forward", e.Profile.Name)
				break
			}
		}
	}
	if len(people) != 120 {
		t.Errorf("%d participants, want 120", len(people))
	}
	if !names["Zoë =1+1"] || !names["Ana"] {
		t.Error("the given names were not used (trimmed) for the first participants")
	}
	if status[game.StatusOpen] == 0 || status[game.StatusFinished] < 3*status[game.StatusOpen] {
		t.Errorf("statuses %v: want mostly finished, some not", status)
	}
	for _, k := range []game.Tendency{game.Balanced, game.OverManaging, game.OverLeading, game.BothWays} {
		if tend[k] == 0 {
			t.Errorf("no participant is %s; tendencies %v", k, tend)
		}
	}
	if hi-lo < 40 {
		t.Errorf("fit ranges from %v to %v; skill should vary more", lo, hi)
	}
}

func TestGenerateRejects(t *testing.T) {
	lib := shipped()
	db := smpOpen(t)
	for _, o := range []sample.Options{
		{Participants: 0},
		{Participants: sample.MaxParticipants + 1},
		{Participants: 3, Scenarios: []string{"no-such-scenario"}},
		{Participants: 3, Names: []string{"bad\x00name"}},
	} {
		if _, err := sample.Generate(db, lib.Scenarios, o); err == nil {
			t.Errorf("Generate(%+v) succeeded", o)
		}
	}
	if _, err := sample.Generate(db, nil, sample.Options{Participants: 3}); err == nil || !strings.Contains(err.Error(), "no scenarios") {
		t.Errorf("an empty library: %v", err)
	}
}

// BenchmarkRoom1000 is the room view of a 1 000-participant sample
// workshop: reading the entries from SQLite and building the room.
func BenchmarkRoom1000(b *testing.B) {
	lib := shipped()
	db := smpOpen(b)
	w, err := sample.Generate(db, lib.Scenarios, sample.Options{Participants: 1000, Seed: 1, Start: smpEpoch})
	if err != nil {
		b.Fatal(err)
	}
	sc := lib.Get(sample.DefaultScenarios[0])
	b.Run("read+build", func(b *testing.B) {
		for b.Loop() {
			entries, err := db.RoomEntries(w.Code, sc.ID)
			if err != nil {
				b.Fatal(err)
			}
			if room := game.BuildRoom(sc, entries); len(room.Participants) < 900 {
				b.Fatal(len(room.Participants))
			}
		}
	})
	entries, _ := db.RoomEntries(w.Code, sc.ID)
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			game.BuildRoom(sc, entries)
		}
	})
}

// BenchmarkGenerate1000 creates a 1 000-participant workshop.
func BenchmarkGenerate1000(b *testing.B) {
	lib := shipped()
	for b.Loop() {
		db := smpOpen(b)
		if _, err := sample.Generate(db, lib.Scenarios, sample.Options{Participants: 1000, Seed: 1, Start: smpEpoch}); err != nil {
			b.Fatal(err)
		}
	}
}
