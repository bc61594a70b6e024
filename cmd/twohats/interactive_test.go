package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

// pick finds the number the terminal shows for a choice at a moment, given
// the attempt's seed: the order on screen is the seeded shuffle.
func pick(t *testing.T, sceneID, choiceID string, seed int64) int {
	t.Helper()
	data, err := os.ReadFile(miniYAML)
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenarios.Parse("mini.yaml", data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	for i, c := range game.ShuffledChoices(sc.Scene(sceneID), seed) {
		if c.ID == choiceID {
			return i + 1
		}
	}
	t.Fatalf("no choice %s at %s", choiceID, sceneID)
	return 0
}

func interactive(t *testing.T, vars map[string]string, input string, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(input), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code := run(args, e)
	// the terminal wraps prose at 76 columns; compare words, not line breaks
	return code, strings.Join(strings.Fields(out.String()+errb.String()), " ")
}

// TestInteractivePlay drives the terminal game as a player would: Enter
// past the beat, a reading, a numbered move, Enter to go on. Stopping
// half-way keeps the answers; the next run offers to resume.
func TestInteractivePlay(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"TWOHATS_DATA": dir}
	args := []string{"play", "--scenario", miniYAML, "--seed", "3", "--profile", "Nkechi"}

	// first sitting: one moment, then the input ends (the terminal closes)
	first := fmt.Sprintf("\n"+"x\nm\n"+"9\n%d\n", pick(t, "m1", "plan", 3))
	code, out := interactive(t, vars, first, args...)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		"A beat before the first moment.", "[Enter] to continue",
		"Read the moment. What does it call for?", "Type m, l or b.",
		"Type a number from 1 to 4.",
		"You read it as Stabilise; it called for Stabilise. You read it exactly right. Your move was the manager hat, and it fit the moment (fit 100).",
		"stability 40 → 60 (+20)", "Stopped before the end.", "Every answer you gave is saved",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the first sitting does not show %q:\n%s", want, out)
		}
	}

	// second sitting: resume, then finish with a poorly crafted move
	second := fmt.Sprintf("y\n"+"\n"+"b\n%d\n\n"+"l\n%d\n", pick(t, "m2", "both-ways", 3), pick(t, "m3", "hype", 3))
	code, out = interactive(t, vars, second, args...)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		"You have an unfinished attempt at \"Mini\"", "with 1 answer. Resume it? [Y/n]",
		"resuming after 1 answered moment.",
		"Your move was the leader hat, done poorly, and it did not fit the moment (fit 30).",
		"Bad — A weak ending", "The away test: They wait for you.",
		"Fit 77 Management 100 Leadership 65 Reading 100",
		"Your path: intro → m1 → m2 → m3 → bad-end",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the second sitting does not show %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "The first moment calls for the manager hat.") {
		t.Errorf("the resumed attempt showed the first moment again:\n%s", out)
	}
}

// TestQuietUnderServerLocales runs the real binary with the locales servers
// and containers often have: terminal commands print nothing on stderr.
func TestQuietUnderServerLocales(t *testing.T) {
	bin := buildBinary(t)
	for _, env := range []string{"LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LANG=C", "LANG=POSIX", "LANG=en_GB.UTF-8", "LANG="} {
		cmd := exec.Command(bin, "version")
		cmd.Env = []string{"HOME=" + t.TempDir(), env}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || !strings.HasPrefix(string(out), "twohats ") || stderr.Len() > 0 {
			t.Errorf("%s twohats version: %v, stdout %q, stderr %q", env, err, out, stderr.String())
		}
	}
}
