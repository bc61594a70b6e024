package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const beatBeforeEnding = `format: 1
id: beat-end
title: Beat End
summary: A moment, then a beat, then the ending.
situation: crisis
tags: [test]
minutes: 1
meters: {stability: 50, morale: 50, trust: 50}
start: m1
scenes:
  - id: m1
    text: The only moment.
    calls_for: manage
    why: Nobody knows the numbers.
    choices:
      - id: plan
        text: Make a plan.
        hat: manage
        feedback: Fitting.
        next: aftermath
      - id: speech
        text: Give a speech.
        hat: lead
        feedback: Too soon.
        next: aftermath
  - id: aftermath
    text: The week that follows the decision.
    next: end
  - id: end
    ending: true
    title: The End
    text: It is over.
    away: They cope.
`

// The terminal game shows the beats between the last answer and the ending,
// as the app does, before the debrief.
func TestTerminalShowsBeatsBeforeEnding(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "beat-end.yaml")
	if err := os.WriteFile(path, []byte(beatBeforeEnding), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"TWOHATS_DATA": t.TempDir()}
	code, out := interactive(t, vars, "m\n1\n\n\n", "play", "--scenario", path, "--seed", "1")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if !strings.Contains(out, "The week that follows the decision.") {
		t.Fatalf("the beat before the ending was never shown:\n%s", out)
	}
}

// The desktop app's own flags are documented: --help names --data, and a
// bad flag prints that usage rather than Go's bare "Usage of twohats".
func TestAppUsageNamesDataFlag(t *testing.T) {
	code, out := interactive(t, nil, "", "--help")
	if code != 0 || !strings.Contains(out, "--data DIR") {
		t.Fatalf("twohats --help (exit %d) does not name --data DIR:\n%s", code, out)
	}
	code, out = interactive(t, nil, "", "--no-such-flag")
	if code != 2 || strings.Contains(out, "Usage of twohats") {
		t.Fatalf("twohats --no-such-flag (exit %d) printed:\n%s", code, out)
	}
}
