package main

import (
	"strings"
	"testing"
)

// debriefRule is the line the terminal draws above the debrief.
var debriefRule = strings.Repeat("=", 60)

// splitDebrief cuts a terminal game's output into the play and the debrief.
func splitDebrief(t *testing.T, out string) (play, debrief string) {
	t.Helper()
	play, debrief, ok := strings.Cut(out, debriefRule)
	if !ok {
		t.Fatalf("the game never reached its debrief:\n%s", out)
	}
	return play, debrief
}

// TestTerminalHoldsFeedback: with --hold-feedback the terminal shows each
// choice's consequence and no verdict; the debrief gives them all.
func TestTerminalHoldsFeedback(t *testing.T) {
	vars := map[string]string{"TWOHATS_DATA": t.TempDir()}
	// "1" answers every prompt: continue, the manager reading, the first action
	code, out := interactive(t, vars, strings.Repeat("1\n", 30), "play", "--scenario", miniYAML, "--seed", "3", "--hold-feedback")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	play, debrief := splitDebrief(t, out)
	for _, verdict := range []string{"Your move was", "(fit ", "You read it as", "fit the moment"} {
		if strings.Contains(play, verdict) {
			t.Errorf("with the verdicts held, the play shows %q:\n%s", verdict, play)
		}
	}
	if !strings.Contains(play, "The verdict on this move waits for the debrief.") || !strings.Contains(play, "Consequence: ") {
		t.Errorf("the play does not show the consequence and say the verdict waits:\n%s", play)
	}
	if !strings.Contains(debrief, "You chose the manager hat (fit 30): Check everyone's screen hourly. You read it as Stabilise. You read it exactly right. The manager hat done badly.") {
		t.Errorf("the debrief does not give the held verdicts:\n%s", debrief)
	}

	// without the flag, each verdict comes at once, as before
	_, out = interactive(t, vars, strings.Repeat("1\n", 30), "play", "--scenario", miniYAML, "--seed", "3")
	play, debrief = splitDebrief(t, out)
	if !strings.Contains(play, "Your move was") || strings.Contains(debrief, "The manager hat done badly.") {
		t.Errorf("without --hold-feedback the verdicts are not shown at once:\n%s", out)
	}
}

// TestWorkshopFeedbackCommand: a workshop created to hold the verdicts
// holds them for a player who did not ask; `workshop feedback CODE show`
// shows them again; the list says which.
func TestWorkshopFeedbackCommand(t *testing.T) {
	data := facData(t)
	code, stdout, stderr := facRun(t, "workshop", "create", "Argue first", "--hold-feedback", "--data", data)
	join := strings.TrimSpace(stdout)
	if code != 0 || !strings.Contains(stderr, "see each moment's verdict only in the debrief") {
		t.Fatalf("workshop create --hold-feedback: %d %s %s", code, stdout, stderr)
	}
	if _, stdout, _ := facRun(t, "workshop", "list", "--data", data); !strings.Contains(stdout, "VERDICTS") || !strings.Contains(stdout, join+"  open     held ") {
		t.Errorf("workshop list does not say the verdicts are held:\n%s", stdout)
	}
	vars := map[string]string{"TWOHATS_DATA": data}
	_, out := interactive(t, vars, strings.Repeat("1\n", 20), "play", "--scenario", "fac-two", "--profile", "Ana", "--workshop", join, "--seed", "1")
	play, debrief := splitDebrief(t, out)
	if strings.Contains(play, "Your move was") || !strings.Contains(play, "The meters did not move.") || !strings.Contains(debrief, "You read it as Stabilise. You read it exactly right.") {
		t.Errorf("the workshop's verdicts were not held for its player:\n%s", out)
	}

	if code, stdout, _ := facRun(t, "workshop", "feedback", strings.ToLower(join), "show", "--data", data); code != 0 || !strings.Contains(stdout, "now shows each moment's verdict right after the choice") {
		t.Fatalf("workshop feedback show: %d %s", code, stdout)
	}
	if _, stdout, _ := facRun(t, "workshop", "list", "--data", data); !strings.Contains(stdout, join+"  open     shown") {
		t.Errorf("workshop list does not say the verdicts are shown:\n%s", stdout)
	}
	_, out = interactive(t, vars, strings.Repeat("1\n", 20), "play", "--scenario", "fac-two", "--profile", "Bea", "--workshop", join, "--seed", "1")
	if play, _ := splitDebrief(t, out); !strings.Contains(play, "Your move was") {
		t.Errorf("after show, the workshop's player does not see the verdicts at once:\n%s", out)
	}
}
