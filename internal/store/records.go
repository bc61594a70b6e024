package store

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/twohats/twohats/game"
)

// ErrNotFound is returned when a profile, workshop or attempt does not exist.
var ErrNotFound = game.ErrNotFound

// ErrNameTaken is returned when a local profile's name is already used.
var ErrNameTaken = errors.New("name already taken")

func (s *Store) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, friendly(filepath.Dir(s.path), err))
}

// ErrAnsweredElsewhere is a moment answered twice at once, from two windows
// or terminals playing the same attempt.
var ErrAnsweredElsewhere = errors.New("this attempt was answered from another window or terminal at the same moment, so this answer was not saved; close the other one and resume the attempt")

// CreateProfile adds a local profile. Names are unique among local profiles,
// ignoring ASCII case.
func (s *Store) CreateProfile(name, workshop string) (game.Profile, error) {
	clean, err := game.CleanName(name)
	if err != nil {
		return game.Profile{}, err
	}
	if _, err := s.ProfileByName(clean); err == nil {
		return game.Profile{}, fmt.Errorf("%w: a profile named %q already exists; pick it or choose another name", ErrNameTaken, clean)
	}
	p := game.Profile{ID: s.newID(), Name: clean, Workshop: workshop, CreatedAt: s.Now()}
	_, err = s.db.Exec(`INSERT INTO profiles (id, name, created_at, workshop_code) VALUES (?, ?, ?, nullif(?, ''))`,
		p.ID, p.Name, s.stamp(p.CreatedAt), p.Workshop)
	if isUnique(err) {
		return game.Profile{}, fmt.Errorf("%w: a profile named %q already exists; pick it or choose another name", ErrNameTaken, clean)
	}
	return p, s.wrap("create the profile", err)
}

const profileCols = `id, name, created_at, coalesce(workshop_code, ''), imported`

func scanProfile(row interface{ Scan(...any) error }) (game.Profile, error) {
	var p game.Profile
	var created string
	var imported int
	if err := row.Scan(&p.ID, &p.Name, &created, &p.Workshop, &imported); err != nil {
		return p, err
	}
	t, err := ParseTime(created)
	if err != nil {
		return p, fmt.Errorf("read the profile %s: its created_at %q is not a time: %w", p.ID, created, err)
	}
	p.CreatedAt = t
	p.Imported = imported != 0
	return p, nil
}

// ProfileByName finds a local profile by name (ignoring ASCII case).
func (s *Store) ProfileByName(name string) (game.Profile, error) {
	p, err := scanProfile(s.db.QueryRow(`SELECT `+profileCols+` FROM profiles WHERE name = ? COLLATE NOCASE AND imported = 0`, strings.TrimSpace(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("there is no profile named %q: %w", name, ErrNotFound)
	}
	return p, s.wrap("find the profile", err)
}

// Profile finds a profile by id.
func (s *Store) Profile(id string) (game.Profile, error) {
	p, err := scanProfile(s.db.QueryRow(`SELECT `+profileCols+` FROM profiles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("profile %s: %w", id, ErrNotFound)
	}
	return p, s.wrap("find the profile", err)
}

// Profiles lists local profiles (imported ones too when all is set), by name.
func (s *Store) Profiles(all bool) ([]game.Profile, error) {
	q := `SELECT ` + profileCols + ` FROM profiles`
	if !all {
		q += ` WHERE imported = 0`
	}
	rows, err := s.db.Query(q + ` ORDER BY name COLLATE NOCASE, created_at`)
	if err != nil {
		return nil, s.wrap("list profiles", err)
	}
	defer rows.Close()
	var out []game.Profile
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			return nil, s.wrap("list profiles", err)
		}
		out = append(out, p)
	}
	return out, s.wrap("list profiles", rows.Err())
}

// SetProfileWorkshop records the workshop a profile joined ("" to leave).
func (s *Store) SetProfileWorkshop(profileID, code string) error {
	_, err := s.db.Exec(`UPDATE profiles SET workshop_code = nullif(?, '') WHERE id = ?`, code, profileID)
	return s.wrap("join the workshop", err)
}

// StartAttempt records a new attempt at a scenario.
func (s *Store) StartAttempt(profileID string, sc *game.Scenario, seed int64, workshop string) (game.Attempt, error) {
	return s.startAttempt(profileID, sc, seed, workshop, false)
}

func (s *Store) startAttempt(profileID string, sc *game.Scenario, seed int64, workshop string, room bool) (game.Attempt, error) {
	a := game.Attempt{
		ID: s.newID(), ProfileID: profileID, ScenarioID: sc.ID, ScenarioHash: sc.Hash,
		Seed: seed, StartedAt: s.Now(), Status: game.StatusOpen, Workshop: workshop, Room: room,
	}
	a.SaveFormat = game.SaveFormat
	_, err := s.db.Exec(`INSERT INTO attempts (id, profile_id, scenario_id, scenario_hash, seed, started_at, status, workshop_code, format, save_format, room)
		VALUES (?, ?, ?, ?, ?, ?, 'open', nullif(?, ''), ?, ?, ?)`,
		a.ID, a.ProfileID, a.ScenarioID, a.ScenarioHash, a.Seed, s.stamp(a.StartedAt), a.Workshop, game.Format, game.SaveFormat, room)
	return a, s.wrap("start the attempt", err)
}

// StartRoomAttempt begins an attempt played live in a room (see
// internal/room): like StartAttempt, marked as the room's.
func (s *Store) StartRoomAttempt(profileID string, sc *game.Scenario, seed int64, workshop string) (game.Attempt, error) {
	return s.startAttempt(profileID, sc, seed, workshop, true)
}

// SaveAnswer commits one answer durably (WAL, synchronous=FULL) before it
// returns; seq is its 1-based position in the attempt.
func (s *Store) SaveAnswer(attemptID string, seq int, a game.Answer) (game.SavedAnswer, error) {
	if a.At.IsZero() {
		a.At = s.Now()
	}
	sa := game.SavedAnswer{ID: s.newID(), Seq: seq, Answer: a}
	_, err := s.db.Exec(`INSERT INTO answers (id, attempt_id, seq, scene_id, diagnosis, choice_id, played_id, answered_at, millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sa.ID, attemptID, seq, a.Scene, string(a.Diagnosis), a.Choice, a.Played, s.stamp(a.At), a.Millis)
	if isUnique(err) {
		return sa, ErrAnsweredElsewhere
	}
	return sa, s.wrap("save the answer", err)
}

// FinishAttempt marks an attempt finished with its ending and scores.
func (s *Store) FinishAttempt(attemptID, ending string, sc game.Scores) error {
	_, err := s.db.Exec(`UPDATE attempts SET status = 'finished', finished_at = ?, ending = ?,
		fit = ?, management = ?, leadership = ?, reading = ?, over_managing = ?, over_leading = ? WHERE id = ?`,
		s.stamp(s.now()), ending, sc.Fit, sc.Management, sc.Leadership, sc.Reading, sc.OverManaging, sc.OverLeading, attemptID)
	return s.wrap("finish the attempt", err)
}

// CloseChanged closes an attempt whose scenario changed so much that its
// answers no longer replay. Its answers are kept.
func (s *Store) CloseChanged(attemptID string) error {
	_, err := s.db.Exec(`UPDATE attempts SET status = 'scenario-changed', finished_at = ? WHERE id = ? AND status = 'open'`, s.stamp(s.now()), attemptID)
	return s.wrap("close the attempt", err)
}

// UpdateHash records that an open attempt now plays on changed content.
func (s *Store) UpdateHash(attemptID, hash string) error {
	_, err := s.db.Exec(`UPDATE attempts SET scenario_hash = ? WHERE id = ?`, hash, attemptID)
	return s.wrap("update the attempt", err)
}

const attemptCols = `id, profile_id, scenario_id, scenario_hash, seed, started_at, coalesce(finished_at, ''), status,
	coalesce(ending, ''), coalesce(workshop_code, ''), fit, management, leadership, reading, over_managing, over_leading, save_format, room`

// attemptRow holds an attempt's columns (attemptCols) as scanned, before
// they become a game.Attempt.
type attemptRow struct {
	started, finished     string
	fit, mgmt, lead, read sql.NullFloat64
	om, ol                sql.NullInt64
}

// dest lists where Scan puts attemptCols, in order.
func (r *attemptRow) dest(a *game.Attempt) []any {
	return []any{&a.ID, &a.ProfileID, &a.ScenarioID, &a.ScenarioHash, &a.Seed, &r.started, &r.finished, &a.Status,
		&a.Ending, &a.Workshop, &r.fit, &r.mgmt, &r.lead, &r.read, &r.om, &r.ol, &a.SaveFormat, &a.Room}
}

// fill converts the scanned times and scores into the attempt.
func (r *attemptRow) fill(a *game.Attempt) error {
	var err error
	if a.StartedAt, err = parseStamp(r.started); err != nil {
		return fmt.Errorf("read the attempt %s: %w", a.ID, err)
	}
	if r.finished != "" {
		t, err := parseStamp(r.finished)
		if err != nil {
			return fmt.Errorf("read the attempt %s: %w", a.ID, err)
		}
		a.FinishedAt = &t
	}
	if a.Status == game.StatusFinished {
		f := func(n sql.NullFloat64) *float64 {
			if !n.Valid {
				return nil
			}
			v := n.Float64
			return &v
		}
		a.Scores = &game.Scores{Fit: f(r.fit), Management: f(r.mgmt), Leadership: f(r.lead), Reading: f(r.read),
			OverManaging: int(r.om.Int64), OverLeading: int(r.ol.Int64)}
	}
	return nil
}

func scanAttempt(row interface{ Scan(...any) error }) (game.Attempt, error) {
	var a game.Attempt
	var r attemptRow
	if err := row.Scan(r.dest(&a)...); err != nil {
		return a, err
	}
	return a, r.fill(&a)
}

// Attempt finds an attempt by id.
func (s *Store) Attempt(id string) (game.Attempt, error) {
	a, err := scanAttempt(s.db.QueryRow(`SELECT `+attemptCols+` FROM attempts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("attempt %s: %w", id, ErrNotFound)
	}
	return a, s.wrap("find the attempt", err)
}

// Attempts lists a profile's attempts, oldest first.
func (s *Store) Attempts(profileID string) ([]game.Attempt, error) {
	return s.attempts(`WHERE profile_id = ? ORDER BY started_at, id`, profileID)
}

// OpenAttempts lists a profile's unfinished attempts, newest first.
func (s *Store) OpenAttempts(profileID string) ([]game.Attempt, error) {
	return s.attempts(`WHERE profile_id = ? AND status = 'open' ORDER BY started_at DESC, id`, profileID)
}

func (s *Store) attempts(where string, args ...any) ([]game.Attempt, error) {
	rows, err := s.db.Query(`SELECT `+attemptCols+` FROM attempts `+where, args...)
	if err != nil {
		return nil, s.wrap("list attempts", err)
	}
	defer rows.Close()
	var out []game.Attempt
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, s.wrap("list attempts", err)
		}
		out = append(out, a)
	}
	return out, s.wrap("list attempts", rows.Err())
}

// Answers returns an attempt's answers in order.
func (s *Store) Answers(attemptID string) ([]game.SavedAnswer, error) {
	rows, err := s.db.Query(`SELECT id, seq, scene_id, diagnosis, choice_id, played_id, answered_at, millis FROM answers WHERE attempt_id = ? ORDER BY seq`, attemptID)
	if err != nil {
		return nil, s.wrap("read answers", err)
	}
	defer rows.Close()
	var out []game.SavedAnswer
	for rows.Next() {
		var a game.SavedAnswer
		var diag, at string
		if err := rows.Scan(&a.ID, &a.Seq, &a.Scene, &diag, &a.Choice, &a.Played, &at, &a.Millis); err != nil {
			return nil, s.wrap("read answers", err)
		}
		a.Diagnosis = game.Hat(diag)
		t, err := ParseTime(at)
		if err != nil {
			return nil, fmt.Errorf("read answer %d of attempt %s: its time %q is not a time: %w", a.Seq, attemptID, at, err)
		}
		a.At = t
		out = append(out, a)
	}
	return out, s.wrap("read answers", rows.Err())
}
