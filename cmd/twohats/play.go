package main

import (
	"bufio"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/terminal"
	"github.com/twohats/twohats/scenarios"
)

func init() {
	register(&command{
		name: "play",
		args: "--scenario ID|FILE [--seed N] [--hold-feedback] [--answers FILE [--json]] [--profile NAME [--workshop CODE]] [--data DIR]",
		summary: "Play a scenario in the terminal.\n" +
			"Interactively: read each moment (manage / lead / both), pick a numbered action, see the feedback and the debrief.\n" +
			"--hold-feedback shows only each choice's consequence and keeps every verdict for the debrief; a workshop\n" +
			"on this machine that holds them (`twohats workshop feedback CODE hold`) holds them for its players anyway.\n" +
			"With --answers FILE: play non-interactively from lines `SCENE-ID DIAGNOSIS CHOICE-ID` (# starts a comment);\n" +
			"--json prints the result as one JSON object.",
		run: runPlay,
	})
}

// playOptions is what a play run needs besides the scenario.
type playOptions struct {
	seed    int64
	answers string
	json    bool
	hold    bool // the verdicts wait for the debrief
}

func runPlay(e *env, fs *flag.FlagSet, args []string) int {
	scenario := fs.String("scenario", "", "the scenario: an id from `twohats list`, or a path to a .yaml file")
	seed := fs.Int64("seed", 0, "the attempt's seed, which orders the choices (default: random)")
	answers := fs.String("answers", "", "play non-interactively from this answers file")
	asJSON := fs.Bool("json", false, "with --answers, print the result as JSON")
	hold := fs.Bool("hold-feedback", false, "hold each moment's verdict until the debrief; show only the consequence after each choice")
	profile := fs.String("profile", "", "record the attempt under this player profile (created if new)")
	workshop := fs.String("workshop", "", "with --profile, tag the attempt with this workshop join code")
	data := dataFlag(fs)
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if *scenario == "" {
		fmt.Fprintln(e.stderr, "twohats play: say which scenario with --scenario ID or --scenario FILE; `twohats list` shows the ids.")
		return 2
	}
	if *asJSON && *answers == "" {
		fmt.Fprintln(e.stderr, "twohats play: --json needs --answers FILE.")
		return 2
	}
	seedSet := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "seed" {
			seedSet = true
		}
	})
	if !seedSet {
		*seed = randomSeed()
	}
	dir, err := resolveDataDir(*data, e.getenv)
	if err != nil {
		return failer(e, "play")(err)
	}
	sc, err := findScenario(*scenario, dir)
	if err != nil {
		return failer(e, "play")(err)
	}
	opts := playOptions{seed: *seed, answers: *answers, json: *asJSON, hold: *hold}
	if *profile != "" {
		return playRecorded(e, sc, opts, dir, *profile, *workshop)
	}
	if *workshop != "" {
		fmt.Fprintln(e.stderr, "twohats play: --workshop needs --profile NAME, so the attempt has someone to belong to.")
		return 2
	}
	st, err := game.Start(sc, opts.seed)
	if err != nil {
		return failer(e, "play")(err)
	}
	return playLoop(e, st, opts, st.Answer, false)
}

// player plays an answer: an unrecorded game applies it to the state; a
// recorded one goes through the session, which saves it first.
type player func(a game.Answer) (game.Step, error)

// playLoop drives the state to an ending, from an answers file or the
// terminal, saving each answer through save when it is set.
func playLoop(e *env, st *game.State, opts playOptions, play player, recorded bool) int {
	if opts.answers != "" {
		if err := playAnswers(e, st, opts, play, recorded); err != nil {
			return failer(e, "play")(err)
		}
		return 0
	}
	t := terminal.New(e.stdin, e.stdout)
	t.Hold = opts.hold
	if err := t.Play(st, terminal.Player(play)); err != nil {
		if errors.Is(err, io.EOF) {
			fmt.Fprintln(e.stdout, "\nStopped before the end.")
			if recorded {
				fmt.Fprintln(e.stdout, "Every answer you gave is saved; play again with the same profile to resume.")
			}
			return 0
		}
		return failer(e, "play")(err)
	}
	return 0
}

func randomSeed() int64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 1
	}
	return int64(binary.LittleEndian.Uint64(b[:]) >> 1)
}

// findScenario resolves --scenario: a file when the value names one, else an
// id in the loaded library.
func findScenario(arg, dataDir string) (*game.Scenario, error) {
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		sc, probs := readScenarioFile(arg)
		if len(probs) > 0 {
			return nil, fmt.Errorf("the scenario file has problems:\n%s", probs.Error())
		}
		return sc, nil
	}
	if scenarios.IsScenarioFile(arg) {
		return nil, fmt.Errorf("the scenario file %s does not exist", arg)
	}
	lib := loadLibrary(dataDir)
	if sc := lib.Get(arg); sc != nil {
		return sc, nil
	}
	ids := make([]string, 0, len(lib.Scenarios))
	for _, s := range lib.Scenarios {
		ids = append(ids, s.ID)
	}
	sort.Strings(ids)
	return nil, fmt.Errorf("there is no scenario %q; the scenarios are: %s", arg, strings.Join(ids, ", "))
}

// answerLine is one parsed line of an answers file.
type answerLine struct {
	line      int
	scene     string
	diagnosis game.Hat
	choice    string
}

func readAnswers(path string) ([]answerLine, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open the answers file: %w", err)
	}
	defer f.Close()
	var out []answerLine
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s:%d: expected `SCENE-ID DIAGNOSIS CHOICE-ID`, found %d words", path, n, len(fields))
		}
		h, ok := game.ParseHat(fields[1])
		if !ok || h == game.None {
			return nil, fmt.Errorf("%s:%d: the diagnosis %q must be manage, lead or both", path, n, fields[1])
		}
		out = append(out, answerLine{n, fields[0], h, fields[2]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read the answers file %s: %w", path, err)
	}
	return out, nil
}

func playAnswers(e *env, st *game.State, opts playOptions, play player, recorded bool) error {
	lines, err := readAnswers(opts.answers)
	if err != nil {
		return err
	}
	// a resumed attempt has answered some moments already: skip the lines it has
	done := len(st.Steps)
	if done > len(lines) {
		done = len(lines)
	}
	for i := 0; i < done; i++ {
		a := st.Steps[i].Answer
		if l := lines[i]; l.scene != a.Scene || l.choice != a.Choice {
			return fmt.Errorf("%s:%d: this attempt already answered %s with %s, not %s; start a new attempt to play different answers", opts.answers, l.line, a.Scene, a.Choice, l.choice)
		}
	}
	for _, l := range lines[done:] {
		if st.Done {
			return fmt.Errorf("%s:%d: the scenario already ended at %q; remove the lines after it", opts.answers, l.line, st.Current.ID)
		}
		if l.scene != st.Current.ID {
			return fmt.Errorf("%s:%d: the current moment is %q, but this line answers %q", opts.answers, l.line, st.Current.ID, l.scene)
		}
		if st.Current.Choice(l.choice) == nil {
			return fmt.Errorf("%s:%d: moment %q has no choice %q; its choices are %s", opts.answers, l.line, l.scene, l.choice, choiceIDs(st.Current))
		}
		a := game.Answer{Scene: l.scene, Diagnosis: l.diagnosis, Choice: l.choice}
		if _, err := play(a); err != nil {
			return fmt.Errorf("%s:%d: %w", opts.answers, l.line, err)
		}
		if recorded {
			// the answer is on disk: say so, for scripts and the crash test
			fmt.Fprintf(e.stdout, "saved %s %s\n", a.Scene, a.Choice)
			if f, ok := e.stdout.(interface{ Sync() error }); ok {
				_ = f.Sync()
			}
		}
	}
	if !st.Done {
		return fmt.Errorf("%s: the answers end before the scenario does; the next moment is %q", opts.answers, st.Current.ID)
	}
	if opts.json {
		return writeJSON(e.stdout, game.ResultOf(st))
	}
	terminal.PrintDebrief(e.stdout, st.Debrief())
	return nil
}

func choiceIDs(s *game.Scene) string {
	ids := make([]string, len(s.Choices))
	for i, c := range s.Choices {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
