package session_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/session"
	"github.com/twohats/twohats/scenarios"
)

// memStore is an in-memory store that records the order of calls.
type memStore struct {
	attempts  map[string]game.Attempt
	answers   map[string][]game.SavedAnswer
	workshops map[string]game.Workshop
	profileWS map[string]string
	calls     []string
	failSave  bool
	failEnd   bool
}

func newMem() *memStore {
	return &memStore{attempts: map[string]game.Attempt{}, answers: map[string][]game.SavedAnswer{}, workshops: map[string]game.Workshop{}, profileWS: map[string]string{}}
}

func (m *memStore) StartAttempt(profileID string, sc *game.Scenario, seed int64, workshop string) (game.Attempt, error) {
	a := game.Attempt{ID: "a1", ProfileID: profileID, ScenarioID: sc.ID, ScenarioHash: sc.Hash, Seed: seed, Workshop: workshop, Status: game.StatusOpen, SaveFormat: game.SaveFormat}
	m.attempts[a.ID] = a
	m.calls = append(m.calls, "start")
	return a, nil
}

func (m *memStore) SaveAnswer(id string, seq int, a game.Answer) (game.SavedAnswer, error) {
	if m.failSave {
		return game.SavedAnswer{}, errors.New("disk full")
	}
	if seq != len(m.answers[id])+1 {
		return game.SavedAnswer{}, errors.New("sequence out of order")
	}
	sa := game.SavedAnswer{ID: a.Choice, Seq: seq, Answer: a}
	m.answers[id] = append(m.answers[id], sa)
	m.calls = append(m.calls, "save "+a.Choice)
	return sa, nil
}

func (m *memStore) FinishAttempt(id, ending string, sc game.Scores) error {
	if m.failEnd {
		return errors.New("disk full")
	}
	a := m.attempts[id]
	a.Status, a.Ending = game.StatusFinished, ending
	m.attempts[id] = a
	m.calls = append(m.calls, "finish "+ending)
	return nil
}

func (m *memStore) CloseChanged(id string) error {
	a := m.attempts[id]
	a.Status = game.StatusScenarioChanged
	m.attempts[id] = a
	m.calls = append(m.calls, "close")
	return nil
}

func (m *memStore) UpdateHash(id, hash string) error {
	a := m.attempts[id]
	a.ScenarioHash = hash
	m.attempts[id] = a
	m.calls = append(m.calls, "rehash")
	return nil
}

func (m *memStore) Answers(id string) ([]game.SavedAnswer, error) { return m.answers[id], nil }

func (m *memStore) Workshop(code string) (game.Workshop, error) {
	w, ok := m.workshops[code]
	if !ok {
		return game.Workshop{}, game.ErrNotFound
	}
	return w, nil
}

func (m *memStore) SetProfileWorkshop(profileID, code string) error {
	m.profileWS[profileID] = code
	return nil
}

var (
	_ session.Store     = (*memStore)(nil)
	_ session.JoinStore = (*memStore)(nil)
)

func mini(t *testing.T, edit func(string) string) *game.Scenario {
	t.Helper()
	data, err := os.ReadFile("../../game/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if edit != nil {
		text = edit(text)
	}
	sc, probs := scenarios.Parse("mini.yaml", []byte(text))
	if sc == nil {
		t.Fatal(probs.Error())
	}
	return sc
}

func ans(scene, diag, choice string) game.Answer {
	return game.Answer{Scene: scene, Diagnosis: game.Hat(diag), Choice: choice}
}

// TestAnswerPersistsThenApplies: the one order of work for every front end.
func TestAnswerPersistsThenApplies(t *testing.T) {
	sc := mini(t, nil)
	m := newMem()
	s, err := session.Start(m, "p1", sc, 7, "")
	if err != nil {
		t.Fatal(err)
	}
	// an answer that does not check is never saved
	if _, err := s.Answer(ans("m2", "manage", "plan")); !errors.Is(err, game.ErrWrongScene) || len(m.answers["a1"]) != 0 {
		t.Errorf("a wrong scene: %v, saved %d", err, len(m.answers["a1"]))
	}
	// a failed save leaves the state where it was
	m.failSave = true
	if _, err := s.Answer(ans("m1", "manage", "plan")); err == nil || len(s.State().Steps) != 0 || s.State().Current.ID != "m1" {
		t.Errorf("a failed save: %v, state moved to %s with %d steps", err, s.State().Current.ID, len(s.State().Steps))
	}
	m.failSave = false
	for _, a := range []game.Answer{ans("m1", "manage", "plan"), ans("m2", "both", "both-ways"), ans("m3", "lead", "coach")} {
		if _, err := s.Answer(a); err != nil {
			t.Fatal(err)
		}
	}
	want := "start, save plan, save both-ways, save coach, finish good-end"
	if got := strings.Join(m.calls, ", "); got != want {
		t.Errorf("calls %s\nwant  %s", got, want)
	}
	if !s.State().Done || s.Attempt().Status != game.StatusFinished {
		t.Errorf("after the ending: done %v, status %s", s.State().Done, s.Attempt().Status)
	}
}

func TestEndingNotRecorded(t *testing.T) {
	sc := mini(t, nil)
	m := newMem()
	s, _ := session.Start(m, "p1", sc, 7, "")
	s.Answer(ans("m1", "manage", "plan"))
	s.Answer(ans("m2", "both", "both-ways"))
	m.failEnd = true
	step, err := s.Answer(ans("m3", "lead", "coach"))
	if !errors.Is(err, session.ErrNotRecorded) || step.Choice == nil || !s.State().Done {
		t.Fatalf("a failed finish: %v, step %+v", err, step)
	}
	// resuming records the ending the killed process never did
	m.failEnd = false
	m.calls = nil
	r, how, err := session.Resume(m, sc, m.attempts["a1"])
	if err != nil || how.How != session.Continued || !r.State().Done {
		t.Fatalf("resume: %v %+v", err, how)
	}
	if got := strings.Join(m.calls, ", "); got != "finish good-end" {
		t.Errorf("resuming an ended attempt: calls %s", got)
	}
}

func TestResume(t *testing.T) {
	sc := mini(t, nil)
	m := newMem()
	s, _ := session.Start(m, "p1", sc, 7, "")
	s.Answer(ans("m1", "manage", "plan"))
	a := m.attempts["a1"]

	r, how, err := session.Resume(m, sc, a)
	if err != nil || how.How != session.Continued || r.State().Current.ID != "m2" || len(r.State().Steps) != 1 {
		t.Fatalf("resume as it was: %v %+v", err, how)
	}
	edited := mini(t, func(s string) string { return strings.Replace(s, "Make a plan.", "Make a careful plan.", 1) })
	r, how, err = session.Resume(m, edited, a)
	if err != nil || how.How != session.Edited || r.Attempt().ScenarioHash != edited.Hash || m.attempts["a1"].ScenarioHash != edited.Hash {
		t.Fatalf("resume after an edit that keeps the answers: %v %+v", err, how)
	}
	broken := mini(t, func(s string) string { return strings.Replace(s, "id: plan", "id: planned", 1) })
	r, how, err = session.Resume(m, broken, a)
	if err != nil || how.How != session.Closed || r != nil || how.Why == nil || m.attempts["a1"].Status != game.StatusScenarioChanged {
		t.Fatalf("resume after an edit that breaks the answers: %v %+v", err, how)
	}
	if len(m.answers["a1"]) != 1 {
		t.Errorf("closing lost answers: %d kept", len(m.answers["a1"]))
	}
}

// TestJoin: the one join policy, which the app's Profiles screen once
// skipped and so joined a closed workshop.
func TestJoin(t *testing.T) {
	m := newMem()
	open := game.Workshop{Code: game.MakeCode(11), Name: "Spring"}
	closedAt := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	closed := game.Workshop{Code: game.MakeCode(12), Name: "Winter", ClosedAt: &closedAt}
	m.workshops[open.Code], m.workshops[closed.Code] = open, closed
	unknown := game.MakeCode(13)

	if _, _, err := session.Join(m, "p1", "nope"); !errors.Is(err, game.ErrBadCode) {
		t.Errorf("a malformed code: %v", err)
	}
	if _, known, err := session.Join(m, "p1", closed.Code); !errors.Is(err, game.ErrClosed) || !known || m.profileWS["p1"] != "" {
		t.Errorf("a closed workshop: %v (known %v), profile tagged %q", err, known, m.profileWS["p1"])
	}
	if w, known, err := session.Join(m, "p1", strings.ToLower(open.Code)); err != nil || !known || w.Name != "Spring" || m.profileWS["p1"] != open.Code {
		t.Errorf("an open workshop: %+v %v %v", w, known, err)
	}
	if w, known, err := session.Join(m, "p2", unknown); err != nil || known || w.Code != unknown || m.profileWS["p2"] != unknown {
		t.Errorf("another machine's workshop: %+v %v %v", w, known, err)
	}
}

// TestNewerSaveFormatNeverClosed: a save written by a newer build is
// refused with a sentence and left as it is — never closed as if its
// scenario had changed.
func TestNewerSaveFormatNeverClosed(t *testing.T) {
	sc := mini(t, nil)
	m := newMem()
	s, _ := session.Start(m, "p1", sc, 7, "")
	s.Answer(ans("m1", "manage", "plan"))
	a := m.attempts["a1"]
	a.SaveFormat = game.SaveFormat + 1
	m.calls = nil
	r, _, err := session.Resume(m, sc, a)
	if !errors.Is(err, game.ErrSaveFormat) || r != nil || !strings.Contains(err.Error(), "update Two Hats") {
		t.Fatalf("resuming a newer save: %v", err)
	}
	if len(m.calls) != 0 || m.attempts["a1"].Status != game.StatusOpen {
		t.Errorf("the newer save was changed: calls %v, status %s", m.calls, m.attempts["a1"].Status)
	}
	a.SaveFormat = game.SaveFormat
	if _, how, err := session.Resume(m, sc, a); err != nil || how.How != session.Continued {
		t.Errorf("resuming this build's save: %v %+v", err, how)
	}
}

// TestReview: a finished attempt's debrief is rebuilt from its answers and
// nothing is written; one that no longer replays says so.
func TestReview(t *testing.T) {
	sc := mini(t, nil)
	m := newMem()
	s, _ := session.Start(m, "p1", sc, 7, "")
	for _, a := range []game.Answer{ans("m1", "manage", "plan"), ans("m2", "both", "both-ways"), ans("m3", "lead", "coach")} {
		if _, err := s.Answer(a); err != nil {
			t.Fatal(err)
		}
	}
	a := m.attempts["a1"]
	calls := len(m.calls)
	st, err := session.Review(m, sc, a)
	if err != nil || !st.Done || st.Ending().ID != "good-end" || len(st.Debrief().Review) != 3 {
		t.Fatalf("review: %v, %+v", err, st)
	}
	broken := mini(t, func(s string) string { return strings.Replace(s, "id: plan", "id: planned", 1) })
	if _, err := session.Review(m, broken, a); !errors.Is(err, session.ErrNoReview) {
		t.Errorf("review after an edit that breaks the answers: %v", err)
	}
	if len(m.calls) != calls || m.attempts["a1"].Status != game.StatusFinished {
		t.Errorf("reviewing wrote to the store: %v", m.calls[calls:])
	}
}
