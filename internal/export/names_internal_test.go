package export

import (
	"testing"

	"github.com/twohats/twohats/game"
)

func TestSceneName(t *testing.T) {
	sc := &game.Scenario{Summary: "Vasco waits. The 8D is due, and Vasco knows it; the Q3 numbers are late.",
		Scenes: []*game.Scene{{ID: "x", Text: "Line 3 stops. Ask Zanele, or ask zanele's lead about the line."}}}
	for id, want := range map[string]string{
		"the-8d":          "The 8D",          // the prose's casing
		"when-vasco-left": "When Vasco left", // a name
		"ask-zanele":      "Ask zanele",      // spelt two ways: left as the id has it
		"q3-numbers":      "Q3 numbers",
		"the-line":        "The line",  // "Line" starts a sentence, which does not count
		"3rd-shift":       "3rd shift", // ordinals and times are not codes
		"call-at-2am":     "Call at 2am",
		"aisle-41":        "Aisle 41",
		"b2b-deal":        "B2B deal", // a code the prose does not name
	} {
		if got := sceneName(sc, id); got != want {
			t.Errorf("sceneName(%q) = %q, want %q", id, got, want)
		}
	}
	if got := sceneName(nil, "the-8d"); got != "The 8D" {
		t.Errorf("without the scenario, sceneName(the-8d) = %q, want The 8D", got)
	}
}
