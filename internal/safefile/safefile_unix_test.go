//go:build unix

package safefile_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twohats/twohats/internal/safefile"
)

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRegularFileReplacedWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := safefile.Write(path, text("new")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "new" {
		t.Errorf("content %q", got)
	}
	// a failing writer leaves the old file and no temporary file
	if err := safefile.Write(path, func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("disk on fire") }); err == nil {
		t.Fatal("a failing writer reported success")
	}
	if got := read(t, path); got != "new" {
		t.Errorf("a failed write changed the file: %q", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestDeviceWrittenThrough: `export --out /dev/null` run as root once
// replaced /dev/null with a regular file.
func TestDeviceWrittenThrough(t *testing.T) {
	dev := filepath.Join(t.TempDir(), "null")
	// a private twin of /dev/null, so a regression cannot harm the real one;
	// without the right to make one, /dev/null itself (which a process that
	// cannot make devices cannot replace either)
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		dev = "/dev/null"
	}
	if err := safefile.Write(dev, text("statements")); err != nil {
		t.Fatalf("writing to a device: %v", err)
	}
	st, err := os.Lstat(dev)
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("the device %s was replaced: %v, mode %v", dev, err, st.Mode())
	}
}

func TestFIFORefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- safefile.Write(fifo, text("x")) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is not a regular file") {
			t.Errorf("writing to a FIFO: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("writing to a FIFO hangs")
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
}

// TestSymlinkFollowed: --out a symlink once replaced the link itself.
func TestSymlinkFollowed(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if err := safefile.Write(link, text("new")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if got := read(t, real); got != "new" {
		t.Errorf("the linked file holds %q", got)
	}
	// a link to a file not there yet creates it
	dangling := filepath.Join(dir, "next.json")
	if err := os.Symlink("made.json", dangling); err != nil {
		t.Fatal(err)
	}
	if err := safefile.Write(dangling, text("made")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "made.json")); got != "made" {
		t.Errorf("the dangling link's file holds %q", got)
	}
	// a folder is refused
	if err := safefile.Write(dir, text("x")); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("writing to a folder: %v", err)
	}
}

// TestDeadWritersTemporaryFilesCleared: killed exports once left hidden
// .tmp files behind (300 MB seen). The next write to the folder clears the
// ones whose writer is gone, and leaves a live writer's alone.
func TestDeadWritersTemporaryFilesCleared(t *testing.T) {
	dir := t.TempDir()
	dead := filepath.Join(dir, ".answers.csv.twohats-999999999-123.tmp")
	live := filepath.Join(dir, fmt.Sprintf(".answers.csv.twohats-%d-456.tmp", os.Getppid()))
	other := filepath.Join(dir, ".someone-elses.tmp")
	for _, f := range []string{dead, live, other} {
		if err := os.WriteFile(f, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := safefile.Write(filepath.Join(dir, "attempts.csv"), text("rows")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Error("a dead writer's temporary file was left behind")
	}
	for _, f := range []string{live, other} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(f), err)
		}
	}
}
