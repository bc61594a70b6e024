package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/session"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/terminal"
)

func init() {
	register(&command{
		name:    "profiles",
		args:    "[--data DIR]",
		summary: "List the player profiles on this machine.",
		run:     runProfiles,
	})
	register(&command{
		name:    "history",
		args:    "--profile NAME [--json] [--data DIR]",
		summary: "List a profile's attempts with their four scores.",
		run:     runHistory,
	})
}

// openStore opens the data folder's database, telling the player about
// anything that happened on the way (a damaged file moved aside).
func openStore(e *env, dir string) (*store.Store, error) {
	st, notice, err := store.Open(dir, store.Options{})
	if err != nil {
		return nil, err
	}
	if notice != "" {
		fmt.Fprintln(e.stderr, notice)
	}
	return st, nil
}

// profileFor finds the local profile with the name, creating it when new.
func profileFor(db *store.Store, name, workshop string) (game.Profile, error) {
	p, err := db.ProfileByName(name)
	if errors.Is(err, store.ErrNotFound) {
		return db.CreateProfile(name, workshop)
	}
	return p, err
}

// playRecorded plays with every answer committed to the store before its
// feedback, resuming an unfinished attempt at the same scenario.
func playRecorded(e *env, sc *game.Scenario, opts playOptions, dir, profileName, workshop string) int {
	fail := func(err error) int {
		return failer(e, "play")(err)
	}
	db, err := openStore(e, dir)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	if workshop != "" {
		w, _, err := session.CheckJoin(db, workshop)
		if err != nil {
			return fail(err)
		}
		workshop = w.Code
	}
	prof, err := profileFor(db, profileName, workshop)
	if err != nil {
		return fail(err)
	}
	if workshop != "" {
		if err := joinWorkshop(e, db, prof, workshop); err != nil {
			return fail(err)
		}
	}
	if workshop == "" {
		workshop = prof.Workshop
	}
	sess, err := resumeOrStart(e, db, prof, sc, opts, workshop)
	if err != nil {
		return fail(err)
	}
	// a workshop on this machine that holds the verdicts holds them for
	// its players; one run elsewhere leaves the flag as given
	if code := sess.Attempt().Workshop; code != "" {
		if w, err := db.Workshop(code); err == nil {
			opts.hold = w.HoldsFeedback(opts.hold)
		}
	}
	return playLoop(e, sess.State(), opts, sess.Answer, true)
}

// resumeOrStart offers the profile's unfinished attempt at the scenario, or
// starts a new one.
func resumeOrStart(e *env, db *store.Store, prof game.Profile, sc *game.Scenario, opts playOptions, workshop string) (*session.Session, error) {
	open, err := db.OpenAttempts(prof.ID)
	if err != nil {
		return nil, err
	}
	for _, a := range open {
		if a.ScenarioID != sc.ID {
			continue
		}
		if opts.answers == "" {
			saved, err := db.Answers(a.ID)
			if err != nil {
				return nil, err
			}
			ok, err := confirm(e, fmt.Sprintf("You have an unfinished attempt at %q from %s with %s. Resume it? [Y/n] ",
				sc.Title, a.StartedAt.Local().Format("2 Jan 2006 15:04"), game.Count(len(saved), "answer")))
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
		}
		sess, how, err := session.Resume(db, sc, a)
		if err != nil {
			return nil, err
		}
		switch how.How {
		case session.Closed:
			fmt.Fprintf(e.stderr, "The scenario %q changed since you started, and your earlier answers no longer fit it (%v). That attempt is closed with its answers kept; a new attempt starts now.\n", sc.Title, how.Why)
		case session.Edited:
			fmt.Fprintf(e.stderr, "The scenario %q was edited since you started; your answers still fit it, so you continue where you left off.\n", sc.Title)
		}
		if sess != nil {
			return sess, nil
		}
		break
	}
	return session.Start(db, prof.ID, sc, opts.seed, workshop)
}

func confirm(e *env, prompt string) (bool, error) {
	fmt.Fprint(e.stdout, prompt)
	var line string
	_, err := fmt.Fscanln(e.stdin, &line)
	if errors.Is(err, io.EOF) {
		// no one to ask: resume, and the game stops at its first prompt with
		// every answer kept
		return true, nil
	}
	line = strings.ToLower(strings.TrimSpace(line))
	return line == "" || line == "y" || line == "yes", nil
}

func runProfiles(e *env, fs *flag.FlagSet, args []string) int {
	data := dataFlag(fs)
	if ok, code := parse(fs, args); !ok {
		return code
	}
	dir, err := resolveDataDir(*data, e.getenv)
	if err != nil {
		return failer(e, "profiles")(err)
	}
	db, err := openStore(e, dir)
	if err != nil {
		return failer(e, "profiles")(err)
	}
	defer db.Close()
	ps, err := db.Profiles(false)
	if err != nil {
		return failer(e, "profiles")(err)
	}
	if len(ps) == 0 {
		fmt.Fprintln(e.stdout, "No profiles yet. Play with --profile NAME to create one.")
		return 0
	}
	for _, p := range ps {
		ws := ""
		if p.Workshop != "" {
			ws = "  (workshop " + p.Workshop + ")"
		}
		fmt.Fprintf(e.stdout, "%s%s\n", p.Name, ws)
	}
	return 0
}

// HistoryEntry is one attempt in `twohats history --json`.
type HistoryEntry struct {
	Attempt    string            `json:"attempt"`
	Scenario   string            `json:"scenario"`
	Status     string            `json:"status"`
	Started    string            `json:"started"`
	Finished   string            `json:"finished,omitempty"`
	Ending     string            `json:"ending,omitempty"`
	Workshop   string            `json:"workshop,omitempty"`
	Answers    int               `json:"answers"`
	Scores     game.ResultScores `json:"scores"`
	Tendencies struct {
		OverManaging int `json:"over_managing"`
		OverLeading  int `json:"over_leading"`
	} `json:"tendencies"`
}

func runHistory(e *env, fs *flag.FlagSet, args []string) int {
	profile := fs.String("profile", "", "the profile's name")
	asJSON := fs.Bool("json", false, "print JSON")
	data := dataFlag(fs)
	if ok, code := parse(fs, args); !ok {
		return code
	}
	fail := func(err error) int {
		return failer(e, "history")(err)
	}
	if *profile == "" {
		fmt.Fprintln(e.stderr, "twohats history: say whose history with --profile NAME; `twohats profiles` lists them.")
		return 2
	}
	dir, err := resolveDataDir(*data, e.getenv)
	if err != nil {
		return fail(err)
	}
	db, _, err := store.Open(dir, store.Options{Backups: -1, QuickCheck: true, ReadOnly: true})
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	p, err := db.ProfileByName(*profile)
	if err != nil {
		return fail(err)
	}
	attempts, err := db.Attempts(p.ID)
	if err != nil {
		return fail(err)
	}
	entries := []HistoryEntry{}
	for _, a := range attempts {
		saved, err := db.Answers(a.ID)
		if err != nil {
			return fail(err)
		}
		h := HistoryEntry{Attempt: a.ID, Scenario: a.ScenarioID, Status: a.Status, Started: store.FormatTime(a.StartedAt),
			Ending: a.Ending, Workshop: a.Workshop, Answers: len(saved)}
		if a.FinishedAt != nil {
			h.Finished = store.FormatTime(*a.FinishedAt)
		}
		if a.Scores != nil {
			h.Scores = game.ResultScores{Fit: a.Scores.Fit, Management: a.Scores.Management, Leadership: a.Scores.Leadership, Reading: a.Scores.Reading}
			h.Tendencies.OverManaging, h.Tendencies.OverLeading = a.Scores.OverManaging, a.Scores.OverLeading
		}
		entries = append(entries, h)
	}
	if *asJSON {
		if err := writeJSON(e.stdout, entries); err != nil {
			return fail(err)
		}
		return 0
	}
	if len(entries) == 0 {
		fmt.Fprintf(e.stdout, "%s has no attempts yet.\n", p.Name)
		return 0
	}
	fmt.Fprintf(e.stdout, "%-17s %-26s %-16s %5s %5s %5s %5s\n", "STARTED", "SCENARIO", "STATUS", "FIT", "MGMT", "LEAD", "READ")
	for _, h := range entries {
		fmt.Fprintf(e.stdout, "%-17s %-26s %-16s %5s %5s %5s %5s\n", h.Started[:16], h.Scenario, h.Status,
			terminal.Score(h.Scores.Fit), terminal.Score(h.Scores.Management), terminal.Score(h.Scores.Leadership), terminal.Score(h.Scores.Reading))
	}
	return 0
}
