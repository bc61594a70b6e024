package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/store"
)

const miniYAML = "../../game/testdata/mini.yaml"

// cli runs a command in-process, with an environment that holds only vars.
func cli(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code = run(args, e)
	return code, out.String(), errb.String()
}

// writeFile writes text to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readMini(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(miniYAML)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// the full answers to mini.yaml that reach good-end
const fullAnswers = "m1 manage plan\nm2 both both-ways\nm3 lead coach\n"

func savedLines(stdout string) []string {
	var out []string
	for _, l := range strings.Split(stdout, "\n") {
		if rest, ok := strings.CutPrefix(l, "saved "); ok {
			out = append(out, rest)
		}
	}
	return out
}

func TestValidateExitCodes(t *testing.T) {
	dir := t.TempDir()
	mini := readMini(t)
	good := writeFile(t, dir, "good/mini.yaml", mini)
	bad := writeFile(t, dir, "bad/mini.yaml", strings.Replace(mini, "calls_for: manage", "calls_for: sideways", 1))
	writeFile(t, dir, "dup/a.yaml", mini)
	writeFile(t, dir, "dup/b.yaml", mini)
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	tests := []struct {
		name       string
		args       []string
		want       int
		wantOut    string // in stdout
		wantErrOut string // in stderr
	}{
		{"valid file", []string{"validate", good}, 0, "", "1 scenario file valid."},
		{"valid folder", []string{"validate", filepath.Dir(good)}, 0, "", "1 scenario file valid."},
		{"invalid file", []string{"validate", bad}, 1, bad + ":", ""},
		{"valid and invalid", []string{"validate", good, bad}, 1, bad + ":", ""},
		{"duplicate ids", []string{"validate", filepath.Join(dir, "dup")}, 1, "already used by", ""},
		{"missing file", []string{"validate", filepath.Join(dir, "nope.yaml")}, 1, "no such file or folder.", ""},
		{"folder without scenarios", []string{"validate", empty}, 1, "holds no .yaml scenario files", ""},
		{"no arguments", []string{"validate"}, 2, "", "name at least one scenario file or folder"},
		{"unknown flag", []string{"validate", "--bogus", good}, 2, "", "flag provided but not defined"},
		{"help", []string{"validate", "--help"}, 0, "", "Usage: twohats validate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, nil, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.want, out, errOut)
			}
			if !strings.Contains(out, tt.wantOut) || !strings.Contains(errOut, tt.wantErrOut) {
				t.Errorf("stdout %q, stderr %q; want %q and %q in them", out, errOut, tt.wantOut, tt.wantErrOut)
			}
		})
	}
	// problems are printed as path:line:column: sentence
	_, out, _ := cli(t, nil, "validate", bad)
	line := 1 + strings.Count(mini[:strings.Index(mini, "calls_for: manage")], "\n")
	if want := fmt.Sprintf("%s:%d:16: ", bad, line); !strings.HasPrefix(out, want) {
		t.Errorf("the problem is reported as %q; want it to start with %q", out, want)
	}
}

func TestPlayJSONDeterministic(t *testing.T) {
	dir := t.TempDir()
	scenario := writeFile(t, dir, "mini.yaml", readMini(t))
	answers := writeFile(t, dir, "answers.txt", "# mini, the good way\n"+fullAnswers)
	tests := []struct {
		name    string
		profile bool
	}{{"unrecorded", false}, {"recorded", true}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var outs []string
			for i := range 2 {
				args := []string{"play", "--scenario", scenario, "--answers", answers, "--json", "--seed", "7"}
				if tt.profile {
					args = append(args, "--profile", "Ada", "--data", filepath.Join(t.TempDir(), fmt.Sprint(i)))
				}
				code, out, errOut := cli(t, nil, args...)
				if code != 0 || errOut != "" {
					t.Fatalf("exit %d, stderr %q", code, errOut)
				}
				outs = append(outs, out)
			}
			if outs[0] != outs[1] {
				t.Fatalf("two runs with the same seed and answers differ:\n%s\n---\n%s", outs[0], outs[1])
			}
			out := outs[0]
			if tt.profile {
				if got, want := savedLines(out), []string{"m1 plan", "m2 both-ways", "m3 coach"}; !reflect.DeepEqual(got, want) {
					t.Errorf("saved lines %q, want %q", got, want)
				}
				out = out[strings.Index(out, "{"):]
			}
			var r game.Result
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			if r.Scenario != "mini" || r.Seed != 7 || r.Ending != "good-end" || len(r.Answers) != 3 ||
				!reflect.DeepEqual(r.Path, []string{"intro", "m1", "m2", "m3", "good-end"}) || r.Scores.Fit == nil || *r.Scores.Fit != 100 {
				t.Errorf("result = %+v", r)
			}
		})
	}
	// --json needs --answers
	if code, _, errOut := cli(t, nil, "play", "--scenario", scenario, "--json"); code != 2 || !strings.Contains(errOut, "--json needs --answers") {
		t.Errorf("--json without --answers: exit %d, %q", code, errOut)
	}
}

func TestAnswersFileErrors(t *testing.T) {
	dir := t.TempDir()
	scenario := writeFile(t, dir, "mini.yaml", readMini(t))
	tests := []struct {
		name    string
		answers string
		want    string // after "PATH"
	}{
		{"wrong scene", "m2 both both-ways\n", `:1: the current moment is "m1", but this line answers "m2".`},
		{"wrong scene after a comment", "# first\n\nm1 manage plan\nm3 lead coach\n", `:4: the current moment is "m2", but this line answers "m3".`},
		{"unknown choice", "m1 manage plan\nm2 both dance\n", `:2: moment "m2" has no choice "dance"; its choices are both-ways, nothing.`},
		{"bad diagnosis", "m1 manage plan\nm2 maybe both-ways\n", `:2: the diagnosis "maybe" must be manage, lead or both.`},
		{"no hat is not a diagnosis", "m1 none plan\n", `:1: the diagnosis "none" must be manage, lead or both.`},
		{"too few words", "m1 manage\n", ":1: expected `SCENE-ID DIAGNOSIS CHOICE-ID`, found 2 words."},
		{"too many words", "m1 manage plan now\n", ":1: expected `SCENE-ID DIAGNOSIS CHOICE-ID`, found 4 words."},
		{"too few lines", "m1 manage plan\nm2 both both-ways\n", `: the answers end before the scenario does; the next moment is "m3".`},
		{"empty file", "# nothing yet\n", `: the answers end before the scenario does; the next moment is "m1".`},
		{"extra lines after the ending", fullAnswers + "# again\nm3 lead coach\n", `:5: the scenario already ended at "good-end"; remove the lines after it.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answers := writeFile(t, t.TempDir(), "answers.txt", tt.answers)
			code, out, errOut := cli(t, nil, "play", "--scenario", scenario, "--answers", answers, "--seed", "1")
			if code != 1 {
				t.Errorf("exit %d, want 1; stdout:\n%s", code, out)
			}
			if want := "twohats play: " + answers + tt.want + "\n"; errOut != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		missing := filepath.Join(dir, "nope.txt")
		code, _, errOut := cli(t, nil, "play", "--scenario", scenario, "--answers", missing, "--seed", "1")
		if code != 1 || !strings.Contains(errOut, "open the answers file") || !strings.Contains(errOut, missing) {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
	t.Run("recorded: the answers before the bad line are kept", func(t *testing.T) {
		data := t.TempDir()
		answers := writeFile(t, t.TempDir(), "answers.txt", "m1 manage plan\nm2 both dance\n")
		code, out, errOut := cli(t, nil, "play", "--scenario", scenario, "--answers", answers, "--seed", "1", "--profile", "Ada", "--data", data)
		if code != 1 || !strings.Contains(errOut, answers+":2:") {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
		if got := savedLines(out); !reflect.DeepEqual(got, []string{"m1 plan"}) {
			t.Errorf("saved %q", got)
		}
		attempts := attemptsOf(t, data, "Ada")
		if len(attempts) != 1 || attempts[0].Status != game.StatusOpen || len(attempts[0].answers) != 1 {
			t.Errorf("attempts = %+v", attempts)
		}
	})
}

type recordedAttempt struct {
	game.Attempt
	answers []game.SavedAnswer
}

// attemptsOf reads a profile's attempts and answers from the data folder.
func attemptsOf(t *testing.T, data, profile string) []recordedAttempt {
	t.Helper()
	s, _, err := store.Open(data, store.Options{Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.ProfileByName(profile)
	if err != nil {
		t.Fatal(err)
	}
	as, err := s.Attempts(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []recordedAttempt
	for _, a := range as {
		saved, err := s.Answers(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, recordedAttempt{a, saved})
	}
	return out
}

func TestHistoryJSON(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	scenario := writeFile(t, dir, "mini.yaml", readMini(t))
	full := writeFile(t, dir, "full.txt", fullAnswers)
	part := writeFile(t, dir, "part.txt", "m1 lead speech\nm2 both both-ways\n")
	play := func(answers string) int {
		code, _, _ := cli(t, nil, "play", "--scenario", scenario, "--answers", answers, "--seed", "3", "--profile", "Zoë 🎩", "--data", data)
		return code
	}
	if code := play(full); code != 0 {
		t.Fatalf("full play: exit %d", code)
	}
	if code := play(part); code != 1 {
		t.Fatalf("partial play: exit %d, want 1 (the answers end early)", code)
	}
	code, out, errOut := cli(t, nil, "history", "--profile", "zoë 🎩", "--json", "--data", data)
	if code != 0 || errOut != "" {
		t.Fatalf("history: exit %d, stderr %q", code, errOut)
	}
	var got []HistoryEntry
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("history --json is not JSON: %v\n%s", err, out)
	}
	if len(got) != 2 {
		t.Fatalf("history = %+v, want 2 attempts", got)
	}
	done, open := got[0], got[1]
	if done.Scenario != "mini" || done.Status != "finished" || done.Ending != "good-end" || done.Answers != 3 ||
		done.Finished == "" || done.Scores.Fit == nil || *done.Scores.Fit != 100 {
		t.Errorf("finished attempt = %+v", done)
	}
	if open.Status != "open" || open.Answers != 2 || open.Finished != "" || open.Ending != "" || open.Scores.Fit != nil {
		t.Errorf("open attempt = %+v", open)
	}
	for _, h := range got {
		if _, err := store.ParseTime(h.Started); err != nil {
			t.Errorf("started %q: %v", h.Started, err)
		}
	}
	// the JSON spells the scores out, null where nothing applies
	if !strings.Contains(out, `"fit": null`) || !strings.Contains(out, `"over_managing"`) {
		t.Errorf("history --json:\n%s", out)
	}

	if code, _, errOut := cli(t, nil, "history", "--data", data); code != 2 || !strings.Contains(errOut, "--profile NAME") {
		t.Errorf("history without --profile: exit %d, %q", code, errOut)
	}
	if code, _, errOut := cli(t, nil, "history", "--profile", "Nobody", "--data", data); code != 1 || !strings.Contains(errOut, `there is no profile named "Nobody"`) {
		t.Errorf("history of an unknown profile: exit %d, %q", code, errOut)
	}
	empty := t.TempDir()
	cli(t, nil, "play", "--scenario", scenario, "--answers", writeFile(t, dir, "none.txt", "m1 manage nope\n"), "--seed", "1", "--profile", "New", "--data", empty)
	code, out, _ = cli(t, nil, "history", "--profile", "New", "--json", "--data", empty)
	var fresh []HistoryEntry
	if err := json.Unmarshal([]byte(out), &fresh); code != 0 || err != nil || len(fresh) != 1 || fresh[0].Status != "open" || fresh[0].Answers != 0 {
		t.Errorf("history of a profile whose first answer was refused: exit %d, %+v, %v", code, fresh, err)
	}
}

func TestPlayResumeAfterScenarioEdit(t *testing.T) {
	mini := readMini(t)
	removePlan := func(y string) string {
		y = strings.Replace(y, `      - id: plan
        text: Make a plan.
        hat: manage
        effects: {stability: +20, morale: +10}
        feedback: The manager hat, fitting.
        next: m2
`, "", 1)
		// keep a fitting choice, so the edited file is still valid
		return strings.Replace(y, "hat: manage\n        craft: poor\n        effects: {trust: -70}", "hat: manage\n        effects: {trust: -70}", 1)
	}
	tests := []struct {
		name       string
		edit       func(string) string
		answers    string   // the second run's answers
		wantNotice string   // on stderr
		wantSaved  []string // by the second run
		wantClosed bool     // the first attempt closed as scenario-changed
	}{
		{
			name:       "prose edited: resume with a notice",
			edit:       func(y string) string { return strings.Replace(y, "It went well.", "It went very well indeed.", 1) },
			answers:    fullAnswers,
			wantNotice: `The scenario "Mini" was edited since you started; your answers still fit it, so you continue where you left off.`,
			wantSaved:  []string{"m3 coach"},
		},
		{
			name:       "answered choice removed: close the attempt, keep its answers",
			edit:       removePlan,
			answers:    "m1 lead speech\nm2 both both-ways\nm3 lead coach\n",
			wantNotice: `The scenario "Mini" changed since you started, and your earlier answers no longer fit it (replay answer 1: the scene has no such choice: "m1" has no choice "plan"). That attempt is closed with its answers kept; a new attempt starts now.`,
			wantSaved:  []string{"m1 speech", "m2 both-ways", "m3 coach"},
			wantClosed: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			data := filepath.Join(dir, "data")
			scenario := writeFile(t, dir, "mini.yaml", mini)
			two := writeFile(t, dir, "two.txt", "m1 manage plan\nm2 both both-ways\n")
			code, out, _ := cli(t, nil, "play", "--scenario", scenario, "--answers", two, "--seed", "1", "--profile", "Ada", "--data", data)
			if code != 1 || !reflect.DeepEqual(savedLines(out), []string{"m1 plan", "m2 both-ways"}) {
				t.Fatalf("first run: exit %d, stdout:\n%s", code, out)
			}
			edited := tt.edit(mini)
			if edited == mini {
				t.Fatal("the edit changed nothing")
			}
			writeFile(t, dir, "mini.yaml", edited)
			if code, out, errOut := cli(t, nil, "validate", scenario); code != 0 {
				t.Fatalf("the edited scenario is invalid:\n%s%s", out, errOut)
			}
			answers := writeFile(t, dir, "answers.txt", tt.answers)
			code, out, errOut := cli(t, nil, "play", "--scenario", scenario, "--answers", answers, "--seed", "1", "--profile", "Ada", "--data", data)
			if code != 0 {
				t.Fatalf("second run: exit %d, stderr:\n%s", code, errOut)
			}
			if errOut != tt.wantNotice+"\n" {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, tt.wantNotice)
			}
			if got := savedLines(out); !reflect.DeepEqual(got, tt.wantSaved) {
				t.Errorf("saved %q, want %q", got, tt.wantSaved)
			}
			attempts := attemptsOf(t, data, "Ada")
			first := attempts[0]
			firstAnswers := []string{}
			for _, a := range first.answers {
				firstAnswers = append(firstAnswers, a.Scene+" "+a.Choice)
			}
			if !tt.wantClosed {
				if len(attempts) != 1 || first.Status != game.StatusFinished || len(first.answers) != 3 {
					t.Fatalf("attempts = %+v", attempts)
				}
				sum := scenarioHash(t, scenario)
				if first.ScenarioHash != sum {
					t.Errorf("the resumed attempt records hash %s, want the edited file's %s", first.ScenarioHash, sum)
				}
				return
			}
			if len(attempts) != 2 {
				t.Fatalf("attempts = %+v, want the closed one and a new one", attempts)
			}
			if first.Status != game.StatusScenarioChanged || first.FinishedAt == nil ||
				!reflect.DeepEqual(firstAnswers, []string{"m1 plan", "m2 both-ways"}) {
				t.Errorf("the closed attempt is %s with answers %q", first.Status, firstAnswers)
			}
			if second := attempts[1]; second.Status != game.StatusFinished || len(second.answers) != 3 || second.Ending != "good-end" {
				t.Errorf("the new attempt = %+v", second.Attempt)
			}
			// and history shows both
			_, hist, _ := cli(t, nil, "history", "--profile", "Ada", "--json", "--data", data)
			var entries []HistoryEntry
			if err := json.Unmarshal([]byte(hist), &entries); err != nil || len(entries) != 2 ||
				entries[0].Status != game.StatusScenarioChanged || entries[0].Answers != 2 {
				t.Errorf("history = %+v (%v)", entries, err)
			}
		})
	}
}

func scenarioHash(t *testing.T, path string) string {
	t.Helper()
	sc, probs := readScenarioFile(path)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return sc.Hash
}

func TestPlayDamagedDatabase(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	writeFile(t, data, store.FileName, "not a database, just some notes\n")
	scenario := writeFile(t, dir, "mini.yaml", readMini(t))
	answers := writeFile(t, dir, "answers.txt", fullAnswers)
	code, out, errOut := cli(t, nil, "play", "--scenario", scenario, "--answers", answers, "--seed", "1", "--profile", "Ada", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	moved, _ := filepath.Glob(filepath.Join(data, store.FileName+".corrupt-*"))
	if len(moved) != 1 {
		t.Fatalf("moved aside: %v", moved)
	}
	if want := "Your progress file could not be read (file is not a database), so Two Hats started a new one. Nothing was deleted: the old file is at " + moved[0] + ".\n"; errOut != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
	if len(savedLines(out)) != 3 {
		t.Errorf("stdout:\n%s", out)
	}
}

func TestPlayReadOnlyDataFolder(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.Mkdir(data, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", data).CombinedOutput(); err != nil {
		if os.Geteuid() == 0 {
			t.Skipf("cannot mount a read-only tmpfs (%v: %s), and permissions do not stop root", err, out)
		}
		os.Chmod(data, 0o500)
		t.Cleanup(func() { os.Chmod(data, 0o700) })
	} else {
		t.Cleanup(func() {
			if err := exec.Command("umount", data).Run(); err != nil {
				exec.Command("umount", "-l", data).Run()
			}
		})
	}
	scenario := writeFile(t, dir, "mini.yaml", readMini(t))
	answers := writeFile(t, dir, "answers.txt", fullAnswers)
	for _, args := range [][]string{
		{"play", "--scenario", scenario, "--answers", answers, "--seed", "1", "--profile", "Ada", "--data", data},
		{"profiles", "--data", data},
		{"history", "--profile", "Ada", "--data", data},
	} {
		code, out, errOut := cli(t, nil, args...)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", args[0], code)
		}
		want := "cannot write to " + data + "; choose a folder you can write to with --data DIR"
		if args[0] == "history" {
			// reading commands never write: an empty folder has nothing to read
			want = "there is no progress file in " + data + " yet"
		}
		if !strings.Contains(errOut, want) || strings.Contains(errOut, "panic") {
			t.Errorf("%s: stderr %q, want %q", args[0], errOut, want)
		}
		if savedLines(out) != nil {
			t.Errorf("%s: stdout %q", args[0], out)
		}
	}
}

// TestReadCommandsOnReadOnlyDataFolder: export, history and list once
// failed on a read-only data folder because opening took a backup and
// checked migrations under the write lock.
func TestReadCommandsOnReadOnlyDataFolder(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.Mkdir(data, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", data).CombinedOutput(); err != nil {
		t.Fatalf("this test needs to mount a tmpfs (CI runs as root): %v: %s", err, out)
	}
	t.Cleanup(func() {
		if err := exec.Command("umount", data).Run(); err != nil {
			exec.Command("umount", "-l", data).Run()
		}
	})
	scenario := writeFile(t, dir, "mini.yaml", readMini(t))
	answers := writeFile(t, dir, "answers.txt", fullAnswers)
	if code, _, errOut := cli(t, nil, "play", "--scenario", scenario, "--answers", answers, "--seed", "1", "--profile", "Ada", "--data", data); code != 0 {
		t.Fatalf("play: %s", errOut)
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", data).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v: %s", err, out)
	}
	out := t.TempDir()
	for _, args := range [][]string{
		{"history", "--profile", "Ada", "--data", data},
		{"export", "--format", "json", "--out", filepath.Join(out, "all.json"), "--data", data},
		{"export", "--format", "csv", "--out", out, "--data", data},
		{"list", "--data", data},
	} {
		if code, _, errOut := cli(t, nil, args...); code != 0 {
			t.Errorf("%s on a read-only data folder: exit %d\n%s", strings.Join(args[:2], " "), code, errOut)
		}
	}
}

func TestResolveDataDir(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"TWOHATS_DATA": "/env/data", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ada"}
	tests := []struct {
		name string
		flag string
		vars map[string]string
		want string
	}{
		{"--data wins over everything", "/flag/data", vars, "/flag/data"},
		{"--data relative to the working folder", "rel/data", vars, filepath.Join(cwd, "rel", "data")},
		{"--data is cleaned", "/flag//data/../data/", vars, "/flag/data"},
		{"TWOHATS_DATA next", "", vars, "/env/data"},
		{"TWOHATS_DATA relative", "", map[string]string{"TWOHATS_DATA": "here"}, filepath.Join(cwd, "here")},
		{"then the platform's folder", "", map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/ada"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.vars[k] }
			want := tt.want
			if want == "" {
				w, err := defaultDataDir(runtime.GOOS, getenv)
				if err != nil {
					t.Fatal(err)
				}
				want = w
			}
			got, err := resolveDataDir(tt.flag, getenv)
			if err != nil || got != want {
				t.Errorf("resolveDataDir(%q) = %q, %v; want %q", tt.flag, got, err, want)
			}
		})
	}
	// the commands use it: `list` names the folder it would read
	code, out, _ := cli(t, map[string]string{"TWOHATS_DATA": "/env/data"}, "list")
	if code != 0 || !strings.Contains(out, filepath.Join("/env/data", "scenarios")) {
		t.Errorf("list with TWOHATS_DATA: exit %d, %q", code, out)
	}
	code, out, _ = cli(t, map[string]string{"TWOHATS_DATA": "/env/data"}, "list", "--data", "/flag/data")
	if code != 0 || !strings.Contains(out, filepath.Join("/flag/data", "scenarios")) {
		t.Errorf("list with --data and TWOHATS_DATA: exit %d, %q", code, out)
	}
}

func TestDefaultDataDir(t *testing.T) {
	tests := []struct {
		name    string
		goos    string
		vars    map[string]string
		osHome  string // $HOME as os.UserHomeDir sees it, for the last resort
		want    string
		wantErr string
	}{
		{name: "linux XDG_DATA_HOME", goos: "linux", vars: map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/ada"}, want: filepath.Join("/xdg", "twohats")},
		{name: "linux relative XDG_DATA_HOME is ignored", goos: "linux", vars: map[string]string{"XDG_DATA_HOME": "xdg", "HOME": "/home/ada"}, want: filepath.Join("/home/ada", ".local", "share", "twohats")},
		{name: "linux HOME", goos: "linux", vars: map[string]string{"HOME": "/home/ada"}, want: filepath.Join("/home/ada", ".local", "share", "twohats")},
		{name: "freebsd follows XDG too", goos: "freebsd", vars: map[string]string{"XDG_DATA_HOME": "/xdg"}, want: filepath.Join("/xdg", "twohats")},
		{name: "darwin", goos: "darwin", vars: map[string]string{"HOME": "/Users/ada", "XDG_DATA_HOME": "/xdg"}, want: filepath.Join("/Users/ada", "Library", "Application Support", "TwoHats")},
		{name: "darwin without HOME", goos: "darwin", osHome: "/fallback", want: filepath.Join("/fallback", ".twohats")},
		{name: "windows LocalAppData", goos: "windows", vars: map[string]string{"LocalAppData": `C:\Users\Ada\AppData\Local`, "APPDATA": `C:\Users\Ada\AppData\Roaming`, "XDG_DATA_HOME": "/xdg"}, want: filepath.Join(`C:\Users\Ada\AppData\Local`, "TwoHats")},
		{name: "windows APPDATA", goos: "windows", vars: map[string]string{"APPDATA": `C:\Users\Ada\AppData\Roaming`}, want: filepath.Join(`C:\Users\Ada\AppData\Roaming`, "TwoHats")},
		{name: "windows USERPROFILE", goos: "windows", vars: map[string]string{"USERPROFILE": `C:\Users\Ada`, "HOME": "/ignored"}, want: filepath.Join(`C:\Users\Ada`, ".twohats")},
		{name: "no home at all", goos: "linux", wantErr: "there is no home folder to keep your progress in; pass --data DIR or set TWOHATS_DATA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// os.UserHomeDir is the last resort; it reads the real $HOME on unix
			if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
				t.Skip("the last resort reads other variables here")
			}
			t.Setenv("HOME", tt.osHome)
			got, err := defaultDataDir(tt.goos, func(k string) string { return tt.vars[k] })
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("got %q, %v; want the error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("defaultDataDir(%s) = %q, %v; want %q", tt.goos, got, err, tt.want)
			}
		})
	}
}

// TestValidateStrict: the shipped library passes the whole content lint
// (version 2) and the folder run prints the authors' report.
func TestValidateStrict(t *testing.T) {
	code, out, errOut := cli(t, nil, "validate", "--strict", "../../scenarios")
	if code != 0 || strings.TrimSpace(out) != "" {
		t.Fatalf("validate --strict on the shipped library: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"20 scenarios", "shallow reader (leave one scenario out):", "where the key sits by length:", "the twenty most telling words", "the best path: strong"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the report lacks %q:\n%s", want, errOut)
		}
	}
}

// --screen names screens the app knows, or the app does not open.
func TestScreenFlagRejectsUnknownScreen(t *testing.T) {
	code, _, stderr := cli(t, nil, "--data", t.TempDir(), "--screen", "home,nowhere")
	if code != 2 || !strings.Contains(stderr, `"nowhere" is not a screen; choose from home, library,`) {
		t.Errorf("--screen nowhere: code %d, stderr %q", code, stderr)
	}
}
