//go:build unix

package resultsfile_test

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	results "github.com/twohats/twohats/internal/resultsfile"
)

// TestFIFORejected: a named pipe called x.json once hung `import FOLDER`.
func TestFIFORejected(t *testing.T) {
	lib := resLibrary(t)
	db := resOpen(t, 1)
	path := filepath.Join(t.TempDir(), "x.json")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan []results.FileResult, 1)
	go func() { done <- results.Import(db, lib.Get, []string{path}, nil) }()
	select {
	case r := <-done:
		if r[0].Err == nil || !strings.Contains(r[0].Err.Error(), "not a regular file (it is a named pipe (FIFO))") {
			t.Errorf("a FIFO: %+v", r[0])
		}
	case <-time.After(20 * time.Second):
		t.Fatal("importing a FIFO hangs")
	}
}
