package export_test

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

// sample1000 is a 1 000-participant sample workshop on the shipped
// scenarios, in a database file.
func sample1000(b *testing.B) (*store.Store, *scenarios.Library, string) {
	b.Helper()
	db := expOpen(b)
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	w, err := sample.Generate(db, lib.Scenarios, sample.Options{Participants: 1000, Seed: 1, Start: testkit.Epoch})
	if err != nil {
		b.Fatal(err)
	}
	return db, lib, w.Code
}

// BenchmarkCSV1000 exports a 1 000-participant workshop to the two CSV
// files (read, replay, write). bench/export-csv.sh sets the whole command
// beside the sqlite3 shell's CSV dump of the same rows.
func BenchmarkCSV1000(b *testing.B) {
	db, lib, code := sample1000(b)
	dir := filepath.Join(b.TempDir(), "csv")
	b.ResetTimer()
	for b.Loop() {
		if err := export.CSV(db, lib, dir, export.Options{Workshop: code}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJSON1000 and BenchmarkXAPI1000 write the other data formats.
func BenchmarkJSON1000(b *testing.B) {
	db, lib, code := sample1000(b)
	b.ResetTimer()
	for b.Loop() {
		if err := export.JSON(db, lib, io.Discard, export.Options{Workshop: code}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkXAPI1000(b *testing.B) {
	db, lib, code := sample1000(b)
	b.ResetTimer()
	for b.Loop() {
		if err := export.XAPI(db, lib, io.Discard, export.Options{Workshop: code}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEntries1000 is the read alone: both queries, no replay.
func BenchmarkEntries1000(b *testing.B) {
	db, _, code := sample1000(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := db.Entries(code); err != nil {
			b.Fatal(err)
		}
	}
}
