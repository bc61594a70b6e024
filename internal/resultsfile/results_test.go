package resultsfile_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/twohats/twohats/game"
	results "github.com/twohats/twohats/internal/resultsfile"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

func resOpen(t testing.TB, prefix int) *store.Store {
	t.Helper()
	return testkit.Store(t, prefix)
}

func resLibrary(t testing.TB) *scenarios.Library {
	t.Helper()
	lib := scenarios.Load(scenarios.Source{FS: os.DirFS("testdata/scenarios"), Prefix: "testdata/scenarios/"})
	if len(lib.Failed) > 0 || lib.Get("tiny") == nil {
		t.Fatalf("testdata/scenarios: %v", lib.Failed)
	}
	return lib
}

// participant plays the tiny scenario on their own machine: one finished
// attempt in the workshop, one unfinished outside it.
func participant(t testing.TB, db *store.Store, lib *scenarios.Library, name, code string) game.Profile {
	t.Helper()
	sc := lib.Get("tiny")
	p, err := db.CreateProfile(name, code)
	if err != nil {
		t.Fatal(err)
	}
	record := func(workshop string, seed int64, log ...game.Answer) {
		a, err := db.StartAttempt(p.ID, sc, seed, workshop)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := game.Start(sc, seed)
		for i, ans := range log {
			if _, err := db.SaveAnswer(a.ID, i+1, ans); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Answer(ans); err != nil {
				t.Fatal(err)
			}
		}
		if st.Done {
			if err := db.FinishAttempt(a.ID, st.Ending().ID, st.Scores()); err != nil {
				t.Fatal(err)
			}
		}
	}
	record(code, 7, game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "plan", Millis: 3000},
		game.Answer{Scene: "m2", Diagnosis: game.Lead, Choice: "both-ways", Millis: 4000},
		game.Answer{Scene: "m3", Diagnosis: game.Lead, Choice: "coach", Millis: 5000})
	record("", 8, game.Answer{Scene: "m1", Diagnosis: game.Both, Choice: "speech", Millis: 9000})
	return p
}

const code = "7TVBXJ" // a valid join code

// exportFile writes a participant's results file into dir.
func exportFile(t testing.TB, db *store.Store, p game.Profile, dir string) string {
	t.Helper()
	path := filepath.Join(dir, results.FileName(p.Name, testkit.Epoch))
	var b bytes.Buffer
	if err := results.Export(db, p.ID, &b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// dump is every row of the facilitator's tables, to prove nothing changed.
func dump(t testing.TB, db *store.Store) string {
	t.Helper()
	// the store is closed: read its file through a connection of our own
	raw, err := sql.Open("sqlite3", store.DSN(db.Path())+"&mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, name, created_at, coalesce(workshop_code, ''), imported FROM profiles ORDER BY id`,
		`SELECT code, name, created_at, coalesce(closed_at, '') FROM workshops ORDER BY code`,
		`SELECT id, profile_id, scenario_id, scenario_hash, seed, started_at, coalesce(finished_at, ''), status, coalesce(ending, ''), coalesce(workshop_code, ''),
			coalesce(fit, -1), coalesce(management, -1), coalesce(leadership, -1), coalesce(reading, -1), coalesce(over_managing, -1), coalesce(over_leading, -1) FROM attempts ORDER BY id`,
		`SELECT id, attempt_id, seq, scene_id, diagnosis, choice_id, answered_at, millis FROM answers ORDER BY id`,
	} {
		rows, err := raw.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

func TestRoundTrip(t *testing.T) {
	lib := resLibrary(t)
	laptop := resOpen(t, 1)
	p := participant(t, laptop, lib, "Zoë Ünal", code)
	dir := t.TempDir()
	path := exportFile(t, laptop, p, dir)

	facil := resOpen(t, 2)
	var progress []string
	res := results.Import(facil, lib.Get, []string{path}, func(done, total int) { progress = append(progress, fmt.Sprintf("%d/%d", done, total)) })
	if len(res) != 1 || res[0].Err != nil || res[0].Skipped || res[0].Attempts != 2 || res[0].Answers != 4 {
		t.Fatalf("import: %+v, want 2 attempts and 4 answers", res)
	}
	if strings.Join(progress, " ") != "1/1" {
		t.Errorf("progress %v, want 1/1", progress)
	}
	got, err := facil.Profile(p.ID)
	if err != nil || got.Name != p.Name || !got.Imported || got.Workshop != code {
		t.Errorf("the imported profile is %+v, %v; want %q, imported, in %s", got, err, p.Name, code)
	}
	want, _ := laptop.ProfileEntries(p.ID)
	have, _ := facil.ProfileEntries(p.ID)
	if len(want) != len(have) {
		t.Fatalf("%d attempts imported, want %d", len(have), len(want))
	}
	for i := range want {
		w, h := want[i], have[i]
		if w.Attempt.ID != h.Attempt.ID || w.Attempt.Status != h.Attempt.Status || w.Attempt.Workshop != h.Attempt.Workshop ||
			!w.Attempt.StartedAt.Equal(h.Attempt.StartedAt) || len(w.Answers) != len(h.Answers) {
			t.Errorf("attempt %d: imported %+v, want %+v", i, h.Attempt, w.Attempt)
			continue
		}
		if (w.Attempt.Scores == nil) != (h.Attempt.Scores == nil) || w.Attempt.Scores != nil && *w.Attempt.Scores.Fit != *h.Attempt.Scores.Fit {
			t.Errorf("attempt %d: scores differ", i)
		}
		for j := range w.Answers {
			if w.Answers[j].ID != h.Answers[j].ID || w.Answers[j].Choice != h.Answers[j].Choice || !w.Answers[j].At.Equal(h.Answers[j].At) || w.Answers[j].Millis != h.Answers[j].Millis {
				t.Errorf("attempt %d answer %d: %+v, want %+v", i, j, h.Answers[j], w.Answers[j])
			}
		}
	}
	// the participant's own laptop imports its own file: nothing new
	if r := results.Import(laptop, lib.Get, []string{path}, nil); r[0].Err != nil || !r[0].Skipped {
		t.Errorf("importing a file into the machine it came from: %+v, want skipped", r[0])
	}
}

func TestImportIdempotent(t *testing.T) {
	lib := resLibrary(t)
	dir := t.TempDir()
	var paths []string
	for i, name := range []string{"Ana", "Ana", "Björn"} { // two people may share a name
		laptop := resOpen(t, 10+i)
		paths = append(paths, exportFile(t, laptop, participant(t, laptop, lib, name, code), t.TempDir()))
	}
	_ = dir
	facil := resOpen(t, 2)
	first := results.Import(facil, lib.Get, paths, nil)
	for _, r := range first {
		if r.Err != nil || r.Skipped {
			t.Fatalf("first import: %+v", r)
		}
	}
	before := dump(t, facil)
	second := results.Import(facil, lib.Get, append(paths, paths...), nil)
	for _, r := range second {
		if r.Err != nil || !r.Skipped || r.Attempts != 0 || r.Answers != 0 {
			t.Errorf("second import of %s: %+v, want skipped with nothing added", r.Path, r)
		}
	}
	if after := dump(t, facil); after != before {
		t.Errorf("importing the same files again changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	ps, _ := facil.Profiles(true)
	if len(ps) != 3 {
		t.Errorf("%d profiles after importing three participants twice, want 3", len(ps))
	}
}

// TestImportGrows: a later file of the same participant brings only what
// is new: the answers given since, and the attempt's finish.
func TestImportGrows(t *testing.T) {
	lib := resLibrary(t)
	sc := lib.Get("tiny")
	laptop := resOpen(t, 1)
	p, _ := laptop.CreateProfile("Kofi", code)
	a, _ := laptop.StartAttempt(p.ID, sc, 3, code)
	laptop.SaveAnswer(a.ID, 1, game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "plan"})
	early := exportFile(t, laptop, p, t.TempDir())
	laptop.SaveAnswer(a.ID, 2, game.Answer{Scene: "m2", Diagnosis: game.Both, Choice: "both-ways"})
	laptop.SaveAnswer(a.ID, 3, game.Answer{Scene: "m3", Diagnosis: game.Lead, Choice: "coach"})
	late := exportFile(t, laptop, p, t.TempDir())

	facil := resOpen(t, 2)
	r := results.Import(facil, lib.Get, []string{early, late, early}, nil)
	if r[0].Err != nil || r[0].Answers != 1 || r[1].Err != nil || r[1].Answers != 2 || r[1].Attempts != 1 || !r[2].Skipped {
		t.Fatalf("importing early, late, early: %+v", r)
	}
	got, _ := facil.Attempt(a.ID)
	if got.Status != game.StatusFinished || got.Ending != "good-end" || got.Scores == nil || *got.Scores.Fit != 100 {
		t.Errorf("the attempt after the later file: %+v, want finished at good-end with fit 100 (the replay's, though the file said open)", got)
	}
	// each result names its participant and sorts the attempts by what
	// happened to them, so the app can say who and what came in
	ids := func(as []game.Attempt) (out []string) {
		for _, x := range as {
			out = append(out, x.ID+" "+x.Status)
		}
		return out
	}
	for i, want := range []struct{ added, updated, present []string }{
		{added: []string{a.ID + " open"}},
		{updated: []string{a.ID + " finished"}},
		{present: []string{a.ID + " open"}},
	} {
		if r[i].Participant.Name != "Kofi" || !slices.Equal(ids(r[i].Added), want.added) || !slices.Equal(ids(r[i].Updated), want.updated) || !slices.Equal(ids(r[i].Present), want.present) {
			t.Errorf("file %d: participant %q, added %v, updated %v, present %v; want %+v", i+1, r[i].Participant.Name, ids(r[i].Added), ids(r[i].Updated), ids(r[i].Present), want)
		}
	}
}

// badFile is one kind of hostile results file and the words its rejection
// must use.
type badFile struct {
	name string
	make func(t *testing.T, good []byte, path string) // writes the file at path
	want string
}

func edit(f func(m map[string]any)) func(t *testing.T, good []byte, path string) {
	return func(t *testing.T, good []byte, path string) {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		os.WriteFile(path, b, 0o644)
	}
}

func raw(b []byte) func(t *testing.T, good []byte, path string) {
	return func(t *testing.T, good []byte, path string) { os.WriteFile(path, b, 0o644) }
}

func attempt(m map[string]any, i int) map[string]any {
	return m["attempts"].([]any)[i].(map[string]any)
}
func answer(m map[string]any, i, j int) map[string]any {
	return attempt(m, i)["answers"].([]any)[j].(map[string]any)
}

func TestImportRejectsBadFiles(t *testing.T) {
	tests := []badFile{
		{"not JSON", raw([]byte("name,score\nAna,72\n")), "is not JSON"},
		{"binary", raw([]byte{0x89, 'P', 'N', 'G', 0, 0, 1}), "is not JSON"},
		{"empty", raw(nil), "is empty"},
		{"other JSON", raw([]byte(`{"hello": "world"}`)), "not a Two Hats results file"},
		{"a JSON array", raw([]byte(`[1, 2]`)), "is not JSON"},
		{"truncated", func(t *testing.T, good []byte, path string) { os.WriteFile(path, good[:len(good)/2], 0o644) }, "is truncated"},
		{"syntax error", func(t *testing.T, good []byte, path string) {
			os.WriteFile(path, bytes.Replace(good, []byte(`"seq": 2`), []byte(`"seq": 2,,`), 1), 0o644)
		}, "not valid JSON at line"},
		{"newer version", edit(func(m map[string]any) { m["version"] = 2 }), "version 2, written by a newer Two Hats"},
		{"version zero", edit(func(m map[string]any) { m["version"] = 0 }), "version 0, which no Two Hats writes"},
		{"version text", edit(func(m map[string]any) { m["version"] = "1" }), "is not a whole number"},
		{"no version", edit(func(m map[string]any) { delete(m, "version") }), "has no version"},
		{"over 50 MB", func(t *testing.T, good []byte, path string) {
			f, _ := os.Create(path)
			f.Write(good)
			f.Truncate(results.MaxFileSize + 1) // sparse: costs no disk
			f.Close()
		}, "the file is 52,428,801 bytes; a results file may be at most 52,428,800 bytes (50 MiB)"},
		{"unknown field", edit(func(m map[string]any) { m["admin"] = true }), `unexpected field "admin"`},
		{"wrong type", edit(func(m map[string]any) { attempt(m, 0)["seed"] = "seven" }), `the field "attempts.seed" holds string`},
		{"duplicate attempt id", edit(func(m map[string]any) { attempt(m, 1)["id"] = attempt(m, 0)["id"] }), "which attempt 1 already uses"},
		{"duplicate answer id", edit(func(m map[string]any) { answer(m, 0, 1)["id"] = answer(m, 0, 0)["id"] }), "answer 2 of attempt 1 has the id"},
		{"answer id = profile id", edit(func(m map[string]any) { answer(m, 0, 0)["id"] = m["profile"].(map[string]any)["id"] }), "which the profile already uses"},
		{"malformed uuid", edit(func(m map[string]any) { attempt(m, 0)["id"] = "not-a-uuid" }), `the id "not-a-uuid", which is not a UUID`},
		{"uuid without dashes", edit(func(m map[string]any) { attempt(m, 0)["id"] = "0000000100004000800000000000000a" }), "which is not a UUID"},
		{"nil uuid", edit(func(m map[string]any) { m["profile"].(map[string]any)["id"] = "00000000-0000-0000-0000-000000000000" }), "which is not a UUID"},
		{"unknown scenario", edit(func(m map[string]any) { attempt(m, 0)["scenario"] = "my-own-scenario" }), `scenario "my-own-scenario", which is not loaded here`},
		{"answers that do not replay", edit(func(m map[string]any) { answer(m, 0, 1)["choice"] = "teleport" }), "do not replay on the scenario loaded here"},
		{"answers out of order", edit(func(m map[string]any) { answer(m, 0, 1)["scene"] = "m3" }), "do not replay"},
		{"bad diagnosis", edit(func(m map[string]any) { answer(m, 0, 0)["diagnosis"] = "none" }), "do not replay"},
		{"seq gap", edit(func(m map[string]any) { answer(m, 0, 1)["seq"] = 5 }), "answers must be numbered 1, 2, 3"},
		{"bad time", edit(func(m map[string]any) { answer(m, 0, 0)["at"] = "yesterday" }), `the time "yesterday"`},
		{"negative millis", edit(func(m map[string]any) { answer(m, 0, 0)["millis"] = -5 }), "impossible"},
		{"bad status", edit(func(m map[string]any) { attempt(m, 0)["status"] = "hacked" }), `the status "hacked"`},
		{"bad workshop code", edit(func(m map[string]any) { attempt(m, 0)["workshop"] = "ABC" }), "not a join code"},
		{"name of 10 000 characters", edit(func(m map[string]any) { m["profile"].(map[string]any)["name"] = strings.Repeat("Ö", 10000) }), "name cannot be used"},
		{"name with control characters", edit(func(m map[string]any) { m["profile"].(map[string]any)["name"] = "Ana\u0007" }), "control character"},
		{"empty name", edit(func(m map[string]any) { m["profile"].(map[string]any)["name"] = "  " }), "name cannot be used"},
		{"trailing data", func(t *testing.T, good []byte, path string) { os.WriteFile(path, append(good, []byte("{}")...), 0o644) }, "after top-level value"},
		// hand-edit loopholes: encoding/json lets the last duplicate, or a
		// key in another case, override the real field
		{"duplicate key", func(t *testing.T, good []byte, path string) {
			os.WriteFile(path, bytes.Replace(good, []byte(`"profile": {`), []byte(`"profile": {"name": "Mallory",`), 1), 0o644)
		}, `the field "name" is written twice in one place`},
		{"key in upper case", func(t *testing.T, good []byte, path string) {
			os.WriteFile(path, bytes.Replace(good, []byte(`"profile": {`), []byte(`"profile": {"NAME": "Mallory",`), 1), 0o644)
		}, `the field "NAME" is not spelled the way Two Hats writes it`},
		// names that display as nothing
		{"zero-width name", edit(func(m map[string]any) { m["profile"].(map[string]any)["name"] = "\u200b\u200b\u200d" }), "no visible character"},
		{"Hangul filler name", edit(func(m map[string]any) { m["profile"].(map[string]any)["name"] = "\u3164\u3164" }), "no visible character"},
		{"BOM and direction marks", edit(func(m map[string]any) { m["profile"].(map[string]any)["name"] = "\ufeff\u200e\u200f" }), "no visible character"},
		// times are evidence too
		{"start in the far future", edit(func(m map[string]any) { attempt(m, 0)["started_at"] = "9999-12-31T23:59:59.000Z" }), "after the file was exported"},
		{"exported in the future", edit(func(m map[string]any) {
			m["exported_at"] = "9999-12-31T23:59:59.000Z"
			attempt(m, 0)["started_at"] = "9999-12-31T23:00:00.000Z"
		}), "which is in the future; check the clock"},
		{"finished before started", edit(func(m map[string]any) { attempt(m, 0)["finished_at"] = "2001-01-01T00:00:00.000Z" }), "before it started or before its last answer"},
		{"attempt before the profile", edit(func(m map[string]any) { attempt(m, 1)["started_at"] = "2001-01-01T00:00:00.000Z" }), "before its participant's profile was created"},
		{"answers out of time order", edit(func(m map[string]any) { answer(m, 0, 1)["at"] = answer(m, 0, 0)["at"].(string)[:11] + "00:00:00.000Z" }), "before the attempt started or the answer before it"},
		{"no export time", edit(func(m map[string]any) { delete(m, "exported_at") }), `the file's exported_at "" is not a time`},
	}
	lib := resLibrary(t)
	laptop := resOpen(t, 1)
	p := participant(t, laptop, lib, "Ana", code)
	var good bytes.Buffer
	if err := results.Export(laptop, p.ID, &good); err != nil {
		t.Fatal(err)
	}
	facil := resOpen(t, 2)
	// something already there, which a rejected file must not disturb
	other := resOpen(t, 3)
	okPath := exportFile(t, other, participant(t, other, lib, "Björn", code), t.TempDir())
	if r := results.Import(facil, lib.Get, []string{okPath}, nil); r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	before := dump(t, facil)
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".json")
			tt.make(t, good.Bytes(), path)
			r := results.Import(facil, lib.Get, []string{path}, nil)
			err := r[0].Err
			if err == nil {
				t.Fatalf("the file was accepted: %+v", r[0])
			}
			var fe *results.FileError
			if !errors.As(err, &fe) || !errors.Is(err, results.ErrRejected) {
				t.Errorf("the error %v is not a *FileError wrapping ErrRejected", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+": ") || !strings.Contains(msg, tt.want) || !strings.HasSuffix(msg, ".") {
				t.Errorf("the rejection is\n  %s\nwant a sentence starting with the path and containing %q", msg, tt.want)
			}
			if len(msg) > 600 {
				t.Errorf("the rejection is %d characters long; keep it short", len(msg))
			}
			if after := dump(t, facil); after != before {
				t.Errorf("a rejected file changed the database")
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		r := results.Import(facil, lib.Get, []string{filepath.Join(dir, "nope.json")}, nil)
		if r[0].Err == nil || !strings.Contains(r[0].Err.Error(), "does not exist") {
			t.Errorf("a missing file: %v", r[0].Err)
		}
	})
	t.Run("a folder", func(t *testing.T) {
		r := results.Import(facil, lib.Get, []string{dir}, nil)
		if r[0].Err == nil || !strings.Contains(r[0].Err.Error(), "is a folder") {
			t.Errorf("a folder: %v", r[0].Err)
		}
	})
}

// TestImportConflicts: a file whose ids contradict what is already
// imported is rejected whole.
func TestImportConflicts(t *testing.T) {
	lib := resLibrary(t)
	laptop := resOpen(t, 1)
	p := participant(t, laptop, lib, "Ana", code)
	var good bytes.Buffer
	results.Export(laptop, p.ID, &good)
	facil := resOpen(t, 2)
	dir := t.TempDir()
	path := filepath.Join(dir, "ana.json")
	os.WriteFile(path, good.Bytes(), 0o644)
	if r := results.Import(facil, lib.Get, []string{path}, nil); r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	before := dump(t, facil)
	tests := []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"someone else's attempt", func(m map[string]any) {
			m["profile"].(map[string]any)["id"] = "99999999-0000-4000-8000-000000000001"
			// the second attempt is new: the file fails on the first anyway
		}, "already belongs to another participant"},
		{"a different answer at the same place", func(m map[string]any) {
			answer(m, 0, 2)["id"] = "99999999-0000-4000-8000-000000000002"
		}, "answer 3 of attempt"},
		{"an answer id used elsewhere", func(m map[string]any) {
			m["profile"].(map[string]any)["id"] = "99999999-0000-4000-8000-000000000003"
			attempt(m, 0)["id"] = "99999999-0000-4000-8000-000000000004"
			attempt(m, 1)["id"] = "99999999-0000-4000-8000-000000000005"
		}, "is already used on this machine for something else"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".json")
			edit(tt.edit)(t, good.Bytes(), bad)
			r := results.Import(facil, lib.Get, []string{bad}, nil)
			if r[0].Err == nil || !strings.Contains(r[0].Err.Error(), tt.want) || !strings.HasPrefix(r[0].Err.Error(), bad) {
				t.Errorf("got %v, want a rejection naming the file and saying %q", r[0].Err, tt.want)
			}
			if dump(t, facil) != before {
				t.Error("a conflicting file changed the database")
			}
		})
	}
}

// TestImportMany: one bad file among many is rejected alone; the others
// go in, with a progress call after each.
func TestImportMany(t *testing.T) {
	lib := resLibrary(t)
	var paths []string
	for i := 0; i < 12; i++ {
		laptop := resOpen(t, 100+i)
		paths = append(paths, exportFile(t, laptop, participant(t, laptop, lib, fmt.Sprintf("P%02d", i), code), t.TempDir()))
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"format": "twohats-results", "version": 1, "profile": `), 0o644)
	paths = append(paths[:5], append([]string{bad}, paths[5:]...)...)
	facil := resOpen(t, 2)
	var calls []int
	res := results.Import(facil, lib.Get, paths, func(done, total int) {
		if total != len(paths) {
			t.Errorf("progress total %d, want %d", total, len(paths))
		}
		calls = append(calls, done)
	})
	for i, r := range res {
		if r.Path != paths[i] {
			t.Errorf("result %d is for %s, want %s", i, r.Path, paths[i])
		}
		if (r.Err != nil) != (i == 5) {
			t.Errorf("file %d: %v", i, r.Err)
		}
	}
	if len(calls) != len(paths) || calls[len(calls)-1] != len(paths) {
		t.Errorf("progress calls %v, want 1…%d", calls, len(paths))
	}
	ps, _ := facil.Profiles(true)
	if len(ps) != 12 {
		t.Errorf("%d profiles imported, want 12", len(ps))
	}
}

// TestScenarioChangedAttempt: an attempt the participant's app closed
// because its scenario changed may not replay here, and is kept as such.
func TestScenarioChangedAttempt(t *testing.T) {
	lib := resLibrary(t)
	laptop := resOpen(t, 1)
	p := participant(t, laptop, lib, "Ana", code)
	var good bytes.Buffer
	results.Export(laptop, p.ID, &good)
	path := filepath.Join(t.TempDir(), "changed.json")
	edit(func(m map[string]any) {
		a := attempt(m, 1)
		a["status"], a["scenario_hash"] = game.StatusScenarioChanged, "an-older-version"
		answer(m, 1, 0)["choice"] = "removed-choice"
	})(t, good.Bytes(), path)
	facil := resOpen(t, 2)
	r := results.Import(facil, lib.Get, []string{path}, nil)
	if r[0].Err != nil {
		t.Fatalf("an attempt closed for a changed scenario was rejected: %v", r[0].Err)
	}
	// the same with the current hash is a lie, and rejected
	path2 := filepath.Join(t.TempDir(), "changed2.json")
	edit(func(m map[string]any) {
		a := attempt(m, 1)
		a["status"] = game.StatusScenarioChanged
		answer(m, 1, 0)["choice"] = "removed-choice"
	})(t, good.Bytes(), path2)
	if r := results.Import(resOpen(t, 3), lib.Get, []string{path2}, nil); r[0].Err == nil {
		t.Error("an attempt that does not replay on the very version it names was accepted")
	}
}

func TestFileName(t *testing.T) {
	for name, want := range map[string]string{
		"Zoë Ünal":                 "twohats-results-zoe-unal-2025-03-14.json",
		"Zoë Ångström":             "twohats-results-zoe-angstrom-2025-03-14.json",
		`=HYPERLINK("x")`:          "twohats-results-hyperlink-x-2025-03-14.json",
		"../../etc/passwd":         "twohats-results-etc-passwd-2025-03-14.json",
		"🙂":                        "twohats-results-participant-2025-03-14.json",
		strings.Repeat("ab ", 100): "twohats-results-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-a-2025-03-14.json",
	} {
		if got := results.FileName(name, testkit.Epoch); got != want {
			t.Errorf("FileName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestExportWorkshopOnly(t *testing.T) {
	lib := resLibrary(t)
	laptop := resOpen(t, 1)
	p := participant(t, laptop, lib, "Ana", code)
	f, err := results.Build(laptop, p.ID, strings.ToLower(code))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Attempts) != 1 || f.Attempts[0].Workshop != code {
		t.Errorf("the workshop's results file has %d attempts, want only the one in %s", len(f.Attempts), code)
	}
	if f.Format != results.Kind || f.Version != results.Version {
		t.Errorf("format %q version %d", f.Format, f.Version)
	}
}
