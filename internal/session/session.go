// Package session owns one attempt's life, for every front end: the
// desktop app, the terminal and the room host drive it the way ink's
// clients drive a story — start or resume, answer, and read the state —
// and never touch the store's answer log themselves. It holds the one join
// policy for workshops, and the one order of work for an answer: check it,
// persist it with the next sequence number, then apply it, then record the
// ending once there is one. So an answer the player sees the feedback of
// is always on disk, whichever front end they used.
package session

import (
	"errors"
	"fmt"

	"github.com/twohats/twohats/game"
)

// Store is what a session needs of the progress store.
type Store interface {
	StartAttempt(profileID string, sc *game.Scenario, seed int64, workshop string) (game.Attempt, error)
	SaveAnswer(attemptID string, seq int, a game.Answer) (game.SavedAnswer, error)
	FinishAttempt(attemptID, ending string, sc game.Scores) error
	CloseChanged(attemptID string) error
	UpdateHash(attemptID, hash string) error
	Answers(attemptID string) ([]game.SavedAnswer, error)
}

// Session is one attempt in play.
type Session struct {
	store   Store
	attempt game.Attempt
	state   *game.State
}

// State is the attempt's state: read it, never change it.
func (s *Session) State() *game.State { return s.state }

// Attempt is the attempt's record.
func (s *Session) Attempt() game.Attempt { return s.attempt }

// Start begins a new attempt for the profile.
func Start(st Store, profileID string, sc *game.Scenario, seed int64, workshop string) (*Session, error) {
	a, err := st.StartAttempt(profileID, sc, seed, workshop)
	if err != nil {
		return nil, err
	}
	state, err := game.Start(sc, a.Seed)
	if err != nil {
		return nil, fmt.Errorf("start %q: %w", sc.ID, err)
	}
	return &Session{store: st, attempt: a, state: state}, nil
}

// Resumption says how an unfinished attempt came back.
type Resumption int

// The ways an attempt resumes.
const (
	Continued Resumption = iota // as it was
	Edited                      // the scenario was edited, and the answers still fit it
	Closed                      // the answers no longer fit the edited scenario: the attempt is closed, its answers kept
)

// Resumed is how an unfinished attempt came back, and for a closed one,
// why its answers no longer fit.
type Resumed struct {
	How Resumption
	Why error // the replay's error, when How is Closed
}

// Resume rebuilds an unfinished attempt from its saved answers. When they
// no longer replay on the scenario's content, the attempt is closed as
// scenario-changed (answers kept) and the session is nil. An attempt whose
// last answer reached the ending but whose ending was never recorded (the
// process was killed in between) is recorded now.
func Resume(st Store, sc *game.Scenario, a game.Attempt) (*Session, Resumed, error) {
	saved, err := st.Answers(a.ID)
	if err != nil {
		return nil, Resumed{}, err
	}
	state, changed, rerr := game.Resume(sc, a, game.LogOf(saved))
	if errors.Is(rerr, game.ErrSaveFormat) {
		return nil, Resumed{}, rerr // never close what this build cannot read
	}
	if rerr != nil {
		if err := st.CloseChanged(a.ID); err != nil {
			return nil, Resumed{How: Closed, Why: rerr}, err
		}
		return nil, Resumed{How: Closed, Why: rerr}, nil
	}
	how := Resumed{How: Continued}
	if changed {
		if err := st.UpdateHash(a.ID, sc.Hash); err != nil {
			return nil, Resumed{How: Edited}, err
		}
		a.ScenarioHash = sc.Hash
		how.How = Edited
	}
	s := &Session{store: st, attempt: a, state: state}
	if state.Done && a.Status == game.StatusOpen {
		if err := s.finish(); err != nil {
			return nil, how, err
		}
	}
	return s, how, nil
}

func (s *Session) finish() error {
	if err := s.store.FinishAttempt(s.attempt.ID, s.state.Ending().ID, s.state.Scores()); err != nil {
		return err
	}
	s.attempt.Status = game.StatusFinished
	return nil
}

// ErrNotRecorded wraps a failure to record the ending: the answer itself
// was saved and played, so the feedback may still be shown.
var ErrNotRecorded = errors.New("the ending could not be recorded")

// Answer checks an answer against the current moment, saves it with the
// next sequence number, and only then applies it. When it reaches an
// ending, the ending and scores are recorded too; if that fails the step
// is still returned, with an error wrapping ErrNotRecorded.
func (s *Session) Answer(a game.Answer) (game.Step, error) {
	if err := s.state.Check(a); err != nil {
		return game.Step{}, err
	}
	if _, err := s.store.SaveAnswer(s.attempt.ID, len(s.state.Steps)+1, a); err != nil {
		return game.Step{}, err
	}
	step, err := s.state.Answer(a)
	if err != nil {
		return game.Step{}, err // cannot happen: the answer checked
	}
	if s.state.Done {
		if err := s.finish(); err != nil {
			return step, fmt.Errorf("%w: %w", ErrNotRecorded, err)
		}
	}
	return step, nil
}

// JoinStore is what joining a workshop needs of the store.
type JoinStore interface {
	Workshop(code string) (game.Workshop, error) // an error wrapping game.ErrNotFound when unknown
	SetProfileWorkshop(profileID, code string) error
}

// Join is the one join policy: the code must be well formed; a workshop
// this machine knows must be open; a well-formed code it does not know is
// the facilitator's, on their machine, and the attempts carry it. known
// says which.
func Join(st JoinStore, profileID, code string) (w game.Workshop, known bool, err error) {
	w, known, err = CheckJoin(st, code)
	if err != nil {
		return game.Workshop{}, known, err
	}
	if err := st.SetProfileWorkshop(profileID, w.Code); err != nil {
		return game.Workshop{}, known, err
	}
	return w, known, nil
}

// CheckJoin applies the join policy without joining: for a profile about
// to be created with the code.
func CheckJoin(st JoinStore, code string) (w game.Workshop, known bool, err error) {
	c, err := game.CheckCode(code)
	if err != nil {
		return game.Workshop{}, false, err
	}
	w, err = st.Workshop(c)
	switch {
	case errors.Is(err, game.ErrNotFound):
		return game.Workshop{Code: c}, false, nil
	case err != nil:
		return game.Workshop{}, false, err
	case w.ClosedAt != nil:
		return game.Workshop{}, true, fmt.Errorf("%w: the workshop %q (%s) was closed on %s; ask the facilitator for the current code", game.ErrClosed, w.Name, w.Code, w.ClosedAt.Format("2 Jan 2006"))
	}
	return w, true, nil
}

// ErrNoReview is a finished attempt whose answers no longer replay on its
// scenario's content, so its debrief cannot be rebuilt.
var ErrNoReview = errors.New("its scenario was edited since, and the answers no longer fit it, so its debrief cannot be rebuilt; its scores are kept")

// Review rebuilds an attempt's state from its saved answers, to show its
// debrief again. It changes nothing: unlike Resume it never closes or
// re-records the attempt.
func Review(st Store, sc *game.Scenario, a game.Attempt) (*game.State, error) {
	saved, err := st.Answers(a.ID)
	if err != nil {
		return nil, err
	}
	state, _, err := game.Resume(sc, a, game.LogOf(saved))
	switch {
	case errors.Is(err, game.ErrSaveFormat):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("%w (%v)", ErrNoReview, err)
	}
	return state, nil
}
