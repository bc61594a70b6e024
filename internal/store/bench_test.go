package store_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/store"
)

// The benchmarks below write the same row, each in its own durable commit,
// to a file in the same temporary folder: BenchmarkSaveAnswer through the
// store, BenchmarkBareInsert as a bare INSERT through the same driver and
// pragmas into a table with the same columns. bench/store.sh prints their
// medians and the ratio, which should stay at most 1.3.
// BenchmarkBareInsertSchema splits the difference: a bare INSERT into the
// store's own schema (its indexes, checks and foreign key), so what the
// schema costs and what the store's Go code costs can be told apart.

// benchAnswer is the row both benchmarks write.
var benchAnswer = game.Answer{
	Scene: "m1", Diagnosis: game.Manage, Choice: "plan",
	At: time.Date(2025, 3, 14, 9, 26, 53, 500_000_000, time.UTC), Millis: 1234,
}

// BenchmarkSaveAnswer commits one answer durably per operation.
func BenchmarkSaveAnswer(b *testing.B) {
	s, _, err := store.Open(b.TempDir(), store.Options{Now: newClock(epoch, time.Millisecond).Now, NewID: ids(), Backups: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sc := &game.Scenario{ID: "mini", Hash: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
	p, err := s.CreateProfile("Bench", "")
	if err != nil {
		b.Fatal(err)
	}
	a, err := s.StartAttempt(p.ID, sc, 1, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := s.SaveAnswer(a.ID, i+1, benchAnswer); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareInsert inserts a row of the same columns and size with a
// plain INSERT, through database/sql and go-sqlite3 with store.DSN's
// pragmas (WAL, synchronous=FULL), one autocommit per operation.
func BenchmarkBareInsert(b *testing.B) {
	db, err := sql.Open("sqlite3", store.DSN(filepath.Join(b.TempDir(), "bare.db")))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE answers (id TEXT, attempt_id TEXT, seq INTEGER, scene_id TEXT,
		diagnosis TEXT, choice_id TEXT, played_id TEXT, answered_at TEXT, millis INTEGER)`); err != nil {
		b.Fatal(err)
	}
	newID := ids()
	attempt := newID()
	at := benchAnswer.At.UTC().Format("2006-01-02T15:04:05.000Z")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := db.Exec(`INSERT INTO answers (id, attempt_id, seq, scene_id, diagnosis, choice_id, played_id, answered_at, millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			newID(), attempt, i+1, benchAnswer.Scene, string(benchAnswer.Diagnosis), benchAnswer.Choice, benchAnswer.Played, at, benchAnswer.Millis); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareInsertSchema is BenchmarkBareInsert into a database made by
// the store's migrations, with an attempt for the answers to belong to.
func BenchmarkBareInsertSchema(b *testing.B) {
	dir := b.TempDir()
	s, _, err := store.Open(dir, store.Options{Now: newClock(epoch, 0).Now, NewID: ids(), Backups: -1})
	if err != nil {
		b.Fatal(err)
	}
	p, err := s.CreateProfile("Bench", "")
	if err != nil {
		b.Fatal(err)
	}
	a, err := s.StartAttempt(p.ID, &game.Scenario{ID: "mini", Hash: "h"}, 1, "")
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite3", store.DSN(filepath.Join(dir, store.FileName)))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	newID := ids()
	newID() // the profile's
	newID() // the attempt's
	at := benchAnswer.At.UTC().Format("2006-01-02T15:04:05.000Z")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := db.Exec(`INSERT INTO answers (id, attempt_id, seq, scene_id, diagnosis, choice_id, played_id, answered_at, millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			newID(), a.ID, i+1, benchAnswer.Scene, string(benchAnswer.Diagnosis), benchAnswer.Choice, benchAnswer.Played, at, benchAnswer.Millis); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchRowsMatch keeps the benchmarks honest: both write the same row.
func TestBenchRowsMatch(t *testing.T) {
	s := mustOpen(t, t.TempDir(), store.Options{Now: newClock(epoch, 0).Now, NewID: ids(), Backups: -1})
	p, _ := s.CreateProfile("Bench", "")
	a, err := s.StartAttempt(p.ID, &game.Scenario{ID: "mini", Hash: "h"}, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAnswer(a.ID, 1, benchAnswer); err != nil {
		t.Fatal(err)
	}
	var cols, size string
	err = s.DB().QueryRow(`SELECT group_concat(name, ','), (SELECT length(id) + length(attempt_id) + length(scene_id) + length(diagnosis) + length(choice_id) + length(answered_at) FROM answers)
		FROM pragma_table_info('answers')`).Scan(&cols, &size)
	if err != nil {
		t.Fatal(err)
	}
	if want := "id,attempt_id,seq,scene_id,diagnosis,choice_id,played_id,answered_at,millis"; cols != want {
		t.Errorf("answers columns = %s; BenchmarkBareInsert writes %s", cols, want)
	}
	bare := len(ids()()) * 2
	bare += len(benchAnswer.Scene) + len(benchAnswer.Diagnosis) + len(benchAnswer.Choice) + len("2006-01-02T15:04:05.000Z")
	if size != fmt.Sprint(bare) {
		t.Errorf("the store's row holds %s bytes of text, the bare row %d", size, bare)
	}
}

// BenchmarkDataVersion is one poll of the Facilitator area, which asks
// every two seconds while it is on show whether another program changed
// the database.
func BenchmarkDataVersion(b *testing.B) {
	s, _, err := store.Open(b.TempDir(), store.Options{Backups: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		if _, err := s.DataVersion(); err != nil {
			b.Fatal(err)
		}
	}
}
