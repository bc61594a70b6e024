package store

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/twohats/twohats/game"
)

// ErrClosed and ErrBadCode are the domain's: a closed workshop, a join code
// that is not well formed.
var (
	ErrClosed  = game.ErrClosed
	ErrBadCode = game.ErrBadCode
)

// CheckCode is game.CheckCode: a join code's form, without looking it up.
func CheckCode(code string) (string, error) { return game.CheckCode(code) }

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// codeAttempts bounds the search for an unused code.
const codeAttempts = 50

// CreateWorkshop starts a workshop with a fresh, unique six-character join
// code drawn from game.CodeAlphabet (no 0/O/1/I/L). The code comes from the
// store's id generator, so tests that inject ids get the same codes.
func (s *Store) CreateWorkshop(name string) (game.Workshop, error) {
	clean, err := game.CleanName(name)
	if err != nil {
		return game.Workshop{}, err
	}
	w := game.Workshop{Name: clean, CreatedAt: s.Now()}
	for i := 0; i < codeAttempts; i++ {
		sum := sha256.Sum256([]byte(s.newID()))
		w.Code = game.MakeCode(binary.BigEndian.Uint64(sum[:8]))
		res, err := s.db.Exec(`INSERT INTO workshops (code, name, created_at) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING`,
			w.Code, w.Name, s.stamp(w.CreatedAt))
		if err != nil {
			return game.Workshop{}, s.wrap("create the workshop", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return w, nil
		}
	}
	return game.Workshop{}, fmt.Errorf("create the workshop: no unused join code was found after %d tries; try again", codeAttempts)
}

const workshopCols = `code, name, created_at, coalesce(closed_at, ''), hold_feedback`

func scanWorkshop(row interface{ Scan(...any) error }) (game.Workshop, error) {
	var w game.Workshop
	var created, closed string
	if err := row.Scan(&w.Code, &w.Name, &created, &closed, &w.HoldFeedback); err != nil {
		return w, err
	}
	w.CreatedAt, _ = ParseTime(created)
	if closed != "" {
		t, _ := ParseTime(closed)
		w.ClosedAt = &t
	}
	return w, nil
}

// Workshops lists every workshop, newest first.
func (s *Store) Workshops() ([]game.Workshop, error) {
	rows, err := s.db.Query(`SELECT ` + workshopCols + ` FROM workshops ORDER BY created_at DESC, code`)
	if err != nil {
		return nil, s.wrap("list workshops", err)
	}
	defer rows.Close()
	var out []game.Workshop
	for rows.Next() {
		w, err := scanWorkshop(rows)
		if err != nil {
			return nil, s.wrap("list workshops", err)
		}
		out = append(out, w)
	}
	return out, s.wrap("list workshops", rows.Err())
}

// Workshop finds a workshop by its join code, ignoring case, spaces and
// dashes. A code that is not on this machine wraps ErrNotFound.
func (s *Store) Workshop(code string) (game.Workshop, error) {
	c := game.NormalizeCode(code)
	w, err := scanWorkshop(s.db.QueryRow(`SELECT `+workshopCols+` FROM workshops WHERE code = ?`, c))
	if errors.Is(err, sql.ErrNoRows) {
		return w, fmt.Errorf("there is no workshop with the join code %q on this machine; the Facilitator area, or 'twohats workshop list' in a terminal, lists them: %w", truncate(strings.TrimSpace(code), 40), ErrNotFound)
	}
	return w, s.wrap("find the workshop", err)
}

// CloseWorkshop closes a workshop: it stays listed and exportable, but no
// one can join it any more. Closing a closed workshop changes nothing.
func (s *Store) CloseWorkshop(code string) error {
	w, err := s.Workshop(code)
	if err != nil {
		return err
	}
	_, err = s.db.Exec(`UPDATE workshops SET closed_at = ? WHERE code = ? AND closed_at IS NULL`, s.stamp(s.now()), w.Code)
	return s.wrap("close the workshop", err)
}

// SetHoldFeedback sets whether a workshop holds every moment's verdict
// until the debrief (game.Workshop.HoldFeedback). It applies from the next
// moment its players answer, closed workshop or not.
func (s *Store) SetHoldFeedback(code string, hold bool) error {
	w, err := s.Workshop(code)
	if err != nil {
		return err
	}
	_, err = s.db.Exec(`UPDATE workshops SET hold_feedback = ? WHERE code = ?`, hold, w.Code)
	return s.wrap("change the workshop's feedback timing", err)
}
