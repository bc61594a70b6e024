package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// TestSimultaneousCommands: 10 of 40 pairs of commands started at the same
// moment on one data folder once failed with "make a backup: disk I/O
// error" or "rename … no such file or directory", because each start-up
// deleted every partial backup, the other process's included. A command
// must never fail because another one is running.
func TestSimultaneousCommands(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	scenario := writeFile(t, dir, "mini.yaml", readMini(t))
	answers := writeFile(t, dir, "answers.txt", fullAnswers)
	run := func(args ...string) (string, error) {
		cmd := exec.Command(bin, append(args, "--data", data)...)
		cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", "TWOHATS_DATA=")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("play", "--scenario", scenario, "--answers", answers, "--seed", "1", "--profile", "Ada"); err != nil {
		t.Fatalf("first play: %v\n%s", err, out)
	}
	// a database big enough that a backup takes a while, as a real
	// facilitator's does: the window in which two start-ups overlap
	if out, err := run("sample-workshop", "--participants", "400", "--seed", "1"); err != nil {
		t.Fatalf("sample-workshop: %v\n%s", err, out)
	}
	pairs := [][2][]string{
		{{"profiles"}, {"profiles"}},
		{{"history", "--profile", "Ada"}, {"profiles"}},
		{{"play", "--scenario", scenario, "--answers", answers, "--seed", "2", "--profile", "Ben"}, {"profiles"}},
		{{"play", "--scenario", scenario, "--answers", answers, "--seed", "3", "--profile", "Cy"}, {"play", "--scenario", scenario, "--answers", answers, "--seed", "4", "--profile", "Di"}},
	}
	failures := 0
	for round := 0; round < 10; round++ {
		for _, pair := range pairs {
			var wg sync.WaitGroup
			errs := make([]string, 2)
			for i, args := range pair {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if out, err := run(args...); err != nil {
						errs[i] = fmt.Sprintf("%v: %v\n%s", args, err, out)
					}
				}()
			}
			wg.Wait()
			for _, e := range errs {
				if e != "" {
					failures++
					t.Errorf("round %d: a command failed while another ran:\n%s", round, e)
				}
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d commands failed", failures, 10*len(pairs)*2)
	}
}
