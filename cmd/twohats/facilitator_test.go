package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/store"
)

// facRun runs a command in-process with no environment but LANG.
func facRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "LANG" {
			return "en_US.UTF-8"
		}
		return ""
	}}
	code = run(args, e)
	return code, out.String(), errb.String()
}

// facScenario is a user scenario, so the tests do not depend on the shipped
// library's content.
const facScenario = `format: 1
id: fac-two
title: Two moments
summary: Two moments for the facilitator tests.
situation: crisis
minutes: 2
start: a
scenes:
  - id: a
    text: First.
    calls_for: manage
    why: Because.
    choices:
      - {id: plan, text: Plan., hat: manage, feedback: Fits., next: b}
      - {id: talk, text: Talk., hat: lead, feedback: Does not., next: b}
  - id: b
    text: Second.
    calls_for: lead
    why: Because.
    choices:
      - {id: coach, text: Coach., hat: lead, feedback: Fits., next: end}
      - {id: audit, text: Audit., hat: manage, feedback: Does not., next: end}
  - {id: end, ending: true, title: End, text: Done., away: Away.}
`

// facData is a data folder holding the test scenario.
func facData(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(filepath.Join(dir, "scenarios"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "scenarios", "fac-two.yaml"), []byte(facScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func facAnswers(t *testing.T, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "answers.txt")
	os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	return p
}

func TestFacilitatorHelp(t *testing.T) {
	for _, name := range []string{"workshop", "results", "import", "export", "sample-workshop", "room"} {
		code, _, stderr := facRun(t, name, "--help")
		if code != 0 || !strings.Contains(stderr, "Usage: twohats "+name) || !strings.Contains(stderr, "-data") {
			t.Errorf("twohats %s --help: exit %d\n%s", name, code, stderr)
		}
	}
	code, stdout, _ := facRun(t, "--help")
	for _, name := range []string{"workshop", "results", "import", "export", "sample-workshop", "room"} {
		if code != 0 || !strings.Contains(stdout, "  "+name) {
			t.Errorf("twohats --help does not list %s", name)
		}
	}
}

// TestWorkshopFlow walks the facilitator's day: a workshop, two laptops
// whose participants join and hand in results files, the import, the room
// and the exports.
func TestWorkshopFlow(t *testing.T) {
	facil := facData(t)
	code, stdout, stderr := facRun(t, "workshop", "create", "Leading", "teams,", "März", "--data", facil)
	if code != 0 {
		t.Fatalf("workshop create: %d %s", code, stderr)
	}
	join := strings.TrimSpace(stdout)
	if !game.ValidCode(join) || !strings.Contains(stderr, `"Leading teams, März"`) {
		t.Fatalf("workshop create printed %q / %q", stdout, stderr)
	}

	// a participant on the facilitator's laptop, typing the code in lower case
	ans := facAnswers(t, "a manage plan", "b lead coach")
	if code, _, stderr := facRun(t, "play", "--scenario", "fac-two", "--profile", "Zoë", "--workshop", strings.ToLower(join), "--answers", ans, "--seed", "1", "--data", facil); code != 0 || !strings.Contains(stderr, "plays in the workshop \"Leading teams, März\"") {
		t.Fatalf("play on the facilitator's laptop: %d %s", code, stderr)
	}
	// a participant on their own laptop: the code is unknown there but well formed
	laptop := facData(t)
	bad := facAnswers(t, "a lead talk", "b manage audit")
	code, _, stderr = facRun(t, "play", "--scenario", "fac-two", "--profile", "=HYPERLINK(\"x\")", "--workshop", join, "--answers", bad, "--seed", "2", "--data", laptop)
	if code != 0 || !strings.Contains(stderr, "facilitator runs it on another machine") {
		t.Fatalf("play on one's own laptop: %d %s", code, stderr)
	}
	// a typo is caught on the laptop
	typo := []byte(join)
	typo[0] = game.CodeAlphabet[(strings.IndexByte(game.CodeAlphabet, typo[0])+1)%len(game.CodeAlphabet)]
	if code, _, stderr := facRun(t, "play", "--scenario", "fac-two", "--profile", "Bo", "--workshop", string(typo), "--answers", ans, "--data", laptop); code != 1 || !strings.Contains(stderr, "check it for a typo") {
		t.Errorf("a mistyped code: %d %s", code, stderr)
	}

	// results file, handed in
	out := filepath.Join(t.TempDir(), "mine.json")
	code, stdout, stderr = facRun(t, "results", "--profile", `=HYPERLINK("x")`, "--out", out, "--data", laptop)
	if code != 0 || !strings.Contains(stdout, "Hand this file to your facilitator") {
		t.Fatalf("results: %d %s %s", code, stdout, stderr)
	}
	if code, _, stderr := facRun(t, "results", "--profile", "Nobody", "--out", out, "--data", laptop); code != 1 || !strings.Contains(stderr, `no profile named "Nobody"`) {
		t.Errorf("results for an unknown profile: %d %s", code, stderr)
	}
	junk := filepath.Join(t.TempDir(), "junk.json")
	os.WriteFile(junk, []byte("not json"), 0o644)

	code, stdout, stderr = facRun(t, "import", out, junk, "--data", facil)
	if code != 1 || !strings.Contains(stderr, "[1/2] "+out+": 1 attempt and 2 answers imported.") ||
		!strings.Contains(stderr, "[2/2] REJECTED "+junk+": the file is not JSON") ||
		!strings.Contains(stdout, "Imported 1 of 2 files") || !strings.Contains(stdout, "1 file rejected") {
		t.Errorf("import with a bad file: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	code, stdout, stderr = facRun(t, "import", filepath.Dir(out), "--data", facil)
	if code != 0 || !strings.Contains(stderr, "nothing new; it was imported before") {
		t.Errorf("importing the folder again: %d %s %s", code, stdout, stderr)
	}

	// a co-facilitator's machine never created the workshop: the imported
	// attempts carry its code, and the room and the exports still work
	co := facData(t)
	facRun(t, "import", out, "--data", co)
	if code, stdout, stderr := facRun(t, "room", "--workshop", join, "--scenario", "fac-two", "--data", co); code != 0 || !strings.Contains(stdout, "1 participant (latest attempt each)") {
		t.Errorf("the room on a machine that only imported: %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := facRun(t, "export", "--format", "json", "--workshop", join, "--out", "-", "--data", co); code != 0 {
		t.Errorf("export on a machine that only imported: %s", stderr)
	}

	// the room
	code, stdout, stderr = facRun(t, "room", "--workshop", join, "--scenario", "fac-two", "--sort", "fit", "--data", facil)
	if code != 0 {
		t.Fatalf("room: %d %s", code, stderr)
	}
	for _, want := range []string{"Two moments — Leading teams, März (" + join + ")", "2 participants (latest attempt each), 2 finished.",
		"* Stabilise", "* plan", "Zoë", `=HYPERLINK("x")`, "   100   100   100   100  balanced"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the room view lacks %q:\n%s", want, stdout)
		}
	}
	if i, j := strings.Index(stdout, "Zoë"), strings.LastIndex(stdout, "=HYPERLINK"); i > j {
		t.Errorf("sorted by fit, Zoë (100) should come first:\n%s", stdout)
	}
	_, pseudo, _ := facRun(t, "room", "--workshop", join, "--scenario", "fac-two", "--pseudonymise", "--data", facil)
	if strings.Contains(pseudo, "Zoë") || !strings.Contains(pseudo, "Participant ") {
		t.Errorf("the pseudonymised room view:\n%s", pseudo)
	}

	// exports
	csvDir := filepath.Join(t.TempDir(), "csv")
	if code, _, stderr := facRun(t, "export", "--format", "csv", "--workshop", join, "--out", csvDir, "--data", facil); code != 0 {
		t.Fatalf("export csv: %s", stderr)
	}
	raw, _ := os.ReadFile(filepath.Join(csvDir, "attempts.csv"))
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != 3 || !strings.Contains(string(raw), `"'=HYPERLINK(""x"")"`) {
		t.Errorf("attempts.csv: %v\n%s", err, raw)
	}
	jsonPath := filepath.Join(t.TempDir(), "out.json")
	facRun(t, "export", "--format", "json", "--workshop", join, "--pseudonymise", "--out", jsonPath, "--data", facil)
	var doc export.JSONExport
	b, _ := os.ReadFile(jsonPath)
	if err := json.Unmarshal(b, &doc); err != nil || !doc.Pseudonymised || len(doc.Participants) != 2 || strings.Contains(string(b), "Zoë") {
		t.Errorf("the pseudonymised JSON export: %v\n%.400s", err, b)
	}
	code, stdout, _ = facRun(t, "export", "--format", "xapi", "--workshop", join, "--out", "-", "--data", facil)
	var sts []export.Statement
	if err := json.Unmarshal([]byte(stdout), &sts); code != 0 || err != nil || len(sts) != 6 {
		t.Errorf("xapi to standard output: %d statements, %v", len(sts), err)
	}
	pdf := filepath.Join(t.TempDir(), "out.pdf")
	if code, _, stderr := facRun(t, "export", "--format", "pdf", "--workshop", join, "--out", pdf, "--data", facil); code != 0 {
		t.Errorf("export pdf: %s", stderr)
	}
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("the PDF export is not a PDF")
	}

	// list and close
	_, stdout, _ = facRun(t, "workshop", "list", "--data", facil)
	if !strings.Contains(stdout, join+"  open ") || !strings.Contains(stdout, "            2  Leading teams, März") {
		t.Errorf("workshop list:\n%s", stdout)
	}
	if code, stdout, _ := facRun(t, "workshop", "close", strings.ToLower(join), "--data", facil); code != 0 || !strings.Contains(stdout, "Closed the workshop") {
		t.Errorf("workshop close: %d %s", code, stdout)
	}
	if code, _, stderr := facRun(t, "play", "--scenario", "fac-two", "--profile", "Late", "--workshop", join, "--answers", ans, "--data", facil); code != 1 || !strings.Contains(stderr, "was closed on") {
		t.Errorf("joining a closed workshop: %d %s", code, stderr)
	}
}

func TestFacilitatorUsageErrors(t *testing.T) {
	data := facData(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"workshop"}, 2, "create NAME"},
		{[]string{"workshop", "explode"}, 2, "not something a workshop can do"},
		{[]string{"workshop", "create"}, 2, "give the workshop a name"},
		{[]string{"workshop", "close"}, 2, "name one workshop"},
		{[]string{"workshop", "close", "ZZZZZZ"}, 1, "no workshop with the join code"},
		{[]string{"workshop", "feedback", "ZZZZZZ"}, 2, "then hold (the verdicts wait for the debrief) or show"},
		{[]string{"workshop", "feedback", "ZZZZZZ", "later"}, 2, "then hold"},
		{[]string{"workshop", "feedback", "ZZZZZZ", "hold"}, 1, "no workshop with the join code"},
		{[]string{"workshop", "list", "--hold-feedback"}, 2, "--hold-feedback goes with create"},
		{[]string{"workshop", "create", strings.Repeat("x", 10000)}, 1, "use at most 80"},
		{[]string{"results"}, 2, "--profile NAME"},
		{[]string{"import"}, 2, "name the results files"},
		{[]string{"export"}, 2, "--format csv, json, xapi or pdf"},
		{[]string{"export", "--format", "docx", "--out", "x"}, 2, `"docx" is not a format`},
		{[]string{"export", "--format", "csv"}, 2, "--out PATH"},
		{[]string{"export", "--format", "csv", "--out", "-"}, 2, "cannot go to standard output"},
		{[]string{"export", "--format", "json", "--lrs", "http://x"}, 2, "--lrs needs --format xapi"},
		{[]string{"export", "--format", "xapi", "--lrs", "http://x"}, 2, "--user"},
		{[]string{"export", "--format", "json", "--workshop", "ZZZZZZ", "--out", "-"}, 1, "no workshop with the join code"},
		{[]string{"sample-workshop"}, 2, "--participants N"},
		{[]string{"sample-workshop", "--participants", "3", "--scenarios", "nope"}, 1, `no scenario "nope"`},
		{[]string{"room"}, 2, "--workshop CODE --scenario ID"},
		{[]string{"room", "--workshop", "ZZZZZZ", "--scenario", "fac-two"}, 1, "no workshop with the join code"},
		{[]string{"room", "--workshop", "X", "--scenario", "fac-two", "--sort", "shoe"}, 2, "cannot sort by"},
	}
	for _, tt := range tests {
		args := append(tt.args, "--data", data)
		code, stdout, stderr := facRun(t, args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("twohats %s: exit %d, want %d with %q\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, tt.want, stdout, stderr)
		}
		for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
			if strings.HasPrefix(line, "twohats ") && !strings.HasSuffix(line, ".") {
				t.Errorf("twohats %s: the message %q is not a sentence", strings.Join(tt.args, " "), line)
			}
		}
	}
}

func TestSampleWorkshopCommand(t *testing.T) {
	data := facData(t)
	names := filepath.Join(t.TempDir(), "names.txt")
	os.WriteFile(names, []byte("\ufeffZoë\r\n=1+1\r\n\r\n"), 0o644)
	code, stdout, stderr := facRun(t, "sample-workshop", "--participants", "20", "--seed", "5", "--scenarios", "fac-two", "--names", names, "--data", data)
	join := strings.TrimSpace(stdout)
	if code != 0 || !game.ValidCode(join) || !strings.Contains(stderr, "20 participants") {
		t.Fatalf("sample-workshop: %d %q %s", code, stdout, stderr)
	}
	db, _, err := store.Open(data, store.Options{Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	entries, _ := db.Entries(join)
	got := map[string]bool{}
	for _, e := range entries {
		got[e.Profile.Name] = true
	}
	if len(got) != 20 || !got["Zoë"] || !got["=1+1"] {
		t.Errorf("the sample has %d participants (%v); want 20 with the given names first", len(got), got)
	}
}
