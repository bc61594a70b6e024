package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

func init() {
	register(&command{
		name: "validate",
		args: "[--strict] PATH...",
		summary: "Check scenario files or folders and print every problem as path:line:column: sentence.\n" +
			"Exits 0 when every file is valid, 1 otherwise. --strict adds the content lint the shipped library passes.",
		run: runValidate,
	})
	register(&command{
		name:    "list",
		args:    "[--data DIR]",
		summary: "List the loaded scenarios (shipped and your own), and any files that failed to load.",
		run:     runList,
	})
}

func runValidate(e *env, fs *flag.FlagSet, args []string) int {
	strict := fs.Bool("strict", false, "also apply the content lint (prose bounds, length tells, balance)")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "twohats validate: name at least one scenario file or folder.")
		return 2
	}
	bad := false
	report := func(p scenarios.Problem) {
		fmt.Fprintln(e.stdout, p)
		bad = true
	}
	var valid []*game.Scenario
	ids := map[string]string{}
	for _, arg := range fs.Args() {
		files, err := scenarioFiles(arg)
		if err != nil {
			fmt.Fprintf(e.stdout, "%s: %v.\n", arg, err)
			bad = true
			continue
		}
		for _, f := range files {
			sc, probs := readScenarioFile(f)
			if len(probs) == 0 {
				if prev, dup := ids[sc.ID]; dup {
					probs = scenarios.Problems{{Path: f, Pos: game.Pos{Line: 1, Col: 1}, Msg: fmt.Sprintf("the scenario id %q is already used by %s.", sc.ID, prev)}}
				} else {
					ids[sc.ID] = f
				}
			}
			if len(probs) > 0 {
				for _, p := range probs {
					report(p)
				}
				continue
			}
			valid = append(valid, sc)
			if *strict {
				for _, p := range scenarios.Lint(sc) {
					report(p)
				}
			}
		}
	}
	if *strict && len(fs.Args()) == 1 {
		if st, err := os.Stat(fs.Arg(0)); err == nil && st.IsDir() {
			for _, p := range scenarios.LintLibrary(fs.Arg(0), valid) {
				report(p)
			}
			fmt.Fprint(e.stderr, scenarios.Report(valid))
		}
	}
	if bad {
		return 1
	}
	fmt.Fprintf(e.stderr, "%s valid.\n", game.Count(len(valid), "scenario file"))
	return 0
}

// scenarioFiles expands a file or folder argument into scenario files.
func scenarioFiles(arg string) ([]string, error) {
	st, err := os.Stat(arg)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New("no such file or folder")
		}
		return nil, fmt.Errorf("cannot be read: %v", err)
	}
	if !st.IsDir() {
		return []string{arg}, nil
	}
	// a scenarios folder is flat, as the app reads it: subfolders are not scenarios
	entries, err := os.ReadDir(arg)
	if err != nil {
		return nil, fmt.Errorf("could not be listed: %v", err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && scenarios.IsScenarioFile(e.Name()) {
			files = append(files, filepath.Join(arg, e.Name()))
		}
	}
	if len(files) == 0 {
		return nil, errors.New("the folder holds no .yaml scenario files")
	}
	sort.Strings(files)
	return files, nil
}

func readScenarioFile(path string) (*game.Scenario, scenarios.Problems) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return scenarios.ReadFile(os.DirFS(dir), name, path)
}

// loadLibrary loads the shipped scenarios and the user's folder.
func loadLibrary(dataDir string) *scenarios.Library {
	srcs := []scenarios.Source{{FS: scenarios.Shipped(), Prefix: "(built in) "}}
	if dataDir != "" {
		dir := filepath.Join(dataDir, "scenarios")
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			srcs = append(srcs, scenarios.Source{FS: os.DirFS(dir), Prefix: dir + string(filepath.Separator), User: true})
		}
	}
	return scenarios.Load(srcs...)
}

func runList(e *env, fs *flag.FlagSet, args []string) int {
	data := dataFlag(fs)
	if ok, code := parse(fs, args); !ok {
		return code
	}
	dir, err := resolveDataDir(*data, e.getenv)
	if err != nil {
		return failer(e, "list")(err)
	}
	lib := loadLibrary(dir)
	fmt.Fprintf(e.stdout, "%-28s %-36s %-9s %s\n", "ID", "TITLE", "SITUATION", "MINUTES")
	for _, sc := range lib.Scenarios {
		fmt.Fprintf(e.stdout, "%-28s %-36s %-9s %d\n", sc.ID, sc.Title, sc.Situation, sc.Minutes)
	}
	if len(lib.Failed) > 0 {
		fmt.Fprintf(e.stdout, "\nFiles that failed to load:\n")
		for _, f := range lib.Failed {
			fmt.Fprintf(e.stdout, "  %s\n", f.First())
		}
	}
	fmt.Fprintf(e.stdout, "\nYour own scenarios go in %s\n", filepath.Join(dir, "scenarios"))
	return 0
}
