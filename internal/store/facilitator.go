package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/twohats/twohats/game"
)

// This file is the facilitator's side of the store: reading whole workshops
// for the room view and the exports, and merging participants' results
// files (or a synthetic workshop) into the database.

// RoomEntries returns every attempt at a scenario tagged with the workshop,
// with its player and answer log, for game.BuildRoom. An empty workshop
// means every attempt at the scenario on this machine. The code is matched
// ignoring case.
func (s *Store) RoomEntries(workshop, scenarioID string) ([]game.RoomEntry, error) {
	q := entryQuery(workshop)
	q.where += ` AND t.scenario_id = ?`
	q.args = append(q.args, scenarioID)
	q.answerOrder = `t.rowid, a.seq`
	return s.entries(q, nil, nil)
}

// Entries returns every attempt tagged with the workshop (every attempt on
// this machine when workshop is ""), with its player and answers, ordered by
// player name, player id, start time and attempt id: what the exports read.
func (s *Store) Entries(workshop string) ([]game.RoomEntry, error) {
	return s.entries(entryQuery(workshop), nil, nil)
}

// EntriesFunc is Entries for callers that work on each attempt while the
// rest is still being read. Once the attempts are read, ready gets them all
// (answers still empty); then, as soon as entry i's answers are complete,
// done(i) is called. Both run on the caller's goroutine; after done(i) the
// store no longer touches entries[i], so another goroutine may take it.
func (s *Store) EntriesFunc(workshop string, ready func([]game.RoomEntry), done func(i int)) ([]game.RoomEntry, error) {
	return s.entries(entryQuery(workshop), ready, done)
}

// ProfileEntries returns a profile's attempts with their answers, oldest
// first: what a results file carries.
func (s *Store) ProfileEntries(profileID string) ([]game.RoomEntry, error) {
	return s.entries(query{where: `WHERE t.profile_id = ?`, args: []any{profileID}, answerOrder: `t.rowid, a.seq`}, nil, nil)
}

// query selects attempts. answerOrder orders their answers so that each
// attempt's come together, in sequence; it follows the plan's own order
// where it can, so SQLite has nothing to sort.
type query struct {
	where       string
	args        []any
	answerOrder string
}

func entryQuery(workshop string) query {
	if strings.TrimSpace(workshop) == "" {
		return query{where: `WHERE 1 = 1`, answerOrder: `t.rowid, a.seq`}
	}
	// the attempts_workshop index (workshop_code, scenario_id) yields this order
	return query{where: `WHERE t.workshop_code = ?`, args: []any{game.NormalizeCode(workshop)}, answerOrder: `t.scenario_id, t.rowid, a.seq`}
}

const entryCols = `t.rowid, p.id, p.name, p.created_at, coalesce(p.workshop_code, ''), p.imported,
	t.id, t.profile_id, t.scenario_id, t.scenario_hash, t.seed, t.started_at, coalesce(t.finished_at, ''), t.status,
	coalesce(t.ending, ''), coalesce(t.workshop_code, ''), t.fit, t.management, t.leadership, t.reading, t.over_managing, t.over_leading, t.save_format, t.room`

// entries reads attempts and then their answers in two queries, each read
// to the end before the next starts (the store has one connection).
func (s *Store) entries(q query, ready func([]game.RoomEntry), done func(int)) ([]game.RoomEntry, error) {
	rows, err := s.db.Query(`SELECT `+entryCols+` FROM attempts t JOIN profiles p ON p.id = t.profile_id `+q.where+
		` ORDER BY p.name COLLATE NOCASE, p.id, t.started_at, t.id`, q.args...)
	if err != nil {
		return nil, s.wrap("read the attempts", err)
	}
	var out []game.RoomEntry
	byRow := map[int64]int{}
	for rows.Next() {
		var e game.RoomEntry
		var rowid int64
		if err := scanEntry(rows, &rowid, &e); err != nil {
			rows.Close()
			return nil, s.wrap("read the attempts", err)
		}
		byRow[rowid] = len(out)
		out = append(out, e)
	}
	if err := rows.Close(); err != nil {
		return nil, s.wrap("read the attempts", err)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("read the attempts", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	if ready != nil {
		ready(out)
	}
	finished := make([]bool, len(out))
	finish := func(i int) {
		if i >= 0 && !finished[i] {
			finished[i] = true
			if done != nil {
				done(i)
			}
		}
	}
	arows, err := s.db.Query(`SELECT t.rowid, a.id, a.seq, a.scene_id, a.diagnosis, a.choice_id, a.played_id, a.answered_at, a.millis
		FROM answers a JOIN attempts t ON t.id = a.attempt_id `+q.where+` ORDER BY `+q.answerOrder, q.args...)
	if err != nil {
		return nil, s.wrap("read the answers", err)
	}
	defer arows.Close()
	var diag, at string
	var row, last int64 = 0, -1
	idx := -1
	for arows.Next() {
		var a game.SavedAnswer
		if err := arows.Scan(&row, &a.ID, &a.Seq, &a.Scene, &diag, &a.Choice, &a.Played, &at, &a.Millis); err != nil {
			return nil, s.wrap("read the answers", err)
		}
		a.Diagnosis = game.Hat(diag)
		if a.At, err = parseStamp(at); err != nil {
			return nil, fmt.Errorf("read answer %d: %w", a.Seq, err)
		}
		if row != last {
			finish(idx) // the ORDER BY keeps an attempt's answers together
			i, ok := byRow[row]
			if !ok || finished[i] {
				i = -1
			}
			last, idx = row, i
		}
		if idx >= 0 {
			out[idx].Answers = append(out[idx].Answers, a)
		}
	}
	if err := arows.Err(); err != nil {
		return nil, s.wrap("read the answers", err)
	}
	finish(idx)
	for i := range out {
		finish(i) // attempts without answers
	}
	return out, nil
}

// parseStamp reads a time the store wrote (2006-01-02T15:04:05.000Z) with
// no allocation, falling back to ParseTime for anything else.
func parseStamp(v string) (time.Time, error) {
	if len(v) == len(timeLayout) && v[4] == '-' && v[7] == '-' && v[10] == 'T' && v[13] == ':' && v[16] == ':' && v[19] == '.' && v[23] == 'Z' {
		n := func(i, j int) (int, bool) {
			x := 0
			for k := i; k < j; k++ {
				c := v[k]
				if c < '0' || c > '9' {
					return 0, false
				}
				x = x*10 + int(c-'0')
			}
			return x, true
		}
		y, ok1 := n(0, 4)
		mo, ok2 := n(5, 7)
		d, ok3 := n(8, 10)
		h, ok4 := n(11, 13)
		mi, ok5 := n(14, 16)
		sec, ok6 := n(17, 19)
		ms, ok7 := n(20, 23)
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && sec < 60 {
			return time.Date(y, time.Month(mo), d, h, mi, sec, ms*1e6, time.UTC), nil
		}
	}
	t, err := ParseTime(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("the stored time %q is not a time: %w", v, err)
	}
	return t, nil
}

func scanEntry(row interface{ Scan(...any) error }, rowid *int64, e *game.RoomEntry) error {
	var pcreated string
	var imported int
	var r attemptRow
	p := &e.Profile
	dest := append([]any{rowid, &p.ID, &p.Name, &pcreated, &p.Workshop, &imported}, r.dest(&e.Attempt)...)
	if err := row.Scan(dest...); err != nil {
		return err
	}
	var err error
	if p.CreatedAt, err = parseStamp(pcreated); err != nil {
		return fmt.Errorf("read the profile %s: %w", p.ID, err)
	}
	p.Imported = imported != 0
	return r.fill(&e.Attempt)
}

// ErrConflict is returned when incoming results contradict what the
// database already holds under the same ids.
var ErrConflict = game.ErrConflict

// AttemptLog, MergeStats and Participant are the domain's.
type (
	AttemptLog  = game.AttemptLog
	MergeStats  = game.MergeStats
	Participant = game.Participant
)

// Merge adds a participant's profile, attempts and answers in one
// transaction, merging by id: rows already present are left alone, so
// merging the same results twice changes nothing. An attempt already
// present gains the answers it lacks and, once finished, its ending and
// scores. A new profile is stored with its Imported flag (importers set it).
// Ids that contradict the database (an attempt of another player, an
// answer at another place) fail the whole merge with ErrConflict.
func (s *Store) Merge(p game.Profile, logs []AttemptLog) (MergeStats, error) {
	var stats MergeStats
	err := s.tx(func(tx *sql.Tx) error {
		var err error
		stats, err = mergeTx(tx, p, logs)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrConflict) {
			return MergeStats{}, err
		}
		return MergeStats{}, s.wrap("save the results", err)
	}
	return stats, nil
}

// sameAnswer reports whether two saved answers say the same thing: the same
// id, scene, reading, choice, time (to the millisecond) and thinking time.
func sameAnswer(a, b game.SavedAnswer) bool {
	return a.ID == b.ID && a.Seq == b.Seq && a.Scene == b.Scene && a.Diagnosis == b.Diagnosis && a.Choice == b.Choice && a.Played == b.Played &&
		a.At.Truncate(time.Millisecond).Equal(b.At.Truncate(time.Millisecond)) && a.Millis == b.Millis
}

func statusWords(status string) string {
	if status == game.StatusScenarioChanged {
		return "closed because its scenario changed"
	}
	return status
}

// MergeAll merges many participants in one transaction: all or none (the
// synthetic workshop does).
func (s *Store) MergeAll(ps []Participant) (MergeStats, error) {
	var total MergeStats
	err := s.tx(func(tx *sql.Tx) error {
		for _, p := range ps {
			st, err := mergeTx(tx, p.Profile, p.Logs)
			if err != nil {
				return err
			}
			total.Profiles += st.Profiles
			total.Attempts += st.Attempts
			total.Answers += st.Answers
		}
		return nil
	})
	if err != nil {
		return MergeStats{}, s.wrap("save the participants", err)
	}
	return total, nil
}

// WorkshopParticipants counts each workshop's participants: profiles with
// an attempt tagged with its code, whether or not this machine created it.
func (s *Store) WorkshopParticipants() (map[string]int, error) {
	rows, err := s.db.Query(`SELECT workshop_code, count(DISTINCT profile_id) FROM attempts WHERE workshop_code IS NOT NULL GROUP BY workshop_code`)
	if err != nil {
		return nil, s.wrap("count the participants", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return nil, s.wrap("count the participants", err)
		}
		out[code] = n
	}
	return out, s.wrap("count the participants", rows.Err())
}

// WorkshopScenarios lists, per join code, the scenarios played under it
// (an attempt tagged with the code, finished or not), each once, by id:
// what the room view offers for that workshop.
func (s *Store) WorkshopScenarios() (map[string][]string, error) {
	rows, err := s.db.Query(`SELECT DISTINCT workshop_code, scenario_id FROM attempts WHERE workshop_code IS NOT NULL ORDER BY workshop_code, scenario_id`)
	if err != nil {
		return nil, s.wrap("list the workshops' scenarios", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var code, id string
		if err := rows.Scan(&code, &id); err != nil {
			return nil, s.wrap("list the workshops' scenarios", err)
		}
		out[code] = append(out[code], id)
	}
	return out, s.wrap("list the workshops' scenarios", rows.Err())
}

// DataVersion is a number that changes whenever another connection — the
// terminal's twohats import, another window — commits a change to the
// database; this store's own writes leave it alone. Reading it costs one
// PRAGMA, without touching a table, so a screen can poll it to notice
// changes made elsewhere.
func (s *Store) DataVersion() (int64, error) {
	var v int64
	err := s.db.QueryRow(`PRAGMA data_version`).Scan(&v)
	return v, s.wrap("check the database for changes", err)
}

// mergeTx is Merge inside a transaction the caller owns.
func mergeTx(tx *sql.Tx, p game.Profile, logs []AttemptLog) (MergeStats, error) {
	var st MergeStats
	exists := func(q string, args ...any) (bool, error) {
		var n int
		err := tx.QueryRow(q, args...).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		return err == nil, err
	}
	var known bool
	var held struct {
		name     string
		imported bool
	}
	switch err := tx.QueryRow(`SELECT name, imported FROM profiles WHERE id = ?`, p.ID).Scan(&held.name, &held.imported); {
	case err == nil:
		known = true
	case !errors.Is(err, sql.ErrNoRows):
		return st, err
	}
	if known && held.name != p.Name {
		return st, fmt.Errorf("%w: the file names its participant %q, but that profile id belongs to %q here", ErrConflict, p.Name, held.name)
	}
	if !known {
		if clash, err := exists(`SELECT 1 FROM attempts WHERE id = ? UNION ALL SELECT 1 FROM answers WHERE id = ?`, p.ID, p.ID); err != nil {
			return st, err
		} else if clash {
			return st, fmt.Errorf("%w: the profile id %s is already used on this machine for something else", ErrConflict, p.ID)
		}
		imported := 0
		if p.Imported {
			imported = 1
		}
		_, err := tx.Exec(`INSERT INTO profiles (id, name, created_at, workshop_code, imported) VALUES (?, ?, ?, nullif(?, ''), ?)`,
			p.ID, p.Name, FormatTime(p.CreatedAt), game.NormalizeCode(p.Workshop), imported)
		if err != nil {
			if isUnique(err) {
				return st, fmt.Errorf("%w: a profile named %q already exists on this machine", ErrConflict, p.Name)
			}
			return st, err
		}
		st.Profiles++
	}
	for _, l := range logs {
		a := l.Attempt
		if clash, err := exists(`SELECT 1 FROM answers WHERE id = ? UNION ALL SELECT 1 FROM profiles WHERE id = ?`, a.ID, a.ID); err != nil {
			return st, err
		} else if clash {
			return st, fmt.Errorf("%w: the attempt id %s is already used on this machine for something else", ErrConflict, a.ID)
		}
		var prof, scen, status string
		var seed int64
		err := tx.QueryRow(`SELECT profile_id, scenario_id, seed, status FROM attempts WHERE id = ?`, a.ID).Scan(&prof, &scen, &seed, &status)
		newAttempt := errors.Is(err, sql.ErrNoRows)
		switch {
		case newAttempt:
			// the importer replayed the log with this build: it is this build's save format
			if _, err := tx.Exec(`INSERT INTO attempts (id, profile_id, scenario_id, scenario_hash, seed, started_at, status, workshop_code, format, save_format, room)
				VALUES (?, ?, ?, ?, ?, ?, 'open', nullif(?, ''), ?, ?, ?)`,
				a.ID, p.ID, a.ScenarioID, a.ScenarioHash, a.Seed, FormatTime(a.StartedAt), game.NormalizeCode(a.Workshop), game.Format, game.SaveFormat, a.Room); err != nil {
				return st, err
			}
			status = game.StatusOpen
		case err != nil:
			return st, err
		case prof != p.ID:
			return st, fmt.Errorf("%w: the attempt %s already belongs to another participant on this machine", ErrConflict, a.ID)
		case scen != a.ScenarioID || seed != a.Seed:
			return st, fmt.Errorf("%w: the attempt %s is already on this machine with another scenario or seed", ErrConflict, a.ID)
		}
		have := map[int]game.SavedAnswer{}
		if !newAttempt {
			rows, err := tx.Query(`SELECT seq, id, scene_id, diagnosis, choice_id, played_id, answered_at, millis FROM answers WHERE attempt_id = ?`, a.ID)
			if err != nil {
				return st, err
			}
			for rows.Next() {
				var h game.SavedAnswer
				var diag, at string
				if err := rows.Scan(&h.Seq, &h.ID, &h.Scene, &diag, &h.Choice, &h.Played, &at, &h.Millis); err != nil {
					rows.Close()
					return st, err
				}
				h.Diagnosis = game.Hat(diag)
				if h.At, err = ParseTime(at); err != nil {
					rows.Close()
					return st, fmt.Errorf("read answer %d of attempt %s: %w", h.Seq, a.ID, err)
				}
				have[h.Seq] = h
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return st, err
			}
		}
		added := 0
		for _, ans := range l.Answers {
			if h, ok := have[ans.Seq]; ok {
				// an answer already held is evidence: a later file may repeat
				// it, never change it
				if !sameAnswer(h, ans) {
					return st, fmt.Errorf("%w: answer %d of attempt %s differs from the one already on this machine", ErrConflict, ans.Seq, a.ID)
				}
				continue
			}
			if status != game.StatusOpen {
				return st, fmt.Errorf("%w: the attempt %s is already %s on this machine, and the file adds answers to it; a closed attempt never grows", ErrConflict, a.ID, statusWords(status))
			}
			if clash, err := exists(`SELECT 1 FROM answers WHERE id = ? UNION ALL SELECT 1 FROM attempts WHERE id = ? UNION ALL SELECT 1 FROM profiles WHERE id = ?`, ans.ID, ans.ID, ans.ID); err != nil {
				return st, err
			} else if clash {
				return st, fmt.Errorf("%w: the answer id %s is already used on this machine for something else", ErrConflict, ans.ID)
			}
			if _, err := tx.Exec(`INSERT INTO answers (id, attempt_id, seq, scene_id, diagnosis, choice_id, played_id, answered_at, millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				ans.ID, a.ID, ans.Seq, ans.Scene, string(ans.Diagnosis), ans.Choice, ans.Played, FormatTime(ans.At), ans.Millis); err != nil {
				return st, err
			}
			added++
		}
		st.Answers += added
		bumped := false
		// statuses only move forward: open → finished or scenario-changed
		if status == game.StatusOpen && a.Status != game.StatusOpen && a.Status != "" {
			var finished any
			if a.FinishedAt != nil {
				finished = FormatTime(*a.FinishedAt)
			}
			var sc game.Scores
			if a.Scores != nil {
				sc = *a.Scores
			}
			var om, ol any
			if a.Status == game.StatusFinished {
				om, ol = sc.OverManaging, sc.OverLeading
			}
			if _, err := tx.Exec(`UPDATE attempts SET status = ?, finished_at = ?, ending = nullif(?, ''),
				fit = ?, management = ?, leadership = ?, reading = ?, over_managing = ?, over_leading = ? WHERE id = ?`,
				a.Status, finished, a.Ending, sc.Fit, sc.Management, sc.Leadership, sc.Reading, om, ol, a.ID); err != nil {
				return st, err
			}
			bumped = true
		}
		switch {
		case newAttempt:
			st.Attempts++
			st.Added = append(st.Added, a.ID)
		case added > 0 || bumped:
			st.Attempts++
			st.Updated = append(st.Updated, a.ID)
		}
	}
	if known && !held.imported && st.Changed() {
		// a results file is evidence about its own participant; it never
		// writes into a profile someone created on this machine (a file
		// that holds nothing new, such as that player's own export, is fine)
		return MergeStats{}, fmt.Errorf("%w: the file claims the profile id of %q, who was created on this machine, not imported; a results file can only add to a participant imported from results files", ErrConflict, held.name)
	}
	return st, nil
}
