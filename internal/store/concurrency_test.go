package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/store"
)

// TestBusyDatabase: a long write elsewhere (an import) once locked everyone
// out with "apply migration 001_initial.sql: database is locked" although
// no migration was pending. Opening must not need the write lock; a write
// that waits too long says, in a sentence, what is busy.
func TestBusyDatabase(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir, options(newClock(epoch, time.Second)))
	p, err := s.CreateProfile("Ada", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// another process holds the write lock, as a long import does
	holder := rawDB(t, filepath.Join(dir, store.FileName))
	conn, err := holder.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")

	for _, ro := range []bool{false, true} {
		opts := store.Options{Now: newClock(epoch, time.Second).Now, NewID: ids(), Backups: -1, ReadOnly: ro, BusyTimeout: 200 * time.Millisecond}
		db, _, err := store.Open(dir, opts)
		if err != nil {
			t.Fatalf("opening (read-only %v) while another process writes: %v", ro, err)
		}
		if got, err := db.ProfileByName("Ada"); err != nil || got.ID != p.ID {
			t.Errorf("reading while another process writes: %+v, %v", got, err)
		}
		if !ro {
			_, err := db.CreateProfile("Grace", "")
			if err == nil || !strings.Contains(err.Error(), "stayed busy: another Two Hats") || strings.Contains(err.Error(), "migration") {
				t.Errorf("a write that waited too long: %v", err)
			}
		}
		db.Close()
	}
}

// TestAnsweredTwiceAtOnce: the same attempt played in two terminals once
// printed a raw "UNIQUE constraint failed".
func TestAnsweredTwiceAtOnce(t *testing.T) {
	s, a, ans := oneAnswer(t)
	_, err := s.SaveAnswer(a.ID, 1, ans)
	if !errors.Is(err, store.ErrAnsweredElsewhere) || strings.Contains(err.Error(), "UNIQUE") {
		t.Errorf("the second answer to one moment: %v", err)
	}
}

// TestBackupsOfConcurrentProcesses: start-up once deleted every partial
// backup, including one another process was still writing, so 10 of 40
// pairs of simultaneous commands failed. A live process's partial is left
// alone (and this start skips its backup); a dead one's is cleared.
func TestBackupsOfConcurrentProcesses(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir, store.Options{Now: newClock(epoch, time.Second).Now, NewID: ids()})
	s.Close()
	before := len(globBackups(t, dir))

	// the parent process (the test runner) stands for a live other process
	live := filepath.Join(dir, fmt.Sprintf("twohats-backup-20250314T090000.000Z.db.partial-%d", os.Getppid()))
	dead := filepath.Join(dir, "twohats-backup-20250314T080000.000Z.db.partial-999999999")
	old := filepath.Join(dir, "twohats-backup-20250314T070000.000Z.db.partial") // the name before process ids
	for _, f := range []string{live, dead, old} {
		if err := os.WriteFile(f, []byte("half a backup"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s = mustOpen(t, dir, store.Options{Now: newClock(epoch.Add(time.Hour), time.Second).Now, NewID: ids()})
	s.Close()
	if _, err := os.Stat(live); err != nil {
		t.Errorf("another live process's partial backup was deleted: %v", err)
	}
	for _, f := range []string{dead, old} {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a dead process's partial backup %s was left behind", filepath.Base(f))
		}
	}
	if n := len(globBackups(t, dir)); n != before {
		t.Errorf("a backup was taken while another process was making one: %d backups, want %d", n, before)
	}
	os.Remove(live)
	s = mustOpen(t, dir, store.Options{Now: newClock(epoch.Add(2*time.Hour), time.Second).Now, NewID: ids()})
	s.Close()
	if n := len(globBackups(t, dir)); n != before+1 {
		t.Errorf("with nobody else backing up, %d backups, want %d", n, before+1)
	}
}

func globBackups(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "twohats-backup-*.db"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBadStoredTimeReported: a time the store cannot read was once dropped
// silently (read as the zero time); it is reported with what it was.
func TestBadStoredTimeReported(t *testing.T) {
	s, a, _ := oneAnswer(t)
	if _, err := s.DB().Exec(`UPDATE answers SET answered_at = 'teatime'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Answers(a.ID); err == nil || !strings.Contains(err.Error(), `its time "teatime" is not a time`) {
		t.Errorf("reading an answer with a damaged time: %v", err)
	}
}

// oneAnswer is a store holding one attempt at mini.yaml with its first
// answer saved, and that answer.
func oneAnswer(t *testing.T) (*store.Store, game.Attempt, game.Answer) {
	t.Helper()
	s := mustOpen(t, t.TempDir(), options(newClock(epoch, time.Second)))
	t.Cleanup(func() { s.Close() })
	sc := scenarioFile(t, t.TempDir(), readMini(t))
	p, err := s.CreateProfile("Ada", "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.StartAttempt(p.ID, sc, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	ans := game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "plan"}
	if _, err := s.SaveAnswer(a.ID, 1, ans); err != nil {
		t.Fatal(err)
	}
	return s, a, ans
}
