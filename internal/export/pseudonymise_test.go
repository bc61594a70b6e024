package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

// importParticipant merges an imported participant with one finished
// attempt per start time given, as a results file would bring them.
func importParticipant(t testing.TB, db *store.Store, sc *game.Scenario, n int, name, workshop string, starts ...time.Time) {
	id := fmt.Sprintf("00000000-0000-4000-c000-%012d", n)
	t.Helper()
	var logs []store.AttemptLog
	for k, at := range starts {
		log := []game.Answer{
			{Scene: "m1", Diagnosis: game.Manage, Choice: "plan", At: at.Add(time.Minute), Millis: 11000},
			{Scene: "m2", Diagnosis: game.Both, Choice: "both-ways", At: at.Add(2 * time.Minute), Millis: 12000},
			{Scene: "m3", Diagnosis: game.Lead, Choice: "coach", At: at.Add(3 * time.Minute), Millis: 13000},
		}
		st, err := game.Replay(sc, 11, log)
		if err != nil {
			t.Fatal(err)
		}
		scores := st.Scores()
		fin := at.Add(3 * time.Minute)
		attemptID := fmt.Sprintf("00000000-0000-4000-c100-%06d%06d", n, k)
		var saved []game.SavedAnswer
		for i, a := range log {
			saved = append(saved, game.SavedAnswer{ID: fmt.Sprintf("00000000-0000-4000-c200-%04d%04d%04d", n, k, i+1), Seq: i + 1, Answer: a})
		}
		logs = append(logs, store.AttemptLog{Attempt: game.Attempt{ID: attemptID, ProfileID: id, ScenarioID: sc.ID, ScenarioHash: sc.Hash,
			Seed: 11, StartedAt: at, FinishedAt: &fin, Status: game.StatusFinished, Ending: st.Ending().ID, Workshop: workshop, Scores: &scores},
			Answers: saved})
	}
	if _, err := db.Merge(game.Profile{ID: id, Name: name, Workshop: workshop, CreatedAt: starts[0], Imported: true}, logs); err != nil {
		t.Fatal(err)
	}
}

// orderWorkshop is tinyWorkshop with five imported participants named so
// that their names' alphabetical order is the reverse of their pseudonyms'
// order under the database's key, which it returns (one of them with two
// attempts, the later one imported first).
func orderWorkshop(t testing.TB) (*store.Store, *scenarios.Library, game.Workshop, []byte) {
	t.Helper()
	db, lib, w := tinyWorkshop(t)
	testKey, err := db.PseudonymKey()
	if err != nil {
		t.Fatal(err)
	}
	var ns []int
	id := func(n int) string { return fmt.Sprintf("00000000-0000-4000-c000-%012d", n) }
	for n := 1; n <= 5; n++ {
		ns = append(ns, n)
	}
	sort.Slice(ns, func(i, j int) bool {
		return export.Pseudonym(testKey, id(ns[i])) < export.Pseudonym(testKey, id(ns[j]))
	})
	names := []string{"Yusuf Young", "Xenia Xu", "Walter White", "Vera Vance", "Uma Underwood"} // reverse alphabetical
	for i, n := range ns {
		at := testkit.Epoch.Add(time.Duration(2+i) * time.Hour)
		starts := []time.Time{at}
		if i == 2 {
			starts = []time.Time{at.Add(time.Hour), at}
		}
		importParticipant(t, db, lib.Get("tiny"), n, names[i], w.Code, starts...)
	}
	return db, lib, w, testKey
}

// exports writes every format and returns them by name; the PDF as its
// extracted text, when pdftotext is installed.
func exports(t *testing.T, db *store.Store, lib *scenarios.Library, o export.Options) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	var at, an, j, x bytes.Buffer
	if err := export.CSVTo(db, lib, &at, &an, o); err != nil {
		t.Fatal(err)
	}
	if err := export.JSON(db, lib, &j, o); err != nil {
		t.Fatal(err)
	}
	if err := export.XAPI(db, lib, &x, o); err != nil {
		t.Fatal(err)
	}
	out[export.AttemptsCSV], out[export.AnswersCSV], out["json"], out["xapi"] = at.Bytes(), an.Bytes(), j.Bytes(), x.Bytes()
	if text, ok := pdfText(t, db, lib, o); ok {
		out["pdf"] = text
	}
	return out
}

// pdfText writes the PDF and extracts its text with pdftotext.
func pdfText(t *testing.T, db *store.Store, lib *scenarios.Library, o export.Options) ([]byte, bool) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := export.PDF(db, lib, path, o); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext (poppler-utils) is not installed, so the PDF's text is not checked; install poppler-utils to check it")
		return nil, false
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return text, true
}

func csvRows(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// column is one column of CSV rows, without the header.
func column(rows [][]string, name string) []string {
	k := -1
	for i, c := range rows[0] {
		if c == name {
			k = i
		}
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[k])
	}
	return out
}

// runs is s with repeats in a row collapsed: the order things appear in.
func runs(s []string) []string {
	var out []string
	for _, v := range s {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

// TestPseudonymisedHidesIDsAndNames: no real name and no real profile,
// attempt or answer id is in any pseudonymised format; the pseudonymous
// ids are UUIDs, the same in every format.
func TestPseudonymisedHidesIDsAndNames(t *testing.T) {
	db, lib, w, testKey := orderWorkshop(t)
	entries, err := db.Entries(w.Code)
	if err != nil {
		t.Fatal(err)
	}
	out := exports(t, db, lib, export.Options{Workshop: w.Code, Pseudonymise: true})
	var secrets []string // what must not appear
	wantIDs := map[string]bool{}
	for _, e := range entries {
		secrets = append(secrets, e.Profile.ID, e.Attempt.ID)
		wantIDs[export.PseudonymousID(testKey, e.Profile.ID)] = true
		wantIDs[export.PseudonymousID(testKey, e.Attempt.ID)] = true
		for _, a := range e.Answers {
			secrets = append(secrets, a.ID)
			wantIDs[export.PseudonymousID(testKey, a.ID)] = true
		}
		for _, part := range strings.Fields(e.Profile.Name) {
			if len(part) > 3 {
				secrets = append(secrets, part)
			}
		}
	}
	for format, b := range out {
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("the pseudonymised %s export contains %q", format, s)
			}
		}
	}

	// every id in the CSV is pseudonymous, a version-4 UUID, and JSON and
	// xAPI carry the same ones in the same places
	ids := map[string]bool{}
	for _, name := range []string{export.AttemptsCSV, export.AnswersCSV} {
		rows := csvRows(t, out[name])
		for _, col := range []string{"participant_id", "attempt_id", "answer_id"} {
			if name == export.AttemptsCSV && col == "answer_id" {
				continue
			}
			for _, id := range column(rows, col) {
				u, err := uuid.Parse(id)
				if err != nil || u.Version() != 4 || u.Variant() != uuid.RFC4122 {
					t.Errorf("%s: %s %q is not a version-4 UUID", name, col, id)
				}
				if !wantIDs[id] {
					t.Errorf("%s: %s %q is not the keyed pseudonymous id of a real one", name, col, id)
				}
				ids[id] = true
			}
		}
	}
	if len(ids) != len(wantIDs) {
		t.Errorf("the CSV files hold %d distinct ids, want %d", len(ids), len(wantIDs))
	}
	var doc export.JSONExport
	if err := json.Unmarshal(out["json"], &doc); err != nil {
		t.Fatal(err)
	}
	attemptOf := map[string]string{} // attempt id → participant id, from JSON
	answerOf := map[string]string{}  // answer id → attempt id
	for _, p := range doc.Participants {
		for _, a := range p.Attempts {
			attemptOf[a.ID] = p.ID
			for _, an := range a.Answers {
				answerOf[an.ID] = a.ID
			}
		}
	}
	for _, name := range []string{export.AttemptsCSV, export.AnswersCSV} {
		rows := csvRows(t, out[name])
		ps, as := column(rows, "participant_id"), column(rows, "attempt_id")
		for i := range ps {
			if attemptOf[as[i]] != ps[i] {
				t.Errorf("%s row %d: attempt %s of %s, but the JSON gives it to %q", name, i+2, as[i], ps[i], attemptOf[as[i]])
			}
		}
		if name == export.AnswersCSV {
			for i, an := range column(rows, "answer_id") {
				if answerOf[an] != as[i] {
					t.Errorf("answers.csv row %d: answer %s of %s, but the JSON gives it to %q", i+2, an, as[i], answerOf[an])
				}
			}
		}
	}
	var sts []export.Statement
	if err := json.Unmarshal(out["xapi"], &sts); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range sts {
		if seen[s.ID] {
			t.Errorf("statement id %s is used twice", s.ID)
		}
		seen[s.ID] = true
		reg := s.Context.Registration
		if attemptOf[reg] != s.Actor.Account.Name {
			t.Errorf("statement %s: actor %s, registration %s; the JSON gives that attempt to %q", s.ID, s.Actor.Account.Name, reg, attemptOf[reg])
		}
		switch s.Verb.ID {
		case export.VerbAnswered:
			if answerOf[s.ID] != reg {
				t.Errorf("answered statement %s is not the JSON's answer of attempt %s", s.ID, reg)
			}
		case export.VerbCompleted:
			if s.ID != reg {
				t.Errorf("completed statement %s is not the attempt's id %s", s.ID, reg)
			}
		}
	}
}

// TestPseudonymisedOrder: pseudonymised output is ordered by pseudonym in
// every format, never by the real names, whose order here is the reverse.
func TestPseudonymisedOrder(t *testing.T) {
	db, lib, w, testKey := orderWorkshop(t)
	named := exports(t, db, lib, export.Options{Workshop: w.Code})
	out := exports(t, db, lib, export.Options{Workshop: w.Code, Pseudonymise: true})

	var plain, doc export.JSONExport
	if err := json.Unmarshal(named["json"], &plain); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out["json"], &doc); err != nil {
		t.Fatal(err)
	}
	// the real names' order, told in pseudonyms
	var byName []string
	for _, p := range plain.Participants {
		byName = append(byName, export.Pseudonym(testKey, p.ID))
	}
	want := append([]string(nil), byName...)
	sort.Strings(want)
	if strings.Join(want, ",") == strings.Join(byName, ",") {
		t.Fatalf("the fixture's names sort as their pseudonyms do (%v); the test cannot tell the orders apart", byName)
	}
	check := func(format string, got []string) {
		t.Helper()
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("the pseudonymised %s export lists\n  %v\nwant the pseudonyms' order\n  %v\n(the names' order is %v)", format, got, want, byName)
		}
	}
	var got []string
	for _, p := range doc.Participants {
		got = append(got, p.Name)
		for i := 1; i < len(p.Attempts); i++ {
			if p.Attempts[i-1].StartedAt > p.Attempts[i].StartedAt {
				t.Errorf("%s's attempts are not by start time: %s before %s", p.Name, p.Attempts[i-1].StartedAt, p.Attempts[i].StartedAt)
			}
		}
	}
	check("JSON", got)
	for _, name := range []string{export.AttemptsCSV, export.AnswersCSV} {
		check(name, runs(column(csvRows(t, out[name]), "participant")))
	}
	var sts []export.Statement
	if err := json.Unmarshal(out["xapi"], &sts); err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, s := range sts {
		got = append(got, s.Actor.Name)
	}
	check("xAPI", runs(got))
	if text, ok := out["pdf"]; ok {
		// the debriefs' order: where each pseudonym first heads a page after
		// the summary, whose table is sorted by name (here the pseudonym)
		debriefs := string(text[bytes.Index(text, []byte("TWO HATS · DEBRIEF")):])
		got = nil
		for _, line := range strings.Split(debriefs, "\n") {
			if strings.HasPrefix(line, "Participant ") {
				got = append(got, strings.TrimSpace(line))
			}
		}
		check("PDF", runs(got))
	}
}

// TestPseudonymsStablePerDatabase: two exports from one database give the
// same pseudonyms and ids; another database gives other ones for the very
// same profile ids, and its key is made on first use.
func TestPseudonymsStablePerDatabase(t *testing.T) {
	o := func(code string) export.Options { return export.Options{Workshop: code, Pseudonymise: true} }
	db1, lib, w := tinyWorkshop(t)
	var x1, x2 bytes.Buffer
	if err := export.XAPI(db1, lib, &x1, o(w.Code)); err != nil {
		t.Fatal(err)
	}
	if err := export.XAPI(db1, lib, &x2, o(w.Code)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x1.Bytes(), x2.Bytes()) {
		t.Error("two xAPI exports from the same database differ")
	}
	participants := func(db *store.Store, code string) []export.JSONParticipant {
		var b bytes.Buffer
		if err := export.JSON(db, lib, &b, o(code)); err != nil {
			t.Fatal(err)
		}
		var doc export.JSONExport
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Participants
	}
	p1, p1again := participants(db1, w.Code), participants(db1, w.Code)
	j1, _ := json.Marshal(p1)
	j1again, _ := json.Marshal(p1again)
	if !bytes.Equal(j1, j1again) {
		t.Error("two JSON exports from the same database give different participants")
	}

	// the same fixture in another database: the same profile and attempt
	// ids, another key
	db2, _, w2 := tinyWorkshop(t)
	if w2.Code != w.Code {
		t.Fatalf("the fixture's workshop codes differ (%s, %s)", w.Code, w2.Code)
	}
	p2 := participants(db2, w2.Code)
	if len(p1) != len(p2) || len(p1) == 0 {
		t.Fatalf("%d and %d participants", len(p1), len(p2))
	}
	k1, _ := db1.PseudonymKey()
	k2, _ := db2.PseudonymKey()
	if bytes.Equal(k1, k2) {
		t.Fatal("two databases share a pseudonym key")
	}
	names1, names2 := map[string]bool{}, map[string]bool{}
	ids1 := map[string]bool{}
	for i := range p1 {
		names1[p1[i].Name], names2[p2[i].Name] = true, true
		ids1[p1[i].ID] = true
		for _, a := range p1[i].Attempts {
			ids1[a.ID] = true
			for _, an := range a.Answers {
				ids1[an.ID] = true
			}
		}
	}
	for _, p := range p2 {
		if names1[p.Name] {
			t.Errorf("the pseudonym %s comes out of both databases", p.Name)
		}
		if ids1[p.ID] {
			t.Errorf("the participant id %s comes out of both databases", p.ID)
		}
		for _, a := range p.Attempts {
			if ids1[a.ID] {
				t.Errorf("the attempt id %s comes out of both databases", a.ID)
			}
			for _, an := range a.Answers {
				if ids1[an.ID] {
					t.Errorf("the answer id %s comes out of both databases", an.ID)
				}
			}
		}
	}
	// and the keyed functions agree with the exports
	profiles, err := db2.Profiles(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range profiles {
		if pr.Name == nameOther {
			continue
		}
		if !names2[export.Pseudonym(k2, pr.ID)] {
			t.Errorf("Pseudonym(key, %s) = %s is not in the export", pr.ID, export.Pseudonym(k2, pr.ID))
		}
		if export.Pseudonym(k1, pr.ID) == export.Pseudonym(k2, pr.ID) || export.PseudonymousID(k1, pr.ID) == export.PseudonymousID(k2, pr.ID) {
			t.Errorf("profile %s gets the same pseudonym or id under two keys", pr.ID)
		}
	}
}

// TestPseudonymousIDs: UUIDs of version 4, distinct for distinct ids,
// stable for one key.
func TestPseudonymousIDs(t *testing.T) {
	testKey := bytes.Repeat([]byte{0x5a}, store.PseudonymKeySize)
	seen := map[string]string{}
	for i := 0; i < 20000; i++ {
		id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		p := export.PseudonymousID(testKey, id)
		u, err := uuid.Parse(p)
		if err != nil || u.Version() != 4 || u.Variant() != uuid.RFC4122 || p != u.String() {
			t.Fatalf("PseudonymousID(%s) = %q, want a lower-case version-4 UUID", id, p)
		}
		if prev, dup := seen[p]; dup {
			t.Fatalf("%s and %s share the pseudonymous id %s", prev, id, p)
		}
		seen[p] = id
		if p != export.PseudonymousID(testKey, id) {
			t.Fatalf("PseudonymousID(%s) is not stable", id)
		}
	}
}
