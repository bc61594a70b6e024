package scenarios_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts")

func shipped(t testing.TB) *scenarios.Library {
	t.Helper()
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "scenarios/"})
	for _, f := range lib.Failed {
		t.Errorf("shipped file failed to load:\n%v", f)
	}
	return lib
}

// TestShippedLibraryPassesTheLint holds the shipped library to the content
// standards: the same check as `twohats validate --strict scenarios/`.
func TestShippedLibraryPassesTheLint(t *testing.T) {
	lib := shipped(t)
	if n := len(lib.Scenarios); n != 20 {
		t.Errorf("the library has %d scenarios; the catalogue has twenty", n)
	}
	report := func(p scenarios.Problem) { t.Error(p) }
	for _, sc := range lib.Scenarios {
		for _, p := range scenarios.Lint(sc) {
			report(p)
		}
	}
	for _, p := range scenarios.LintLibrary("scenarios/", lib.Scenarios) {
		report(p)
	}
	t.Log("\n" + scenarios.Report(lib.Scenarios))
}

// TestNoSentenceCopiedFromSeeds checks the library against the source
// material in ../shared/seeds, when that folder is present.
func TestNoSentenceCopiedFromSeeds(t *testing.T) {
	dir := os.Getenv("TWOHATS_SEEDS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "seeds")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		// CI lays shared/ beside the clone: there a missing folder is a failure
		if os.Getenv("CI") != "" {
			t.Fatalf("no seed texts in %s: CI has the shared folder beside the checkout, so the copy check must run (set TWOHATS_SEEDS to point at the seeds)", dir)
		}
		t.Skipf("no seed texts in %s (set TWOHATS_SEEDS to check); skipping the copy check", dir)
	}
	seeds := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds[filepath.Base(f)] = string(data)
	}
	lib := shipped(t)
	for _, sc := range lib.Scenarios {
		for _, p := range scenarios.CopiedSentences(sc, seeds) {
			t.Error(p)
		}
	}
	// the check itself must catch a copy
	probe := &game.Scenario{Path: "probe.yaml", Scenes: []*game.Scene{{ID: "s", Text: scenarios.Sentences(seeds[filepath.Base(files[0])])[3]}}}
	if len(scenarios.CopiedSentences(probe, seeds)) == 0 && scenarios.Words(probe.Scenes[0].Text) >= 6 {
		t.Error("a sentence copied from a seed was not caught")
	}
}

// policy picks an answer at a moment.
type policy func(s *game.Scene) (game.Hat, *game.Choice)

// best reads every moment right and takes its best-fitting choice.
func best(s *game.Scene) (game.Hat, *game.Choice) {
	var pick *game.Choice
	for _, c := range s.Choices {
		if pick == nil || game.ChoiceFit(s.CallsFor, c) > game.ChoiceFit(s.CallsFor, pick) {
			pick = c
		}
	}
	return s.CallsFor, pick
}

// poor misreads every moment and takes its worst-fitting choice.
func poor(s *game.Scene) (game.Hat, *game.Choice) {
	var pick *game.Choice
	for _, c := range s.Choices {
		if pick == nil || game.ChoiceFit(s.CallsFor, c) < game.ChoiceFit(s.CallsFor, pick) {
			pick = c
		}
	}
	wrong := map[game.Hat]game.Hat{game.Manage: game.Lead, game.Lead: game.Manage, game.Both: game.Manage}[s.CallsFor]
	return wrong, pick
}

// wrongHat always takes the first choice in the other hat: the tempting move.
func wrongHat(s *game.Scene) (game.Hat, *game.Choice) {
	for _, c := range s.Choices {
		if c.Hat != s.CallsFor && c.Hat != game.None {
			return c.Hat, c
		}
	}
	return poor(s)
}

// TestGoldenTranscripts plays every shipped scenario along three paths and
// compares the answers and the result with testdata/golden, so any content
// change shows up in review. Refresh with `go test ./scenarios -update`.
func TestGoldenTranscripts(t *testing.T) {
	lib := shipped(t)
	for _, sc := range lib.Scenarios {
		for _, path := range []struct {
			name string
			pick policy
		}{{"best", best}, {"poor", poor}, {"wrong-hat", wrongHat}} {
			t.Run(sc.ID+"/"+path.name, func(t *testing.T) {
				st, err := game.Start(sc, 1)
				if err != nil {
					t.Fatal(err)
				}
				var answers strings.Builder
				fmt.Fprintf(&answers, "# %s, %s path: SCENE DIAGNOSIS CHOICE\n", sc.ID, path.name)
				for !st.Done {
					d, c := path.pick(st.Current)
					fmt.Fprintf(&answers, "%s %s %s\n", st.Current.ID, d, c.ID)
					if _, err := st.Answer(game.Answer{Scene: st.Current.ID, Diagnosis: d, Choice: c.ID}); err != nil {
						t.Fatal(err)
					}
					if len(st.Steps) > 100 {
						t.Fatal("more than 100 moments: the path loops")
					}
				}
				var out bytes.Buffer
				enc := json.NewEncoder(&out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(game.ResultOf(st)); err != nil {
					t.Fatal(err)
				}
				base := filepath.Join("testdata", "golden", sc.ID+"."+path.name)
				compare(t, base+".answers", answers.String())
				compare(t, base+".json", out.String())
				if path.name == "best" && *game.ResultOf(st).Scores.Fit != 100 {
					t.Errorf("the best path scores Fit %v, want 100", *game.ResultOf(st).Scores.Fit)
				}
			})
		}
	}
}

func compare(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./scenarios -update` to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from what the scenario now gives (run with -update if the change is intended):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// BenchmarkLoadShipped loads and validates every shipped scenario: the work
// at every start of the app. Target: under 20 ms.
func BenchmarkLoadShipped(b *testing.B) {
	for b.Loop() {
		lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "scenarios/"})
		if len(lib.Failed) > 0 || len(lib.Scenarios) == 0 {
			b.Fatal("load failed")
		}
	}
}
