package store_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twohats/twohats/internal/store"
)

// Two processes opening a fresh (or older) database at once must not both
// apply a migration: the check that a migration is pending has to happen in
// the migration's own transaction.
func TestConcurrentFirstOpen(t *testing.T) {
	for round := 0; round < 20; round++ {
		dir := t.TempDir()
		// an empty database already in WAL mode, as a first start leaves
		// it, so the openers race on the migrations alone
		pre, err := sql.Open("sqlite3", store.DSN(filepath.Join(dir, store.FileName)))
		if err != nil {
			t.Fatal(err)
		}
		if err := pre.Ping(); err != nil {
			t.Fatal(err)
		}
		pre.Close()
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, _, err := store.Open(dir, store.Options{Backups: -1})
				if err == nil {
					db.Close()
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil && (strings.Contains(err.Error(), "migration") || strings.Contains(err.Error(), "duplicate")) {
				t.Fatalf("round %d: opening a fresh database from two places at once failed: %v", round, err)
			}
		}
	}
}

// The rolling backups are the player's way back after the database is
// damaged: moving the damaged file aside must not start rotating the
// backups of the good data out in favour of copies of the fresh, empty one.
func TestBackupsSurviveDamage(t *testing.T) {
	dir := t.TempDir()
	clk := newClock(epoch, 0)
	newIDs := ids()
	for i := 1; i <= store.DefaultBackups; i++ {
		clk.Set(epoch.Add(time.Duration(i) * time.Minute))
		s := mustOpen(t, dir, store.Options{Now: clk.Now, NewID: newIDs})
		if _, err := s.CreateProfile(fmt.Sprintf("Player %d", i), ""); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	good, _ := filepath.Glob(filepath.Join(dir, "twohats-backup-*"))
	if len(good) != store.DefaultBackups {
		t.Fatalf("%d backups, want %d", len(good), store.DefaultBackups)
	}
	if err := os.WriteFile(filepath.Join(dir, store.FileName), []byte("this is not a database, it is a shopping list"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, store.FileName+"-wal"))
	os.Remove(filepath.Join(dir, store.FileName+"-shm"))
	for i := 1; i <= store.DefaultBackups+1; i++ {
		clk.Set(epoch.Add(time.Hour + time.Duration(i)*time.Minute))
		s, _, err := store.Open(dir, store.Options{Now: clk.Now, NewID: newIDs})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	var lost []string
	for _, b := range good {
		if _, err := os.Stat(b); err != nil {
			lost = append(lost, filepath.Base(b))
		}
	}
	all, _ := filepath.Glob(filepath.Join(dir, "twohats-backup-*"))
	if len(lost) > 0 && len(all) <= store.DefaultBackups {
		t.Errorf("after the damaged database was moved aside, the backups of the good data were deleted: %v", lost)
	}
}
