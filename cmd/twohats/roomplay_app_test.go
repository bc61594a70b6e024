package main

import (
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
	"github.com/twohats/twohats/ui"
)

// TestRoomPlayAdapter: the app's room play serves the participants' page
// while the session runs, stops listening when the facilitator leaves,
// keeps the session resumable, resumes it with its participants, and lists
// only open workshops, newest first.
func TestRoomPlayAdapter(t *testing.T) {
	db := testkit.Store(t, 2)
	data, err := os.ReadFile("../../game/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenarios.Parse("mini.yaml", data)
	if sc == nil {
		t.Fatal(probs.Error())
	}
	older, err := db.CreateWorkshop("Older")
	if err != nil {
		t.Fatal(err)
	}
	closed, err := db.CreateWorkshop("Closed")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CloseWorkshop(closed.Code); err != nil {
		t.Fatal(err)
	}
	rp := newRoomPlay(db)
	rp.listen = "127.0.0.1:0"

	run, err := rp.Start(ui.RoomStart{Scenario: sc, Seed: 3}) // a new workshop for the session
	if err != nil {
		t.Fatal(err)
	}
	if run.Workshop.Code == "" || run.Workshop.Code == older.Code || !strings.HasPrefix(run.Workshop.Name, "Mini, room play") {
		t.Fatalf("the session's workshop = %+v, want a new one named for it", run.Workshop)
	}
	ws, err := rp.Workshops()
	if err != nil || len(ws) != 2 || ws[0].Code != run.Workshop.Code || ws[1].Code != older.Code {
		t.Fatalf("open workshops = %+v (%v), want the new one, then Older, and not the closed one", ws, err)
	}
	u, err := url.Parse(run.URL)
	if err != nil || u.Query().Get("code") != run.Workshop.Code {
		t.Fatalf("join URL %q does not carry the code %s", run.URL, run.Workshop.Code)
	}
	addr := u.Host
	body := strings.NewReader(`{"code":"` + run.Workshop.Code + `","name":"Ada"}`)
	resp, err := http.Post("http://"+addr+"/api/join", "application/json", body)
	if err != nil {
		t.Fatalf("join over the network: %v", err)
	}
	var joined struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&joined)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || joined.Token == "" {
		t.Fatalf("join answered %d %+v", resp.StatusCode, joined)
	}
	if err := run.Host.Open(); err != nil {
		t.Fatal(err)
	}

	run.Stop() // the facilitator keeps it to resume later
	run.Stop() // twice is harmless
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Fatal("the room still listens after the facilitator left")
	}
	if !run.Host.Stopped() {
		t.Fatal("the host still runs after Stop")
	}
	open, err := rp.Unfinished()
	if err != nil || len(open) != 1 || open[0].Phase != game.PhaseReading || len(open[0].Members) != 1 {
		t.Fatalf("unfinished sessions = %+v (%v), want the one left at the reading with Ada", open, err)
	}

	again, err := rp.Resume(open[0], ui.RoomStart{Scenario: sc})
	if err != nil {
		t.Fatal(err)
	}
	if st := again.Host.Status(); st.Phase != game.PhaseReading || st.Participants != 1 || again.Host.ID() != open[0].ID {
		t.Fatalf("resumed status = %+v", st)
	}
	rp.stopAll() // the app quits with the room running
	if !again.Host.Stopped() {
		t.Fatal("quitting the app left the host running")
	}
	if err := rp.Discard(open[0].ID); err != nil {
		t.Fatal(err)
	}

	// a workshop that holds the verdicts holds them in the room too
	if err := db.SetHoldFeedback(older.Code, true); err != nil {
		t.Fatal(err)
	}
	held, err := rp.Start(ui.RoomStart{Scenario: sc, Workshop: older.Code, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Stop()
	tok, err := held.Host.Join(older.Code, "Bo")
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{held.Host.Open, held.Host.Reveal, held.Host.Open} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if err := held.Host.Vote(tok, held.Host.Status().Moment, game.VoteAction, "plan"); err != nil {
		t.Fatal(err)
	}
	if err := held.Host.Reveal(); err != nil {
		t.Fatal(err)
	}
	if _, err := held.Host.Play(""); err != nil {
		t.Fatal(err)
	}
	if f := held.Host.Projector().Feedback; f == nil || !f.Held || f.Verdict != "" {
		t.Fatalf("feedback in a workshop that holds the verdicts = %+v, want it held", f)
	}
	if err := rp.Discard(held.Host.ID()); err != nil {
		t.Fatal(err)
	}
	if open, _ := rp.Unfinished(); len(open) != 0 {
		t.Fatalf("a discarded session is still offered: %+v", open)
	}
}
