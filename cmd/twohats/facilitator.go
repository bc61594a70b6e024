package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
	results "github.com/twohats/twohats/internal/resultsfile"
	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/session"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/terminal"
	"github.com/twohats/twohats/scenarios"
)

// The facilitator's commands: workshops, results files, the room view,
// exports and a synthetic workshop.

func init() {
	register(&command{
		name: "workshop",
		args: "create NAME [--hold-feedback] | list | close CODE | feedback CODE hold|show  [--data DIR]",
		summary: "Create, list and close workshops, and set when their players see the verdicts.\n" +
			"`create NAME` prints the new workshop's six-character join code; participants join with it\n" +
			"(`twohats play --profile NAME --workshop CODE`, or in the app) and their attempts carry it.\n" +
			"`close CODE` stops new joins; the workshop's results stay.\n" +
			"`feedback CODE hold` holds every moment's verdict until the debrief for the workshop's players on this machine\n" +
			"(they see only each choice's consequence); `feedback CODE show` shows each verdict at once again.\n" +
			"`create NAME --hold-feedback` creates a workshop that holds them.",
		run: runWorkshop,
	})
	register(&command{
		name: "results",
		args: "--profile NAME [--workshop CODE] [--out FILE] [--data DIR]",
		summary: "Write a profile's results file, to hand to the facilitator.\n" +
			"The file holds the profile, its attempts and answers; --workshop keeps only that workshop's attempts.\n" +
			"Without --out it is written to the current folder as twohats-results-NAME-DATE.json; --out - writes to standard output.",
		run: runResults,
	})
	register(&command{
		name: "import",
		args: "FILE|FOLDER... [--data DIR]",
		summary: "Import participants' results files (a folder means every .json file in it).\n" +
			"Each file is merged in one transaction; importing a file twice changes nothing; a bad file is rejected whole,\n" +
			"with the reason. A line per file goes to standard error, then a summary. Exits 1 if any file was rejected.",
		run: runImport,
	})
	register(&command{
		name: "export",
		args: "--format csv|json|xapi|pdf [--workshop CODE] [--pseudonymise] --out PATH [--data DIR]\n" +
			"       twohats export --format xapi --lrs URL --user KEY [--password SECRET] [--out FILE] ...",
		summary: "Export results for spreadsheets, programs, a Learning Record Store or print.\n" +
			"csv: PATH is a folder that receives attempts.csv and answers.csv. json, xapi, pdf: PATH is a file (- for standard output, except pdf).\n" +
			"--workshop limits the export to one workshop; --pseudonymise replaces every name with a stable pseudonym.\n" +
			"With --lrs the xAPI statements are also posted to the LRS (the password may come from $TWOHATS_LRS_PASSWORD).\n" +
			"docs/facilitator.md documents every column and field.",
		run: runExport,
	})
	register(&command{
		name: "sample-workshop",
		args: "--participants N [--seed S] [--scenarios a,b,c] [--name NAME] [--names FILE] [--data DIR]",
		summary: "Create a synthetic workshop for demos, screenshots and benchmarks, and print its join code.\n" +
			"Participants vary in skill, tendency and completion; the same seed gives the same workshop.\n" +
			"--names FILE takes the first participants' names from a file, one a line.",
		run: runSampleWorkshop,
	})
	register(&command{
		name: "room",
		args: "--workshop CODE --scenario ID [--sort name|fit|management|leadership|reading|tendency] [--pseudonymise] [--data DIR]",
		summary: "Show how the room read and played a scenario: per moment, the readings and choices\n" +
			"(* marks the fitting ones), then each participant's four scores and tendency.",
		run: runRoom,
	})
}

// parseAll parses flags placed anywhere among the arguments and returns the
// positional ones.
func parseAll(fs *flag.FlagSet, args []string) ([]string, bool, int) {
	var pos []string
	for {
		if ok, code := parse(fs, args); !ok {
			return nil, false, code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, true, 0
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), true, 0
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// facilitatorStore resolves the data folder and opens the store.
func facilitatorStore(e *env, data string) (*store.Store, string, error) {
	dir, err := resolveDataDir(data, e.getenv)
	if err != nil {
		return nil, "", err
	}
	db, err := openStore(e, dir)
	if err != nil {
		return nil, "", err
	}
	return db, dir, nil
}

// readingStore is facilitatorStore for commands that only read (export,
// room): no rolling backup is taken, since nothing changes, the open runs
// SQLite's quick_check rather than the full integrity check, and the
// scenario library loads on the other core while the database opens.
func readingStore(e *env, data string) (*store.Store, func() *scenarios.Library, error) {
	dir, err := resolveDataDir(data, e.getenv)
	if err != nil {
		return nil, nil, err
	}
	libc := make(chan *scenarios.Library, 1)
	go func() { libc <- loadLibrary(dir) }()
	var once sync.Once
	var lib *scenarios.Library
	library := func() *scenarios.Library {
		once.Do(func() { lib = <-libc })
		return lib
	}
	db, notice, err := store.Open(dir, store.Options{Backups: -1, QuickCheck: true, ReadOnly: true})
	if err != nil {
		library()
		return nil, nil, err
	}
	if notice != "" {
		fmt.Fprintln(e.stderr, notice)
	}
	return db, library, nil
}

func failer(e *env, name string) func(err error) int {
	return func(err error) int {
		msg := err.Error()
		if r, _ := utf8.DecodeLastRuneInString(msg); r != '.' && r != '?' && r != '!' {
			msg += "."
		}
		if name == "" {
			fmt.Fprintf(e.stderr, "twohats: %s\n", msg)
		} else {
			fmt.Fprintf(e.stderr, "twohats %s: %s\n", name, msg)
		}
		return 1
	}
}

func runWorkshop(e *env, fs *flag.FlagSet, args []string) int {
	data := dataFlag(fs)
	hold := fs.Bool("hold-feedback", false, "with create: hold every moment's verdict until the debrief")
	pos, ok, code := parseAll(fs, args)
	if !ok {
		return code
	}
	fail := failer(e, "workshop")
	if len(pos) == 0 {
		fmt.Fprintln(e.stderr, "twohats workshop: say what to do: `create NAME`, `list`, `close CODE` or `feedback CODE hold|show`.")
		return 2
	}
	verb, rest := pos[0], pos[1:]
	switch verb {
	case "create", "list", "close", "feedback":
	default:
		fmt.Fprintf(e.stderr, "twohats workshop: %q is not something a workshop can do; use create NAME, list, close CODE or feedback CODE hold|show.\n", verb)
		return 2
	}
	if *hold && verb != "create" {
		fmt.Fprintln(e.stderr, "twohats workshop: --hold-feedback goes with create; for an existing workshop use `twohats workshop feedback CODE hold`.")
		return 2
	}
	if verb == "feedback" && (len(rest) != 2 || rest[1] != "hold" && rest[1] != "show") {
		fmt.Fprintln(e.stderr, "twohats workshop feedback: name one workshop by its join code, then hold (the verdicts wait for the debrief) or show (each verdict at once), such as `twohats workshop feedback 7TVBXJ hold`.")
		return 2
	}
	if verb == "create" && len(rest) == 0 {
		fmt.Fprintln(e.stderr, "twohats workshop create: give the workshop a name, such as `twohats workshop create \"Leading teams, March\"`.")
		return 2
	}
	if verb == "close" && len(rest) != 1 {
		fmt.Fprintln(e.stderr, "twohats workshop close: name one workshop by its join code; `twohats workshop list` shows them.")
		return 2
	}
	if verb == "list" && len(rest) > 0 {
		fmt.Fprintln(e.stderr, "twohats workshop list: takes no arguments.")
		return 2
	}
	db, _, err := facilitatorStore(e, *data)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	switch verb {
	case "create":
		w, err := db.CreateWorkshop(strings.Join(rest, " "))
		if err != nil {
			return fail(err)
		}
		if *hold {
			if err := db.SetHoldFeedback(w.Code, true); err != nil {
				return fail(fmt.Errorf("the workshop %s was created, but its verdicts are not held; run `twohats workshop feedback %s hold`: %w", w.Code, w.Code, err))
			}
		}
		fmt.Fprintf(e.stdout, "%s\n", w.Code)
		fmt.Fprintf(e.stderr, "Created the workshop %q. Participants join with the code %s.\n", w.Name, w.Code)
		if *hold {
			fmt.Fprintln(e.stderr, "Its players on this machine see each moment's verdict only in the debrief.")
		}
	case "list":
		ws, err := db.Workshops()
		if err != nil {
			return fail(err)
		}
		if len(ws) == 0 {
			fmt.Fprintln(e.stdout, "No workshops yet. Create one with `twohats workshop create NAME`.")
			return 0
		}
		counts, err := db.WorkshopParticipants()
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, "%-6s  %-7s  %-8s  %-16s  %12s  %s\n", "CODE", "STATUS", "VERDICTS", "CREATED", "PARTICIPANTS", "NAME")
		for _, w := range ws {
			status := "open"
			if w.ClosedAt != nil {
				status = "closed"
			}
			verdicts := "shown"
			if w.HoldFeedback {
				verdicts = "held"
			}
			fmt.Fprintf(e.stdout, "%-6s  %-7s  %-8s  %-16s  %12d  %s\n", w.Code, status, verdicts, w.CreatedAt.Format("2006-01-02 15:04"), counts[w.Code], w.Name)
		}
	case "close":
		w, err := db.Workshop(rest[0])
		if err != nil {
			return fail(err)
		}
		if err := db.CloseWorkshop(w.Code); err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, "Closed the workshop %q (%s). Its results stay; nobody can join it any more.\n", w.Name, w.Code)
	case "feedback":
		w, err := db.Workshop(rest[0])
		if err != nil {
			return fail(err)
		}
		held := rest[1] == "hold"
		if err := db.SetHoldFeedback(w.Code, held); err != nil {
			return fail(err)
		}
		if held {
			fmt.Fprintf(e.stdout, "The workshop %q (%s) now holds every moment's verdict until the debrief: its players on this machine see only each choice's consequence while they play.\n", w.Name, w.Code)
		} else {
			fmt.Fprintf(e.stdout, "The workshop %q (%s) now shows each moment's verdict right after the choice, unless a player holds them in their own settings.\n", w.Name, w.Code)
		}
	}
	return 0
}

func runResults(e *env, fs *flag.FlagSet, args []string) int {
	profile := fs.String("profile", "", "whose results: the profile's name")
	workshop := fs.String("workshop", "", "only the attempts tagged with this workshop's join code")
	out := fs.String("out", "", "the file to write (default: twohats-results-NAME-DATE.json here; - for standard output)")
	data := dataFlag(fs)
	pos, ok, code := parseAll(fs, args)
	if !ok {
		return code
	}
	fail := failer(e, "results")
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "twohats results: unexpected %q; name the profile with --profile NAME and the file with --out FILE.\n", pos[0])
		return 2
	}
	if *profile == "" {
		fmt.Fprintln(e.stderr, "twohats results: say whose results with --profile NAME; `twohats profiles` lists them.")
		return 2
	}
	db, _, err := facilitatorStore(e, *data)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	p, err := db.ProfileByName(*profile)
	if err != nil {
		return fail(err)
	}
	if *workshop != "" {
		c, err := store.CheckCode(*workshop)
		if err != nil {
			return fail(err)
		}
		*workshop = c
	}
	f, err := results.Build(db, p.ID, *workshop)
	if err != nil {
		return fail(err)
	}
	if len(f.Attempts) == 0 {
		if *workshop != "" {
			return fail(fmt.Errorf("%s has no attempts in the workshop %s; play with --workshop %s first", p.Name, *workshop, *workshop))
		}
		return fail(fmt.Errorf("%s has no attempts yet; play a scenario first", p.Name))
	}
	path := *out
	if path == "" {
		path = results.FileName(p.Name, db.Now())
	}
	write := func(w io.Writer) error { return results.Encode(f, w) } // the file built above, not a second one
	if path == "-" {
		if err := write(e.stdout); err != nil {
			return fail(err)
		}
		return 0
	}
	if err := export.WriteFile(path, write); err != nil {
		return fail(err)
	}
	answers := 0
	for _, a := range f.Attempts {
		answers += len(a.Answers)
	}
	fmt.Fprintf(e.stdout, "Wrote %s: %s and %s of %s. Hand this file to your facilitator.\n", path, game.Count(len(f.Attempts), "attempt"), game.Count(answers, "answer"), p.Name)
	return 0
}

// importPaths expands folders into the .json files they hold.
func importPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			out = append(out, a) // the importer reports a missing file by name
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("the folder %s cannot be read: %v", a, err)
		}
		n := 0
		for _, en := range entries {
			if !en.IsDir() && strings.EqualFold(filepath.Ext(en.Name()), ".json") && !strings.HasPrefix(en.Name(), ".") {
				out = append(out, filepath.Join(a, en.Name()))
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("the folder %s holds no .json results files", a)
		}
	}
	return out, nil
}

func runImport(e *env, fs *flag.FlagSet, args []string) int {
	data := dataFlag(fs)
	pos, ok, code := parseAll(fs, args)
	if !ok {
		return code
	}
	fail := failer(e, "import")
	if len(pos) == 0 {
		fmt.Fprintln(e.stderr, "twohats import: name the results files (or a folder of them) to import.")
		return 2
	}
	paths, err := importPaths(pos)
	if err != nil {
		return fail(err)
	}
	db, dir, err := facilitatorStore(e, *data)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	lib := loadLibrary(dir)
	var added, skipped, rejected, notTried, attempts, answers int
	width := len(strconv.Itoa(len(paths)))
	results.ImportEach(db, lib.Get, paths, func(done, total int, r results.FileResult) {
		prefix := fmt.Sprintf("[%*d/%d] ", width, done, total)
		switch {
		case r.NotTried:
			notTried++
			fmt.Fprintf(e.stderr, "%s%s: not tried; the disk is full.\n", prefix, terminal.Safe(r.Path))
		case r.Err != nil:
			rejected++
			fmt.Fprintf(e.stderr, "%sREJECTED %s\n", prefix, terminal.Safe(r.Err.Error()))
		case r.Skipped:
			skipped++
			fmt.Fprintf(e.stderr, "%s%s: nothing new; it was imported before.\n", prefix, terminal.Safe(r.Path))
		default:
			added++
			attempts += r.Attempts
			answers += r.Answers
			fmt.Fprintf(e.stderr, "%s%s: %s and %s imported.\n", prefix, terminal.Safe(r.Path), game.Count(r.Attempts, "attempt"), game.Count(r.Answers, "answer"))
		}
	})
	fmt.Fprintf(e.stdout, "Imported %d of %s: %s and %s added; %s held nothing new; %s rejected.\n",
		added, game.Count(len(paths), "file"), game.Count(attempts, "attempt"), game.Count(answers, "answer"), game.Count(skipped, "file"), game.Count(rejected, "file"))
	if notTried > 0 {
		fmt.Fprintf(e.stdout, "The disk holding the data folder is full, so the import stopped with %s not tried. Free some space and import them again.\n", game.Count(notTried, "file"))
		return 1
	}
	if rejected > 0 {
		fmt.Fprintln(e.stdout, "The rejected files changed nothing; the lines above say why. Ask those participants to export their results again.")
		return 1
	}
	return 0
}

func runExport(e *env, fs *flag.FlagSet, args []string) int {
	format := fs.String("format", "", "csv, json, xapi or pdf")
	workshop := fs.String("workshop", "", "export only this workshop (its join code); default: every attempt on this machine")
	pseudo := fs.Bool("pseudonymise", false, "replace every participant name with a stable pseudonym")
	fs.BoolVar(pseudo, "pseudonymize", false, "the same as --pseudonymise")
	out := fs.String("out", "", "where to write: a folder for csv, a file otherwise (- for standard output, except pdf)")
	part := fs.String("part", "", "pdf only: summary or debriefs (default: both)")
	iri := fs.String("iri", "", "xapi only: the base IRI of activities and extensions (default "+export.DefaultBaseIRI+")")
	lrsURL := fs.String("lrs", "", "xapi only: also post the statements to this LRS endpoint")
	user := fs.String("user", "", "with --lrs: the LRS user name (key)")
	password := fs.String("password", "", "with --lrs: the LRS password (secret); default $TWOHATS_LRS_PASSWORD")
	batch := fs.Int("batch", 100, "with --lrs: statements per request")
	data := dataFlag(fs)
	pos, ok, code := parseAll(fs, args)
	if !ok {
		return code
	}
	fail := failer(e, "export")
	usage := func(msg string) int {
		fmt.Fprintf(e.stderr, "twohats export: %s\n", msg)
		return 2
	}
	if len(pos) > 0 {
		return usage(fmt.Sprintf("unexpected %q; say where to write with --out PATH.", pos[0]))
	}
	switch *format {
	case "csv", "json", "xapi", "pdf":
	case "":
		return usage("say which format with --format csv, json, xapi or pdf.")
	default:
		return usage(fmt.Sprintf("%q is not a format; use csv, json, xapi or pdf.", *format))
	}
	if *lrsURL != "" && *format != "xapi" {
		return usage("--lrs needs --format xapi.")
	}
	if *part != "" && *format != "pdf" {
		return usage("--part needs --format pdf.")
	}
	if *out == "" && *lrsURL == "" {
		return usage("say where to write with --out PATH (a folder for csv, a file otherwise).")
	}
	if *out == "-" && (*format == "csv" || *format == "pdf") {
		return usage(fmt.Sprintf("%s cannot go to standard output; give a %s with --out.", *format, map[string]string{"csv": "folder", "pdf": "file"}[*format]))
	}
	if *lrsURL != "" && *password == "" {
		*password = e.getenv("TWOHATS_LRS_PASSWORD")
	}
	if *lrsURL != "" && *user == "" {
		return usage("--lrs needs the LRS user name (key) with --user.")
	}
	// a short batch job that allocates a lot: trade memory for fewer
	// garbage collections (a 1 000-participant export peaks near 60 MB)
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	db, library, err := readingStore(e, *data)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	lib := library()
	o := export.Options{Workshop: *workshop, Pseudonymise: *pseudo, BaseIRI: *iri, Part: *part}
	if o.Workshop != "" {
		if _, err := db.Workshop(o.Workshop); err != nil && !errors.Is(err, store.ErrNotFound) {
			return fail(err)
		}
	}
	toFile := func(fill func(io.Writer) error) error {
		if *out == "-" {
			return fill(e.stdout)
		}
		return export.WriteFile(*out, fill)
	}
	start := time.Now()
	switch *format {
	case "csv":
		err = export.CSV(db, lib, *out, o)
	case "json":
		err = toFile(func(w io.Writer) error { return export.JSON(db, lib, w, o) })
	case "pdf":
		err = export.PDF(db, lib, *out, o)
	case "xapi":
		var sts []export.Statement
		sts, err = export.Statements(db, lib, o)
		if err == nil && *out != "" {
			err = toFile(func(w io.Writer) error { return export.WriteStatements(w, sts) })
		}
		if err == nil && *lrsURL != "" {
			client := &export.LRS{Endpoint: *lrsURL, Username: *user, Password: *password, BatchSize: *batch,
				Progress: func(sent, total int) {
					fmt.Fprintf(e.stderr, "Sent %d of %s to the LRS.\n", sent, game.Count(total, "statement"))
				},
				Log: func(line string) { fmt.Fprintln(e.stderr, line) }}
			// Ctrl-C or a SIGTERM stops the posting between or during requests
			sctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			serr := client.Send(sctx, sts)
			stop()
			if serr != nil {
				fmt.Fprintf(e.stderr, "twohats export: the LRS did not store every statement:\n")
				for _, line := range strings.Split(serr.Error(), "\n") {
					fmt.Fprintf(e.stderr, "  %s\n", line)
				}
				return 1
			}
			fmt.Fprintf(e.stdout, "Posted %s to %s.\n", game.Count(len(sts), "statement"), *lrsURL)
		}
	}
	if err != nil {
		return fail(err)
	}
	if *out != "" && *out != "-" {
		what := *out
		if *format == "csv" {
			what = filepath.Join(*out, export.AttemptsCSV) + " and " + filepath.Join(*out, export.AnswersCSV)
		}
		fmt.Fprintf(e.stdout, "Wrote %s in %s.\n", what, time.Since(start).Round(time.Millisecond))
	}
	return 0
}

func runSampleWorkshop(e *env, fs *flag.FlagSet, args []string) int {
	n := fs.Int("participants", 0, "how many participants (1 to 100000)")
	seed := fs.Int64("seed", 1, "the seed; the same seed gives the same workshop")
	scs := fs.String("scenarios", "", "comma-separated scenario ids to play (default: "+strings.Join(sample.DefaultScenarios, ",")+")")
	name := fs.String("name", "", "the workshop's name (default \"Sample workshop\")")
	namesFile := fs.String("names", "", "a file of names, one a line, for the first participants")
	data := dataFlag(fs)
	pos, ok, code := parseAll(fs, args)
	if !ok {
		return code
	}
	fail := failer(e, "sample-workshop")
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "twohats sample-workshop: unexpected %q; say how many participants with --participants N.\n", pos[0])
		return 2
	}
	if *n < 1 || *n > sample.MaxParticipants {
		fmt.Fprintf(e.stderr, "twohats sample-workshop: say how many participants with --participants N, from 1 to %d.\n", sample.MaxParticipants)
		return 2
	}
	o := sample.Options{Participants: *n, Seed: *seed, Name: *name}
	if *scs != "" {
		for _, s := range strings.Split(*scs, ",") {
			if s = strings.TrimSpace(s); s != "" {
				o.Scenarios = append(o.Scenarios, s)
			}
		}
	}
	if *namesFile != "" {
		b, err := os.ReadFile(*namesFile)
		if err != nil {
			return fail(fmt.Errorf("the names file %s cannot be read: %v", *namesFile, err))
		}
		for _, l := range strings.Split(strings.TrimPrefix(string(b), "\ufeff"), "\n") {
			if l = strings.TrimRight(l, "\r"); strings.TrimSpace(l) != "" {
				o.Names = append(o.Names, l)
			}
		}
	}
	db, dir, err := facilitatorStore(e, *data)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	w, err := sample.Generate(db, loadLibrary(dir).Scenarios, o)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintln(e.stdout, w.Code)
	fmt.Fprintf(e.stderr, "Created the sample workshop %q with %s; its join code is %s.\n", w.Name, game.Count(*n, "participant"), w.Code)
	return 0
}

func runRoom(e *env, fs *flag.FlagSet, args []string) int {
	workshop := fs.String("workshop", "", "the workshop's join code")
	scenario := fs.String("scenario", "", "the scenario's id")
	sortBy := fs.String("sort", "name", "order participants by name, fit, management, leadership, reading or tendency")
	pseudo := fs.Bool("pseudonymise", false, "show pseudonyms instead of names (for a projector)")
	data := dataFlag(fs)
	pos, ok, code := parseAll(fs, args)
	if !ok {
		return code
	}
	fail := failer(e, "room")
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "twohats room: unexpected %q; use --workshop CODE --scenario ID.\n", pos[0])
		return 2
	}
	if *workshop == "" || *scenario == "" {
		fmt.Fprintln(e.stderr, "twohats room: say which workshop and scenario with --workshop CODE --scenario ID.")
		return 2
	}
	sorts := map[string]game.RoomSort{"name": game.ByName, "fit": game.ByFit, "management": game.ByManagement,
		"leadership": game.ByLeadership, "reading": game.ByReading, "tendency": game.ByTendency}
	by, okSort := sorts[*sortBy]
	if !okSort {
		fmt.Fprintf(e.stderr, "twohats room: cannot sort by %q; use name, fit, management, leadership, reading or tendency.\n", *sortBy)
		return 2
	}
	db, library, err := readingStore(e, *data)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	lib := library()
	sc := lib.Get(*scenario)
	if sc == nil {
		ids := make([]string, 0, len(lib.Scenarios))
		for _, s := range lib.Scenarios {
			ids = append(ids, s.ID)
		}
		sort.Strings(ids)
		return fail(fmt.Errorf("there is no scenario %q; the scenarios are: %s", *scenario, strings.Join(ids, ", ")))
	}
	w, err := db.Workshop(*workshop)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fail(err)
	}
	entries, eerr := db.RoomEntries(game.NormalizeCode(*workshop), sc.ID)
	if eerr != nil {
		return fail(eerr)
	}
	if err != nil {
		// results imported from a workshop created on another machine carry
		// its code, though this machine never created it
		if len(entries) == 0 {
			return fail(err)
		}
		w = game.Workshop{Code: game.NormalizeCode(*workshop), Name: "imported workshop"}
	}
	room := game.BuildRoom(sc, entries)
	if *pseudo {
		key, kerr := db.PseudonymKey()
		if kerr != nil {
			return fail(fmt.Errorf("pseudonymise the room view: %w", kerr))
		}
		for i := range room.Participants {
			room.Participants[i].Profile.Name = export.Pseudonym(key, room.Participants[i].Profile.ID)
		}
	}
	game.SortParticipants(room.Participants, by, by != game.ByName && by != game.ByTendency)
	terminal.PrintRoom(e.stdout, w, room)
	return 0
}

// joinWorkshop tags the profile with the workshop for `play --workshop`. A
// workshop this machine knows must be open; a well-formed code it does not
// know is the facilitator's, on their machine: the attempts carry it.
func joinWorkshop(e *env, db *store.Store, prof game.Profile, code string) error {
	w, known, err := session.Join(db, prof.ID, code)
	if err != nil {
		return err
	}
	if known {
		fmt.Fprintf(e.stderr, "%s plays in the workshop %q (%s).\n", prof.Name, w.Name, w.Code)
	} else {
		fmt.Fprintf(e.stderr, "%s plays in the workshop %s. Its facilitator runs it on another machine: when you are done, hand in your results with `twohats results --profile %q --workshop %s`.\n", prof.Name, w.Code, prof.Name, w.Code)
	}
	return nil
}
