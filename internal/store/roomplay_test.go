package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
)

// TestRoomSessionRoundTrip: what a killed host needs to resume comes back
// from disk as it was written; an ended session is never offered again.
func TestRoomSessionRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir, options(newClock(epoch, time.Second)))
	sc := &game.Scenario{ID: "mini", Hash: "h1"}
	rs := game.RoomSession{ID: "room-1", Workshop: "B4V6D6", ScenarioID: "mini", ScenarioHash: "h1", Seed: 9, Phase: game.PhaseLobby, StartedAt: epoch}
	if err := s.CreateRoomSession(rs); err != nil {
		t.Fatal(err)
	}
	p1, a1, err := s.JoinRoom("room-1", "hash-1", "  Zoë  ", sc, 9, "B4V6D6")
	if err != nil {
		t.Fatal(err)
	}
	if p1.Name != "Zoë" || !p1.Imported || !a1.Room || a1.Workshop != "B4V6D6" || a1.SaveFormat != game.SaveFormat {
		t.Errorf("joined %+v with %+v", p1, a1)
	}
	// a second Zoë in another session: room profiles may share a name
	if _, _, err := s.JoinRoom("room-1", "hash-2", "zoë", sc, 9, "B4V6D6"); err != nil {
		t.Errorf("a second participant of the same name: %v", err)
	}
	if _, _, err := s.JoinRoom("room-1", "hash-3", "", sc, 9, "B4V6D6"); err == nil {
		t.Error("an empty name joined")
	}
	votes := []game.RoomVote{
		{ProfileID: p1.ID, Scene: "m1", Kind: game.VoteReading, Value: "lead", At: epoch, Millis: 1500},
		{ProfileID: p1.ID, Scene: "m1", Kind: game.VoteReading, Value: "manage", At: epoch.Add(time.Second), Millis: 2500}, // replaces
		{ProfileID: p1.ID, Scene: "m1", Kind: game.VoteAction, Value: "plan", At: epoch.Add(2 * time.Second), Millis: 3500},
	}
	if err := s.SaveRoomVotes("room-1", votes); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRoomPhase("room-1", game.PhaseActionRevealed); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveRoomMember("room-1", "hash-2"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = mustOpen(t, dir, options(newClock(epoch.Add(time.Hour), time.Second)))
	open, err := s.OpenRoomSessions()
	if err != nil || len(open) != 1 {
		t.Fatalf("open sessions = %+v, %v", open, err)
	}
	got := open[0]
	if got.Phase != game.PhaseActionRevealed || got.Seed != 9 || !got.StartedAt.Equal(epoch) || len(got.Members) != 2 {
		t.Errorf("session = %+v", got)
	}
	if m := got.Members[0]; m.Name != "Zoë" || m.TokenHash != "hash-1" || m.AttemptID != a1.ID || m.Removed {
		t.Errorf("member 1 = %+v", m)
	}
	if !got.Members[1].Removed {
		t.Error("the removed member came back present")
	}
	want := []game.RoomVote{votes[1], votes[2]}
	if !reflect.DeepEqual(got.Votes, want) {
		t.Errorf("votes = %+v\nwant %+v", got.Votes, want)
	}

	// the room plays; the votes go into the answer, then are cleared
	if err := s.AddRoomPlay("room-1", 1, "m1", "plan", game.PhaseFeedback); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRoomPlay("room-1", 1, "m1", "speech", game.PhaseFeedback); err == nil {
		t.Error("a second decision for the same moment was saved")
	}
	if _, err := s.SaveAnswer(a1.ID, 1, game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "plan", Played: "plan", At: epoch, Millis: 3500}); err != nil {
		t.Fatal(err)
	}
	if err := s.ClearRoomVotes("room-1", game.PhaseFeedback); err != nil {
		t.Fatal(err)
	}
	open, _ = s.OpenRoomSessions()
	if len(open[0].Votes) != 0 || !reflect.DeepEqual(open[0].Plays, []string{"plan"}) || open[0].Phase != game.PhaseFeedback {
		t.Errorf("after the play: %+v", open[0])
	}
	if err := s.EndRoomSession("room-1"); err != nil {
		t.Fatal(err)
	}
	if open, _ := s.OpenRoomSessions(); len(open) != 0 {
		t.Errorf("an ended session is offered: %+v", open)
	}
}

// TestRoomAnswers: a room answer may leave the player's votes empty; a solo
// answer may not, even written past the engine.
func TestRoomAnswers(t *testing.T) {
	s := mustOpen(t, t.TempDir(), options(newClock(epoch, time.Second)))
	p, _ := s.CreateProfile("Ada", "")
	solo, _ := s.StartAttempt(p.ID, &game.Scenario{ID: "mini", Hash: "h"}, 1, "")
	if solo.Room {
		t.Error("a solo attempt is marked as a room's")
	}
	if _, err := s.SaveAnswer(solo.ID, 1, game.Answer{Scene: "m1", Choice: "plan"}); err == nil {
		t.Error("a solo answer without a reading was stored")
	}
	ra, err := s.StartRoomAttempt(p.ID, &game.Scenario{ID: "mini", Hash: "h"}, 1, "B4V6D6")
	if err != nil || !ra.Room {
		t.Fatalf("room attempt %+v, %v", ra, err)
	}
	if _, err := s.SaveAnswer(ra.ID, 1, game.Answer{Scene: "m1", Played: "plan"}); err != nil {
		t.Errorf("a room answer without votes: %v", err)
	}
	back, _ := s.Answers(ra.ID)
	if len(back) != 1 || back[0].Played != "plan" || back[0].Choice != "" || back[0].Diagnosis != "" {
		t.Errorf("answers = %+v", back)
	}
	a, _ := s.Attempt(ra.ID)
	if !a.Room {
		t.Error("the room flag was not kept")
	}
}
