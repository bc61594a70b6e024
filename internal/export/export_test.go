package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
)

func TestGoldenCSV(t *testing.T) {
	db, lib, w := tinyWorkshop(t)
	dir := filepath.Join(t.TempDir(), "out")
	if err := export.CSV(db, lib, dir, export.Options{Workshop: strings.ToLower(w.Code)}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{export.AttemptsCSV, export.AnswersCSV} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, name, b)
	}
	// nothing is left behind but the two files
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the export folder holds %d files, want attempts.csv and answers.csv only", len(entries))
	}
}

func TestGoldenJSON(t *testing.T) {
	db, lib, w := tinyWorkshop(t)
	var b bytes.Buffer
	if err := export.JSON(db, lib, &b, export.Options{Workshop: w.Code}); err != nil {
		t.Fatal(err)
	}
	golden(t, "export.json", b.Bytes())
	var doc export.JSONExport
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != export.JSONKind || doc.Version != 1 || doc.Workshop == nil || doc.Workshop.Code != w.Code || len(doc.Participants) != 4 {
		t.Errorf("the JSON export's head is %+v with %d participants, want the workshop %s and 4 participants", doc.Workshop, len(doc.Participants), w.Code)
	}
}

func TestGoldenXAPI(t *testing.T) {
	db, lib, w := tinyWorkshop(t)
	var b bytes.Buffer
	if err := export.XAPI(db, lib, &b, export.Options{Workshop: w.Code}); err != nil {
		t.Fatal(err)
	}
	golden(t, "xapi.json", b.Bytes())
}

// TestCSVInjection: every cell a spreadsheet would run is neutralised.
func TestCSVInjection(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Zoë", "Zoë"},
		{"=1+1", "'=1+1"},
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+1", "'+1"},
		{"-2", "'-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"  =1+1", "'  =1+1"},
		{"\n@x", "'\n@x"},
		{"\u00a0=1", "'\u00a0=1"},
		{"＝1+1", "'＝1+1"},
		{"－1", "'－1"},
		{"＋1", "'＋1"},
		{"＠x", "'＠x"},
		{"a=1", "a=1"},
		{"1-2", "1-2"},
		{"'already", "'already"},
		{"72.5", "72.5"},
	}
	for _, tt := range tests {
		if got := export.SafeCell(tt.in); got != tt.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}

	db, lib, w := tinyWorkshop(t)
	dir := t.TempDir()
	if err := export.CSV(db, lib, dir, export.Options{Workshop: w.Code}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{export.AttemptsCSV, export.AnswersCSV} {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s does not start with the UTF-8 byte-order mark", name)
		}
		if bytes.Count(raw, []byte("\n")) != bytes.Count(raw, []byte("\r\n")) {
			t.Errorf("%s has line ends other than CRLF", name)
		}
		r := csv.NewReader(bytes.NewReader(raw[3:]))
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s is not RFC 4180 CSV: %v", name, err)
		}
		found := map[string]bool{}
		for i, row := range rows {
			for j, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s row %d column %d starts with %q: %q", name, i+1, j+1, cell[0], cell)
				}
				found[cell] = true
			}
		}
		for _, n := range []string{"'" + nameFormula, "'" + nameSigns, "'" + nameDDE, nameAccents} {
			if !found[n] {
				t.Errorf("%s has no cell %q; the names must survive, neutralised", name, n)
			}
		}
	}
}

// TestPseudonymiseEveryFormat: no name survives, in any format, and each
// participant gets the same pseudonym everywhere.
func TestPseudonymiseEveryFormat(t *testing.T) {
	db, lib, w := tinyWorkshop(t)
	o := export.Options{Workshop: w.Code, Pseudonymise: true}
	dir := t.TempDir()
	outputs := map[string][]byte{}
	if err := export.CSV(db, lib, dir, o); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{export.AttemptsCSV, export.AnswersCSV} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		outputs[name] = b
	}
	var j, x bytes.Buffer
	if err := export.JSON(db, lib, &j, o); err != nil {
		t.Fatal(err)
	}
	if err := export.XAPI(db, lib, &x, o); err != nil {
		t.Fatal(err)
	}
	outputs["json"], outputs["xapi"] = j.Bytes(), x.Bytes()
	pdfPath := filepath.Join(dir, "out.pdf")
	if err := export.PDF(db, lib, pdfPath, o); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdfPath, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		outputs["pdf"] = text
	} else {
		t.Log("pdftotext (poppler-utils) is not installed, so the PDF's text is not checked; install poppler-utils to check it")
	}
	profiles, err := db.Profiles(true)
	if err != nil {
		t.Fatal(err)
	}
	key, err := db.PseudonymKey()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range profiles {
		if p.Name == nameOther {
			continue // not in the workshop
		}
		pseudo := export.Pseudonym(key, p.ID)
		if !strings.HasPrefix(pseudo, "Participant ") || pseudo != export.Pseudonym(key, p.ID) {
			t.Errorf("Pseudonym(%s) = %q, want a stable \"Participant …\"", p.ID, pseudo)
		}
		for format, b := range outputs {
			text := string(b)
			for _, part := range []string{p.Name, strings.Split(p.Name, " ")[0]} {
				if len(part) > 3 && strings.Contains(text, part) {
					t.Errorf("the %s export still contains the name %q", format, part)
				}
			}
			// pdftotext may break a line inside a long cell; the CSV doubles quotes
			if !strings.Contains(text, pseudo) {
				t.Errorf("the %s export lacks %s's pseudonym %q", format, p.Name, pseudo)
			}
		}
	}
}

func TestPseudonymsDistinct(t *testing.T) {
	seen := map[string]string{}
	key := bytes.Repeat([]byte{7}, 32)
	for i := 0; i < 20000; i++ {
		id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		p := export.Pseudonym(key, id)
		if prev, dup := seen[p]; dup {
			t.Fatalf("%s and %s share the pseudonym %s", prev, id, p)
		}
		seen[p] = id
		for _, r := range strings.TrimPrefix(p, "Participant ") {
			if !strings.ContainsRune(game.CodeAlphabet+"-", r) {
				t.Fatalf("pseudonym %q uses %q, outside the unambiguous alphabet", p, r)
			}
		}
	}
}

func TestXAPIStatements(t *testing.T) {
	db, lib, w := tinyWorkshop(t)
	sts, err := export.Statements(db, lib, export.Options{Workshop: w.Code})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := db.Entries(w.Code)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]export.Statement{}
	for _, s := range sts {
		if _, dup := byID[s.ID]; dup {
			t.Errorf("statement id %s is used twice", s.ID)
		}
		byID[s.ID] = s
	}
	raw, _ := json.Marshal(sts)
	if bytes.Contains(raw, []byte(`"version"`)) {
		t.Error("the statements carry a version field; the LRS must set it")
	}
	answers, completed := 0, 0
	for _, e := range entries {
		for _, a := range e.Answers {
			answers++
			s, ok := byID[a.ID]
			if !ok {
				t.Errorf("answer %s has no statement", a.ID)
				continue
			}
			if s.Verb.ID != export.VerbAnswered || s.Timestamp != store.FormatTime(a.At) || s.Context.Registration != e.Attempt.ID {
				t.Errorf("answer %s: verb %s, timestamp %s, registration %s; want answered at %s in %s", a.ID, s.Verb.ID, s.Timestamp, s.Context.Registration, store.FormatTime(a.At), e.Attempt.ID)
			}
			def := s.Object.Definition
			if def.InteractionType != "choice" || def.Type != export.TypeInteraction || len(def.Choices) == 0 || len(def.CorrectResponsesPattern) == 0 {
				t.Errorf("answer %s: the object is not a choice cmi.interaction with choices and correct responses: %+v", a.ID, def)
			}
			if *s.Result.Response != a.Choice || s.Result.Success == nil || s.Result.Score == nil {
				t.Errorf("answer %s: the result lacks response, success or score: %+v", a.ID, s.Result)
			}
			if *s.Result.Success != (s.Result.Score.Scaled == 1) {
				t.Errorf("answer %s: success %v disagrees with scaled score %v", a.ID, *s.Result.Success, s.Result.Score.Scaled)
			}
			ca := s.Context.ContextActivities
			if ca == nil || len(ca.Parent) != 1 || !strings.HasSuffix(ca.Parent[0].ID, "/scenarios/tiny") || len(ca.Grouping) != 1 || !strings.HasSuffix(ca.Grouping[0].ID, "/workshops/"+w.Code) {
				t.Errorf("answer %s: the context activities are %+v, want the scenario as parent and the workshop as grouping", a.ID, ca)
			}
		}
		if e.Attempt.Status == game.StatusFinished {
			completed++
			s, ok := byID[e.Attempt.ID]
			if !ok {
				t.Errorf("finished attempt %s has no completed statement", e.Attempt.ID)
				continue
			}
			if s.Verb.ID != export.VerbCompleted || s.Result.Score == nil || s.Result.Score.Scaled != *e.Attempt.Scores.Fit/100 {
				t.Errorf("attempt %s: %+v, want completed with the scaled fit %v", e.Attempt.ID, s.Result, *e.Attempt.Scores.Fit/100)
			}
			for _, ext := range []string{export.ExtManagement, export.ExtLeadership, export.ExtReading} {
				if _, ok := s.Result.Extensions[export.DefaultBaseIRI+"/extensions/"+ext]; !ok {
					t.Errorf("attempt %s: no %s extension", e.Attempt.ID, ext)
				}
			}
			if s.Timestamp != store.FormatTime(*e.Attempt.FinishedAt) {
				t.Errorf("attempt %s: timestamp %s, want the finish time %s", e.Attempt.ID, s.Timestamp, store.FormatTime(*e.Attempt.FinishedAt))
			}
		}
	}
	if len(sts) != answers+completed {
		t.Errorf("%d statements, want %d answered + %d completed", len(sts), answers, completed)
	}
}

func TestWorkshopFilter(t *testing.T) {
	db, lib, _ := tinyWorkshop(t)
	var all bytes.Buffer
	if err := export.JSON(db, lib, &all, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(all.String(), nameOther) {
		t.Errorf("an export of everything lacks %s, who played in another workshop", nameOther)
	}
	err := export.JSON(db, lib, &bytes.Buffer{}, export.Options{Workshop: "ZZZZZZ"})
	if !errors.Is(err, export.ErrNoData) || !strings.Contains(err.Error(), "ZZZZZZ") {
		t.Errorf("exporting an unknown workshop: %v, want ErrNoData naming the code", err)
	}
}

// TestHostileData: names of 10 000 characters, emoji, control characters
// and an attempt whose scenario is gone never break an export.
func TestHostileData(t *testing.T) {
	db, lib, w := tinyWorkshop(t)
	long := strings.Repeat("Ünïcødé ", 1250)
	for i, name := range []string{long, "🙂 emoji \u202e right-to-left \x00 nul", "=cmd|' /C calc'!A0\r\n-1"} {
		pid := "00000000-0000-4000-b000-00000000000" + string(rune('1'+i))
		_, err := db.Merge(game.Profile{ID: pid, Name: name, Workshop: w.Code, Imported: true}, []store.AttemptLog{{
			Attempt: game.Attempt{ID: "00000000-0000-4000-b000-10000000000" + string(rune('1'+i)), ScenarioID: "gone-scenario", ScenarioHash: "x", Seed: 1, StartedAt: testkit.Epoch, Workshop: w.Code, Status: game.StatusOpen},
			Answers: []game.SavedAnswer{{ID: "00000000-0000-4000-b000-20000000000" + string(rune('1'+i)), Seq: 1, Answer: game.Answer{Scene: "x", Diagnosis: game.Lead, Choice: "y", At: testkit.Epoch}}},
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	o := export.Options{Workshop: w.Code}
	if err := export.CSV(db, lib, dir, o); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, export.AttemptsCSV))
	rows, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil || len(rows) != 1+4+3 {
		t.Errorf("attempts.csv: %d rows, %v; want a header and 7 attempts", len(rows), err)
	}
	if err := export.JSON(db, lib, &bytes.Buffer{}, o); err != nil {
		t.Error(err)
	}
	var x bytes.Buffer
	if err := export.XAPI(db, lib, &x, o); err != nil {
		t.Error(err)
	}
	if !json.Valid(x.Bytes()) {
		t.Error("the xAPI export is not valid JSON")
	}
	if err := export.PDF(db, lib, filepath.Join(dir, "hostile.pdf"), o); err != nil {
		t.Error(err)
	}
	for _, part := range []string{export.PartSummary, export.PartDebriefs} {
		o.Part = part
		var b bytes.Buffer
		if err := export.PDFTo(db, lib, &b, o); err != nil || !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
			t.Errorf("the %s PDF: %v", part, err)
		}
	}
	o.Part = "everything"
	if err := export.PDF(db, lib, filepath.Join(dir, "x.pdf"), o); err == nil {
		t.Error("an unknown PDF part was accepted")
	}
}

func TestEmptyDatabase(t *testing.T) {
	db := expOpen(t)
	lib := tinyLibrary(t)
	dir := t.TempDir()
	if err := export.CSV(db, lib, dir, export.Options{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, export.AnswersCSV))
	if string(b) != "\ufeff"+strings.Join(export.AnswerColumns, ",")+"\r\n" {
		t.Errorf("an empty answers.csv is %q, want the BOM and the header", b)
	}
	if err := export.PDF(db, lib, filepath.Join(dir, "empty.pdf"), export.Options{}); err != nil {
		t.Fatal(err)
	}
}

func TestStampMatchesStore(t *testing.T) {
	for _, tt := range []time.Time{
		time.Date(2025, 3, 14, 9, 26, 53, 500_000_000, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 999_999_999, time.FixedZone("x", 3600)),
		time.Date(2030, 1, 2, 3, 4, 5, 6_000_000, time.UTC),
	} {
		if got, want := export.StampForTest(tt), store.FormatTime(tt); got != want {
			t.Errorf("stamp(%v) = %s, want %s", tt, got, want)
		}
	}
}

// TestCSVEmptyCells: rows that start or end with empty cells keep their
// columns (attempts outside any workshop, unscored attempts).
func TestCSVEmptyCells(t *testing.T) {
	db, lib, _ := tinyWorkshop(t)
	p, _ := db.CreateProfile("Solo", "")
	play(t, db, lib.Get("tiny"), p, "", 21)
	var at, an bytes.Buffer
	if err := export.CSVTo(db, lib, &at, &an, export.Options{}); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"attempts": at.Bytes(), "answers": an.Bytes()} {
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, r := range rows {
			if len(r) != len(rows[0]) {
				t.Errorf("%s row %d has %d cells, want %d", name, i+1, len(r), len(rows[0]))
			}
		}
		if name == "attempts" && len(rows) != 7 {
			t.Errorf("attempts.csv has %d rows, want the header and 6 attempts", len(rows))
		}
	}
}
