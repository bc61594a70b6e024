package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/game/export"
	"github.com/twohats/twohats/game/results"
	"github.com/twohats/twohats/game/store"
	"github.com/twohats/twohats/ui"
)

// facilitator adapts the store, results files and exports to the app's
// Facilitator area.
type facilitator struct {
	db  *store.Store
	dir string
}

var _ ui.Facilitator = (*facilitator)(nil)

func newFacilitator(db *store.Store, dir string) *facilitator { return &facilitator{db: db, dir: dir} }

func (f *facilitator) CreateWorkshop(name string) (game.Workshop, error) {
	return f.db.CreateWorkshop(name)
}
func (f *facilitator) Workshops() ([]game.Workshop, error) { return f.db.Workshops() }
func (f *facilitator) CloseWorkshop(code string) error     { return f.db.CloseWorkshop(code) }

func (f *facilitator) RoomEntries(workshop, scenarioID string) ([]game.RoomEntry, error) {
	return f.db.RoomEntries(workshop, scenarioID)
}

func (f *facilitator) ExportResults(profileID, path string) error {
	return writeFileAtomic(path, func(w *os.File) error { return results.Export(f.db, profileID, w) })
}

// Import merges results files; a folder stands for every .json file in it.
func (f *facilitator) Import(paths []string, progress func(done, total int)) []ui.ImportResult {
	var files []string
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			found, _ := filepath.Glob(filepath.Join(p, "*.json"))
			sort.Strings(found)
			files = append(files, found...)
			continue
		}
		files = append(files, p)
	}
	if len(files) == 0 {
		return []ui.ImportResult{{Path: paths[0], Err: fmt.Errorf("there are no .json results files in %s", paths[0])}}
	}
	var out []ui.ImportResult
	for _, r := range results.Import(f.db, loadLibrary(f.dir), files, progress) {
		out = append(out, ui.ImportResult{Path: r.Path, Err: r.Err, Attempts: r.Attempts, Answers: r.Answers, Skipped: r.Skipped})
	}
	return out
}

func (f *facilitator) Export(format, workshop string, pseudonymise bool, path string) error {
	lib := loadLibrary(f.dir)
	o := export.Options{Workshop: workshop, Pseudonymise: pseudonymise}
	switch format {
	case "csv":
		return export.CSV(f.db, lib, path, o)
	case "json":
		return writeFileAtomic(path, func(w *os.File) error { return export.JSON(f.db, lib, w, o) })
	case "xapi":
		return writeFileAtomic(path, func(w *os.File) error { return export.XAPI(f.db, lib, w, o) })
	case "pdf":
		return export.PDF(f.db, lib, path, o)
	}
	return fmt.Errorf("%q is not an export format; choose csv, json, xapi or pdf", format)
}

// writeFileAtomic writes through a temporary file and renames it into
// place, so a failed export never leaves half a file behind.
func writeFileAtomic(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
