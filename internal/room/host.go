// Package room is the room host: the third front end of the play session
// service. A workshop plays one scenario live: the facilitator's machine
// serves the session on the local network, participants join from a
// browser with the workshop code and vote on the reading and the action at
// each moment, and the room's choice moves the story. Each participant has
// their own room attempt (their votes along the room's path), written
// through internal/session, so every view and export reads it.
//
// Host is the session's state machine, safe for concurrent use; http.go
// serves it to browsers and cmd/twohats drives it from standard input or
// the desktop app. Nothing a participant sends can change the scenario,
// another participant's vote or the facilitator's controls: participants
// only join and vote, and a vote is checked against the open phase.
package room

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/session"
)

// Store is what the room host needs of the progress store.
type Store interface {
	session.Store
	Attempt(id string) (game.Attempt, error)
	JoinRoom(sessionID, tokenHash, name string, sc *game.Scenario, seed int64, workshop string) (game.Profile, game.Attempt, error)
	CreateRoomSession(rs game.RoomSession) error
	SetRoomPhase(sessionID string, phase game.RoomPhase) error
	AddRoomPlay(sessionID string, seq int, scene, choice string, phase game.RoomPhase) error
	RemoveRoomMember(sessionID, tokenHash string) error
	SaveRoomVotes(sessionID string, votes []game.RoomVote) error
	ClearRoomVotes(sessionID string, phase game.RoomPhase) error
	EndRoomSession(sessionID string) error
}

// DefaultMax is the default cap on participants.
const DefaultMax = 200

// Config sets up a room session.
type Config struct {
	Scenario     *game.Scenario
	Workshop     string // the workshop's join code
	Max          int    // the most participants at once; DefaultMax when 0
	HoldFeedback bool   // keep the verdict for the debrief: after a play, show only the consequence
	Seed         int64  // orders the choices, the same for everyone
	Now          func() time.Time
	Rand         io.Reader // token bytes; crypto/rand when nil
	NewID        func() string
}

// Errors a participant or the facilitator can meet. The HTTP side maps
// them to status codes (see http.go); each wraps a plain sentence.
var (
	ErrWrongCode  = errors.New("wrong workshop code")
	ErrNoToken    = errors.New("not joined")
	ErrRemoved    = errors.New("removed from the room")
	ErrFull       = errors.New("the room is full")
	ErrNameInUse  = errors.New("name in use")
	ErrVoteClosed = errors.New("voting is closed")
	ErrBadVote    = errors.New("not a valid vote")
	ErrEnded      = errors.New("the session has ended")
	ErrPhase      = errors.New("not now")
	ErrTie        = errors.New("a tie")
)

// member is one participant.
type member struct {
	game.RoomMember
	sess    *session.Session
	reading game.Hat
	action  string
	readMs  int64
	actMs   int64
	seq     uint64 // the last vote applied, so a slower earlier vote never overwrites a later one
}

// Host runs one live room session.
type Host struct {
	cfg Config
	st  Store

	// gate is held shared by a vote or a join while it persists, and
	// exclusively by the facilitator's commands, so a phase never changes
	// under a vote being written.
	gate sync.RWMutex

	mu       sync.Mutex // guards everything below
	rec      game.RoomSession
	state    *game.State // the room's own story: its answers carry only the room's choice
	phase    game.RoomPhase
	members  []*member
	byHash   map[string]*member
	pending  map[string]bool // names being joined
	opened   time.Time       // when the current vote opened
	seq      uint64
	changed  chan struct{}
	closed   bool
	votes    chan voteReq
	stopped  chan struct{}
	lastPlay *game.Step
	most     int     // the most moments any path has: walking the scenario's paths is slow, so once
	version  uint64  // counts the changes (notify)
	shared   *shared // the part of every view that is the same for all, at version
	moved    chan struct{}
}

type voteReq struct {
	v    game.RoomVote
	done chan error
}

func (c *Config) defaults() error {
	if c.Scenario == nil {
		return errors.New("start the room: no scenario")
	}
	code, err := game.CheckCode(c.Workshop)
	if err != nil {
		return fmt.Errorf("start the room: %w", err)
	}
	c.Workshop = code
	if c.Max <= 0 {
		c.Max = DefaultMax
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Rand == nil {
		c.Rand = rand.Reader
	}
	if c.NewID == nil {
		return errors.New("start the room: no id source")
	}
	return nil
}

// New starts a new room session in the lobby of the scenario's first moment.
func New(st Store, cfg Config) (*Host, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	state, err := game.Start(cfg.Scenario, cfg.Seed)
	if err != nil {
		return nil, fmt.Errorf("start the room: %w", err)
	}
	rec := game.RoomSession{ID: cfg.NewID(), Workshop: cfg.Workshop, ScenarioID: cfg.Scenario.ID, ScenarioHash: cfg.Scenario.Hash,
		Seed: cfg.Seed, Phase: game.PhaseLobby, StartedAt: cfg.Now().UTC()}
	if state.Done {
		rec.Phase = game.PhaseEnded
	}
	if err := st.CreateRoomSession(rec); err != nil {
		return nil, err
	}
	return start(st, cfg, rec, state), nil
}

func start(st Store, cfg Config, rec game.RoomSession, state *game.State) *Host {
	h := &Host{cfg: cfg, st: st, rec: rec, state: state, phase: rec.Phase, byHash: map[string]*member{}, pending: map[string]bool{},
		changed: make(chan struct{}), moved: make(chan struct{}), votes: make(chan voteReq, 512), stopped: make(chan struct{}), opened: cfg.Now()}
	_, h.most = cfg.Scenario.MomentRange()
	go h.writeVotes()
	return h
}

// Resume brings back a session its host left unfinished (the process was
// killed): the room's decisions, its participants and every vote
// acknowledged at the current moment. The scenario must be the one played.
func Resume(st Store, cfg Config, rec game.RoomSession) (*Host, error) {
	cfg.Seed = rec.Seed
	cfg.Workshop = rec.Workshop
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	sc := cfg.Scenario
	if sc.ID != rec.ScenarioID {
		return nil, fmt.Errorf("resume the room session: it plays %q, not %q", rec.ScenarioID, sc.ID)
	}
	state, err := game.Start(sc, rec.Seed)
	if err != nil {
		return nil, fmt.Errorf("resume the room session: %w", err)
	}
	for i, c := range rec.Plays {
		if state.Done {
			return nil, fmt.Errorf("resume the room session: the room's decision %d comes after the ending; the scenario %q has changed since", i+1, sc.ID)
		}
		if _, err := state.Answer(game.Answer{Scene: state.Current.ID, Played: c}); err != nil {
			return nil, fmt.Errorf("resume the room session: the room's decisions no longer fit the scenario %q, which has changed since: %w", sc.ID, err)
		}
	}
	h := start(st, cfg, rec, state)
	if len(state.Steps) > 0 {
		last := state.Steps[len(state.Steps)-1]
		h.lastPlay = &last
	}
	votes := map[string][]game.RoomVote{}
	for _, v := range rec.Votes {
		votes[v.ProfileID] = append(votes[v.ProfileID], v)
	}
	for _, rm := range rec.Members {
		m := &member{RoomMember: rm}
		h.byHash[rm.TokenHash] = m
		h.members = append(h.members, m)
		if rm.Removed {
			continue
		}
		a, err := st.Attempt(rm.AttemptID)
		if err != nil {
			h.Close()
			return nil, fmt.Errorf("resume the room session: %w", err)
		}
		sess, how, err := session.Resume(st, sc, a)
		if err != nil {
			h.Close()
			return nil, fmt.Errorf("resume the room session: %s's attempt: %w", rm.Name, err)
		}
		if how.How == session.Closed {
			h.Close()
			return nil, fmt.Errorf("resume the room session: %s's answers no longer fit the scenario: %v", rm.Name, how.Why)
		}
		m.sess = sess
		// the host was killed while it wrote the room's last decision into
		// the attempts: finish with the votes kept for it
		for k := len(sess.State().Steps); k < len(state.Steps); k++ {
			scene := state.Steps[k].Scene.ID
			a := game.Answer{Scene: scene, Played: rec.Plays[k], At: cfg.Now().UTC()}
			for _, v := range votes[rm.ProfileID] {
				if v.Scene == scene {
					h.applyVote(m, v)
				}
			}
			a.Diagnosis, a.Choice, a.Millis = m.reading, m.action, max(m.readMs, m.actMs)
			m.reading, m.action = "", ""
			if _, err := sess.Answer(a); err != nil && !errors.Is(err, session.ErrNotRecorded) {
				h.Close()
				return nil, fmt.Errorf("resume the room session: catch %s up with the room: %w", rm.Name, err)
			}
		}
		if !state.Done {
			for _, v := range votes[rm.ProfileID] {
				if v.Scene == state.Current.ID {
					h.applyVote(m, v)
				}
			}
		}
	}
	if len(rec.Votes) > 0 && (h.phase == game.PhaseFeedback || h.phase == game.PhaseLobby || h.phase == game.PhaseEnded) {
		// votes of a moment already played, kept by a kill between the
		// decision and clearing them: they are in the answers now
		if err := st.ClearRoomVotes(rec.ID, h.phase); err != nil {
			h.Close()
			return nil, err
		}
		for _, m := range h.members {
			m.reading, m.action = "", ""
		}
	}
	return h, nil
}

func (h *Host) applyVote(m *member, v game.RoomVote) {
	switch v.Kind {
	case game.VoteReading:
		m.reading, m.readMs = game.Hat(v.Value), v.Millis
	case game.VoteAction:
		m.action, m.actMs = v.Value, v.Millis
	}
}

// writeVotes commits votes as they arrive, those that arrive together in
// one transaction, and acknowledges each only once it is on disk.
func (h *Host) writeVotes() {
	defer close(h.stopped)
	batch := make([]voteReq, 0, 256)
	votes := make([]game.RoomVote, 0, 256)
	for first := range h.votes {
		batch = append(batch[:0], first)
	drain:
		for len(batch) < cap(batch) {
			select {
			case r, ok := <-h.votes:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		votes = votes[:0]
		for _, r := range batch {
			votes = append(votes, r.v)
		}
		err := h.st.SaveRoomVotes(h.rec.ID, votes)
		for _, r := range batch {
			r.done <- err
		}
	}
}

// Close stops the host's writer. It does not end the session: a closed
// host can be resumed. End ends it.
func (h *Host) Close() {
	h.gate.Lock()
	defer h.gate.Unlock()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	close(h.votes)
	<-h.stopped
	h.move()
}

// Stopped reports whether the host has stopped (End or Close).
func (h *Host) Stopped() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.closed
}

// Changed returns a channel closed at the next change of anything a
// participant or the projector sees.
func (h *Host) Changed() <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.changed
}

// notify wakes every watcher; h.mu is held.
func (h *Host) notify() {
	h.version++
	close(h.changed)
	h.changed = make(chan struct{})
}

// ID is the session's id.
func (h *Host) ID() string { return h.rec.ID }

// Scenario is the scenario played.
func (h *Host) Scenario() *game.Scenario { return h.cfg.Scenario }

// Workshop is the workshop's join code.
func (h *Host) Workshop() string { return h.cfg.Workshop }

// HashToken is how a token is kept: its SHA-256, in hex.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Join adds a participant: the code must be the workshop's, the name
// usable and not already in the room, and the room not full. It returns
// the participant's bearer token (128 random bits). A participant who
// joins late joins the current moment: their attempt follows the room's
// decisions so far, with no votes of theirs.
func (h *Host) Join(code, name string) (string, error) {
	if game.NormalizeCode(code) != h.cfg.Workshop {
		return "", fmt.Errorf("%w: that is not this workshop's code; check the code on the screen at the front", ErrWrongCode)
	}
	clean, err := game.CleanName(name)
	if err != nil {
		return "", fmt.Errorf("%w: type the name you want the facilitator to see (letters, up to %d characters)", ErrBadVote, game.MaxNameRunes)
	}
	var raw [16]byte
	if _, err := io.ReadFull(h.cfg.Rand, raw[:]); err != nil {
		return "", fmt.Errorf("make a token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw[:])
	hash := HashToken(token)

	h.gate.RLock()
	defer h.gate.RUnlock()
	key := strings.ToLower(clean)
	h.mu.Lock()
	switch {
	case h.closed || h.phase == game.PhaseEnded:
		h.mu.Unlock()
		return "", fmt.Errorf("%w: this room session is over; ask the facilitator", ErrEnded)
	case h.pending[key] || h.nameTaken(key):
		h.mu.Unlock()
		return "", fmt.Errorf("%w: someone in the room already uses the name %q; add an initial or a nickname", ErrNameInUse, clean)
	case h.present()+len(h.pending) >= h.cfg.Max:
		h.mu.Unlock()
		return "", fmt.Errorf("%w: it has %d participants, the most this session takes; ask the facilitator", ErrFull, h.cfg.Max)
	}
	h.pending[key] = true
	plays := append([]*game.Step(nil), stepPtrs(h.state.Steps)...)
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.pending, key)
		h.mu.Unlock()
	}()

	_, a, err := h.st.JoinRoom(h.rec.ID, hash, clean, h.cfg.Scenario, h.rec.Seed, h.cfg.Workshop)
	if err != nil {
		return "", err
	}
	sess, _, err := session.Resume(h.st, h.cfg.Scenario, a)
	if err != nil || sess == nil {
		return "", fmt.Errorf("join the room: %w", err)
	}
	for _, p := range plays {
		if _, err := sess.Answer(game.Answer{Scene: p.Scene.ID, Played: p.Played.ID, At: h.cfg.Now().UTC()}); err != nil && !errors.Is(err, session.ErrNotRecorded) {
			return "", fmt.Errorf("join the room: catch up with the room: %w", err)
		}
	}
	m := &member{RoomMember: game.RoomMember{TokenHash: hash, Name: clean, ProfileID: a.ProfileID, AttemptID: a.ID, JoinedAt: a.StartedAt}, sess: sess}
	h.mu.Lock()
	h.members = append(h.members, m)
	h.byHash[hash] = m
	h.notify()
	h.mu.Unlock()
	return token, nil
}

func stepPtrs(steps []game.Step) []*game.Step {
	out := make([]*game.Step, len(steps))
	for i := range steps {
		out[i] = &steps[i]
	}
	return out
}

// nameTaken: h.mu is held.
func (h *Host) nameTaken(key string) bool {
	for _, m := range h.members {
		if !m.Removed && strings.ToLower(m.Name) == key {
			return true
		}
	}
	return false
}

// present counts the participants not removed: h.mu is held.
func (h *Host) present() int {
	n := 0
	for _, m := range h.members {
		if !m.Removed {
			n++
		}
	}
	return n
}

// who finds the participant a token belongs to: h.mu is held.
func (h *Host) who(token string) (*member, error) {
	if token == "" {
		return nil, fmt.Errorf("%w: join the room first", ErrNoToken)
	}
	m := h.byHash[HashToken(token)]
	switch {
	case m == nil:
		return nil, fmt.Errorf("%w: this browser is not in the room; join again with the workshop code", ErrNoToken)
	case m.Removed:
		return nil, fmt.Errorf("%w: the facilitator removed you from this session", ErrRemoved)
	}
	return m, nil
}

// Vote records a participant's vote at the open moment: a reading (manage,
// lead or both) while the reading is open, a choice id while the action
// is. The last vote of a kind counts. It returns once the vote is on disk.
func (h *Host) Vote(token, moment, kind, value string) error {
	h.gate.RLock()
	defer h.gate.RUnlock()
	h.mu.Lock()
	m, err := h.who(token)
	if err != nil {
		h.mu.Unlock()
		return err
	}
	if h.closed {
		h.mu.Unlock()
		return fmt.Errorf("%w: the session is not running", ErrVoteClosed)
	}
	want := game.PhaseReading
	if kind == game.VoteAction {
		want = game.PhaseAction
	} else if kind != game.VoteReading {
		h.mu.Unlock()
		return fmt.Errorf("%w: a vote is on the reading or the action", ErrBadVote)
	}
	if h.phase != want || h.state.Done || moment != h.state.Current.ID {
		h.mu.Unlock()
		return fmt.Errorf("%w: this vote is not open now; wait for the facilitator to open it", ErrVoteClosed)
	}
	switch kind {
	case game.VoteReading:
		if hat := game.Hat(value); hat != game.Manage && hat != game.Lead && hat != game.Both {
			h.mu.Unlock()
			return fmt.Errorf("%w: the reading is manage, lead or both", ErrBadVote)
		}
	case game.VoteAction:
		if h.state.Current.Choice(value) == nil {
			h.mu.Unlock()
			return fmt.Errorf("%w: that is not one of this moment's actions", ErrBadVote)
		}
	}
	now := h.cfg.Now()
	v := game.RoomVote{ProfileID: m.ProfileID, Scene: moment, Kind: kind, Value: value, At: now.UTC(), Millis: max(0, now.Sub(h.opened).Milliseconds())}
	h.seq++
	seq := h.seq
	h.mu.Unlock()

	done := make(chan error, 1)
	h.votes <- voteReq{v: v, done: done}
	if err := <-done; err != nil {
		return err
	}
	h.mu.Lock()
	if seq > m.seq {
		m.seq = seq
		h.applyVote(m, v)
		h.notify()
	}
	h.mu.Unlock()
	return nil
}

// Open opens the next vote: the reading in the lobby, the action once the
// reading is revealed.
func (h *Host) Open() error {
	return h.command(func() error {
		switch h.phase {
		case game.PhaseLobby:
			return h.setPhase(game.PhaseReading)
		case game.PhaseReadingRevealed:
			return h.setPhase(game.PhaseAction)
		}
		return fmt.Errorf("%w: open works in the lobby (to open the reading) and once the reading is revealed (to open the action); the room is at %s", ErrPhase, h.phase)
	})
}

// Reveal closes the open vote and shows its tally.
func (h *Host) Reveal() error {
	return h.command(func() error {
		switch h.phase {
		case game.PhaseReading:
			return h.setPhase(game.PhaseReadingRevealed)
		case game.PhaseAction:
			return h.setPhase(game.PhaseActionRevealed)
		}
		return fmt.Errorf("%w: reveal works while a vote is open; the room is at %s", ErrPhase, h.phase)
	})
}

// Play plays a choice for the room: the one given, or the room's most
// chosen when choice is empty (a tie is the facilitator's to decide). Each
// participant's attempt records their own votes and the room's choice.
func (h *Host) Play(choice string) (string, error) {
	var played string
	err := h.command(func() error {
		if h.phase != game.PhaseActionRevealed {
			return fmt.Errorf("%w: play works once the action vote is revealed; the room is at %s", ErrPhase, h.phase)
		}
		scene := h.state.Current
		if choice == "" {
			best := h.leaders()
			if len(best) > 1 {
				return fmt.Errorf("%w: %s have the same number of votes; play one of them by its id", ErrTie, strings.Join(best, ", "))
			}
			choice = best[0]
		}
		if scene.Choice(choice) == nil {
			ids := make([]string, len(scene.Choices))
			for i, c := range scene.Choices {
				ids[i] = c.ID
			}
			return fmt.Errorf("%w: this moment has no action %q; its actions are %s", ErrBadVote, choice, strings.Join(ids, ", "))
		}
		if err := h.st.AddRoomPlay(h.rec.ID, len(h.state.Steps)+1, scene.ID, choice, game.PhaseFeedback); err != nil {
			return err
		}
		now := h.cfg.Now().UTC()
		var failed []string
		for _, m := range h.members {
			if m.Removed || m.sess == nil {
				continue
			}
			a := game.Answer{Scene: scene.ID, Diagnosis: m.reading, Choice: m.action, Played: choice, At: now, Millis: max(m.readMs, m.actMs)}
			if _, err := m.sess.Answer(a); err != nil && !errors.Is(err, session.ErrNotRecorded) {
				failed = append(failed, fmt.Sprintf("%s (%v)", m.Name, err))
			}
		}
		step, err := h.state.Answer(game.Answer{Scene: scene.ID, Played: choice})
		if err != nil {
			return err // cannot happen: the choice is the scene's
		}
		h.lastPlay = &step
		if err := h.st.ClearRoomVotes(h.rec.ID, game.PhaseFeedback); err != nil {
			return err
		}
		for _, m := range h.members {
			m.reading, m.action, m.readMs, m.actMs = "", "", 0, 0
		}
		h.phase = game.PhaseFeedback
		played = choice
		if len(failed) > 0 {
			return fmt.Errorf("the room played %s, but these answers were not saved: %s", choice, strings.Join(failed, "; "))
		}
		return nil
	})
	return played, err
}

// leaders are the most chosen actions at the open moment, in the file's
// order: h.mu is held.
func (h *Host) leaders() []string {
	tally := h.tally(game.VoteAction)
	most := -1
	var out []string
	for _, c := range h.state.Current.Choices {
		switch n := tally[c.ID]; {
		case n > most:
			most, out = n, []string{c.ID}
		case n == most:
			out = append(out, c.ID)
		}
	}
	return out
}

// Next moves on after the feedback: to the next moment's lobby, or to the
// ending.
func (h *Host) Next() error {
	return h.command(func() error {
		if h.phase != game.PhaseFeedback {
			return fmt.Errorf("%w: next works after a play; the room is at %s", ErrPhase, h.phase)
		}
		if h.state.Done {
			return h.setPhase(game.PhaseEnded)
		}
		return h.setPhase(game.PhaseLobby)
	})
}

// Remove takes a participant out of the room by name (ignoring case): their
// votes at this moment are dropped and their token stops working; their
// attempt is kept, unfinished.
func (h *Host) Remove(name string) error {
	return h.command(func() error {
		key := strings.ToLower(strings.TrimSpace(name))
		for _, m := range h.members {
			if !m.Removed && strings.ToLower(m.Name) == key {
				if err := h.st.RemoveRoomMember(h.rec.ID, m.TokenHash); err != nil {
					return err
				}
				m.Removed, m.reading, m.action = true, "", ""
				return nil
			}
		}
		return fmt.Errorf("%w: nobody in the room is called %q", ErrBadVote, name)
	})
}

// End ends the session for good and stops the host. Participants at an
// ending have finished attempts; anyone else's attempt stays unfinished.
func (h *Host) End() (Summary, error) {
	err := h.command(func() error {
		if err := h.st.EndRoomSession(h.rec.ID); err != nil {
			return err
		}
		h.phase = game.PhaseEnded
		return nil
	})
	sum := h.Summary()
	h.Close()
	return sum, err
}

// command runs a facilitator's command with every vote and join held off,
// and wakes the watchers after.
func (h *Host) command(fn func() error) error {
	h.gate.Lock()
	defer h.gate.Unlock()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return fmt.Errorf("%w: the session is not running", ErrEnded)
	}
	err := fn()
	h.move()
	return err
}

// Moved returns a channel closed at the next facilitator's command (or
// the host's stop): the event stream sends what they change at once, and
// gathers what participants change (joins and votes) in its event gap.
func (h *Host) Moved() <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.moved
}

// move wakes every watcher after a facilitator's command: h.mu is held.
func (h *Host) move() {
	close(h.moved)
	h.moved = make(chan struct{})
	h.notify()
}

// setPhase moves to a phase and saves it: h.mu is held.
func (h *Host) setPhase(p game.RoomPhase) error {
	if err := h.st.SetRoomPhase(h.rec.ID, p); err != nil {
		return err
	}
	h.phase = p
	if p == game.PhaseReading || p == game.PhaseAction {
		h.opened = h.cfg.Now()
	}
	return nil
}

// tally counts the votes of a kind at the open moment: h.mu is held.
func (h *Host) tally(kind string) map[string]int {
	out := map[string]int{}
	for _, m := range h.members {
		if m.Removed {
			continue
		}
		v := m.action
		if kind == game.VoteReading {
			v = string(m.reading)
		}
		if v != "" {
			out[v]++
		}
	}
	return out
}

// Status is the facilitator's one-line view of the room.
type Status struct {
	Phase        game.RoomPhase `json:"phase"`
	Moment       string         `json:"moment"` // the open (or next) moment's scene id; the ending's at the end
	Participants int            `json:"participants"`
	VotesIn      int            `json:"votes_in"`         // votes at the open or last vote
	Tally        map[string]int `json:"tally"`            // option → votes, once revealed; empty before
	Played       string         `json:"played,omitempty"` // the room's choice, in feedback
}

// Status reports the room's phase, moment, participants and votes.
func (h *Host) Status() Status {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := Status{Phase: h.phase, Moment: h.state.Current.ID, Participants: h.present(), Tally: map[string]int{}}
	kind := h.voteKind()
	if kind != "" {
		t := h.tally(kind)
		for _, n := range t {
			s.VotesIn += n
		}
		if h.phase == game.PhaseReadingRevealed || h.phase == game.PhaseActionRevealed {
			s.Tally = t
		}
	}
	if h.phase == game.PhaseFeedback && h.lastPlay != nil {
		s.Played = h.lastPlay.Played.ID
		s.Moment = h.lastPlay.Scene.ID
	}
	return s
}

// voteKind is the vote the phase is about, "" when none: h.mu is held.
func (h *Host) voteKind() string {
	switch h.phase {
	case game.PhaseReading, game.PhaseReadingRevealed:
		return game.VoteReading
	case game.PhaseAction, game.PhaseActionRevealed:
		return game.VoteAction
	}
	return ""
}

// Summary is the room's debrief: its path, its ending, and per moment how
// the room read it and what it chose.
type Summary struct {
	Session      string          `json:"session"`
	Scenario     string          `json:"scenario"`
	Workshop     string          `json:"workshop"`
	Participants int             `json:"participants"`
	Ending       string          `json:"ending,omitempty"`
	Outcome      game.Outcome    `json:"outcome,omitempty"`
	Away         string          `json:"away,omitempty"`
	Moments      []SummaryMoment `json:"moments"`
	Finished     int             `json:"finished"` // attempts that reached the ending
	Path         []string        `json:"path"`
	Phase        game.RoomPhase  `json:"phase"`
}

// SummaryMoment is one moment the room played.
type SummaryMoment struct {
	Moment   string         `json:"moment"`
	CallsFor game.Hat       `json:"calls_for"`
	Played   string         `json:"played"`
	Fit      int            `json:"fit"` // the played choice's fit
	Readings map[string]int `json:"readings"`
	Votes    map[string]int `json:"votes"`
	Reading  *float64       `json:"reading"`  // the room's mean reading score
	VoteFit  *float64       `json:"vote_fit"` // the mean fit of the room's votes
}

// Summary builds the room's debrief from the participants' attempts.
func (h *Host) Summary() Summary {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := Summary{Session: h.rec.ID, Scenario: h.cfg.Scenario.ID, Workshop: h.cfg.Workshop, Participants: h.present(),
		Path: append([]string(nil), h.state.Path...), Phase: h.phase}
	if end := h.state.Ending(); end != nil {
		s.Ending, s.Outcome, s.Away = end.ID, end.Outcome, end.Away
	}
	for i, st := range h.state.Steps {
		sm := SummaryMoment{Moment: st.Scene.ID, CallsFor: st.Scene.CallsFor, Played: st.Played.ID,
			Fit: game.ChoiceFit(st.Scene.CallsFor, st.Played), Readings: map[string]int{}, Votes: map[string]int{}}
		var read, fit, nr, nf int
		for _, m := range h.members {
			if m.sess == nil || i >= len(m.sess.State().Steps) {
				continue
			}
			ms := m.sess.State().Steps[i]
			if ms.Read() {
				sm.Readings[string(ms.Answer.Diagnosis)]++
				read += ms.Reading
				nr++
			}
			if ms.Voted() {
				sm.Votes[ms.Choice.ID]++
				fit += ms.Fit
				nf++
			}
		}
		if nr > 0 {
			v := float64(read) / float64(nr)
			sm.Reading = &v
		}
		if nf > 0 {
			v := float64(fit) / float64(nf)
			sm.VoteFit = &v
		}
		s.Moments = append(s.Moments, sm)
	}
	for _, m := range h.members {
		if !m.Removed && m.sess != nil && m.sess.State().Done {
			s.Finished++
		}
	}
	return s
}

// Member is a participant as the facilitator sees them.
type Member struct {
	Name    string
	Voted   bool // at the open or last vote
	Removed bool
}

// Members lists the participants in the order they joined.
func (h *Host) Members() []Member {
	h.mu.Lock()
	defer h.mu.Unlock()
	kind := h.voteKind()
	out := make([]Member, 0, len(h.members))
	for _, m := range h.members {
		voted := (kind == game.VoteReading && m.reading != "") || (kind == game.VoteAction && m.action != "")
		out = append(out, Member{Name: m.Name, Voted: voted, Removed: m.Removed})
	}
	return out
}
