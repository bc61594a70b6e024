// Command bigresults writes large, well-formed results files for the import
// memory benchmark (bench/import-memory.sh): each holds thousands of
// attempts at a shipped scenario along its best path, and a last attempt at
// a scenario nobody has, so the importer parses and checks the whole file
// and then rejects it without spending minutes on the merge.
//
// Usage: go run ./bench/bigresults -n 12 -mb 50 -out DIR
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/google/uuid"

	"github.com/twohats/twohats/game"
	results "github.com/twohats/twohats/internal/resultsfile"
	"github.com/twohats/twohats/scenarios"
)

func main() {
	n := flag.Int("n", 12, "how many files")
	mb := flag.Int("mb", 50, "about how many megabytes each (under the 50 MiB limit)")
	out := flag.String("out", ".", "the folder to write them in")
	flag.Parse()
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped()})
	sc := lib.Get("lost-key-client")
	if sc == nil {
		fmt.Fprintln(os.Stderr, "bigresults: the shipped scenario lost-key-client is missing")
		os.Exit(1)
	}
	t0 := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	stamp := func(t time.Time) string { return t.Format("2006-01-02T15:04:05.000Z") }
	limit := int64(*mb) << 20
	if limit >= results.MaxFileSize {
		limit = results.MaxFileSize - 1<<20
	}
	for i := 0; i < *n; i++ {
		f := results.File{Format: results.Kind, Version: results.Version, ExportedAt: stamp(t0.Add(240 * time.Hour)),
			Profile: results.Profile{ID: uuid.NewString(), Name: fmt.Sprintf("Participant %d", i+1), CreatedAt: stamp(t0)}}
		size := int64(0)
		for k := 0; size < limit-(64<<10); k++ {
			st, _ := game.Start(sc, int64(k))
			a := results.Attempt{ID: uuid.NewString(), Scenario: sc.ID, ScenarioHash: sc.Hash, Seed: int64(k), Status: game.StatusOpen,
				StartedAt: stamp(t0.Add(time.Duration(k) * time.Second))}
			for seq := 1; !st.Done; seq++ {
				var best *game.Choice
				for _, c := range st.Current.Choices {
					if best == nil || game.ChoiceFit(st.Current.CallsFor, c) > game.ChoiceFit(st.Current.CallsFor, best) {
						best = c
					}
				}
				ans := game.Answer{Scene: st.Current.ID, Diagnosis: st.Current.CallsFor, Choice: best.ID}
				st.Answer(ans)
				a.Answers = append(a.Answers, results.Answer{ID: uuid.NewString(), Seq: seq, Scene: ans.Scene, Diagnosis: string(ans.Diagnosis),
					Choice: ans.Choice, At: a.StartedAt, Millis: 4000})
			}
			a.Status, a.FinishedAt, a.Ending = game.StatusFinished, a.StartedAt, st.Ending().ID
			b, _ := json.Marshal(a)
			size += int64(len(b)) + 1
			f.Attempts = append(f.Attempts, a)
		}
		f.Attempts = append(f.Attempts, results.Attempt{ID: uuid.NewString(), Scenario: "nobody-has-this", Seed: 1, Status: game.StatusOpen,
			StartedAt: stamp(t0), Answers: []results.Answer{}})
		data, err := json.Marshal(f)
		if err == nil {
			err = os.WriteFile(filepath.Join(*out, fmt.Sprintf("big-%02d.json", i+1)), data, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bigresults:", err)
			os.Exit(1)
		}
	}
}
