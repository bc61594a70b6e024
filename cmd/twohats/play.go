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
	"strconv"
	"strings"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

func init() {
	register(&command{
		name: "play",
		args: "--scenario ID|FILE [--seed N] [--answers FILE [--json]] [--profile NAME [--workshop CODE]] [--data DIR]",
		summary: "Play a scenario in the terminal.\n" +
			"Interactively: read each moment (manage / lead / both), pick a numbered action, see the feedback and the debrief.\n" +
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
}

func runPlay(e *env, fs *flag.FlagSet, args []string) int {
	scenario := fs.String("scenario", "", "the scenario: an id from `twohats list`, or a path to a .yaml file")
	seed := fs.Int64("seed", 0, "the attempt's seed, which orders the choices (default: random)")
	answers := fs.String("answers", "", "play non-interactively from this answers file")
	asJSON := fs.Bool("json", false, "with --answers, print the result as JSON")
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
	opts := playOptions{seed: *seed, answers: *answers, json: *asJSON}
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
	t := &terminal{in: bufio.NewReader(e.stdin), out: e.stdout}
	if err := t.play(st, play); err != nil {
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
	printDebrief(e.stdout, st.Debrief())
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

// terminal is the interactive player.
type terminal struct {
	in  *bufio.Reader
	out io.Writer
}

func (t *terminal) ask(prompt string) (string, error) {
	fmt.Fprint(t.out, prompt)
	line, err := t.in.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", io.EOF
	}
	return strings.TrimSpace(line), nil
}

func (t *terminal) play(st *game.State, play player) error {
	sc := st.Scenario
	if len(st.Steps) == 0 {
		fmt.Fprintf(t.out, "\n%s\n%s\n\n%s\n", sc.Title, strings.Repeat("=", len([]rune(sc.Title))), wrap(sc.Summary, 76))
	} else {
		fmt.Fprintf(t.out, "\n%s — resuming after %d answered moment(s).\n", sc.Title, len(st.Steps))
	}
	for !st.Done {
		for _, b := range st.Beats {
			fmt.Fprintf(t.out, "\n%s\n", wrap(b.Text, 76))
			if _, err := t.ask("\n[Enter] to continue "); err != nil {
				return err
			}
		}
		m := st.Current
		fmt.Fprintf(t.out, "\n%s\n%s\n\n%s\n", meterLine(st.Meters), strings.Repeat("-", 60), wrap(m.Text, 76))
		shown := time.Now()
		diag, err := t.askDiagnosis()
		if err != nil {
			return err
		}
		choices := st.Choices()
		fmt.Fprintln(t.out)
		for i, c := range choices {
			fmt.Fprintf(t.out, "  %d) %s\n", i+1, indent(wrap(c.Text, 70), "     "))
		}
		pick, err := t.askNumber(len(choices))
		if err != nil {
			return err
		}
		a := game.Answer{Scene: m.ID, Diagnosis: diag, Choice: choices[pick].ID, Millis: time.Since(shown).Milliseconds()}
		step, err := play(a)
		if err != nil {
			return err
		}
		printFeedback(t.out, step)
		if !st.Done {
			if _, err := t.ask("\n[Enter] to continue "); err != nil {
				return err
			}
		}
	}
	// the beats between the last answer and the ending are part of the
	// story, as the app shows them: tell them before the debrief
	for _, b := range st.Beats {
		fmt.Fprintf(t.out, "\n%s\n", wrap(b.Text, 76))
	}
	printDebrief(t.out, st.Debrief())
	return nil
}

func (t *terminal) askDiagnosis() (game.Hat, error) {
	for {
		s, err := t.ask("\nRead the moment. What does it call for? [m]anage (stabilise) / [l]ead (re-energise) / [b]oth: ")
		if err != nil {
			return "", err
		}
		switch strings.ToLower(s) {
		case "m", "manage", "s", "stabilise", "stabilize", "1":
			return game.Manage, nil
		case "l", "lead", "r", "re-energise", "reenergise", "2":
			return game.Lead, nil
		case "b", "both", "3":
			return game.Both, nil
		}
		fmt.Fprintln(t.out, "Type m, l or b.")
	}
}

func (t *terminal) askNumber(n int) (int, error) {
	for {
		s, err := t.ask(fmt.Sprintf("\nYour move [1-%d]: ", n))
		if err != nil {
			return 0, err
		}
		if k, err := strconv.Atoi(s); err == nil && k >= 1 && k <= n {
			return k - 1, nil
		}
		fmt.Fprintf(t.out, "Type a number from 1 to %d.\n", n)
	}
}

func printFeedback(w io.Writer, s game.Step) {
	verdict := game.FitBand(s.Fit).Verdict()
	hat := s.Choice.Hat.Label()
	if s.Choice.Craft == game.Poor && s.Choice.Fit == nil {
		hat += ", done poorly"
	}
	fmt.Fprintf(w, "\n%s\n", wrap(fmt.Sprintf("You read it as %s; it called for %s. %s Your move was %s, and it %s (fit %d).",
		s.Answer.Diagnosis.Verb(), s.Scene.CallsFor.Verb(), game.ReadingLine(s.Reading), hat, verdict, s.Fit), 76))
	fmt.Fprintf(w, "%s\n", wrap(s.Choice.Feedback, 76))
	var moves []string
	for _, m := range game.Meters {
		if d := s.After.Get(m) - s.Before.Get(m); d != 0 {
			moves = append(moves, fmt.Sprintf("%s %d → %d (%+d)", m, s.Before.Get(m), s.After.Get(m), d))
		}
	}
	if len(moves) > 0 {
		fmt.Fprintf(w, "%s\n", strings.Join(moves, ", "))
	}
}

func meterLine(m game.Levels) string {
	parts := make([]string, len(game.Meters))
	for i, name := range game.Meters {
		parts[i] = fmt.Sprintf("%s %3d", name, m.Get(name))
	}
	return strings.Join(parts, " | ")
}

func fmtScore(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func printDebrief(w io.Writer, d game.Debrief) {
	fmt.Fprintf(w, "\n%s\n", strings.Repeat("=", 60))
	if d.Ending != nil {
		title := d.Ending.Title
		if l := d.Ending.Outcome.Label(); l != "" {
			title += " — " + l
		}
		fmt.Fprintf(w, "%s\n\n%s\n\nThe away test: %s\n", title, wrap(d.Ending.Text, 76), wrap(d.Ending.Away, 76))
	}
	fmt.Fprintf(w, "\nFit %s   Management %s   Leadership %s   Reading %s\n",
		fmtScore(d.Scores.Fit), fmtScore(d.Scores.Management), fmtScore(d.Scores.Leadership), fmtScore(d.Scores.Reading))
	fmt.Fprintf(w, "%s\n%s\n", wrap(d.Scores.TendencyCounts(), 76), wrap(d.Tendency.Cost(), 76))
	fmt.Fprintf(w, "\nMoment by moment:\n")
	for i, r := range d.Review {
		fmt.Fprintf(w, "%2d. %s called for %s. %s\n    You chose %s (fit %d): %s\n", i+1, r.Scene, r.CallsFor.Verb(), r.Why, r.Hat.Label(), r.Fit, r.ChoiceText)
	}
	fmt.Fprintf(w, "\nYour path: %s\n", strings.Join(d.Path, " → "))
}

// wrap folds prose at width, keeping blank lines between paragraphs and
// Markdown list items on lines of their own.
func wrap(s string, width int) string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(s), "\n\n") {
		var lines []string
		line := ""
		flush := func() {
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
		}
		for _, src := range strings.Split(para, "\n") {
			t := strings.TrimSpace(src)
			if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
				flush()
			}
			for _, word := range strings.Fields(t) {
				switch {
				case line == "":
					line = word
				case len([]rune(line))+1+len([]rune(word)) > width:
					lines = append(lines, line)
					line = "  " + word
					if !strings.HasPrefix(t, "- ") && !strings.HasPrefix(t, "* ") {
						line = word
					}
				default:
					line += " " + word
				}
			}
		}
		flush()
		out = append(out, strings.Join(lines, "\n"))
	}
	return strings.Join(out, "\n\n")
}

func indent(s, pad string) string { return strings.ReplaceAll(s, "\n", "\n"+pad) }
