package store_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

// wsScenario is a two-moment scenario of the facilitator tests' own.
const wsScenario = `format: 1
id: two-step
title: Two steps
summary: Two moments.
situation: crisis
minutes: 2
start: a
scenes:
  - id: a
    text: First.
    calls_for: manage
    why: Because.
    choices:
      - {id: plan, text: Plan., hat: manage, feedback: Fits., next: b}
      - {id: talk, text: Talk., hat: lead, feedback: Does not., next: b}
  - id: b
    text: Second.
    calls_for: lead
    why: Because.
    choices:
      - {id: coach, text: Coach., hat: lead, feedback: Fits., next: end}
      - {id: audit, text: Audit., hat: manage, feedback: Does not., next: end}
  - {id: end, ending: true, title: End, text: Done., away: Away.}
`

func wsLoad(t testing.TB) *game.Scenario {
	t.Helper()
	sc, probs := scenarios.Parse("two-step.yaml", []byte(wsScenario))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return sc
}

func wsPlay(t testing.TB, db *store.Store, sc *game.Scenario, p game.Profile, code string, choices ...string) game.Attempt {
	t.Helper()
	a, err := db.StartAttempt(p.ID, sc, 1, code)
	if err != nil {
		t.Fatal(err)
	}
	scenes := []string{"a", "b"}
	for i, c := range choices {
		if _, err := db.SaveAnswer(a.ID, i+1, game.Answer{Scene: scenes[i], Diagnosis: game.Manage, Choice: c}); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func TestRoomEntries(t *testing.T) {
	db := wsOpen(t, nil)
	sc := wsLoad(t)
	w, _ := db.CreateWorkshop("W")
	other, _ := db.CreateWorkshop("Other")
	bea, _ := db.CreateProfile("bea", w.Code)
	ana, _ := db.CreateProfile("Ana", w.Code)
	cy, _ := db.CreateProfile("Cy", other.Code)
	a1 := wsPlay(t, db, sc, ana, w.Code, "plan", "coach")
	a2 := wsPlay(t, db, sc, ana, w.Code, "talk")
	b1 := wsPlay(t, db, sc, bea, w.Code, "plan")
	wsPlay(t, db, sc, cy, other.Code, "plan", "audit")
	wsPlay(t, db, sc, ana, "", "plan")

	entries, err := db.RoomEntries(w.Code[:3]+"-"+w.Code[3:], sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Profile.Name+"/"+e.Attempt.ID)
		for i, a := range e.Answers {
			if a.Seq != i+1 {
				t.Errorf("attempt %s: answer %d has seq %d", e.Attempt.ID, i, a.Seq)
			}
		}
	}
	want := []string{"Ana/" + a1.ID, "Ana/" + a2.ID, "bea/" + b1.ID}
	if len(got) != len(want) {
		t.Fatalf("RoomEntries = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("RoomEntries = %v, want %v (by name, ignoring case, then start)", got, want)
			break
		}
	}
	if len(entries[0].Answers) != 2 || entries[0].Answers[1].Choice != "coach" || entries[0].Profile.Workshop != w.Code {
		t.Errorf("the first entry is %+v", entries[0])
	}
	if none, err := db.RoomEntries(w.Code, "no-such-scenario"); err != nil || len(none) != 0 {
		t.Errorf("another scenario: %v, %v", none, err)
	}
	all, _ := db.RoomEntries("", sc.ID)
	if len(all) != 5 {
		t.Errorf("every attempt at the scenario: %d, want 5", len(all))
	}
	ws, _ := db.Entries(w.Code)
	if len(ws) != 3 {
		t.Errorf("Entries(workshop) = %d, want 3", len(ws))
	}
	room := game.BuildRoom(sc, entries)
	if len(room.Participants) != 2 || room.Participants[0].AttemptID != a2.ID {
		t.Errorf("the room: %+v; want Ana's latest attempt and Bea's", room.Participants)
	}
}

func TestMerge(t *testing.T) {
	db := wsOpen(t, nil)
	sc := wsLoad(t)
	at := testkit.Epoch.Add(time.Hour)
	p := game.Profile{ID: "11111111-0000-4000-8000-000000000001", Name: "Ana", CreatedAt: at, Imported: true}
	attempt := game.Attempt{ID: "11111111-0000-4000-8000-000000000002", ScenarioID: sc.ID, ScenarioHash: sc.Hash, Seed: 4, StartedAt: at, Status: game.StatusOpen}
	one := []game.SavedAnswer{{ID: "11111111-0000-4000-8000-000000000003", Seq: 1, Answer: game.Answer{Scene: "a", Diagnosis: game.Manage, Choice: "plan", At: at}}}
	st, err := db.Merge(p, []store.AttemptLog{{Attempt: attempt, Answers: one}})
	if err != nil || !reflect.DeepEqual(st, store.MergeStats{Profiles: 1, Attempts: 1, Answers: 1, Added: []string{attempt.ID}}) {
		t.Fatalf("first merge: %+v %v, want the attempt named as added", st, err)
	}
	if st, err := db.Merge(p, []store.AttemptLog{{Attempt: attempt, Answers: one}}); err != nil || st.Changed() {
		t.Errorf("the same merge again: %+v %v, want no change", st, err)
	}
	// a local profile of the same name is fine for an imported one
	if _, err := db.CreateProfile("Ana", ""); err != nil {
		t.Errorf("a local Ana beside an imported Ana: %v", err)
	}
	two := append(one, game.SavedAnswer{ID: "11111111-0000-4000-8000-000000000004", Seq: 2, Answer: game.Answer{Scene: "b", Diagnosis: game.Lead, Choice: "coach", At: at}})
	fin := at.Add(time.Minute)
	fit := 100.0
	done := attempt
	done.Status, done.FinishedAt, done.Ending = game.StatusFinished, &fin, "end"
	done.Scores = &game.Scores{Fit: &fit, Management: &fit, Leadership: &fit, Reading: &fit}
	if st, err := db.Merge(p, []store.AttemptLog{{Attempt: done, Answers: two}}); err != nil || !reflect.DeepEqual(st, store.MergeStats{Attempts: 1, Answers: 1, Updated: []string{attempt.ID}}) {
		t.Errorf("the finished attempt: %+v %v, want one attempt named as brought forward and one answer", st, err)
	}
	got, _ := db.Attempt(attempt.ID)
	if got.Status != game.StatusFinished || got.Ending != "end" || got.Scores == nil || *got.Scores.Fit != 100 || !got.FinishedAt.Equal(fin) {
		t.Errorf("after merging the finish: %+v", got)
	}
	// an older file never moves it back
	if st, err := db.Merge(p, []store.AttemptLog{{Attempt: attempt, Answers: one}}); err != nil || st.Changed() {
		t.Errorf("the older file again: %+v %v", st, err)
	}
	if got, _ := db.Attempt(attempt.ID); got.Status != game.StatusFinished {
		t.Error("an older file reopened the attempt")
	}
	// conflicts
	other := game.Profile{ID: "11111111-0000-4000-8000-000000000009", Name: "Eve", CreatedAt: at, Imported: true}
	if _, err := db.Merge(other, []store.AttemptLog{{Attempt: attempt, Answers: one}}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("another profile claiming the attempt: %v, want ErrConflict", err)
	}
	if _, err := db.Profile(other.ID); !errors.Is(err, store.ErrNotFound) {
		t.Error("a failed merge left its profile behind")
	}
	moved := []game.SavedAnswer{{ID: "11111111-0000-4000-8000-00000000000a", Seq: 1, Answer: one[0].Answer}}
	if _, err := db.Merge(p, []store.AttemptLog{{Attempt: attempt, Answers: moved}}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a different answer at seq 1: %v, want ErrConflict", err)
	}
	reseeded := attempt
	reseeded.Seed = 99
	if _, err := db.Merge(p, []store.AttemptLog{{Attempt: reseeded, Answers: one}}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("the attempt with another seed: %v, want ErrConflict", err)
	}
}

// TestWorkshopScenarios: the room view once offered every scenario in the
// library for every workshop; it offers those played under the code, each
// once, whichever machine created the workshop.
func TestWorkshopScenarios(t *testing.T) {
	db := wsOpen(t, nil)
	at := testkit.Epoch
	merge := func(n int, code, scenario string) {
		t.Helper()
		p := game.Profile{ID: fmt.Sprintf("22222222-0000-4000-8000-%012d", n), Name: fmt.Sprintf("P%d", n), CreatedAt: at, Imported: true}
		a := game.Attempt{ID: fmt.Sprintf("33333333-0000-4000-8000-%012d", n), ScenarioID: scenario, Seed: 1, StartedAt: at, Workshop: code, Status: game.StatusOpen}
		if _, err := db.Merge(p, []store.AttemptLog{{Attempt: a}}); err != nil {
			t.Fatal(err)
		}
	}
	here, elsewhere := game.MakeCode(1), game.MakeCode(2)
	merge(1, here, "b-scenario")
	merge(2, here, "a-scenario")
	merge(3, here, "b-scenario")
	merge(4, elsewhere, "c-scenario")
	merge(5, "", "d-scenario") // private practice: no workshop
	got, err := db.WorkshopScenarios()
	want := map[string][]string{here: {"a-scenario", "b-scenario"}, elsewhere: {"c-scenario"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("WorkshopScenarios() = %v, %v; want %v", got, err, want)
	}
}

// TestDataVersionSeesOtherConnections: the app polls DataVersion to notice
// an import run in a terminal. It must change when another connection
// commits, and stay put when nothing happened (or the app wrote itself).
func TestDataVersionSeesOtherConnections(t *testing.T) {
	dir := t.TempDir()
	open := func() *store.Store {
		db, _, err := store.Open(dir, store.Options{Now: testkit.NewClock(testkit.Epoch, time.Minute).Now, Backups: -1})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	app, terminal := open(), open()
	v0, err := app.DataVersion()
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := app.DataVersion(); v != v0 {
		t.Errorf("the data version moved from %d to %d with nothing written", v0, v)
	}
	if _, err := app.CreateWorkshop("Mine"); err != nil {
		t.Fatal(err)
	}
	if v, _ := app.DataVersion(); v != v0 {
		t.Errorf("the app's own write moved its data version from %d to %d; it refreshes itself after its writes", v0, v)
	}
	if _, err := terminal.CreateWorkshop("From the terminal"); err != nil {
		t.Fatal(err)
	}
	v1, err := app.DataVersion()
	if err != nil || v1 == v0 {
		t.Errorf("after another connection wrote, the data version is %d (was %d), %v; want a change", v1, v0, err)
	}
}
