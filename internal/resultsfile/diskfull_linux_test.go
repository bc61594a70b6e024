//go:build linux

package resultsfile_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/twohats/twohats/game"
	results "github.com/twohats/twohats/internal/resultsfile"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
)

// TestImportStopsOnFullDisk: an import that filled the disk once went on
// through every remaining file and called each of them bad. It stops at
// once, says the disk is full, and marks the rest as not tried.
func TestImportStopsOnFullDisk(t *testing.T) {
	lib := resLibrary(t)
	var paths []string
	out := t.TempDir()
	for i, name := range []string{"Ana", "Björn", "Chidi"} {
		laptop := resOpen(t, i+1)
		paths = append(paths, exportFile(t, laptop, participant(t, laptop, lib, name, code), out))
	}
	dir := t.TempDir()
	if b, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("this test needs to mount a small tmpfs (CI runs as root): %v: %s", err, b)
	}
	t.Cleanup(func() {
		if err := exec.Command("umount", dir).Run(); err != nil {
			exec.Command("umount", "-l", dir).Run()
		}
	})
	db, _, err := store.Open(dir, store.Options{Now: testkit.NewClock(testkit.Epoch, 0).Now, NewID: testkit.IDs(9), Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// fill what is left of the disk
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	f.Close()
	res := results.Import(db, lib.Get, paths, nil)
	if res[0].Err == nil || !errors.Is(res[0].Err, game.ErrDiskFull) || !strings.Contains(res[0].Err.Error(), "the disk is full") {
		t.Fatalf("the first file on a full disk: %+v", res[0])
	}
	for _, r := range res[1:] {
		if !r.NotTried || !strings.Contains(r.Err.Error(), "disk filled up before its turn") {
			t.Errorf("a file after the disk filled: %+v; want not tried", r)
		}
	}
}
