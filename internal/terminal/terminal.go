// Package terminal is the text front end: the interactive player, the
// feedback and debrief as text, and the room view as a printout, written
// for a terminal that must never be driven by what a scenario or a
// participant wrote (control characters are shown, not obeyed).
package terminal

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/twohats/twohats/game"
)

// Player plays one answer: an unrecorded game applies it to the state; a
// recorded one goes through the session, which saves it first.
type Player func(a game.Answer) (game.Step, error)

// New is a terminal reading answers from in and writing to out.
func New(in io.Reader, out io.Writer) *Terminal {
	return &Terminal{in: bufio.NewReader(in), out: out}
}

// Terminal is the interactive player.
type Terminal struct {
	in  *bufio.Reader
	out io.Writer
	// Hold holds each moment's verdict until the debrief: after a choice
	// the player sees only its consequence (PrintConsequence), and the
	// debrief gives every verdict in full (PrintVerdicts).
	Hold bool
}

func (t *Terminal) ask(prompt string) (string, error) {
	fmt.Fprint(t.out, prompt)
	line, err := t.in.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", io.EOF
	}
	return strings.TrimSpace(line), nil
}

func (t *Terminal) Play(st *game.State, play Player) error {
	sc := st.Scenario
	if len(st.Steps) == 0 {
		fmt.Fprintf(t.out, "\n%s\n%s\n\n%s\n", sc.Title, strings.Repeat("=", len([]rune(sc.Title))), Wrap(sc.Summary, 76))
	} else {
		fmt.Fprintf(t.out, "\n%s — resuming after %s.\n", sc.Title, game.Count(len(st.Steps), "answered moment"))
	}
	for !st.Done {
		for _, b := range st.Beats {
			fmt.Fprintf(t.out, "\n%s\n", Wrap(b.Text, 76))
			if _, err := t.ask("\n[Enter] to continue "); err != nil {
				return err
			}
		}
		m := st.Current
		fmt.Fprintf(t.out, "\n%s\n%s\n\n%s\n", MeterLine(st.Meters), strings.Repeat("-", 60), Wrap(m.Text, 76))
		shown := time.Now()
		diag, err := t.askDiagnosis()
		if err != nil {
			return err
		}
		choices := st.Choices()
		fmt.Fprintln(t.out)
		for i, c := range choices {
			fmt.Fprintf(t.out, "  %d) %s\n", i+1, Indent(Wrap(c.Text, 70), "     "))
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
		if t.Hold {
			PrintConsequence(t.out, step)
		} else {
			PrintFeedback(t.out, step)
		}
		if !st.Done {
			if _, err := t.ask("\n[Enter] to continue "); err != nil {
				return err
			}
		}
	}
	// the beats between the last answer and the ending are part of the
	// story, as the app shows them: tell them before the debrief
	for _, b := range st.Beats {
		fmt.Fprintf(t.out, "\n%s\n", Wrap(b.Text, 76))
	}
	if t.Hold {
		PrintHeldDebrief(t.out, st.Debrief())
	} else {
		PrintDebrief(t.out, st.Debrief())
	}
	return nil
}

func (t *Terminal) askDiagnosis() (game.Hat, error) {
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

func (t *Terminal) askNumber(n int) (int, error) {
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

// PrintFeedback is the verdict on a move: the reading, the hat, the fit and
// the mentor's feedback, then how the meters moved.
func PrintFeedback(w io.Writer, s game.Step) {
	verdict := game.FitBand(s.Fit).Verdict()
	hat := s.Choice.Hat.Label()
	if s.Choice.Craft == game.Poor && s.Choice.Fit == nil {
		hat += ", done poorly"
	}
	fmt.Fprintf(w, "\n%s\n", Wrap(fmt.Sprintf("You read it as %s; it called for %s. %s Your move was %s, and it %s (fit %d).",
		s.Answer.Diagnosis.Verb(), s.Scene.CallsFor.Verb(), game.ReadingLine(s.Reading), hat, verdict, s.Fit), 76))
	fmt.Fprintf(w, "%s\n", Wrap(s.Choice.Feedback, 76))
	if moves := meterMoves(s); len(moves) > 0 {
		fmt.Fprintf(w, "%s\n", strings.Join(moves, ", "))
	}
}

func meterMoves(s game.Step) []string {
	var moves []string
	for _, m := range game.Meters {
		if d := s.After.Get(m) - s.Before.Get(m); d != 0 {
			moves = append(moves, fmt.Sprintf("%s %d → %d (%+d)", m, s.Before.Get(m), s.After.Get(m), d))
		}
	}
	return moves
}

// PrintConsequence is a move's feedback with the verdict held: how the
// meters moved, and nothing that names the hat or the fit (the mentor's
// feedback names the hat, so it waits for the debrief too).
func PrintConsequence(w io.Writer, s game.Step) {
	what := "The meters did not move."
	if moves := meterMoves(s); len(moves) > 0 {
		what = "Consequence: " + strings.Join(moves, ", ") + "."
	}
	fmt.Fprintf(w, "\n%s\n%s\n", what, Wrap("The verdict on this move waits for the debrief.", 76))
}

func MeterLine(m game.Levels) string {
	parts := make([]string, len(game.Meters))
	for i, name := range game.Meters {
		parts[i] = fmt.Sprintf("%s %3d", name, m.Get(name))
	}
	return strings.Join(parts, " | ")
}

// Score is a score as the terminal shows it: as every front end does
// (game.ScoreText).
func Score(v *float64) string { return game.ScoreText(v) }

// PrintDebrief is the debrief after play that showed each verdict at once.
func PrintDebrief(w io.Writer, d game.Debrief) { printDebrief(w, d, false) }

// PrintHeldDebrief is the debrief after play that held the verdicts: each
// moment also says how the reading went and gives the mentor's feedback.
func PrintHeldDebrief(w io.Writer, d game.Debrief) { printDebrief(w, d, true) }

func printDebrief(w io.Writer, d game.Debrief, held bool) {
	fmt.Fprintf(w, "\n%s\n", strings.Repeat("=", 60))
	if d.Ending != nil {
		title := d.Ending.Title
		if l := d.Ending.Outcome.Label(); l != "" {
			title += " — " + l
		}
		fmt.Fprintf(w, "%s\n\n%s\n\nThe away test: %s\n", title, Wrap(d.Ending.Text, 76), Wrap(d.Ending.Away, 76))
	}
	fmt.Fprintf(w, "\nFit %s   Management %s   Leadership %s   Reading %s\n",
		Score(d.Scores.Fit), Score(d.Scores.Management), Score(d.Scores.Leadership), Score(d.Scores.Reading))
	fmt.Fprintf(w, "%s\n%s\n", Wrap(d.Scores.TendencyCounts(), 76), Wrap(d.Tendency.Cost(), 76))
	fmt.Fprintf(w, "\nMoment by moment:\n")
	for i, r := range d.Review {
		if r.InRoom {
			fmt.Fprintf(w, "%2d. %s called for %s. %s\n    %s\n", i+1, r.Scene, r.CallsFor.Verb(), r.Why, r.ChoiceLine())
			if r.Voted() {
				fmt.Fprintf(w, "    Your vote: %s (fit %d).\n", r.Hat.Label(), r.Fit)
			}
			continue
		}
		fmt.Fprintf(w, "%2d. %s called for %s. %s\n    You chose %s (fit %d): %s\n", i+1, r.Scene, r.CallsFor.Verb(), r.Why, r.Hat.Label(), r.Fit, r.ChoiceText)
		if held {
			text := fmt.Sprintf("You read it as %s. %s %s", r.Diagnosis.Verb(), game.ReadingLine(r.Reading), r.Feedback)
			fmt.Fprintf(w, "    %s\n", Indent(Wrap(text, 72), "    "))
		}
	}
	fmt.Fprintf(w, "\nYour path: %s\n", strings.Join(d.Path, " → "))
}

// wrap folds prose at width, keeping blank lines between paragraphs and
// Markdown list items on lines of their own.
func Wrap(s string, width int) string {
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

func Indent(s, pad string) string { return strings.ReplaceAll(s, "\n", "\n"+pad) }

// printRoom writes the plain-text room view.
func PrintRoom(out io.Writer, w game.Workshop, room game.Room) {
	sc := room.Scenario
	fmt.Fprintf(out, "%s — %s (%s)\n", sc.Title, w.Name, w.Code)
	fin := 0
	for _, p := range room.Participants {
		if p.Finished {
			fin++
		}
	}
	fmt.Fprintf(out, "%s (latest attempt each), %d finished.\n", game.Count(len(room.Participants), "participant"), fin)
	if fin > 0 {
		fmt.Fprintf(out, "Endings: %d strong, %d mixed, %d weak.\n", room.Outcomes[game.Strong], room.Outcomes[game.Mixed], room.Outcomes[game.Weak])
	}
	const barW = 24
	bar := func(n, of int) string {
		k := 0
		if of > 0 {
			k = (n*barW + of/2) / of
		}
		return strings.Repeat("█", k) + strings.Repeat("·", barW-k)
	}
	for i, m := range room.Moments {
		s := m.Scene
		fmt.Fprintf(out, "\n%d. %s — calls for %s (%s); %s\n", i+1, s.ID, s.CallsFor.Verb(), s.CallsFor.Label(), game.Count(m.Answered, "answer"))
		fmt.Fprintf(out, "   Read as:\n")
		for _, h := range []game.Hat{game.Manage, game.Lead, game.Both} {
			mark := " "
			if h == s.CallsFor {
				mark = "*"
			}
			fmt.Fprintf(out, "   %s %-12s %s %4d %4s\n", mark, h.Verb(), bar(m.Readings[h], m.Readers), m.Readings[h], Percent(m.Readings[h], m.Readers))
		}
		fmt.Fprintf(out, "   Chose:\n")
		for _, c := range m.Choices {
			mark := " "
			if c.Fits {
				mark = "*"
			}
			fmt.Fprintf(out, "   %s %-12s %s %4d %4s  %s\n", mark, Clip(c.Choice.ID, 12), bar(c.Count, m.Answered), c.Count, Percent(c.Count, m.Answered), Clip(c.Choice.Text, 60))
		}
	}
	fmt.Fprintf(out, "\n* fits the moment.\n\n%-30s %-4s %5s %5s %5s %5s  %-13s %s\n", "PARTICIPANT", "DONE", "FIT", "MGMT", "LEAD", "READ", "TENDENCY", "ENDING")
	for _, p := range room.Participants {
		done := "no"
		if p.Finished {
			done = "yes"
		}
		fmt.Fprintf(out, "%-30s %-4s %5s %5s %5s %5s  %-13s %s\n", Clip(p.Profile.Name, 30), done,
			Score(p.Scores.Fit), Score(p.Scores.Management), Score(p.Scores.Leadership), Score(p.Scores.Reading), p.Tendency.Label(), EndingText(p))
	}
}

// endingText is a participant's ending with its outcome, as "id (strong)".
func EndingText(p game.RoomParticipant) string {
	if p.Outcome == "" {
		return p.Ending
	}
	return p.Ending + " (" + string(p.Outcome) + ")"
}

// Percent is a share as every front end shows it (game.Percent).
func Percent(n, of int) string { return game.Percent(n, of) }

// clipText shortens s to n characters and pads nothing; control characters
// become spaces so a hostile name cannot move the cursor.
func Clip(s string, n int) string {
	r := []rune(strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s))
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return string(r)
}

// terminalSafe shows text from outside (file names, names, messages that
// quote them) without letting it drive the terminal: control characters
// and escape sequences are written as visible escapes.
func Safe(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isControl reports the characters a terminal acts on rather than
// shows: C0 and C1 controls, DEL, and the text-direction overrides.
func isControl(r rune) bool {
	return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}
