package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/twohats/twohats/game"
)

// This file keeps live room sessions (see internal/room), so a host killed
// mid-session resumes with every acknowledged vote.

// JoinRoom adds a participant to a room session in one transaction: a
// profile for them (named as they typed it; names may repeat across
// sessions, as imported ones do), their room attempt, and their membership.
func (s *Store) JoinRoom(sessionID, tokenHash, name string, sc *game.Scenario, seed int64, workshop string) (game.Profile, game.Attempt, error) {
	clean, err := game.CleanName(name)
	if err != nil {
		return game.Profile{}, game.Attempt{}, err
	}
	now := s.Now()
	p := game.Profile{ID: s.newID(), Name: clean, Workshop: workshop, CreatedAt: now, Imported: true}
	a := game.Attempt{ID: s.newID(), ProfileID: p.ID, ScenarioID: sc.ID, ScenarioHash: sc.Hash, Seed: seed,
		StartedAt: now, Status: game.StatusOpen, Workshop: workshop, SaveFormat: game.SaveFormat, Room: true}
	err = s.tx(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO profiles (id, name, created_at, workshop_code, imported) VALUES (?, ?, ?, nullif(?, ''), 1)`,
			p.ID, p.Name, s.stamp(now), workshop); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO attempts (id, profile_id, scenario_id, scenario_hash, seed, started_at, status, workshop_code, format, save_format, room)
			VALUES (?, ?, ?, ?, ?, ?, 'open', nullif(?, ''), ?, ?, 1)`,
			a.ID, p.ID, a.ScenarioID, a.ScenarioHash, a.Seed, s.stamp(now), workshop, game.Format, game.SaveFormat); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO room_members (session_id, token_hash, name, profile_id, attempt_id, joined_at) VALUES (?, ?, ?, ?, ?, ?)`,
			sessionID, tokenHash, p.Name, p.ID, a.ID, s.stamp(now))
		return err
	})
	return p, a, s.wrap("join the room", err)
}

// CreateRoomSession records a new live room session.
func (s *Store) CreateRoomSession(rs game.RoomSession) error {
	_, err := s.db.Exec(`INSERT INTO room_sessions (id, workshop_code, scenario_id, scenario_hash, seed, phase, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		rs.ID, rs.Workshop, rs.ScenarioID, rs.ScenarioHash, rs.Seed, string(rs.Phase), s.stamp(rs.StartedAt))
	return s.wrap("start the room session", err)
}

// SetRoomPhase records the session's phase.
func (s *Store) SetRoomPhase(sessionID string, phase game.RoomPhase) error {
	_, err := s.db.Exec(`UPDATE room_sessions SET phase = ? WHERE id = ?`, string(phase), sessionID)
	return s.wrap("save the room's phase", err)
}

// AddRoomPlay records the room's decision at its seq-th moment (1-based)
// and its new phase, in one transaction.
func (s *Store) AddRoomPlay(sessionID string, seq int, scene, choice string, phase game.RoomPhase) error {
	err := s.tx(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO room_plays (session_id, seq, scene_id, choice_id) VALUES (?, ?, ?, ?)`, sessionID, seq, scene, choice); err != nil {
			return err
		}
		_, err := tx.Exec(`UPDATE room_sessions SET phase = ? WHERE id = ?`, string(phase), sessionID)
		return err
	})
	return s.wrap("save the room's decision", err)
}

// RemoveRoomMember marks a participant removed; their attempt is kept.
func (s *Store) RemoveRoomMember(sessionID, tokenHash string) error {
	err := s.tx(func(tx *sql.Tx) error {
		var profile string
		if err := tx.QueryRow(`SELECT profile_id FROM room_members WHERE session_id = ? AND token_hash = ?`, sessionID, tokenHash).Scan(&profile); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE room_members SET removed = 1 WHERE session_id = ? AND token_hash = ?`, sessionID, tokenHash); err != nil {
			return err
		}
		_, err := tx.Exec(`DELETE FROM room_votes WHERE session_id = ? AND profile_id = ?`, sessionID, profile)
		return err
	})
	return s.wrap("remove the participant", err)
}

// SaveRoomVotes commits votes in one transaction (the host batches votes
// that arrive together); a later vote of the same kind replaces the earlier.
func (s *Store) SaveRoomVotes(sessionID string, votes []game.RoomVote) error {
	err := s.tx(func(tx *sql.Tx) error {
		st, err := tx.Prepare(`INSERT INTO room_votes (session_id, profile_id, scene_id, kind, value, at, millis) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (session_id, profile_id, kind) DO UPDATE SET scene_id = excluded.scene_id, value = excluded.value, at = excluded.at, millis = excluded.millis`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, v := range votes {
			if _, err := st.Exec(sessionID, v.ProfileID, v.Scene, v.Kind, v.Value, s.stamp(v.At), v.Millis); err != nil {
				return err
			}
		}
		return nil
	})
	return s.wrap("save the votes", err)
}

// ClearRoomVotes forgets the votes of the moment the room has played (they
// are in the participants' answers by then) and records the next phase.
func (s *Store) ClearRoomVotes(sessionID string, phase game.RoomPhase) error {
	err := s.tx(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM room_votes WHERE session_id = ?`, sessionID); err != nil {
			return err
		}
		_, err := tx.Exec(`UPDATE room_sessions SET phase = ? WHERE id = ?`, string(phase), sessionID)
		return err
	})
	return s.wrap("move the room on", err)
}

// EndRoomSession marks the session over: it is never offered for resuming.
func (s *Store) EndRoomSession(sessionID string) error {
	_, err := s.db.Exec(`UPDATE room_sessions SET ended_at = ?, phase = ? WHERE id = ?`, s.stamp(s.now()), string(game.PhaseEnded), sessionID)
	return s.wrap("end the room session", err)
}

// OpenRoomSessions lists the sessions never ended, newest first, each with
// its plays, members and votes: what a restarted host offers to resume.
func (s *Store) OpenRoomSessions() ([]game.RoomSession, error) {
	rows, err := s.db.Query(`SELECT id, workshop_code, scenario_id, scenario_hash, seed, phase, started_at FROM room_sessions WHERE ended_at IS NULL ORDER BY started_at DESC, id`)
	if err != nil {
		return nil, s.wrap("read the room sessions", err)
	}
	var out []game.RoomSession
	for rows.Next() {
		var rs game.RoomSession
		var phase, started string
		if err := rows.Scan(&rs.ID, &rs.Workshop, &rs.ScenarioID, &rs.ScenarioHash, &rs.Seed, &phase, &started); err != nil {
			rows.Close()
			return nil, s.wrap("read the room sessions", err)
		}
		rs.Phase = game.RoomPhase(phase)
		if rs.StartedAt, err = parseStamp(started); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read the room session %s: %w", rs.ID, err)
		}
		out = append(out, rs)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap("read the room sessions", err)
	}
	for i := range out {
		if err := s.loadRoom(&out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) loadRoom(rs *game.RoomSession) error {
	scan := func(what, q string, each func(*sql.Rows) error) error {
		rows, err := s.db.Query(q, rs.ID)
		if err != nil {
			return s.wrap(what, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := each(rows); err != nil {
				return s.wrap(what, err)
			}
		}
		return s.wrap(what, rows.Err())
	}
	seq := 0
	if err := scan("read the room's decisions", `SELECT seq, choice_id FROM room_plays WHERE session_id = ? ORDER BY seq`, func(r *sql.Rows) error {
		var n int
		var c string
		if err := r.Scan(&n, &c); err != nil {
			return err
		}
		if seq++; n != seq {
			return errors.New("the room's decisions are out of order")
		}
		rs.Plays = append(rs.Plays, c)
		return nil
	}); err != nil {
		return err
	}
	if err := scan("read the room's participants", `SELECT token_hash, name, profile_id, attempt_id, joined_at, removed FROM room_members WHERE session_id = ? ORDER BY joined_at, rowid`, func(r *sql.Rows) error {
		var m game.RoomMember
		var joined string
		var removed int
		if err := r.Scan(&m.TokenHash, &m.Name, &m.ProfileID, &m.AttemptID, &joined, &removed); err != nil {
			return err
		}
		t, err := parseStamp(joined)
		if err != nil {
			return err
		}
		m.JoinedAt, m.Removed = t, removed != 0
		rs.Members = append(rs.Members, m)
		return nil
	}); err != nil {
		return err
	}
	return scan("read the room's votes", `SELECT profile_id, scene_id, kind, value, at, millis FROM room_votes WHERE session_id = ? ORDER BY rowid`, func(r *sql.Rows) error {
		var v game.RoomVote
		var at string
		if err := r.Scan(&v.ProfileID, &v.Scene, &v.Kind, &v.Value, &at, &v.Millis); err != nil {
			return err
		}
		t, err := parseStamp(at)
		if err != nil {
			return err
		}
		v.At = t
		rs.Votes = append(rs.Votes, v)
		return nil
	})
}
