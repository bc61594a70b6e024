package resultsfile_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	results "github.com/twohats/twohats/internal/resultsfile"
)

// An attempt marked scenario-changed skips the replay, but its answers must
// still be answers: a diagnosis that is not a hat is refused with a plain
// reason (not a SQL constraint), and scene and choice ids must be ids.
func TestScenarioChangedAnswersChecked(t *testing.T) {
	lib := resLibrary(t)
	laptop := resOpen(t, 1)
	p := participant(t, laptop, lib, "Ana", code)
	var good bytes.Buffer
	results.Export(laptop, p.ID, &good)
	for name, change := range map[string]func(a map[string]any){
		"diagnosis": func(a map[string]any) { a["diagnosis"] = "panic" },
		"scene":     func(a map[string]any) { a["scene"] = "=HYPERLINK(\"http://evil\")" + strings.Repeat("x", 100000) },
		"choice":    func(a map[string]any) { a["choice"] = "" },
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "changed.json")
			edit(func(m map[string]any) {
				a := attempt(m, 1)
				a["status"], a["scenario_hash"] = game.StatusScenarioChanged, "an-older-version"
				change(answer(m, 1, 0))
			})(t, good.Bytes(), path)
			facil := resOpen(t, 2)
			before := dump(t, facil)
			r := results.Import(facil, lib.Get, []string{path}, nil)
			if r[0].Err == nil {
				t.Fatalf("a scenario-changed attempt with a bad %s was imported", name)
			}
			if msg := r[0].Err.Error(); strings.Contains(msg, "constraint") || strings.Contains(msg, "CHECK") {
				t.Errorf("the reason is a database error, not a sentence: %s", msg)
			}
			if dump(t, facil) != before {
				t.Error("the rejected file changed the database")
			}
		})
	}
}
