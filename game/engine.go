package game

import (
	"errors"
	"fmt"
	"time"
)

// Answer is one entry of an attempt's log: at a moment, the player read it
// as Diagnosis and took Choice. At and Millis are carried for records and
// exports; the engine ignores them.
//
// In a room attempt (played live with a workshop, see internal/room) the
// story moves by the room's decision, not the player's: Played is the
// choice the room played, and Diagnosis and Choice are this player's own
// votes, each empty when they did not vote (they joined late, or let the
// moment pass). In a solo attempt Played is empty and Choice is played.
type Answer struct {
	Scene     string
	Diagnosis Hat
	Choice    string
	Played    string
	At        time.Time
	Millis    int64
}

// Step is an answer as the engine understood it. Choice is the player's
// own choice, the one scored; Played is the one whose consequences the
// story took (the same choice, except in a room attempt). In a room
// attempt Choice is nil when the player did not vote on the action, and
// Answer.Diagnosis is empty when they did not vote on the reading: such a
// moment counts in no score (see Voted and Read).
type Step struct {
	Answer  Answer
	Scene   *Scene
	Choice  *Choice
	Played  *Choice
	Fit     int
	Reading int
	Before  Levels // meters before the choice
	After   Levels // meters after, clamped
}

// Voted reports whether the player chose an action at this moment.
func (s Step) Voted() bool { return s.Choice != nil }

// Read reports whether the player named a reading at this moment.
func (s Step) Read() bool { return s.Answer.Diagnosis != "" }

// InRoom reports whether the room decided this moment.
func (s Step) InRoom() bool { return s.Answer.Played != "" }

// Delta is how far each meter moved, after clamping.
func (s Step) Delta() Levels {
	var d Levels
	for i := range d {
		d[i] = s.After[i] - s.Before[i]
	}
	return d
}

// Errors the engine returns, wrapped with detail.
var (
	ErrFinished     = errors.New("the attempt has already reached an ending")
	ErrWrongScene   = errors.New("the answer is for a different scene")
	ErrUnknownHat   = errors.New("the diagnosis must be manage, lead or both")
	ErrUnknownChoic = errors.New("the scene has no such choice")
	ErrNoVote       = errors.New("only a room attempt may leave a moment unanswered")
	ErrBadStory     = errors.New("the scenario cannot be played")
)

// State is everything that changes during an attempt. It is derived from
// the scenario, the seed and the answer log, never stored on its own.
type State struct {
	Scenario *Scenario
	Seed     int64
	Current  *Scene // the moment waiting for an answer, or the ending once Done
	Meters   Levels
	Flags    map[string]bool
	Path     []string // scene ids in the order visited, ending included
	Steps    []Step
	Beats    []*Scene // beats passed since the last answer, to show before Current
	Done     bool
}

// maxBeats bounds a run of beats, so a loop of beats cannot hang the engine.
const maxBeats = 1000

// Start begins an attempt at the scenario's start scene.
func Start(sc *Scenario, seed int64) (*State, error) {
	st := &State{
		Scenario: sc,
		Seed:     seed,
		Meters:   LevelsOf(sc.Meters),
		Flags:    map[string]bool{},
	}
	for i := range st.Meters {
		st.Meters[i] = clamp(st.Meters[i])
	}
	if err := st.enter(sc.Start); err != nil {
		return nil, err
	}
	return st, nil
}

// Replay rebuilds the state an answer log leads to.
func Replay(sc *Scenario, seed int64, log []Answer) (*State, error) {
	st, err := Start(sc, seed)
	if err != nil {
		return nil, err
	}
	st.Steps = make([]Step, 0, len(log))
	for i, a := range log {
		if _, err := st.Answer(a); err != nil {
			return nil, fmt.Errorf("replay answer %d: %w", i+1, err)
		}
	}
	return st, nil
}

// Check reports whether an answer can be applied to the current moment,
// without applying it: front ends persist an answer only once it checks.
func (st *State) Check(a Answer) error {
	_, _, err := st.check(a)
	return err
}

// check returns the player's choice (nil when a room participant did not
// vote) and the choice the story plays.
func (st *State) check(a Answer) (vote, played *Choice, err error) {
	if st.Done {
		return nil, nil, ErrFinished
	}
	sc := st.Current
	if a.Scene != sc.ID {
		return nil, nil, fmt.Errorf("%w: expected %q, got %q", ErrWrongScene, sc.ID, a.Scene)
	}
	inRoom := a.Played != ""
	switch {
	case a.Diagnosis == "" && inRoom:
	case a.Diagnosis == "":
		return nil, nil, fmt.Errorf("%w: %q has no reading", ErrNoVote, sc.ID)
	case a.Diagnosis != Manage && a.Diagnosis != Lead && a.Diagnosis != Both:
		return nil, nil, fmt.Errorf("%w, not %q", ErrUnknownHat, a.Diagnosis)
	}
	if a.Choice != "" {
		if vote = sc.Choice(a.Choice); vote == nil {
			return nil, nil, fmt.Errorf("%w: %q has no choice %q", ErrUnknownChoic, sc.ID, a.Choice)
		}
	} else if !inRoom {
		return nil, nil, fmt.Errorf("%w: %q has no choice", ErrNoVote, sc.ID)
	}
	played = vote
	if inRoom {
		if played = sc.Choice(a.Played); played == nil {
			return nil, nil, fmt.Errorf("%w: %q has no choice %q (the room's)", ErrUnknownChoic, sc.ID, a.Played)
		}
	}
	return vote, played, nil
}

// Answer applies one answer to the current moment.
func (st *State) Answer(a Answer) (Step, error) {
	vote, played, err := st.check(a)
	if err != nil {
		return Step{}, err
	}
	sc := st.Current
	step := Step{
		Answer: a,
		Scene:  sc,
		Choice: vote,
		Played: played,
		Before: st.Meters,
	}
	if vote != nil {
		step.Fit = ChoiceFit(sc.CallsFor, vote)
	}
	if a.Diagnosis != "" {
		step.Reading = ReadingScore(sc.CallsFor, a.Diagnosis)
	}
	for m, d := range played.Effects {
		if i := meterIndex(m); i >= 0 {
			st.Meters[i] = clamp(st.Meters[i] + d)
		}
	}
	for _, f := range played.Set {
		st.Flags[f] = true
	}
	step.After = st.Meters
	st.Steps = append(st.Steps, step)
	st.Beats = st.Beats[:0:0]
	if err := st.enter(st.resolve(played.Next)); err != nil {
		return Step{}, err
	}
	return step, nil
}

// Choices returns the current moment's choices in this attempt's shuffled
// order. It is nil when the attempt is finished.
func (st *State) Choices() []*Choice {
	if st.Done || st.Current == nil {
		return nil
	}
	return ShuffledChoices(st.Current, st.Seed)
}

// ShuffledChoices orders a moment's choices for an attempt's seed: the same
// seed and scene always give the same order.
func ShuffledChoices(s *Scene, seed int64) []*Choice {
	out := append([]*Choice(nil), s.Choices...)
	r := splitmix(uint64(seed) ^ fnv64(s.ID))
	for i := len(out) - 1; i > 0; i-- {
		j := int(r.next() % uint64(i+1))
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Ending returns the ending reached, or nil.
func (st *State) Ending() *Scene {
	if st.Done {
		return st.Current
	}
	return nil
}

// Log returns the answers applied so far.
func (st *State) Log() []Answer {
	out := make([]Answer, len(st.Steps))
	for i, s := range st.Steps {
		out[i] = s.Answer
	}
	return out
}

func (st *State) enter(id string) error {
	for n := 0; n < maxBeats; n++ {
		s := st.Scenario.Scene(id)
		if s == nil {
			return fmt.Errorf("%w: scene %q does not exist", ErrBadStory, id)
		}
		st.Path = append(st.Path, s.ID)
		switch {
		case s.Ending:
			st.Current, st.Done = s, true
			return nil
		case s.IsMoment():
			st.Current = s
			return nil
		case len(s.Next) == 0:
			return fmt.Errorf("%w: scene %q has no choices, no next and is not an ending", ErrBadStory, s.ID)
		}
		st.Beats = append(st.Beats, s)
		id = st.resolve(s.Next)
	}
	return fmt.Errorf("%w: more than %d beats in a row from %q; the beats loop", ErrBadStory, maxBeats, id)
}

func (st *State) resolve(next Next) string {
	for _, b := range next {
		if b.If == nil || b.If.Eval(st.Meters, st.Flags) {
			return b.Goto
		}
	}
	return ""
}

func clamp(v int) int {
	switch {
	case v < 0:
		return 0
	case v > 100:
		return 100
	}
	return v
}

// splitmix is SplitMix64: tiny, fully specified, so a seed gives the same
// order on every Go release and platform.
type splitmixState struct{ s uint64 }

func splitmix(seed uint64) *splitmixState { return &splitmixState{seed} }

func (r *splitmixState) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
