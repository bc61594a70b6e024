package store_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/session"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
)

func wsOpen(t testing.TB, newID func() string) *store.Store {
	t.Helper()
	if newID == nil {
		newID = testkit.IDs(0)
	}
	db, _, err := store.Open(t.TempDir(), store.Options{Now: testkit.NewClock(testkit.Epoch, time.Minute).Now, NewID: newID, Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestCreateWorkshop(t *testing.T) {
	db := wsOpen(t, nil)
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		w, err := db.CreateWorkshop(fmt.Sprintf("Workshop %d", i))
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Code) != game.CodeLength || !game.ValidCode(w.Code) || strings.ContainsAny(w.Code, "0O1IL") {
			t.Errorf("the join code %q is not six unambiguous characters with a valid check", w.Code)
		}
		if seen[w.Code] {
			t.Errorf("the join code %s was handed out twice", w.Code)
		}
		seen[w.Code] = true
	}
	// the same ids give the same codes: tests and demos are repeatable
	again := wsOpen(t, nil)
	w1, _ := again.CreateWorkshop("A")
	first, _ := wsOpen(t, nil).CreateWorkshop("B")
	if w1.Code != first.Code {
		t.Errorf("injected ids gave the codes %s and %s; want the same", w1.Code, first.Code)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("x", 81), "tab\there"} {
		if _, err := db.CreateWorkshop(bad); !errors.Is(err, game.ErrBadName) {
			t.Errorf("CreateWorkshop(%q): %v, want ErrBadName", bad, err)
		}
	}
}

// TestCreateWorkshopCollisions: an id generator that repeats itself still
// gets unique codes, and one that only repeats gives up with a sentence.
func TestCreateWorkshopCollisions(t *testing.T) {
	n := 0
	db := wsOpen(t, func() string { n++; return fmt.Sprintf("id-%d", n/3) }) // each id three times
	codes := map[string]bool{}
	for i := 0; i < 5; i++ {
		w, err := db.CreateWorkshop("W")
		if err != nil {
			t.Fatal(err)
		}
		if codes[w.Code] {
			t.Fatalf("code %s reused", w.Code)
		}
		codes[w.Code] = true
	}
	stuck := wsOpen(t, func() string { return "always-the-same" })
	if _, err := stuck.CreateWorkshop("first"); err != nil {
		t.Fatal(err)
	}
	_, err := stuck.CreateWorkshop("second")
	if err == nil || !strings.Contains(err.Error(), "no unused join code") {
		t.Errorf("with a stuck id generator: %v, want a clear error", err)
	}
}

func TestWorkshopLookupAndClose(t *testing.T) {
	db := wsOpen(t, nil)
	a, _ := db.CreateWorkshop("Leading teams, März")
	b, _ := db.CreateWorkshop("Second")
	ws, err := db.Workshops()
	if err != nil || len(ws) != 2 || ws[0].Code != b.Code || ws[1].Code != a.Code {
		t.Fatalf("Workshops() = %+v, %v; want the newest first", ws, err)
	}
	for _, typed := range []string{a.Code, strings.ToLower(a.Code), " " + a.Code[:3] + "-" + a.Code[3:] + " ", a.Code[:3] + " " + strings.ToLower(a.Code[3:])} {
		w, err := db.Workshop(typed)
		if err != nil || w.Code != a.Code || w.Name != a.Name || w.ClosedAt != nil || !w.CreatedAt.Equal(a.CreatedAt) {
			t.Errorf("Workshop(%q) = %+v, %v; want %+v", typed, w, err, a)
		}
	}
	_, err = db.Workshop("ZZZZZZ")
	if !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), `"ZZZZZZ"`) {
		t.Errorf("an unknown code: %v, want ErrNotFound naming the code", err)
	}
	if err := db.CloseWorkshop(strings.ToLower(a.Code)); err != nil {
		t.Fatal(err)
	}
	closed, _ := db.Workshop(a.Code)
	if closed.ClosedAt == nil {
		t.Fatal("the workshop is not closed")
	}
	if err := db.CloseWorkshop(a.Code); err != nil {
		t.Fatal(err)
	}
	again, _ := db.Workshop(a.Code)
	if !again.ClosedAt.Equal(*closed.ClosedAt) {
		t.Errorf("closing twice moved the closing time from %v to %v", closed.ClosedAt, again.ClosedAt)
	}
	if err := db.CloseWorkshop("ZZZZZZ"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("closing an unknown workshop: %v", err)
	}
}

func TestJoinWorkshop(t *testing.T) {
	db := wsOpen(t, nil)
	open, _ := db.CreateWorkshop("Open")
	shut, _ := db.CreateWorkshop("Shut")
	db.CloseWorkshop(shut.Code)
	p, _ := db.CreateProfile("Ana", "")
	elsewhere := game.MakeCode(987654321)

	w, known, err := session.Join(db, p.ID, strings.ToLower(open.Code))
	if err != nil || !known || w.Code != open.Code {
		t.Errorf("joining an open workshop: %+v %v %v", w, known, err)
	}
	if got, _ := db.Profile(p.ID); got.Workshop != open.Code {
		t.Errorf("the profile's workshop is %q, want %s", got.Workshop, open.Code)
	}
	if _, _, err := session.Join(db, p.ID, shut.Code); !errors.Is(err, store.ErrClosed) || !strings.Contains(err.Error(), `"Shut"`) {
		t.Errorf("joining a closed workshop: %v, want ErrClosed naming it", err)
	}
	w, known, err = session.Join(db, p.ID, elsewhere)
	if err != nil || known || w.Code != elsewhere {
		t.Errorf("joining a workshop run on the facilitator's machine: %+v %v %v; want accepted, not known", w, known, err)
	}
	// one typo, two swapped characters, the look-alikes and junk
	typo := []byte(open.Code)
	typo[2] = game.CodeAlphabet[(strings.IndexByte(game.CodeAlphabet, typo[2])+1)%len(game.CodeAlphabet)]
	swapped := []byte(open.Code)
	swapped[1], swapped[2] = swapped[2], swapped[1]
	for _, bad := range []string{string(typo), "", "ABCDE", "0O1IL2", strings.Repeat("7", 500), "=HYPERLINK(\"x\")"} {
		if _, _, err := session.Join(db, p.ID, bad); !errors.Is(err, store.ErrBadCode) {
			t.Errorf("JoinWorkshop(%.20q): %v, want ErrBadCode", bad, err)
		}
	}
	if swapped[1] != swapped[2] {
		if _, _, err := session.Join(db, p.ID, string(swapped)); !errors.Is(err, store.ErrBadCode) {
			t.Errorf("two swapped characters %s passed", swapped)
		}
	}
	if got, _ := db.Profile(p.ID); got.Workshop != elsewhere {
		t.Errorf("a refused join changed the profile's workshop to %q", got.Workshop)
	}
}

// TestHoldFeedback: a workshop shows each verdict at once until the
// facilitator holds them; the setting is kept, found by any spelling of the
// code, and can be turned off again. An unknown code is a sentence.
func TestHoldFeedback(t *testing.T) {
	db := wsOpen(t, nil)
	w, err := db.CreateWorkshop("Hold the verdicts")
	if err != nil {
		t.Fatal(err)
	}
	if w.HoldFeedback {
		t.Fatalf("a new workshop holds the verdicts; it should show them, as before")
	}
	lower := strings.ToLower(w.Code[:3] + "-" + w.Code[3:])
	if err := db.SetHoldFeedback(lower, true); err != nil {
		t.Fatal(err)
	}
	got, err := db.Workshop(w.Code)
	if err != nil || !got.HoldFeedback {
		t.Fatalf("after holding: %+v, %v; want HoldFeedback", got, err)
	}
	ws, err := db.Workshops()
	if err != nil || len(ws) != 1 || !ws[0].HoldFeedback {
		t.Fatalf("Workshops() = %+v, %v; want the workshop holding", ws, err)
	}
	// closing keeps the setting
	if err := db.CloseWorkshop(w.Code); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Workshop(w.Code); !got.HoldFeedback || got.ClosedAt == nil {
		t.Errorf("after closing: %+v", got)
	}
	if err := db.SetHoldFeedback(w.Code, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Workshop(w.Code); got.HoldFeedback {
		t.Errorf("after showing again: %+v", got)
	}
	err = db.SetHoldFeedback("ZZZZZZ", true)
	if !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "there is no workshop") {
		t.Errorf("an unknown code: %v", err)
	}
}
