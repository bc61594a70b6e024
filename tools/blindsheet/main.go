// Command blindsheet writes what a blind reviewer of a scenario reads: the
// player-visible text along the best path — summary, scenes and beats, and
// each moment's actions in the shuffled order a player would see, lettered
// — with no hats, fits, feedback or reasons. A second file holds the key
// for the same letters, to open only after the picks are written down.
//
// Usage: go run ./tools/blindsheet -out DIR FILE.yaml...
// writes DIR/ID.sheet.md and DIR/ID.key.md for each scenario.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

func main() {
	out := flag.String("out", ".", "the folder to write the sheets in")
	seed := flag.Int64("seed", 1, "the seed that orders each moment's actions")
	flag.Parse()
	for _, path := range flag.Args() {
		dir, name := filepath.Split(path)
		if dir == "" {
			dir = "."
		}
		sc, probs := scenarios.ReadFile(os.DirFS(dir), name, path)
		if sc == nil {
			fmt.Fprintln(os.Stderr, probs.Error())
			os.Exit(1)
		}
		sheet, key := write(sc, *seed)
		for file, text := range map[string]string{sc.ID + ".sheet.md": sheet, sc.ID + ".key.md": key} {
			if err := os.WriteFile(filepath.Join(*out, file), []byte(text), 0o644); err != nil {
				fmt.Fprintln(os.Stderr, "blindsheet:", err)
				os.Exit(1)
			}
		}
	}
}

// write plays the best path and writes the sheet and its key.
func write(sc *game.Scenario, seed int64) (string, string) {
	var sheet, key strings.Builder
	fmt.Fprintf(&sheet, "# %s\n\n%s\n\n", sc.Title, strings.Join(strings.Fields(sc.Summary), " "))
	fmt.Fprintf(&key, "# Key: %s\n\n", sc.Title)
	st, err := game.Start(sc, seed)
	if err != nil {
		panic(err)
	}
	shown := 0
	for n := 1; !st.Done; n++ {
		for _, b := range st.Beats {
			fmt.Fprintf(&sheet, "%s\n\n", strings.TrimSpace(b.Text))
		}
		s := st.Current
		fmt.Fprintf(&sheet, "## Moment %d\n\n%s\n\n", n, strings.TrimSpace(s.Text))
		fmt.Fprintf(&sheet, "Reading: Stabilise / Re-energise / Both?\n\n")
		fmt.Fprintf(&key, "## Moment %d (%s): calls for %s\n\n%s\n\n", n, s.ID, s.CallsFor, strings.Join(strings.Fields(s.Why), " "))
		var best *game.Choice
		for i, c := range st.Choices() {
			letter := string(rune('A' + i))
			fmt.Fprintf(&sheet, "%s. %s\n", letter, strings.Join(strings.Fields(c.Text), " "))
			fit := game.ChoiceFit(s.CallsFor, c)
			fmt.Fprintf(&key, "- %s (%s): %s, %s, fit %d — %s\n", letter, c.ID, c.Hat, c.Craft, fit, strings.Join(strings.Fields(c.Feedback), " "))
			if best == nil || fit > game.ChoiceFit(s.CallsFor, best) {
				best = c
			}
		}
		sheet.WriteString("\n")
		key.WriteString("\n")
		if _, err := st.Answer(game.Answer{Scene: s.ID, Diagnosis: s.CallsFor, Choice: best.ID}); err != nil {
			panic(err)
		}
		shown++
	}
	for _, b := range st.Beats {
		fmt.Fprintf(&sheet, "%s\n\n", strings.TrimSpace(b.Text))
	}
	end := st.Ending()
	fmt.Fprintf(&key, "Ending on this path: %s (%s)\n", end.Title, end.Outcome)
	return sheet.String(), key.String()
}
