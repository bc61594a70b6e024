package store_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twohats/twohats/internal/store"
)

// TestPseudonymKey: made with the database, 32 random bytes, the same on
// every call and after reopening (also read-only), different in another
// database; the schema holds one key of the right length only.
func TestPseudonymKey(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir, options(newClock(epoch, 0)))
	var stored []byte
	if err := s.DB().QueryRow(`SELECT key FROM pseudonym_key`).Scan(&stored); err != nil {
		t.Fatalf("a new database has no pseudonym key: %v", err)
	}
	k1, err := s.PseudonymKey()
	if err != nil {
		t.Fatal(err)
	}
	if len(k1) != store.PseudonymKeySize || bytes.Equal(k1, make([]byte, store.PseudonymKeySize)) || !bytes.Equal(k1, stored) {
		t.Fatalf("the key is %x, want the %d random bytes stored", k1, store.PseudonymKeySize)
	}
	k2, err := s.PseudonymKey()
	if err != nil || !bytes.Equal(k1, k2) {
		t.Errorf("the second call gave %x (%v), want the stored %x", k2, err, k1)
	}
	if _, err := s.DB().Exec(`UPDATE pseudonym_key SET key = x'00'`); err == nil {
		t.Error("the schema let a 1-byte key be stored")
	}
	if _, err := s.DB().Exec(`INSERT INTO pseudonym_key (id, key) VALUES (2, ?)`, k1); err == nil {
		t.Error("the schema let a second key be stored")
	}
	s.Close()

	ro, _, err := store.Open(dir, store.Options{ReadOnly: true, Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	k3, err := ro.PseudonymKey()
	ro.Close()
	if err != nil || !bytes.Equal(k1, k3) {
		t.Errorf("read-only, the key is %x (%v), want %x", k3, err, k1)
	}

	other := mustOpen(t, t.TempDir(), options(newClock(epoch, 0)))
	defer other.Close()
	k4, err := other.PseudonymKey()
	if err != nil || bytes.Equal(k1, k4) {
		t.Errorf("another database's key is %x (%v), want one of its own", k4, err)
	}
}

// TestPseudonymKeyMissing: a key that has gone missing is made again on
// first use; read-only, its absence is an error that says what was being
// done.
func TestPseudonymKeyMissing(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir, options(newClock(epoch, 0)))
	if _, err := s.DB().Exec(`DELETE FROM pseudonym_key`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, _, err := store.Open(dir, store.Options{ReadOnly: true, Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.PseudonymKey(); err == nil || !strings.Contains(err.Error(), "pseudonym key") || !strings.Contains(err.Error(), "open Two Hats once") {
		t.Errorf("a read-only database without a key: %v, want an error that says to open Two Hats once to make one", err)
	}
	ro.Close()

	s = mustOpen(t, dir, options(newClock(epoch, 0)))
	defer s.Close()
	k, err := s.PseudonymKey()
	if err != nil || len(k) != store.PseudonymKeySize {
		t.Fatalf("making the key again: %x, %v", k, err)
	}
	again, err := s.PseudonymKey()
	if err != nil || !bytes.Equal(k, again) {
		t.Errorf("the key made again is not kept: %x then %x (%v)", k, again, err)
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); err != nil {
		t.Fatal(err)
	}
}
