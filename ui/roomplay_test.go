package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/room"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

// testRooms hosts real room sessions (internal/room) on the test's store,
// with a fixed clock and token bytes from a counter, and no listener: the
// tests join and vote through the host itself.
type testRooms struct {
	db      *store.Store
	clock   *testkit.Clock
	mu      sync.Mutex
	tokens  byte
	runs    []*RoomRun
	stopped int
}

func newTestRooms(db *store.Store) *testRooms {
	return &testRooms{db: db, clock: testkit.NewClock(time.Date(2026, 11, 22, 14, 5, 0, 0, time.Local), time.Second)}
}

func (r *testRooms) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tokens++
	for i := range p {
		p[i] = r.tokens
	}
	return len(p), nil
}

func (r *testRooms) config(o RoomStart) room.Config {
	return room.Config{Scenario: o.Scenario, HoldFeedback: o.HoldFeedback, Seed: o.Seed, Now: r.clock.Now, Rand: r, NewID: r.db.NewID}
}

func (r *testRooms) Workshops() ([]game.Workshop, error) {
	ws, err := r.db.Workshops()
	var open []game.Workshop
	for _, w := range ws {
		if w.ClosedAt == nil {
			open = append(open, w)
		}
	}
	return open, err
}

func (r *testRooms) Unfinished() ([]game.RoomSession, error) { return r.db.OpenRoomSessions() }
func (r *testRooms) Discard(id string) error                 { return r.db.EndRoomSession(id) }

func (r *testRooms) Start(o RoomStart) (*RoomRun, error) {
	w := game.Workshop{Code: o.Workshop}
	var err error
	if o.Workshop == "" {
		if w, err = r.db.CreateWorkshop(o.Scenario.Title + ", room play"); err != nil {
			return nil, err
		}
	}
	cfg := r.config(o)
	cfg.Workshop = w.Code
	h, err := room.New(r.db, cfg)
	if err != nil {
		return nil, err
	}
	return r.serve(h, w), nil
}

func (r *testRooms) Resume(rs game.RoomSession, o RoomStart) (*RoomRun, error) {
	h, err := room.Resume(r.db, r.config(o), rs)
	if err != nil {
		return nil, err
	}
	return r.serve(h, game.Workshop{Code: rs.Workshop}), nil
}

func (r *testRooms) serve(h *room.Host, w game.Workshop) *RoomRun {
	run := &RoomRun{Host: h, URL: "http://192.0.2.7:41234/?code=" + w.Code, Workshop: w, Stop: func() { h.Close(); r.stopped++ }}
	r.runs = append(r.runs, run)
	return run
}

// host is the session on show.
func (r *testRooms) host(t *testing.T) *room.Host {
	t.Helper()
	if len(r.runs) == 0 {
		t.Fatal("no room session was started")
	}
	return r.runs[len(r.runs)-1].Host
}

// liveHarness is the app on the Room play tab, with a workshop to play in
// and the projector's refreshes run on the test's goroutine (settle).
type liveHarness struct {
	*harness
	rooms  *testRooms
	code   string
	posted chan func()
}

func newLiveHarness(t *testing.T) *liveHarness {
	t.Helper()
	r := &liveHarness{posted: make(chan func(), 1000)}
	old := rpPost
	rpPost = func(f func()) {
		select {
		case r.posted <- f:
		default:
		}
	}
	t.Cleanup(func() { rpPost = old })
	// the Facilitator area's poll for outside changes never fires here
	oldTicker := newTicker
	newTicker = func(time.Duration) (<-chan time.Time, func()) { return nil, func() {} }
	t.Cleanup(func() { newTicker = oldTicker })
	r.harness = newHarnessWith(t, t.TempDir(), func(db *store.Store, d *Deps) {
		w, err := db.CreateWorkshop("Spring cohort")
		if err != nil {
			t.Fatal(err)
		}
		r.code = w.Code
		r.rooms = newTestRooms(db)
		d.Room = r.rooms
		d.Facilitator = &storeFacilitator{db: db}
	})
	r.app.Window().Resize(fyne.NewSize(1366, 768))
	r.createProfile("Facil")
	t.Cleanup(func() {
		for _, run := range r.rooms.runs {
			run.Host.Close()
		}
	})
	return r
}

// text is the harness's text with the join panel's large lines and the
// options of radio groups.
func (r *liveHarness) text() string {
	var b strings.Builder
	b.WriteString(r.harness.text())
	for _, o := range r.objects() {
		switch o := o.(type) {
		case *rpFitText:
			b.WriteString(o.text + "\n")
		case *radioGroup:
			b.WriteString(strings.Join(o.Options, "\n") + "\n")
		}
	}
	return b.String()
}

func (r *liveHarness) mustSee(want ...string) {
	r.t.Helper()
	got := r.text()
	for _, w := range want {
		if !strings.Contains(got, w) {
			r.t.Fatalf("the %s screen does not show %q; it shows:\n%s", r.app.Screen(), w, got)
		}
	}
}

// settle runs the projector's refreshes as the watcher posts them, until
// the screen shows every text.
func (r *liveHarness) settle(want ...string) {
	r.t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		got := r.text()
		missing := ""
		for _, w := range want {
			if !strings.Contains(got, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		select {
		case f := <-r.posted:
			f()
		case <-deadline:
			r.t.Fatalf("the projector never showed %q; it shows:\n%s", missing, got)
		}
	}
}

func (r *liveHarness) startMini() *room.Host {
	r.t.Helper()
	r.app.showFacilitatorTab(tabRoomPlay)
	r.mustSee("Room play", "Keys: O opens a vote")
	r.selectPrefix("Choose a workshop", "Spring cohort")
	r.selectPrefix("Choose a scenario", "Mini")
	r.tap("Start room play")
	if s := r.app.Screen(); s != "roomplay" {
		r.t.Fatalf("after Start the screen is %s, want the projector:\n%s", s, r.text())
	}
	return r.rooms.host(r.t)
}

func (r *liveHarness) join(h *room.Host, name string) string {
	r.t.Helper()
	tok, err := h.Join(r.code, name)
	if err != nil {
		r.t.Fatalf("join %s: %v", name, err)
	}
	return tok
}

func (r *liveHarness) vote(h *room.Host, tok, kind, value string) {
	r.t.Helper()
	if err := h.Vote(tok, h.Status().Moment, kind, value); err != nil {
		r.t.Fatalf("vote %s %s: %v", kind, value, err)
	}
}

// enabled reports which of the projector's command buttons are enabled.
func (r *liveHarness) enabled() string {
	var on []string
	for _, o := range r.objects() {
		if b, ok := asButton(o); ok && !b.Disabled() {
			for _, k := range []string{"(O)", "(R)", "(P)", "(N)"} {
				if strings.HasSuffix(b.Text, k) {
					on = append(on, k)
				}
			}
		}
	}
	return strings.Join(on, " ")
}

func (r *liveHarness) wantEnabled(want string) {
	r.t.Helper()
	if got := r.enabled(); got != want {
		r.t.Fatalf("enabled commands in phase %s = %q, want %q", r.rooms.host(r.t).Status().Phase, got, want)
	}
}

// dialogButton taps a button of the dialog on top.
func (r *liveHarness) dialogButton(label string) {
	r.t.Helper()
	top := r.app.Window().Canvas().Overlays().Top()
	if top == nil {
		r.t.Fatalf("no dialog is open; the screen shows:\n%s", r.text())
	}
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := asButton(o); ok && b.Text == label && found == nil {
			found = b
		}
		switch o := o.(type) {
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		r.t.Fatalf("the dialog has no button %q; the screen shows:\n%s", label, r.text())
	}
	test.Tap(found)
}

// TestRoomPlayByButtonsAndKeys: a session starts from the tab; joins and
// votes update the live count as they happen; open, reveal, play and next
// work from the buttons and from the keys; only the commands that fit the
// phase are enabled; the room's choice and its verdict appear.
func TestRoomPlayByButtonsAndKeys(t *testing.T) {
	r := newLiveHarness(t)
	h := r.startMini()
	r.mustSee("Mini", r.code, "192.0.2.7:41234", "Join on your phone", "0 participants", "Moment 1 of up to 3")
	r.wantEnabled("(O)")

	ada, bo := r.join(h, "Ada"), r.join(h, "Bo")
	r.settle("2 participants", "2 in the room")

	r.tap("Open (O)")
	r.mustSee("What does this moment call for?", "0 of 2 voted", "The first moment calls for the manager hat.", "Stabilise  ·  Re-energise  ·  Both")
	r.wantEnabled("(R)")
	r.vote(h, ada, game.VoteReading, "manage")
	r.settle("1 of 2 voted")
	r.vote(h, bo, game.VoteReading, "lead")
	r.settle("2 of 2 voted")

	r.typeRune('r')
	r.mustSee("How the room read the moment", "Stabilise", "Re-energise")
	r.wantEnabled("(O)")
	shares := r.shares()
	if shares != "1 · 50%|1 · 50%|0 · 0%" {
		t.Errorf("the reading's bars say %q, want 1 · 50%%|1 · 50%%|0 · 0%%", shares)
	}

	// a key works even while Tab has put the focus on a button
	for _, o := range r.objects() {
		if b, ok := o.(*button); ok && b.Text == "Leave" {
			r.app.Window().Canvas().Focus(b)
			b.TypedRune('O')
		}
	}
	r.mustSee("What do you do?", "0 of 2 voted", "Make a plan.", "Give a speech.")
	r.wantEnabled("(R)")
	r.vote(h, ada, game.VoteAction, "plan")
	r.vote(h, bo, game.VoteAction, "plan")
	r.settle("2 of 2 voted")
	r.tap("Reveal (R)")
	r.mustSee("What the room would do", "Make a plan.")
	r.wantEnabled("(P)")
	if !strings.Contains(r.shares(), "2 · 100%") {
		t.Errorf("the action's bars say %q, want one with 2 · 100%%", r.shares())
	}

	r.typeRune('p')
	r.mustSee("What the room's choice did", "The room played:", "Make a plan.", "The manager hat, fitting.", "Fit 100 of 100.", "It called for the manager hat.")
	r.wantEnabled("(N)")

	r.tap("Next (N)")
	r.mustSee("Moment 2 of up to 3", "The second moment calls for both.")
	r.wantEnabled("(O)")
	r.typeRune('o')
	r.mustSee("0 of 2 voted")
	r.typeRune('n') // next does not fit a vote: nothing happens
	if st := h.Status(); st.Phase != game.PhaseReading {
		t.Fatalf("N during a vote moved the room to %s", st.Phase)
	}
	// the voting counts survive a resume: the attempts hold the first
	// moment's votes
	if st := h.Status(); st.Participants != 2 {
		t.Fatalf("status = %+v", st)
	}
}

// shares lists the values drawn at the bars' ends, in order.
func (r *liveHarness) shares() string {
	var out []string
	for _, o := range r.objects() {
		if c, ok := o.(*barChart); ok {
			for _, b := range c.Bars {
				out = append(out, b.Text)
			}
		}
	}
	return strings.Join(out, "|")
}

// TestRoomPlayTieAndExplore: on a tie, P asks which of the tied options to
// play; Play another lets the facilitator play any option.
func TestRoomPlayTieAndExplore(t *testing.T) {
	r := newLiveHarness(t)
	h := r.startMini()
	ada, bo := r.join(h, "Ada"), r.join(h, "Bo")
	r.typeRune('o')
	r.typeRune('r')
	r.typeRune('o')
	r.vote(h, ada, game.VoteAction, "plan")
	r.vote(h, bo, game.VoteAction, "speech")
	r.typeRune('r')
	r.typeRune('p')
	r.mustSee("The vote is tied", "Make a plan. (1 vote)", "Give a speech. (1 vote)")
	if strings.Contains(r.text(), "(0 votes)") {
		t.Error("the tie dialog offers an option that is not tied")
	}
	for _, o := range r.objects() {
		if g, ok := o.(*radioGroup); ok {
			g.SetSelected("Give a speech. (1 vote)")
		}
	}
	r.dialogButton("Play")
	r.mustSee("The room played:", "Give a speech.", "The leader hat, too soon.")
	if st := h.Status(); st.Played != "speech" {
		t.Fatalf("the room played %q, want speech", st.Played)
	}

	// explore: play an option nobody chose
	r.typeRune('n')
	r.typeRune('o')
	r.typeRune('r')
	r.typeRune('o')
	r.vote(h, ada, game.VoteAction, "both-ways")
	r.typeRune('r')
	r.tap("Play another…")
	r.mustSee("Play another option", "Fix the plan and talk to people. (1 vote)", "Wait and see. (0 votes)")
	for _, o := range r.objects() {
		if g, ok := o.(*radioGroup); ok {
			g.SetSelected("Wait and see. (0 votes)")
		}
	}
	r.dialogButton("Play")
	r.mustSee("Wait and see.", "No hat.")
}

// TestRoomPlayNamesArePlainText: names are hidden until asked for, then
// shown as the participant typed them, never as markup; a removed
// participant leaves the room.
func TestRoomPlayNamesArePlainText(t *testing.T) {
	r := newLiveHarness(t)
	h := r.startMini()
	bold := r.join(h, "<b>Bold</b> **Star**")
	r.join(h, "Cy")
	r.settle("2 participants")
	if strings.Contains(r.text(), "Bold") {
		t.Fatal("names show on the projector before the facilitator asked for them")
	}
	r.tap("Show names")
	r.mustSee("In the room (2): <b>Bold</b> **Star**, Cy")
	r.typeRune('o')
	r.vote(h, bold, game.VoteReading, "both")
	r.settle("Voted (1): <b>Bold</b> **Star**", "Not yet (1): Cy")
	// drawn as typed: one plain run of text, with its angle brackets and stars
	for _, o := range r.objects() {
		if rt, ok := o.(*widget.RichText); ok {
			for _, seg := range rt.Segments {
				if ts, ok := seg.(*widget.TextSegment); ok && strings.Contains(ts.Text, "Bold") && (ts.Style.TextStyle.Bold || !strings.Contains(ts.Text, "<b>Bold</b> **Star**")) {
					t.Errorf("the name was drawn as markup: %q (bold %v)", ts.Text, ts.Style.TextStyle.Bold)
				}
			}
		}
	}
	r.tap("Remove…")
	for _, o := range r.objects() {
		if s, ok := o.(*widget.Select); ok && s.PlaceHolder == "Choose a participant" {
			s.SetSelected("Cy")
		}
	}
	r.dialogButton("Remove")
	r.mustSee("1 of 1 voted", "Voted (1): <b>Bold</b> **Star**", "Not yet (0): nobody")
	r.tap("Hide names")
	if strings.Contains(r.text(), "Voted (1)") {
		t.Error("Hide names left the names on the projector")
	}
}

// TestRoomPlayResumeOffers: a session left unfinished (the app was killed)
// is offered on the tab, and again when its workshop and scenario are
// started; resuming brings back its participants and votes.
func TestRoomPlayResumeOffers(t *testing.T) {
	r := newLiveHarness(t)
	// a session the app never ended: one joined, the reading open, a vote in
	sc := r.app.lib.Get("mini")
	cfg := r.rooms.config(RoomStart{Scenario: sc, Seed: 5})
	cfg.Workshop = r.code
	h, err := room.New(r.db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	tok := r.join(h, "Ada")
	r.join(h, "Bo")
	if err := h.Open(); err != nil {
		t.Fatal(err)
	}
	r.vote(h, tok, game.VoteReading, "manage")
	h.Close()

	r.app.showFacilitatorTab(tabRoomPlay)
	r.mustSee("An unfinished room session of Mini in Spring cohort ("+r.code+"), started 14:05: 2 participants, at moment 1.", "[Resume]", "[End it]")

	// Start on the same workshop and scenario asks first
	r.selectPrefix("Choose a workshop", "Spring cohort")
	r.selectPrefix("Choose a scenario", "Mini")
	r.tap("Start room play")
	r.mustSee("Resume the session of 14:05 (2 participants, at moment 1)?")
	r.dialogButton("Resume")
	if s := r.app.Screen(); s != "roomplay" {
		t.Fatalf("Resume showed %s, want the projector:\n%s", s, r.text())
	}
	r.mustSee("1 of 2 voted", "What does this moment call for?")
	if got := r.rooms.host(t).ID(); got != h.ID() {
		t.Fatalf("resumed session %s, want %s", got, h.ID())
	}

	// leaving keeps it resumable: it is offered again
	r.press(fyne.KeyEscape)
	r.mustSee("Leave room play?")
	r.dialogButton("Keep it to resume later")
	if s := r.app.Screen(); s != "facilitator" {
		t.Fatalf("after leaving the screen is %s", s)
	}
	r.mustSee("An unfinished room session of Mini", "at moment 1.")
	if r.rooms.stopped != 1 {
		t.Errorf("the room was stopped %d times on leaving, want 1", r.rooms.stopped)
	}

	// Start new ends the old one
	r.selectPrefix("Choose a workshop", "Spring cohort")
	r.selectPrefix("Choose a scenario", "Mini")
	r.tap("Start room play")
	r.dialogButton("Start new")
	if got := r.rooms.host(t).ID(); got == h.ID() {
		t.Fatal("Start new resumed the old session")
	}
	open, _ := r.db.OpenRoomSessions()
	if len(open) != 1 || open[0].ID == h.ID() {
		t.Fatalf("after Start new the unfinished sessions are %+v, want only the new one", open)
	}
}

// TestRoomPlayResumesAfterAPlay: a session killed after the room played
// resumes on its feedback, with the moment it played and Next to go on.
func TestRoomPlayResumesAfterAPlay(t *testing.T) {
	r := newLiveHarness(t)
	cfg := r.rooms.config(RoomStart{Scenario: r.app.lib.Get("mini"), Seed: 5})
	cfg.Workshop = r.code
	h, err := room.New(r.db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	tok := r.join(h, "Ada")
	for _, step := range []func() error{h.Open, h.Reveal, h.Open} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	r.vote(h, tok, game.VoteAction, "plan")
	if err := h.Reveal(); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Play(""); err != nil {
		t.Fatal(err)
	}
	h.Close()

	r.app.showFacilitatorTab(tabRoomPlay)
	r.mustSee("1 participant, at moment 1.")
	r.tap("Resume")
	r.mustSee("Moment 1", "What the room's choice did", "Make a plan.", "The manager hat, fitting.")
	r.wantEnabled("(N)")
	r.typeRune('n')
	r.mustSee("Moment 2 of up to 3", "The second moment calls for both.")
}

// TestRoomPlayWorkshopHoldsVerdicts: a workshop that holds the verdicts
// for the debrief holds them in the room too: the tab says so and the
// projector shows only what the choice did; another workshop leaves the
// choice to the facilitator.
func TestRoomPlayWorkshopHoldsVerdicts(t *testing.T) {
	r := newLiveHarness(t)
	if err := r.db.SetHoldFeedback(r.code, true); err != nil {
		t.Fatal(err)
	}
	r.app.showFacilitatorTab(tabRoomPlay)
	hold := func() *widget.Check {
		for _, o := range r.objects() {
			if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Hold each verdict") {
				return c
			}
		}
		t.Fatal("no hold check on the tab")
		return nil
	}
	r.selectPrefix("Choose a workshop", "Spring cohort")
	if c := hold(); !c.Checked || !c.Disabled() || !strings.Contains(c.Text, "this workshop holds them") {
		t.Fatalf("for a workshop that holds the verdicts the check is %q, checked %v, disabled %v", c.Text, c.Checked, c.Disabled())
	}
	r.selectPrefix("Choose a workshop", "A new workshop")
	if c := hold(); c.Checked || c.Disabled() {
		t.Fatalf("for a new workshop the check is checked %v, disabled %v; it is the facilitator's", c.Checked, c.Disabled())
	}
	r.selectPrefix("Choose a workshop", "Spring cohort")
	r.selectPrefix("Choose a scenario", "Mini")
	r.tap("Start room play")
	h := r.rooms.host(t)
	tok := r.join(h, "Ada")
	r.typeRune('o')
	r.typeRune('r')
	r.typeRune('o')
	r.vote(h, tok, game.VoteAction, "plan")
	r.typeRune('r')
	r.typeRune('p')
	r.mustSee("Make a plan.", "The manager hat, fitting.", "The verdict waits for the debrief.")
	if strings.Contains(r.text(), "Fit 100 of 100") {
		t.Error("the projector shows the verdict a workshop holds for the debrief")
	}
}

// TestRoomPlayEndAndLeave: ending asks first, shows the summary, and the
// session is not offered again; the commands are off once it ended.
func TestRoomPlayEndAndLeave(t *testing.T) {
	r := newLiveHarness(t)
	h := r.startMini()
	tok := r.join(h, "Ada")
	r.typeRune('o')
	r.vote(h, tok, game.VoteReading, "manage")
	r.typeRune('r')
	r.typeRune('o')
	r.vote(h, tok, game.VoteAction, "plan")
	r.typeRune('r')
	r.typeRune('p')
	r.tap("End session")
	r.mustSee("End the session?")
	r.dialogButton("Yes")
	r.settle("How it ended", "The session was ended before the story reached an ending.", "How the room played",
		"1. It called for the manager hat. The room played, fit 100:", "Make a plan.\nThe room read it: Stabilise 1 · Re-energise 0 · Both 0. Reading 100 of 100. Its votes fit 100 of 100.")
	r.wantEnabled("")
	r.tap("Leave") // ended: no question
	if s := r.app.Screen(); s != "facilitator" {
		t.Fatalf("after leaving an ended session the screen is %s:\n%s", s, r.text())
	}
	if open, _ := r.db.OpenRoomSessions(); len(open) != 0 {
		t.Fatalf("an ended session is still offered: %+v", open)
	}
	if strings.Contains(r.text(), "An unfinished room session") {
		t.Error("the tab offers an ended session")
	}
}

// TestRoomPlayReachesTheEnding: the room plays the whole story; the end
// shows the ending, its away test and the room's summary.
func TestRoomPlayReachesTheEnding(t *testing.T) {
	r := newLiveHarness(t)
	h := r.startMini()
	tok := r.join(h, "Ada")
	for _, step := range [][2]string{{"manage", "plan"}, {"both", "both-ways"}, {"lead", "coach"}} {
		r.typeRune('o')
		r.vote(h, tok, game.VoteReading, step[0])
		r.typeRune('r')
		r.typeRune('o')
		r.vote(h, tok, game.VoteAction, step[1])
		r.typeRune('r')
		r.typeRune('p')
		r.typeRune('n')
	}
	r.mustSee("The end", "Good · A strong ending", "It went well.", "The away test", "They run it without you.",
		"3. It called for the leader hat. The room played, fit 100:", "Coach the leads.", "1 of 1 participant reached the ending")
}

// TestRoomPlayWatcherSleeps: the projector waits on the host's change
// channel, with no ticker: while nothing changes nothing is refreshed, and
// a burst of changes queues one refresh, not one each.
func TestRoomPlayWatcherSleeps(t *testing.T) {
	r := newLiveHarness(t)
	h := r.startMini()
	r.join(h, "Ada")
	r.settle("1 participant")
	select {
	case <-r.posted:
		t.Fatal("the projector refreshed with nothing changed")
	case <-time.After(300 * time.Millisecond):
	}
	for _, name := range []string{"Bo", "Cy", "Di", "Ed", "Flo"} {
		r.join(h, name)
	}
	for deadline := time.Now().Add(5 * time.Second); len(r.posted) == 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(r.posted); n != 1 {
		t.Fatalf("five joins queued %d refreshes, want 1", n)
	}
	(<-r.posted)()
	r.mustSee("6 participants")
}

// TestRoomPlayProse: the scene's Markdown reads as plain paragraphs on the
// projector, the emphasis inside its line and list items bulleted.
func TestRoomPlayProse(t *testing.T) {
	got := rpProse("Somebody posted *is it true??* under a\nscreenshot.\n\nThree things:\n\n- One **big**.\n- Two.\n\nAfter.").Text
	want := "Somebody posted is it true?? under a screenshot.\n\nThree things:\n\n• One big.\n• Two.\n\nAfter."
	if got != want {
		t.Errorf("prose = %q, want %q", got, want)
	}
}

// TestRoomPlayWithoutHost: a build without room play says so on the tab.
func TestRoomPlayWithoutHost(t *testing.T) {
	h, _ := facilitatorHarness(t)
	h.app.showFacilitatorTab(tabRoomPlay)
	h.mustSee("Room play is not available in this copy of Two Hats.")
}

// TestRoomPlayFitsSmallProjector: the projector needs no more than a small
// projector's 1024×640, in every phase.
func TestRoomPlayFitsSmallProjector(t *testing.T) {
	r := newLiveHarness(t)
	h := r.startMini()
	tok := r.join(h, "Ada")
	check := func() {
		t.Helper()
		min := r.app.Window().Content().MinSize()
		if min.Width > 1024 || min.Height > 640 {
			t.Errorf("in phase %s the projector needs %v, more than 1024×640", h.Status().Phase, min)
		}
	}
	check()
	r.typeRune('o')
	r.vote(h, tok, game.VoteReading, "manage")
	check()
	r.typeRune('r')
	check()
	r.typeRune('o')
	check()
	r.vote(h, tok, game.VoteAction, "plan")
	r.typeRune('r')
	check()
	r.typeRune('p')
	check()
}

// renderRoomPlay draws the projector at 1366×768 (and a small projector's
// 1024×640) with the shipped library, for docs/screenshots: the lobby with
// its QR code, and a revealed action.
func renderRoomPlay(t *testing.T, variant string) {
	db, _, err := store.Open(t.TempDir(), store.Options{Now: testkit.NewClock(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), time.Second).Now, NewID: testkit.IDs(3), Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	w, err := db.CreateWorkshop("New managers, Lisbon")
	if err != nil {
		t.Fatal(err)
	}
	rooms := newTestRooms(db)
	a := test.NewTempApp(t)
	prefs := &memPrefs{s: map[string]string{prefTheme: variant}, f: map[string]float64{}}
	u := New(a, Deps{Store: db, Room: rooms, Library: func() *scenarios.Library { return lib }, Prefs: prefs,
		Seed: func() int64 { return 11 }, Async: func(w, then func()) { w(); then() }})
	u.lib = lib
	run, err := rooms.Start(RoomStart{Scenario: lib.Get("lost-key-client"), Workshop: w.Code, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	run.URL = "http://192.168.1.23:41234/?code=" + w.Code
	old := rpPost
	rpPost = func(func()) {} // each capture refreshes by hand
	defer func() { rpPost = old }()
	s := u.showRoomPlay(run)
	h := run.Host
	names := []string{"Amaka", "Bruno", "Chen", "Dara", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena",
		"Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tariq", "Uma", "Vera", "Wim", "Yara"}
	var toks []string
	for _, n := range names {
		tok, err := h.Join(w.Code, n)
		if err != nil {
			t.Fatal(err)
		}
		toks = append(toks, tok)
	}
	capture := func(name string, size fyne.Size) {
		u.Window().Resize(size)
		s.refresh() // what the watcher would post
		img := u.Window().Canvas().Capture()
		suffix := ""
		if variant != ThemeLight {
			suffix = "-" + variant
		}
		f, err := os.Create(filepath.Join(*shots, name+suffix+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	capture("room-projector", fyne.NewSize(1366, 768))
	if variant == ThemeLight {
		capture("room-projector-1024x640", fyne.NewSize(1024, 640))
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(h.Open())
	m := h.Status().Moment
	sc := lib.Get("lost-key-client").Scene(m)
	hats := []string{"manage", "manage", "both", "lead", "manage"}
	for i, tok := range toks {
		must(h.Vote(tok, m, game.VoteReading, hats[i%len(hats)]))
	}
	must(h.Reveal())
	must(h.Open())
	for i, tok := range toks[:22] {
		must(h.Vote(tok, m, game.VoteAction, sc.Choices[[]int{0, 0, 1, 2, 0, 3, 1}[i%7]%len(sc.Choices)].ID))
	}
	must(h.Reveal())
	capture("room-projector-revealed", fyne.NewSize(1366, 768))
	if variant != ThemeLight {
		s.close(func() {})
		return
	}
	capture("room-projector-revealed-1024x640", fyne.NewSize(1024, 640))
	if _, err := h.Play(""); err != nil {
		t.Fatal(err)
	}
	capture("room-projector-feedback", fyne.NewSize(1366, 768))
	if _, err := h.End(); err != nil {
		t.Fatal(err)
	}
	capture("room-projector-end", fyne.NewSize(1366, 768))
	s.close(func() {})
}
