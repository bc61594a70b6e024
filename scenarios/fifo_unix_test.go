//go:build unix

package scenarios_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twohats/twohats/scenarios"
)

// TestFIFONeverOpened: a named pipe called x.yaml in the scenarios folder
// once hung the app's start-up and every command forever. It is listed as
// a problem and the other files still load.
func TestFIFONeverOpened(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "x.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	mini, err := os.ReadFile("../game/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mini.yaml"), mini, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan *scenarios.Library, 1)
	go func() { done <- scenarios.Load(scenarios.Source{FS: os.DirFS(dir), Prefix: "mine/"}) }()
	select {
	case lib := <-done:
		if lib.Get("mini") == nil {
			t.Error("the good file beside the FIFO did not load")
		}
		if len(lib.Failed) != 1 || lib.Failed[0].Path != "mine/x.yaml" || !strings.Contains(lib.Failed[0].First(), "not a regular file") {
			t.Errorf("the FIFO is listed as %+v", lib.Failed)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("loading a folder with a FIFO in it hangs")
	}
}
