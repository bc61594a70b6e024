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

// ErrClosed is returned when a participant tries to join a closed workshop.
var ErrClosed = errors.New("the workshop is closed")

// ErrBadCode is returned for a join code that is not well formed.
var ErrBadCode = errors.New("invalid join code")

// CheckCode normalises a join code typed by a person and checks its form
// (six characters, the check character right). It does not look the code up.
func CheckCode(code string) (string, error) {
	c := game.NormalizeCode(code)
	if !game.ValidCode(c) {
		if c == "" {
			return "", fmt.Errorf("%w: the join code is empty; type the six-character code the facilitator gave you", ErrBadCode)
		}
		return "", fmt.Errorf("%w: %q is not a workshop's join code; a join code has six letters and digits, such as %s, so check it for a typo", ErrBadCode, truncate(code, 40), game.MakeCode(20240611))
	}
	return c, nil
}

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

const workshopCols = `code, name, created_at, coalesce(closed_at, '')`

func scanWorkshop(row interface{ Scan(...any) error }) (game.Workshop, error) {
	var w game.Workshop
	var created, closed string
	if err := row.Scan(&w.Code, &w.Name, &created, &closed); err != nil {
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
		return w, fmt.Errorf("there is no workshop with the join code %q on this machine; `twohats workshop list` shows them: %w", truncate(strings.TrimSpace(code), 40), ErrNotFound)
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

// JoinWorkshop tags a profile with a workshop, so its next attempts carry
// the code. The code must be well formed; a workshop known on this machine
// must be open. A well-formed code this machine does not know is accepted,
// since on a participant's own laptop the workshop lives on the
// facilitator's machine; known reports which case it was.
func (s *Store) JoinWorkshop(profileID, code string) (w game.Workshop, known bool, err error) {
	c, err := CheckCode(code)
	if err != nil {
		return game.Workshop{}, false, err
	}
	w, err = s.Workshop(c)
	switch {
	case errors.Is(err, ErrNotFound):
		w, known = game.Workshop{Code: c}, false
	case err != nil:
		return game.Workshop{}, false, err
	case w.ClosedAt != nil:
		return game.Workshop{}, true, fmt.Errorf("%w: the workshop %q (%s) was closed on %s; ask the facilitator for the current code", ErrClosed, w.Name, w.Code, w.ClosedAt.Format("2 Jan 2006"))
	default:
		known = true
	}
	if err := s.SetProfileWorkshop(profileID, c); err != nil {
		return game.Workshop{}, known, err
	}
	return w, known, nil
}
