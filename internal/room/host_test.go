package room_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/room"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

var code = game.MakeCode(424242)

func mini(t testing.TB) *game.Scenario {
	t.Helper()
	data, err := os.ReadFile("../../game/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenarios.Parse("mini.yaml", data)
	if sc == nil {
		t.Fatal(probs.Error())
	}
	return sc
}

// rig is a host on a store in a temporary folder, with a clock and ids
// injected and token bytes from a counter.
type rig struct {
	t   testing.TB
	db  *store.Store
	sc  *game.Scenario
	cfg room.Config
	h   *room.Host
}

type counter struct {
	mu sync.Mutex
	n  byte
}

func (c *counter) Read(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	for i := range p {
		p[i] = c.n
	}
	return len(p), nil
}

func newRig(t testing.TB, edit func(*room.Config)) *rig {
	t.Helper()
	db := testkit.Store(t, 7)
	sc := mini(t)
	cfg := room.Config{Scenario: sc, Workshop: code, Seed: 5, Now: testkit.NewClock(testkit.Epoch, time.Second).Now, Rand: &counter{}, NewID: db.NewID}
	if edit != nil {
		edit(&cfg)
	}
	h, err := room.New(db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.Close)
	return &rig{t: t, db: db, sc: sc, cfg: cfg, h: h}
}

func (r *rig) join(name string) string {
	r.t.Helper()
	tok, err := r.h.Join(code, name)
	if err != nil {
		r.t.Fatalf("join %s: %v", name, err)
	}
	return tok
}

func (r *rig) do(cmds ...string) {
	r.t.Helper()
	for _, c := range cmds {
		var err error
		switch c {
		case "open":
			err = r.h.Open()
		case "reveal":
			err = r.h.Reveal()
		case "next":
			err = r.h.Next()
		default:
			_, err = r.h.Play(c[len("play "):])
		}
		if err != nil {
			r.t.Fatalf("%s: %v", c, err)
		}
	}
}

func (r *rig) vote(tok, kind, value string) {
	r.t.Helper()
	if err := r.h.Vote(tok, r.h.Status().Moment, kind, value); err != nil {
		r.t.Fatalf("vote %s %s: %v", kind, value, err)
	}
}

// TestRoomPlaysThrough: the room's choice moves the story; each participant's
// attempt holds their own votes along the room's path and is scored on them;
// a late joiner joins the current moment.
func TestRoomPlaysThrough(t *testing.T) {
	r := newRig(t, nil)
	ada, bo := r.join("Ada"), r.join("Bo")
	if s := r.h.Status(); s.Phase != game.PhaseLobby || s.Moment != "m1" || s.Participants != 2 {
		t.Fatalf("status = %+v", s)
	}
	r.do("open")
	r.vote(ada, "reading", "manage")
	r.vote(bo, "reading", "lead")
	r.vote(bo, "reading", "both") // the last vote counts
	if s := r.h.Status(); s.VotesIn != 2 || len(s.Tally) != 0 {
		t.Errorf("before the reveal: %+v; the tally must stay hidden", s)
	}
	if v, _ := r.h.View(ada); v.Moment.Readings[0].Votes != nil {
		t.Error("a participant sees counts before the reveal")
	}
	r.do("reveal")
	if s := r.h.Status(); s.Tally["manage"] != 1 || s.Tally["both"] != 1 || s.Tally["lead"] != 0 {
		t.Errorf("reading tally = %v", s.Tally)
	}
	r.do("open")
	r.vote(ada, "action", "plan")
	r.vote(bo, "action", "speech")
	r.do("reveal")
	if _, err := r.h.Play(""); !errors.Is(err, room.ErrTie) {
		t.Fatalf("play on a tie = %v, want ErrTie", err)
	}
	r.do("play plan")
	if s := r.h.Status(); s.Phase != game.PhaseFeedback || s.Played != "plan" {
		t.Errorf("after play: %+v", s)
	}
	v, _ := r.h.View(bo)
	if v.Feedback == nil || v.Feedback.Played != "Make a plan." || v.Feedback.YourVote != "You voted: Give a speech." || v.Feedback.Verdict == "" {
		t.Errorf("Bo's feedback = %+v", v.Feedback)
	}
	r.do("next")
	cy := r.join("Cy") // late: joins at m2
	r.do("open", "reveal", "open")
	r.vote(ada, "action", "both-ways")
	r.vote(bo, "action", "both-ways")
	r.vote(cy, "action", "nothing")
	r.do("reveal", "play ", "next") // the most chosen: both-ways
	r.do("open")
	r.vote(ada, "reading", "lead")
	r.do("reveal", "open")
	r.vote(ada, "action", "coach")
	r.vote(cy, "action", "coach")
	r.do("reveal", "play coach", "next")
	if s := r.h.Status(); s.Phase != game.PhaseEnded {
		t.Fatalf("at the end: %+v", s)
	}
	v, err := r.h.View(ada)
	if err != nil || v.Ending == nil || v.Debrief == nil {
		t.Fatalf("Ada's view at the end: %+v, %v", v, err)
	}
	if v.Debrief.Reading != "100" || v.Debrief.Fit != "100" {
		t.Errorf("Ada read and voted every moment right: debrief %+v", v.Debrief)
	}
	sum, err := r.h.End()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ending == "" || sum.Finished != 3 || len(sum.Moments) != 3 || sum.Moments[0].Votes["speech"] != 1 || sum.Moments[0].Played != "plan" {
		t.Errorf("summary = %+v", sum)
	}

	entries, err := r.db.RoomEntries(code, "mini")
	if err != nil || len(entries) != 3 {
		t.Fatalf("entries = %d, %v", len(entries), err)
	}
	for _, e := range entries {
		if !e.Attempt.Room || e.Attempt.Status != game.StatusFinished || len(e.Answers) != 3 {
			t.Errorf("%s's attempt = %+v with %d answers", e.Profile.Name, e.Attempt, len(e.Answers))
		}
		for _, a := range e.Answers {
			if a.Played == "" {
				t.Errorf("%s: answer %d has no room choice", e.Profile.Name, a.Seq)
			}
		}
		if e.Profile.Name == "Cy" && (e.Answers[0].Choice != "" || e.Answers[0].Diagnosis != "") {
			t.Errorf("Cy joined late, yet has a vote at m1: %+v", e.Answers[0])
		}
		if e.Profile.Name == "Bo" {
			if e.Answers[0].Choice != "speech" || e.Answers[0].Diagnosis != game.Both || e.Answers[0].Played != "plan" {
				t.Errorf("Bo's first answer = %+v", e.Answers[0])
			}
			if f := e.Attempt.Scores.Fit; f == nil || *f != 60 { // speech 20, both-ways 100; m3 unvoted
				t.Errorf("Bo's fit = %v, want 60 over the two moments he voted on", f)
			}
		}
	}
	rm := game.BuildRoom(r.sc, entries)
	if rm.Moments[0].Answered != 2 || rm.Moments[0].Readers != 2 || rm.Outcomes[game.Strong] != 3 {
		t.Errorf("the room view: m1 answered %d read %d, outcomes %v", rm.Moments[0].Answered, rm.Moments[0].Readers, rm.Outcomes)
	}
	if _, err := r.h.Join(code, "Late"); err == nil {
		t.Error("a join after the end was accepted")
	}
}

// TestVoteRules: what a participant may and may not do.
func TestVoteRules(t *testing.T) {
	r := newRig(t, nil)
	ada, bo := r.join("Ada"), r.join("Bo")
	check := func(what string, err, want error) {
		t.Helper()
		if !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", what, err, want)
		}
	}
	check("a vote in the lobby", r.h.Vote(ada, "m1", "reading", "manage"), room.ErrVoteClosed)
	r.do("open")
	check("an action vote while the reading is open", r.h.Vote(ada, "m1", "action", "plan"), room.ErrVoteClosed)
	check("a vote for another moment", r.h.Vote(ada, "m3", "reading", "lead"), room.ErrVoteClosed)
	check("a reading that is not a hat", r.h.Vote(ada, "m1", "reading", "none"), room.ErrBadVote)
	check("a kind that is not a vote", r.h.Vote(ada, "m1", "phase", "ended"), room.ErrBadVote)
	check("no token", r.h.Vote("", "m1", "reading", "manage"), room.ErrNoToken)
	check("a made-up token", r.h.Vote("AAAAAAAAAAAAAAAAAAAAAA", "m1", "reading", "manage"), room.ErrNoToken)
	r.vote(bo, "reading", "lead")
	r.do("reveal", "open")
	check("a choice of another moment", r.h.Vote(ada, "m1", "action", "coach"), room.ErrBadVote)
	if err := r.h.Remove("BO"); err != nil {
		t.Fatal(err)
	}
	check("a removed participant's vote", r.h.Vote(bo, "m1", "action", "plan"), room.ErrRemoved)
	if _, err := r.h.View(bo); !errors.Is(err, room.ErrRemoved) {
		t.Errorf("a removed participant's view: %v", err)
	}
	if s := r.h.Status(); s.Participants != 1 {
		t.Errorf("participants after a removal = %d", s.Participants)
	}
	if err := r.h.Remove("nobody"); err == nil {
		t.Error("removing a name nobody has succeeded")
	}
	// facilitator commands out of order
	if err := r.h.Next(); !errors.Is(err, room.ErrPhase) {
		t.Errorf("next while voting: %v", err)
	}
	if _, err := r.h.Play("plan"); !errors.Is(err, room.ErrPhase) {
		t.Errorf("play while voting: %v", err)
	}
	r.vote(ada, "action", "micro")
	r.do("reveal")
	if _, err := r.h.Play("coach"); !errors.Is(err, room.ErrBadVote) {
		t.Errorf("play of another moment's choice: %v", err)
	}
	if got, err := r.h.Play(""); err != nil || got != "micro" {
		t.Errorf("play the most chosen = %q, %v", got, err)
	}
}

// TestJoinRules: the code, the names, the cap.
func TestJoinRules(t *testing.T) {
	r := newRig(t, func(c *room.Config) { c.Max = 2 })
	if _, err := r.h.Join("AAAAAA", "Ada"); !errors.Is(err, room.ErrWrongCode) {
		t.Errorf("a wrong code: %v", err)
	}
	r.join("Zoë")
	if _, err := r.h.Join(code, " zoë "); !errors.Is(err, room.ErrNameInUse) {
		t.Errorf("a name in use: %v", err)
	}
	if _, err := r.h.Join(code, ""); !errors.Is(err, room.ErrBadVote) {
		t.Errorf("an empty name: %v", err)
	}
	r.join("Bo")
	if _, err := r.h.Join(code, "Cy"); !errors.Is(err, room.ErrFull) {
		t.Errorf("over the cap: %v", err)
	}
	if err := r.h.Remove("bo"); err != nil {
		t.Fatal(err)
	}
	r.join("Cy") // a removal frees a place
	if err := r.h.Remove("cy"); err != nil {
		t.Fatal(err)
	}
	t1 := r.join("Bo") // and the name
	if t1 == "" || len(t1) != 22 {
		t.Errorf("token = %q, want 128 bits in base64url", t1)
	}
}

// TestResumeAfterKill: a host that stops without ending (killed) comes back
// with its phase, participants and every acknowledged vote; tokens still
// work.
func TestResumeAfterKill(t *testing.T) {
	r := newRig(t, nil)
	ada, bo := r.join("Ada"), r.join("Bo")
	r.do("open")
	r.vote(ada, "reading", "manage")
	r.do("reveal", "open")
	r.vote(ada, "action", "plan")
	r.vote(bo, "action", "speech")
	r.h.Close() // the process dies: nothing is ended

	open, err := r.db.OpenRoomSessions()
	if err != nil || len(open) != 1 {
		t.Fatalf("open sessions = %d, %v", len(open), err)
	}
	h, err := room.Resume(r.db, r.cfg, open[0])
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if s := h.Status(); s.Phase != game.PhaseAction || s.VotesIn != 2 || s.Participants != 2 {
		t.Fatalf("resumed status = %+v", s)
	}
	if v, err := h.View(bo); err != nil || v.Votes.Action != "speech" {
		t.Fatalf("Bo's view after the resume = %+v, %v", v.Votes, err)
	}
	if err := h.Reveal(); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Play("plan"); err != nil {
		t.Fatal(err)
	}
	entries, _ := r.db.RoomEntries(code, "mini")
	for _, e := range entries {
		if len(e.Answers) != 1 {
			t.Fatalf("%s has %d answers", e.Profile.Name, len(e.Answers))
		}
		if e.Profile.Name == "Ada" && (e.Answers[0].Diagnosis != game.Manage || e.Answers[0].Choice != "plan") {
			t.Errorf("Ada's answer after the resume = %+v", e.Answers[0])
		}
	}
}

// TestResumeMidPlay: killed after the room's decision was saved but before
// every participant's answer was: the resume finishes the answers with the
// votes kept for them.
func TestResumeMidPlay(t *testing.T) {
	r := newRig(t, nil)
	ada := r.join("Ada")
	r.do("open")
	r.vote(ada, "reading", "lead")
	r.do("reveal", "open")
	r.vote(ada, "action", "wild")
	r.do("reveal")
	r.h.Close()
	// the decision is on disk; the answers never were
	if err := r.db.AddRoomPlay(r.h.ID(), 1, "m1", "wild", game.PhaseFeedback); err != nil {
		t.Fatal(err)
	}
	open, _ := r.db.OpenRoomSessions()
	h, err := room.Resume(r.db, r.cfg, open[0])
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if s := h.Status(); s.Phase != game.PhaseFeedback || s.Played != "wild" {
		t.Errorf("status = %+v", s)
	}
	entries, _ := r.db.RoomEntries(code, "mini")
	if len(entries) != 1 || len(entries[0].Answers) != 1 {
		t.Fatalf("entries = %+v", entries)
	}
	if a := entries[0].Answers[0]; a.Diagnosis != game.Lead || a.Choice != "wild" || a.Played != "wild" {
		t.Errorf("the finished answer = %+v", a)
	}
	again, _ := r.db.OpenRoomSessions()
	if len(again[0].Votes) != 0 {
		t.Errorf("the played moment's votes were kept: %+v", again[0].Votes)
	}
}

// TestConcurrentVotes: everyone voting at once is counted once each.
func TestConcurrentVotes(t *testing.T) {
	r := newRig(t, func(c *room.Config) { c.Max = 60 })
	toks := make([]string, 60)
	for i := range toks {
		toks[i] = r.join(string(rune('A'+i%26)) + string(rune('a'+i/26)))
	}
	r.do("open")
	var wg sync.WaitGroup
	for i, tok := range toks {
		wg.Add(1)
		go func(i int, tok string) {
			defer wg.Done()
			hat := []string{"manage", "lead", "both"}[i%3]
			if err := r.h.Vote(tok, "m1", "reading", hat); err != nil {
				t.Error(err)
			}
		}(i, tok)
	}
	wg.Wait()
	r.do("reveal")
	s := r.h.Status()
	if s.VotesIn != 60 || s.Tally["manage"] != 20 || s.Tally["lead"] != 20 || s.Tally["both"] != 20 {
		t.Errorf("after 60 votes at once: %+v", s)
	}
	open, _ := r.db.OpenRoomSessions()
	if len(open[0].Votes) != 60 {
		t.Errorf("%d votes on disk, want 60", len(open[0].Votes))
	}
}

func TestQR(t *testing.T) {
	bits, err := room.QR("http://192.168.1.20:41234/?code=" + code)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(bits); n < 21 || (n-17)%4 != 0 {
		t.Fatalf("a QR code is 21, 25, 29… modules wide, not %d", n)
	}
	// the finder pattern's corner is dark, its inner ring light
	if !bits[0][0] || bits[1][1] || !bits[2][2] {
		t.Error("no finder pattern in the top-left corner")
	}
	var b bytes.Buffer
	if err := room.WriteQR(&b, bits); err != nil || !bytes.Contains(b.Bytes(), []byte("█")) {
		t.Errorf("terminal QR: %v", err)
	}
	img := room.QRImage(bits, 4)
	if w := img.Bounds().Dx(); w != (len(bits)+8)*4 {
		t.Errorf("image width = %d", w)
	}
}

// TestViewAfterEachVote: every change wakes every phone's stream for a new
// view, so the part every phone shares, built once per change, must never
// be stale. (A view used to walk the scenario's paths, tens of milliseconds
// on a shipped scenario; game.Scenario.MomentRange now walks them once, and
// bench/room-load.sh measures what a vote costs with 200 phones.)
func TestViewAfterEachVote(t *testing.T) {
	data, err := os.ReadFile("../../scenarios/lost-key-client.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenarios.Parse("lost-key-client.yaml", data)
	if sc == nil {
		t.Fatal(probs.Error())
	}
	r := newRig(t, func(c *room.Config) { c.Scenario = sc })
	toks := make([]string, 20)
	for i := range toks {
		toks[i] = r.join(fmt.Sprintf("P%d", i))
	}
	r.do("open")
	for i, tok := range toks {
		r.vote(tok, "reading", "manage")
		v, err := r.h.View(tok)
		if err != nil {
			t.Fatal(err)
		}
		if v.VotesIn != i+1 || v.Votes.Reading != "manage" || v.Participants != len(toks) {
			t.Fatalf("the view after vote %d: %d votes in, own vote %q, %d participants", i+1, v.VotesIn, v.Votes.Reading, v.Participants)
		}
	}
}

// TestEndEarlyStillDebriefs: a facilitator who ends the session before the
// story's ending still leaves each phone a debrief of the moments played.
func TestEndEarlyStillDebriefs(t *testing.T) {
	r := newRig(t, nil)
	ada := r.join("Ada")
	r.do("open")
	r.vote(ada, "reading", "manage")
	r.do("reveal", "open")
	r.vote(ada, "action", "plan")
	r.do("reveal", "play plan", "next")
	if _, err := r.h.End(); err != nil {
		t.Fatal(err)
	}
	v, err := r.h.View(ada)
	if err != nil {
		t.Fatal(err)
	}
	if v.Phase != game.PhaseEnded || v.Ending != nil || v.Debrief == nil || len(v.Debrief.Moments) != 1 || v.Debrief.Fit != "100" {
		t.Errorf("after an early end: phase %s, ending %+v, debrief %+v", v.Phase, v.Ending, v.Debrief)
	}
}
