package resultsfile_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	results "github.com/twohats/twohats/internal/resultsfile"
	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

// files1000 writes the results files of a 1 000-participant sample
// workshop, one per participant, as they would arrive from 1 000 laptops.
func files1000(b *testing.B) (*scenarios.Library, []string) {
	b.Helper()
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	src := resOpen(b, 1)
	w, err := sample.Generate(src, lib.Scenarios, sample.Options{Participants: 1000, Seed: 1, Start: testkit.Epoch})
	if err != nil {
		b.Fatal(err)
	}
	entries, err := src.Entries(w.Code)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var paths []string
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[e.Profile.ID] {
			continue
		}
		seen[e.Profile.ID] = true
		path := filepath.Join(dir, fmt.Sprintf("%04d.json", len(paths)))
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := results.Export(src, e.Profile.ID, f); err != nil {
			b.Fatal(err)
		}
		f.Close()
		paths = append(paths, path)
	}
	if len(paths) != 1000 {
		b.Fatalf("%d files, want 1000", len(paths))
	}
	return lib, paths
}

// BenchmarkImport1000 imports 1 000 results files into an empty database:
// 1 000 durable transactions.
func BenchmarkImport1000(b *testing.B) {
	lib, paths := files1000(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, _, err := store.Open(b.TempDir(), store.Options{Backups: -1})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for _, r := range results.Import(db, lib.Get, paths, nil) {
			if r.Err != nil || r.Skipped {
				b.Fatalf("%s: %v", r.Path, r.Err)
			}
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkReimport1000 imports the same 1 000 files again: every file is
// read, checked and found to hold nothing new.
func BenchmarkReimport1000(b *testing.B) {
	lib, paths := files1000(b)
	db := resOpen(b, 2)
	results.Import(db, lib.Get, paths, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range results.Import(db, lib.Get, paths, nil) {
			if r.Err != nil || !r.Skipped {
				b.Fatalf("%s: %+v", r.Path, r)
			}
		}
	}
}
