package room

import (
	"fmt"

	"github.com/twohats/twohats/game"
)

// View is what one participant's page shows, and what GET /api/state
// returns (docs/room.md documents it). Tallies appear only once revealed.
type View struct {
	Phase        game.RoomPhase `json:"phase"`
	Scenario     string         `json:"scenario"`
	Name         string         `json:"name"`
	Participants int            `json:"participants"`
	VotesIn      int            `json:"votes_in"`
	Moment       *Moment        `json:"moment,omitempty"`
	Beats        []string       `json:"beats,omitempty"` // what happened since the last moment, before this one
	Votes        Votes          `json:"votes"`
	Feedback     *Feedback      `json:"feedback,omitempty"`
	Ending       *Ending        `json:"ending,omitempty"`
	Debrief      *Debrief       `json:"debrief,omitempty"` // the participant's own, at the end
}

// Moment is the open (or next) moment.
type Moment struct {
	ID       string   `json:"id"`
	Number   int      `json:"number"` // 1-based
	Most     int      `json:"most"`   // the most moments any path has
	Text     string   `json:"text"`
	Readings []Option `json:"readings"`
	Choices  []Option `json:"choices,omitempty"` // once the action vote has opened
	Revealed bool     `json:"revealed"`          // the counts of the current vote are shown
}

// Option is a reading or an action, with its votes once revealed.
type Option struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Votes *int   `json:"votes,omitempty"`
}

// Votes are the participant's own votes at the open moment.
type Votes struct {
	Reading string `json:"reading"`
	Action  string `json:"action"`
}

// Feedback is what the room's choice did. Verdict, CallsFor and Fit are
// empty when the feedback is held for the debrief.
type Feedback struct {
	Moment   string `json:"moment"`
	Played   string `json:"played"`    // the text of the room's choice
	Text     string `json:"text"`      // its consequence
	Meters   string `json:"meters"`    // how the meters moved
	Verdict  string `json:"verdict"`   // whether it fit, unless held
	CallsFor string `json:"calls_for"` // what the moment called for, unless held
	YourVote string `json:"your_vote,omitempty"`
	Held     bool   `json:"held"`
}

// Ending is where the room's story ended.
type Ending struct {
	Title   string `json:"title"`
	Text    string `json:"text"`
	Outcome string `json:"outcome"`
	Away    string `json:"away"`
}

// Debrief is a participant's own result: the scores of their votes.
type Debrief struct {
	Reading  string          `json:"reading"` // "72" or "—"
	Fit      string          `json:"fit"`
	Tendency string          `json:"tendency"`
	Cost     string          `json:"cost"`
	Moments  []DebriefMoment `json:"moments"`
}

// DebriefMoment is one moment of a participant's debrief.
type DebriefMoment struct {
	CallsFor string `json:"calls_for"`
	Why      string `json:"why"`
	Chose    string `json:"chose"`
	Verdict  string `json:"verdict"`
}

var hats = []game.Hat{game.Manage, game.Lead, game.Both}

// View is the participant's view of the room.
func (h *Host) View(token string) (View, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m, err := h.who(token)
	if err != nil {
		return View{}, err
	}
	sh := h.sharedView()
	v := View{Phase: h.phase, Scenario: h.cfg.Scenario.Title, Name: m.Name, Participants: sh.participants,
		Votes: Votes{Reading: string(m.reading), Action: m.action}, Moment: sh.moment, Beats: sh.beats, VotesIn: sh.votesIn}
	v.Feedback = h.feedback(m)
	if h.phase == game.PhaseEnded {
		if end := h.state.Ending(); end != nil {
			v.Ending = ending(end)
		}
		// a session ended before the story did still debriefs what was played
		if m.sess != nil && len(m.sess.State().Steps) > 0 {
			v.Debrief = debrief(m.sess.State())
		}
	}
	return v, nil
}

// shared is the part of a participant's view that is the same for
// everyone. Each change wakes every phone's stream for a new view; built
// once per change rather than once per phone, a view costs the host's lock
// a few fields, not a pass over every participant's votes (with 200 phones,
// that pass made each change cost 40 000 steps under the lock votes wait
// for). Its moment is shared by the views: never changed once built.
type shared struct {
	version      uint64
	moment       *Moment
	beats        []string
	votesIn      int
	participants int
}

// sharedView is the shared part of the views as of the last change: h.mu
// is held.
func (h *Host) sharedView() *shared {
	if h.shared == nil || h.shared.version != h.version {
		sh := &shared{version: h.version, participants: h.present()}
		sh.moment, sh.beats, sh.votesIn = h.moment()
		h.shared = sh
	}
	return h.shared
}

// moment is the open or next moment, the beats before it and the votes in:
// h.mu is held.
func (h *Host) moment() (*Moment, []string, int) {
	if h.state.Done || h.phase == game.PhaseFeedback || h.phase == game.PhaseEnded {
		return nil, nil, 0
	}
	sc := h.state.Current
	mo := &Moment{ID: sc.ID, Number: len(h.state.Steps) + 1, Most: h.most, Text: sc.Text}
	var beats []string
	for _, b := range h.state.Beats {
		beats = append(beats, b.Text)
	}
	if h.phase == game.PhaseLobby {
		return mo, beats, 0
	}
	kind := h.voteKind()
	tally := h.tally(kind)
	in := 0
	for _, n := range tally {
		in += n
	}
	revealed := h.phase == game.PhaseReadingRevealed || h.phase == game.PhaseActionRevealed
	count := func(id string, k string) *int {
		if !revealed || k != kind {
			return nil
		}
		n := tally[id]
		return &n
	}
	mo.Revealed = revealed
	for _, hat := range hats {
		mo.Readings = append(mo.Readings, Option{ID: string(hat), Label: hat.Verb(), Votes: count(string(hat), game.VoteReading)})
	}
	if kind == game.VoteAction {
		for _, c := range game.ShuffledChoices(sc, h.rec.Seed) {
			mo.Choices = append(mo.Choices, Option{ID: c.ID, Label: c.Text, Votes: count(c.ID, game.VoteAction)})
		}
	}
	return mo, beats, in
}

// feedback is what the room's last choice did, in the feedback phase
// (nil otherwise); m is the participant, nil on the projector: h.mu is held.
func (h *Host) feedback(m *member) *Feedback {
	if h.phase != game.PhaseFeedback || h.lastPlay == nil {
		return nil
	}
	st := h.lastPlay
	f := &Feedback{Moment: st.Scene.ID, Played: st.Played.Text, Text: st.Played.Feedback, Meters: meters(*st), Held: h.cfg.HoldFeedback}
	if !f.Held {
		f.CallsFor = "It called for " + st.Scene.CallsFor.Label() + "."
		f.Verdict = game.HatLine(st.Played) + " " + verdict(st.Scene, st.Played)
	}
	if m != nil && m.sess != nil {
		steps := m.sess.State().Steps
		if n := len(h.state.Steps); n > 0 && len(steps) >= n {
			own := steps[n-1]
			switch {
			case !own.Voted():
				f.YourVote = "You did not vote on the action."
			case own.Choice == own.Played:
				f.YourVote = "You voted for this."
			default:
				f.YourVote = "You voted: " + own.Choice.Text
			}
		}
	}
	return f
}

// verdict says whether a choice fit its moment, as the app says it.
func verdict(s *game.Scene, c *game.Choice) string {
	fit := game.ChoiceFit(s.CallsFor, c)
	return game.VerdictLine(game.Step{Scene: s, Choice: c, Played: c, Fit: fit}) + fmt.Sprintf(" Fit %d of 100.", fit)
}

func meters(st game.Step) string {
	out := ""
	for _, m := range game.Meters {
		if d := st.After.Get(m) - st.Before.Get(m); d != 0 {
			if out != "" {
				out += ", "
			}
			out += fmt.Sprintf("%s %+d", m, d)
		}
	}
	return out
}

func ending(end *game.Scene) *Ending {
	e := &Ending{Title: end.Title, Text: end.Text, Away: end.Away}
	if end.Outcome != "" {
		e.Outcome = "A " + string(end.Outcome) + " ending"
	}
	return e
}

func debrief(st *game.State) *Debrief {
	d := st.Debrief()
	// the phone shows them as the app does
	out := &Debrief{Reading: game.ScoreText(d.Scores.Reading), Fit: game.ScoreText(d.Scores.Fit), Tendency: d.Tendency.Label(), Cost: d.Tendency.Cost()}
	for _, r := range d.Review {
		dm := DebriefMoment{CallsFor: "It called for " + r.CallsFor.Label() + ".", Why: r.Why, Chose: r.ChoiceLine()}
		if r.Voted() {
			dm.Verdict = fmt.Sprintf("Your vote: %s, fit %d. %s", r.Hat.Label(), r.Fit, game.ReadingLine(r.Reading))
		} else if r.Diagnosis != "" {
			dm.Verdict = game.ReadingLine(r.Reading)
		}
		out.Moments = append(out.Moments, dm)
	}
	return out
}

// Projector is what the room's screen shows.
type Projector struct {
	Phase        game.RoomPhase
	Scenario     string
	Workshop     string
	Participants int
	VotesIn      int
	Members      []Member
	Moment       *Moment
	Beats        []string
	Feedback     *Feedback
	Ending       *Ending
	Summary      *Summary
}

// Projector is the room's shared view: never a participant's own votes.
func (h *Host) Projector() Projector {
	members := h.Members()
	var sum *Summary
	h.mu.Lock()
	ended := h.phase == game.PhaseEnded
	h.mu.Unlock()
	if ended {
		s := h.Summary()
		sum = &s
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	p := Projector{Phase: h.phase, Scenario: h.cfg.Scenario.Title, Workshop: h.cfg.Workshop, Participants: h.present(), Members: members, Summary: sum}
	p.Moment, p.Beats, p.VotesIn = h.moment()
	p.Feedback = h.feedback(nil)
	if end := h.state.Ending(); end != nil && ended {
		p.Ending = ending(end)
	}
	return p
}
