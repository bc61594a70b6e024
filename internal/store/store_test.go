package store_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

// clock is an injected clock. Each call returns the current time and then
// moves it on by step (zero: a clock that stands still until Set).
type clock = testkit.Clock

func newClock(t time.Time, step time.Duration) *clock { return testkit.NewClock(t, step) }

// epoch is the injected clock's usual start: 2025-03-14 09:26:53.5 UTC.
var epoch = time.Date(2025, 3, 14, 9, 26, 53, 500_000_000, time.UTC)

// ids returns a generator of deterministic UUID-shaped ids:
// 00000000-0000-4000-8000-000000000001, ...-000000000002, ...
func ids() func() string { return testkit.IDs(0) }

func options(c *clock) store.Options { return store.Options{Now: c.Now, NewID: ids()} }

// mustOpen opens the store in dir, expecting no error and no notice.
func mustOpen(t testing.TB, dir string, opts store.Options) *store.Store {
	t.Helper()
	s, notice, err := store.Open(dir, opts)
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	if notice != "" {
		t.Fatalf("open %s: unexpected notice %q", dir, notice)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// rawDB opens a database file directly, without the store.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", store.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func integrity(t testing.TB, db *sql.DB) {
	t.Helper()
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if res != "ok" {
		t.Fatalf("integrity_check: %s", res)
	}
}

func count(t testing.TB, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

const miniPath = "../../game/testdata/mini.yaml"

func readMini(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(miniPath)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// scenarioFile writes the scenario text to a file in dir and loads it the
// way the app does.
func scenarioFile(t testing.TB, dir, text string) *game.Scenario {
	t.Helper()
	path := filepath.Join(dir, "mini.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, probs := scenarios.ReadFile(os.DirFS(dir), "mini.yaml", path)
	if len(probs) > 0 {
		t.Fatalf("mini.yaml: %v", probs)
	}
	return sc
}

func TestOpenFresh(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not", "yet", "there")
	s := mustOpen(t, dir, options(newClock(epoch, 0)))
	if want := filepath.Join(dir, store.FileName); s.Path() != want {
		t.Errorf("Path() = %q, want %q", s.Path(), want)
	}
	db := s.DB()
	pragmas := []struct {
		name, want string
	}{
		{"journal_mode", "wal"},
		{"synchronous", "2"}, // FULL
		{"foreign_keys", "1"},
		{"busy_timeout", "5000"},
	}
	for _, p := range pragmas {
		var got string
		if err := db.QueryRow(`PRAGMA ` + p.name).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", p.name, err)
		}
		if got != p.want {
			t.Errorf("PRAGMA %s = %s, want %s", p.name, got, p.want)
		}
	}
	type mig struct {
		Version int
		Name    string
		At      string
	}
	var got []mig
	rows, err := db.Query(`SELECT version, name, applied_at FROM migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var m mig
		if err := rows.Scan(&m.Version, &m.Name, &m.At); err != nil {
			t.Fatal(err)
		}
		got = append(got, m)
	}
	rows.Close()
	want := []mig{{1, "001_initial.sql", "2025-03-14T09:26:53.500Z"}, {2, "002_scores_and_origin.sql", "2025-03-14T09:26:53.500Z"}, {3, "003_pseudonym_key.sql", "2025-03-14T09:26:53.500Z"}, {4, "004_save_format.sql", "2025-03-14T09:26:53.500Z"}, {5, "005_room_play.sql", "2025-03-14T09:26:53.500Z"}, {6, "006_feedback_timing.sql", "2025-03-14T09:26:53.500Z"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("migrations = %v, want %v", got, want)
	}
	// foreign keys are enforced: an answer needs its attempt
	if _, err := s.SaveAnswer("no-such-attempt", 1, game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "plan"}); err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("answer to a missing attempt: err = %v, want a FOREIGN KEY error", err)
	}
}

// TestRecords checks the records round-trip with the injected clock and ids.
func TestRecords(t *testing.T) {
	clk := newClock(epoch, 0)
	s := mustOpen(t, t.TempDir(), options(clk))
	sc := scenarioFile(t, t.TempDir(), readMini(t))
	p, err := s.CreateProfile("Ada", "")
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "00000000-0000-4000-8000-000000000001" || !p.CreatedAt.Equal(epoch) {
		t.Errorf("profile = %+v, want the first injected id and the injected time", p)
	}
	a, err := s.StartAttempt(p.ID, sc, 42, "WS-1")
	if err != nil {
		t.Fatal(err)
	}
	explicit := time.Date(2025, 3, 14, 9, 30, 0, 123_000_000, time.UTC)
	log := []game.Answer{
		{Scene: "m1", Diagnosis: game.Manage, Choice: "plan", At: explicit, Millis: 1500},
		{Scene: "m2", Diagnosis: game.Both, Choice: "both-ways", Millis: 800}, // At from the store's clock
		{Scene: "m3", Diagnosis: game.Lead, Choice: "coach", Millis: 2},
	}
	for i, ans := range log {
		if _, err := s.SaveAnswer(a.ID, i+1, ans); err != nil {
			t.Fatal(err)
		}
	}
	// the same position twice is refused
	if _, err := s.SaveAnswer(a.ID, 2, log[1]); err == nil {
		t.Errorf("a second answer at seq 2 was accepted")
	}
	saved, err := s.Answers(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	log[1].At, log[2].At = epoch, epoch
	if got := game.LogOf(saved); !reflect.DeepEqual(got, log) {
		t.Errorf("answers = %+v\nwant %+v", got, log)
	}
	st, err := game.Replay(sc, a.Seed, game.LogOf(saved))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FinishAttempt(a.ID, st.Ending().ID, st.Scores()); err != nil {
		t.Fatal(err)
	}
	got, err := s.Attempt(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != game.StatusFinished || got.Ending != "good-end" || got.Seed != 42 || got.Workshop != "WS-1" ||
		got.ScenarioHash != sc.Hash || got.FinishedAt == nil || !got.FinishedAt.Equal(epoch) {
		t.Errorf("finished attempt = %+v", got)
	}
	if want := st.Scores(); got.Scores == nil || !reflect.DeepEqual(*got.Scores, want) {
		t.Errorf("scores = %+v, want %+v", got.Scores, want)
	}
	if open, err := s.OpenAttempts(p.ID); err != nil || len(open) != 0 {
		t.Errorf("open attempts after finishing = %v, %v", open, err)
	}
	if _, err := s.Attempt("missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing attempt: err = %v, want ErrNotFound", err)
	}
}

func TestOpenDamaged(t *testing.T) {
	stamp := "20250314T092653Z" // epoch, as the moved file's suffix
	randomBytes := func(t *testing.T, dir string) []byte {
		r := rand.New(rand.NewPCG(7, 11))
		b := make([]byte, 16<<10)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return b
	}
	// truncated is a real database holding data, cut to half its size
	truncated := func(t *testing.T, dir string) []byte {
		s := mustOpen(t, dir, store.Options{Now: newClock(epoch.Add(-time.Hour), 0).Now, NewID: ids(), Backups: -1})
		sc := scenarioFile(t, t.TempDir(), readMini(t))
		for i := range 40 {
			p, err := s.CreateProfile(fmt.Sprintf("Player %d with a longer name to fill pages", i), "")
			if err != nil {
				t.Fatal(err)
			}
			a, err := s.StartAttempt(p.ID, sc, int64(i), "")
			if err != nil {
				t.Fatal(err)
			}
			for k := range 3 {
				if _, err := s.SaveAnswer(a.ID, k+1, game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "plan"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, store.FileName)
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() < 32<<10 {
			t.Fatalf("the database is only %d bytes; the test needs several pages", st.Size())
		}
		if err := os.Truncate(path, st.Size()/2); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	text := func(t *testing.T, dir string) []byte {
		return []byte("My notes for the workshop\n- manage: stabilise\n- lead: re-energise\n")
	}
	empty := func(t *testing.T, dir string) []byte { return []byte{} }

	tests := []struct {
		name    string
		content func(t *testing.T, dir string) []byte
		// existing are files already beside the database
		existing  []string
		wantMoved string // "" when the file must be used as it is
		wantWhy   string // in the notice
	}{
		{name: "random bytes", content: randomBytes, wantMoved: "twohats.db.corrupt-" + stamp, wantWhy: "not a database"},
		{name: "truncated database", content: truncated, wantMoved: "twohats.db.corrupt-" + stamp, wantWhy: "malformed"},
		{name: "text file named twohats.db", content: text, wantMoved: "twohats.db.corrupt-" + stamp, wantWhy: "not a database"},
		{name: "zero-length file", content: empty},
		{
			name: "earlier damaged file with the same timestamp", content: text,
			existing:  []string{"twohats.db.corrupt-" + stamp},
			wantMoved: "twohats.db.corrupt-" + stamp + "-2", wantWhy: "not a database",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, store.FileName)
			content := tt.content(t, dir)
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, name := range tt.existing {
				if err := os.WriteFile(filepath.Join(dir, name), []byte("older"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, notice, err := store.Open(dir, options(newClock(epoch, 0)))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			if tt.wantMoved == "" {
				if notice != "" {
					t.Errorf("notice = %q, want none", notice)
				}
				if moved, _ := filepath.Glob(path + ".corrupt-*"); len(moved) > 0 {
					t.Errorf("moved aside %v; the file should have been used", moved)
				}
			} else {
				moved := filepath.Join(dir, tt.wantMoved)
				got, err := os.ReadFile(moved)
				if err != nil {
					t.Fatalf("the damaged file is not at %s: %v", moved, err)
				}
				if !bytes.Equal(got, content) {
					t.Errorf("%s holds %d bytes that differ from the %d bytes moved aside", moved, len(got), len(content))
				}
				n := string(notice)
				for _, want := range []string{moved, tt.wantWhy, "started a new one", "Nothing was deleted"} {
					if !strings.Contains(n, want) {
						t.Errorf("notice %q does not contain %q", n, want)
					}
				}
				for _, name := range tt.existing {
					if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != "older" {
						t.Errorf("the earlier file %s was disturbed: %q, %v", name, b, err)
					}
				}
			}
			// a fresh database that works
			integrity(t, s.DB())
			if ps, err := s.Profiles(true); err != nil || len(ps) != 0 {
				t.Errorf("fresh database holds profiles %v, %v", ps, err)
			}
			if _, err := s.CreateProfile("Ada", ""); err != nil {
				t.Errorf("create a profile in the fresh database: %v", err)
			}
			s.Close()
			s2 := mustOpen(t, dir, options(newClock(epoch.Add(time.Minute), 0)))
			if _, err := s2.ProfileByName("ada"); err != nil {
				t.Errorf("reopened: %v", err)
			}
		})
	}
}

// v1Schema builds a database with only migrations/001_initial.sql applied,
// recorded the way Store.migrate records it.
func v1Schema(t *testing.T, path string) *sql.DB {
	t.Helper()
	body, err := os.ReadFile("migrations/001_initial.sql")
	if err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(string(body)); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO migrations (version, name, applied_at) VALUES (1, '001_initial.sql', '2024-01-02T03:04:05.000Z')`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestMigrateFromVersion1(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, store.FileName)
	db := v1Schema(t, path)
	for _, q := range []string{
		`INSERT INTO profiles (id, name, created_at) VALUES ('p1', 'Ada', '2024-01-02T03:04:05.000Z')`,
		`INSERT INTO profiles (id, name, created_at) VALUES ('p2', 'Grace 🌟', '2024-01-02T03:05:00.000Z')`,
		`INSERT INTO workshops (code, name, created_at) VALUES ('WS-1', 'Spring cohort', '2024-01-02T03:00:00.000Z')`,
		`INSERT INTO attempts (id, profile_id, scenario_id, scenario_hash, seed, started_at, status, workshop_code)
		 VALUES ('a1', 'p1', 'mini', 'hash-v1', 7, '2024-01-02T03:06:00.000Z', 'open', 'WS-1')`,
		`INSERT INTO attempts (id, profile_id, scenario_id, scenario_hash, seed, started_at, finished_at, status, ending)
		 VALUES ('a0', 'p1', 'mini', 'hash-v1', 3, '2024-01-01T03:06:00.000Z', '2024-01-01T03:09:00.000Z', 'finished', 'good-end')`,
		`INSERT INTO answers (id, attempt_id, seq, scene_id, diagnosis, choice_id, answered_at, millis)
		 VALUES ('x1', 'a1', 1, 'm1', 'manage', 'plan', '2024-01-02T03:06:10.000Z', 1200)`,
		`INSERT INTO answers (id, attempt_id, seq, scene_id, diagnosis, choice_id, answered_at, millis)
		 VALUES ('x2', 'a1', 2, 'm2', 'both', 'both-ways', '2024-01-02T03:06:20.000Z', 900)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	clk := newClock(epoch, 0)
	s := mustOpen(t, dir, options(clk))
	// the migrations are recorded: 1 as it was, the others now
	rows, err := s.DB().Query(`SELECT version, name, applied_at FROM migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var v int
		var name, at string
		if err := rows.Scan(&v, &name, &at); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d %s %s", v, name, at))
	}
	rows.Close()
	want := []string{"1 001_initial.sql 2024-01-02T03:04:05.000Z", "2 002_scores_and_origin.sql 2025-03-14T09:26:53.500Z", "3 003_pseudonym_key.sql 2025-03-14T09:26:53.500Z", "4 004_save_format.sql 2025-03-14T09:26:53.500Z", "5 005_room_play.sql 2025-03-14T09:26:53.500Z", "6 006_feedback_timing.sql 2025-03-14T09:26:53.500Z"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("migrations = %q, want %q", got, want)
	}

	// the data survived
	ada, err := s.ProfileByName("ada")
	if err != nil {
		t.Fatal(err)
	}
	if ada.ID != "p1" || ada.Name != "Ada" || ada.Workshop != "" || ada.Imported {
		t.Errorf("Ada = %+v", ada)
	}
	if g, err := s.ProfileByName("Grace 🌟"); err != nil || g.ID != "p2" {
		t.Errorf("Grace = %+v, %v", g, err)
	}
	attempts, err := s.Attempts("p1")
	if err != nil {
		t.Fatal(err)
	}
	if len(attempts) != 2 || attempts[0].ID != "a0" || attempts[1].ID != "a1" {
		t.Fatalf("attempts = %+v", attempts)
	}
	old := attempts[0]
	if old.Status != game.StatusFinished || old.Ending != "good-end" || old.Scores == nil || old.Scores.Fit != nil {
		t.Errorf("the finished v1 attempt = %+v (scores %+v); want it finished with no scores", old, old.Scores)
	}
	open := attempts[1]
	if open.Status != game.StatusOpen || open.Seed != 7 || open.Workshop != "WS-1" || open.ScenarioHash != "hash-v1" {
		t.Errorf("the open v1 attempt = %+v", open)
	}
	saved, err := s.Answers("a1")
	if err != nil {
		t.Fatal(err)
	}
	wantLog := []game.Answer{
		{Scene: "m1", Diagnosis: game.Manage, Choice: "plan", At: time.Date(2024, 1, 2, 3, 6, 10, 0, time.UTC), Millis: 1200},
		{Scene: "m2", Diagnosis: game.Both, Choice: "both-ways", At: time.Date(2024, 1, 2, 3, 6, 20, 0, time.UTC), Millis: 900},
	}
	if got := game.LogOf(saved); !reflect.DeepEqual(got, wantLog) {
		t.Errorf("answers = %+v, want %+v", got, wantLog)
	}

	// the new columns work
	fit, mgmt := 80.0, 100.0
	if err := s.FinishAttempt("a1", "good-end", game.Scores{Fit: &fit, Management: &mgmt, OverLeading: 1}); err != nil {
		t.Fatal(err)
	}
	a1, err := s.Attempt("a1")
	if err != nil {
		t.Fatal(err)
	}
	if a1.Scores == nil || a1.Scores.Fit == nil || *a1.Scores.Fit != 80 || *a1.Scores.Management != 100 ||
		a1.Scores.Leadership != nil || a1.Scores.OverLeading != 1 {
		t.Errorf("scores after the upgrade = %+v", a1.Scores)
	}
	if err := s.SetProfileWorkshop("p1", "WS-1"); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Profile("p1"); p.Workshop != "WS-1" {
		t.Errorf("workshop after the upgrade = %q", p.Workshop)
	}
	if _, err := s.CreateProfile("ADA", ""); !errors.Is(err, store.ErrNameTaken) {
		t.Errorf("a local name clash after the upgrade: err = %v, want ErrNameTaken", err)
	}
	if _, err := s.DB().Exec(`INSERT INTO profiles (id, name, created_at, imported) VALUES ('p3', 'Ada', '2025-01-01T00:00:00.000Z', 1)`); err != nil {
		t.Errorf("an imported profile may share a local name: %v", err)
	}
	integrity(t, s.DB())
	s.Close()

	// opening again applies nothing twice
	s2 := mustOpen(t, dir, options(newClock(epoch.Add(time.Hour), 0)))
	var n int
	var at string
	if err := s2.DB().QueryRow(`SELECT count(*), max(applied_at) FROM migrations`).Scan(&n, &at); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("migrations/*.sql")
	if n != len(files) || at != "2025-03-14T09:26:53.500Z" {
		t.Errorf("after a second open: %d migrations, newest applied at %s", n, at)
	}
}

// TestMigrationKeepsCaseDuplicates upgrades version 1 databases whose local
// profiles share a name in different case, which the version 2 unique index
// refuses: the upgrade keeps every player and tells the later ones apart,
// by number, or by id when the numbered name is already someone's.
func TestMigrationKeepsCaseDuplicates(t *testing.T) {
	tests := []struct {
		name  string
		names []string // p1, p2, ... in the order they were created
		want  []string
	}{
		{"three spellings", []string{"Sam", "sam", "SAM", "Ana"}, []string{"Sam", "sam (2)", "SAM (3)", "Ana"}},
		{"the number is taken", []string{"Sam", "sam (2)", "sam"}, []string{"Sam", "sam (2)", "sam (p3)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db := v1Schema(t, filepath.Join(dir, store.FileName))
			for i, n := range tt.names {
				if _, err := db.Exec(`INSERT INTO profiles (id, name, created_at) VALUES (?, ?, ?)`,
					fmt.Sprintf("p%d", i+1), n, fmt.Sprintf("2024-01-02T03:04:%02d.000Z", i)); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
			s, _, err := store.Open(dir, options(newClock(epoch, 0)))
			if err != nil {
				t.Fatalf("the upgrade was refused: %v", err)
			}
			defer s.Close()
			ps, err := s.Profiles(false)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, p := range ps {
				got[p.ID] = p.Name
			}
			for i, want := range tt.want {
				if id := fmt.Sprintf("p%d", i+1); got[id] != want {
					t.Errorf("profile %s after the upgrade = %q, want %q", id, got[id], want)
				}
			}
		})
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir, options(newClock(epoch, 0)))
	if _, err := s.DB().Exec(`INSERT INTO migrations (version, name, applied_at) VALUES (99, '099_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, _, err := store.Open(dir, options(newClock(epoch, 0)))
	if err == nil || !strings.Contains(err.Error(), "newer version of Two Hats") || !strings.Contains(err.Error(), "update Two Hats") {
		t.Errorf("err = %v, want a plain request to update Two Hats", err)
	}
	// and the file is left alone: not moved aside as damaged
	if moved, _ := filepath.Glob(filepath.Join(dir, "*.corrupt-*")); len(moved) > 0 {
		t.Errorf("a newer database was moved aside: %v", moved)
	}
}

func TestDuplicateProfileNames(t *testing.T) {
	tests := []struct {
		name  string
		taken bool
	}{
		{"Ada Lovelace", true},
		{"ada lovelace", true},
		{"ADA LOVELACE", true},
		{"aDa LoVeLaCe", true},
		{"  Ada Lovelace\t", true},
		{"Ada  Lovelace", false}, // two spaces is another name
		{"Ada Lovelace 2", false},
		{"Ada", false},
		// NOCASE folds ASCII letters only, as CreateProfile documents
		{"ZOË", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpen(t, t.TempDir(), options(newClock(epoch, 0)))
			for _, n := range []string{"Ada Lovelace", "Zoë"} {
				if _, err := s.CreateProfile(n, ""); err != nil {
					t.Fatal(err)
				}
			}
			p, err := s.CreateProfile(tt.name, "")
			n := count(t, s.DB(), "profiles")
			if !tt.taken {
				if err != nil || n != 3 {
					t.Errorf("CreateProfile(%q) = %v with %d profiles; want it created", tt.name, err, n)
				}
				return
			}
			if !errors.Is(err, store.ErrNameTaken) {
				t.Fatalf("CreateProfile(%q): err = %v, want one wrapping ErrNameTaken", tt.name, err)
			}
			if !strings.Contains(err.Error(), "choose another name") {
				t.Errorf("err = %q; want it to say what to do", err)
			}
			if p.ID != "" || n != 2 {
				t.Errorf("a refused name wrote something: profile %+v, %d profiles", p, n)
			}
		})
	}
}

func TestProfileNames(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string // stored name; "" when refused
		wantErr string // in the error, when refused
	}{
		{name: "emoji with ZWJ and skin tone", in: "Zoë 👩🏽‍💻🎉", want: "Zoë 👩🏽‍💻🎉"},
		{name: "Arabic RTL", in: "مريم الأحمد", want: "مريم الأحمد"},
		{name: "mixed RTL and LTR", in: "Dana דנה 42", want: "Dana דנה 42"},
		{name: "combining marks, decomposed", in: "Ame\u0301lie Zu\u0308rn", want: "Ame\u0301lie Zu\u0308rn"},
		{name: "Hebrew with niqqud", in: "שָׁלוֹם", want: "שָׁלוֹם"},
		{name: "CJK and Hangul", in: "李小龍 김민준", want: "李小龍 김민준"},
		{name: "CJK beyond the BMP", in: "𠜎𠜱𠝹", want: "𠜎𠜱𠝹"},
		{name: "spreadsheet formula", in: `=HYPERLINK("http://evil.example/?x=1","Click")`, want: `=HYPERLINK("http://evil.example/?x=1","Click")`},
		{name: "SQL quote", in: "Robert'); DROP TABLE profiles;--", want: "Robert'); DROP TABLE profiles;--"},
		{name: "surrounding spaces trimmed", in: "  Ada \u3000", want: "Ada"},
		{name: "exactly 80 emoji", in: strings.Repeat("😀", 80), want: strings.Repeat("😀", 80)},
		{name: "10 000 characters", in: strings.Repeat("a", 10000), wantErr: "10000 characters long; use at most 80"},
		{name: "10 000 emoji", in: strings.Repeat("🎩", 10000), wantErr: "10000 characters long; use at most 80"},
		{name: "81 characters", in: strings.Repeat("é", 81), wantErr: "81 characters long; use at most 80"},
		{name: "empty", in: "", wantErr: "empty"},
		{name: "only spaces", in: " \t ", wantErr: "empty"},
		{name: "NUL", in: "Ada\x00Lovelace", wantErr: "control character"},
		{name: "newline", in: "Ada\nLovelace", wantErr: "control character"},
		{name: "not UTF-8", in: "Ada \xff\xfe", wantErr: "not valid text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := mustOpen(t, dir, options(newClock(epoch, 0)))
			p, err := s.CreateProfile(tt.in, "")
			if tt.want == "" {
				if !errors.Is(err, game.ErrBadName) {
					t.Fatalf("err = %v, want one wrapping game.ErrBadName", err)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err = %q, want it to contain %q", err, tt.wantErr)
				}
				if len(err.Error()) > 200 {
					t.Errorf("the error is %d bytes long; it must not echo the name", len(err.Error()))
				}
				if n := count(t, s.DB(), "profiles"); n != 0 || p.ID != "" {
					t.Errorf("a refused name wrote %d profiles (%+v)", n, p)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Name != tt.want {
				t.Errorf("created %q, want %q", p.Name, tt.want)
			}
			s.Close()
			s = mustOpen(t, dir, options(newClock(epoch, 0)))
			got, err := s.ProfileByName(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.want || got.ID != p.ID {
				t.Errorf("read back %q (%s), want %q (%s)", got.Name, got.ID, tt.want, p.ID)
			}
			all, err := s.Profiles(false)
			if err != nil || len(all) != 1 || all[0].Name != tt.want {
				t.Errorf("Profiles = %+v, %v", all, err)
			}
		})
	}
}

// edit replaces old with new in s exactly once.
func edit(t *testing.T, s, old, new string) string {
	t.Helper()
	if n := strings.Count(s, old); n != 1 {
		t.Fatalf("%q occurs %d times in mini.yaml; the edit needs exactly one", old, n)
	}
	return strings.Replace(s, old, new, 1)
}

func TestResumeAfterScenarioEdit(t *testing.T) {
	played := []game.Answer{
		{Scene: "m1", Diagnosis: game.Manage, Choice: "plan", Millis: 1000},
		{Scene: "m2", Diagnosis: game.Both, Choice: "both-ways", Millis: 2000},
	}
	tests := []struct {
		name        string
		edit        func(t *testing.T, yaml string) string
		wantChanged bool
		wantErr     error // nil: the log still replays
		wantCurrent string
	}{
		{
			name:        "unchanged",
			edit:        func(t *testing.T, y string) string { return y },
			wantCurrent: "m3",
		},
		{
			name: "prose edited",
			edit: func(t *testing.T, y string) string {
				y = edit(t, y, "text: The first moment calls for the manager hat.", "text: The first moment, reworded; nobody has the numbers yet.")
				y = edit(t, y, "feedback: Both hats.", "feedback: Both hats, and it shows.")
				return edit(t, y, "title: Mini", "title: Mini, second edition")
			},
			wantChanged: true, wantCurrent: "m3",
		},
		{
			name: "answered choice removed",
			edit: func(t *testing.T, y string) string {
				y = edit(t, y, `      - id: plan
        text: Make a plan.
        hat: manage
        effects: {stability: +20, morale: +10}
        feedback: The manager hat, fitting.
        next: m2
`, "")
				// keep a fitting choice, so the edited file is still valid
				return edit(t, y, `hat: manage
        craft: poor
        effects: {trust: -70}`, `hat: manage
        effects: {trust: -70}`)
			},
			wantChanged: true, wantErr: game.ErrUnknownChoic,
		},
		{
			name: "answered moment renamed",
			edit: func(t *testing.T, y string) string {
				y = strings.ReplaceAll(y, "next: m2", "next: m2b")
				return edit(t, y, "- id: m2\n", "- id: m2b\n")
			},
			wantChanged: true, wantErr: game.ErrWrongScene,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock(epoch, time.Second)
			s := mustOpen(t, t.TempDir(), options(clk))
			scDir := t.TempDir()
			text := readMini(t)
			sc := scenarioFile(t, scDir, text)
			p, err := s.CreateProfile("Ada", "")
			if err != nil {
				t.Fatal(err)
			}
			a, err := s.StartAttempt(p.ID, sc, 1, "")
			if err != nil {
				t.Fatal(err)
			}
			st, err := game.Start(sc, a.Seed)
			if err != nil {
				t.Fatal(err)
			}
			for i, ans := range played {
				if _, err := s.SaveAnswer(a.ID, i+1, ans); err != nil {
					t.Fatal(err)
				}
				if _, err := st.Answer(ans); err != nil {
					t.Fatal(err)
				}
			}

			edited := scenarioFile(t, scDir, tt.edit(t, text))
			if (edited.Hash != sc.Hash) != tt.wantChanged {
				t.Fatalf("hash changed = %v, want %v", edited.Hash != sc.Hash, tt.wantChanged)
			}
			open, err := s.OpenAttempts(p.ID)
			if err != nil || len(open) != 1 {
				t.Fatalf("open attempts = %v, %v", open, err)
			}
			saved, err := s.Answers(open[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			resumed, changed, err := game.Resume(edited, open[0], game.LogOf(saved))
			if changed != tt.wantChanged {
				t.Errorf("changed = %v, want %v", changed, tt.wantChanged)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Resume: err = %v, want %v", err, tt.wantErr)
				}
				// what the app does then: close the attempt, keep its answers
				if err := s.CloseChanged(a.ID); err != nil {
					t.Fatal(err)
				}
				closed, err := s.Attempt(a.ID)
				if err != nil {
					t.Fatal(err)
				}
				if closed.Status != game.StatusScenarioChanged || closed.FinishedAt == nil || closed.Scores != nil {
					t.Errorf("closed attempt = %+v", closed)
				}
				kept, err := s.Answers(a.ID)
				if err != nil || !reflect.DeepEqual(kept, saved) {
					t.Errorf("answers after closing = %+v, %v; want %+v", kept, err, saved)
				}
				if open, _ := s.OpenAttempts(p.ID); len(open) != 0 {
					t.Errorf("still open: %+v", open)
				}
				// closing again changes nothing
				when := *closed.FinishedAt
				if err := s.CloseChanged(a.ID); err != nil {
					t.Fatal(err)
				}
				if again, _ := s.Attempt(a.ID); !again.FinishedAt.Equal(when) {
					t.Errorf("closing twice moved the time from %v to %v", when, again.FinishedAt)
				}
				return
			}
			if err != nil {
				t.Fatalf("Resume: %v", err)
			}
			if len(resumed.Steps) != len(played) || resumed.Current.ID != tt.wantCurrent || resumed.Done {
				t.Errorf("resumed at %s after %d steps (done %v), want %s after %d", resumed.Current.ID, len(resumed.Steps), resumed.Done, tt.wantCurrent, len(played))
			}
			if resumed.Meters != st.Meters || !reflect.DeepEqual(resumed.Path, st.Path) {
				t.Errorf("resumed meters %v path %v, want %v %v", resumed.Meters, resumed.Path, st.Meters, st.Path)
			}
			if changed {
				if err := s.UpdateHash(a.ID, edited.Hash); err != nil {
					t.Fatal(err)
				}
				a2, _ := s.Attempt(a.ID)
				if _, changed, err := game.Resume(edited, a2, game.LogOf(saved)); changed || err != nil {
					t.Errorf("after UpdateHash: changed = %v, err = %v", changed, err)
				}
			}
		})
	}
}

// mountTmpfs mounts a tmpfs with opts on dir until the test ends.
func mountTmpfs(t *testing.T, dir, opts string) error {
	t.Helper()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput()
	if err != nil {
		return fmt.Errorf("mount: %v: %s", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Logf("umount %s: %v: %s; detaching it", dir, err, out)
			exec.Command("umount", "-l", dir).Run()
		}
	})
	return nil
}

// makeReadOnly makes dir read-only: a read-only tmpfs over it, or, without
// the right to mount, its permissions.
func makeReadOnly(t *testing.T, dir string) {
	t.Helper()
	if err := mountTmpfs(t, dir, "ro,size=1m"); err == nil {
		return
	} else if os.Geteuid() == 0 {
		t.Skipf("cannot mount a read-only tmpfs (%v), and permissions do not stop root", err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
}

// remountReadOnly turns the tmpfs (or folder) at dir read-only.
func remountReadOnly(t *testing.T, dir string, mounted bool) {
	t.Helper()
	if !mounted {
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		return
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v: %s", err, out)
	}
}

func wantCannotWrite(t *testing.T, err error, dir string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error writing to the read-only folder %s", dir)
	}
	msg := err.Error()
	t.Logf("the player reads: %s", msg)
	for _, want := range []string{"cannot write to " + dir, "choose a folder you can write to with --data DIR"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
}

func TestReadOnlyDataFolder(t *testing.T) {
	t.Run("empty folder", func(t *testing.T) {
		dir := t.TempDir()
		makeReadOnly(t, dir)
		s, _, err := store.Open(dir, options(newClock(epoch, 0)))
		if err == nil {
			s.Close()
		}
		wantCannotWrite(t, err, dir)
	})
	t.Run("data folder to create inside it", func(t *testing.T) {
		ro := t.TempDir()
		makeReadOnly(t, ro)
		dir := filepath.Join(ro, "twohats", "data")
		s, _, err := store.Open(dir, options(newClock(epoch, 0)))
		if err == nil {
			s.Close()
		}
		wantCannotWrite(t, err, dir)
	})
	t.Run("existing database", func(t *testing.T) {
		dir := t.TempDir()
		mounted := mountTmpfs(t, dir, "size=4m") == nil
		if !mounted && os.Geteuid() == 0 {
			t.Skip("cannot mount a tmpfs, and permissions do not stop root")
		}
		s := mustOpen(t, dir, options(newClock(epoch, 0)))
		if _, err := s.CreateProfile("Ada", ""); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		remountReadOnly(t, dir, mounted)

		// a read-only open works on the read-only folder: exports, the room
		// view and history must not need to write
		ro, _, err := store.Open(dir, store.Options{Now: newClock(epoch, 0).Now, NewID: ids(), ReadOnly: true})
		if err != nil {
			t.Fatalf("a read-only open of a read-only data folder: %v", err)
		}
		defer ro.Close()
		if p, err := ro.ProfileByName("Ada"); err != nil || p.Name != "Ada" {
			t.Errorf("reading through a read-only open: %+v, %v", p, err)
		}

		// with backups on, opening needs to write
		s, _, err = store.Open(dir, options(newClock(epoch.Add(time.Minute), 0)))
		if err == nil {
			s.Close()
		}
		wantCannotWrite(t, err, dir)

		// without them, it may open for reading, but writing says why not
		s, _, err = store.Open(dir, store.Options{Now: newClock(epoch, 0).Now, NewID: ids(), Backups: -1})
		if err != nil {
			wantCannotWrite(t, err, dir)
			return
		}
		defer s.Close()
		if p, err := s.ProfileByName("Ada"); err != nil || p.Name != "Ada" {
			t.Errorf("reading a read-only database: %+v, %v", p, err)
		}
		_, err = s.CreateProfile("Grace", "")
		wantCannotWrite(t, err, dir)

	})
}

// fill writes a file in dir until the file system is full.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for i := 0; ; i++ {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill: %v", err)
			}
			return path
		}
		if i > 1<<16 {
			t.Fatal("fill: the file system never filled up")
		}
	}
}

func wantDiskFull(t *testing.T, err error, dir string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error on a full disk")
	}
	msg := err.Error()
	t.Logf("the player reads: %s", msg)
	for _, want := range []string{"the disk holding " + dir + " is full", "free some space and try again"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
}

func TestFullDisk(t *testing.T) {
	small := func(t *testing.T, size string) string {
		dir := t.TempDir()
		if err := mountTmpfs(t, dir, "size="+size); err != nil {
			t.Skipf("a full disk needs a small tmpfs, which cannot be mounted here (%v)", err)
		}
		return dir
	}
	t.Run("opening", func(t *testing.T) {
		dir := small(t, "256k")
		fill(t, dir)
		s, _, err := store.Open(dir, options(newClock(epoch, 0)))
		if err == nil {
			s.Close()
		}
		wantDiskFull(t, err, dir)
	})
	t.Run("answering", func(t *testing.T) {
		dir := small(t, "1m")
		s := mustOpen(t, dir, store.Options{Now: newClock(epoch, 0).Now, NewID: ids(), Backups: -1})
		sc := scenarioFile(t, t.TempDir(), readMini(t))
		p, err := s.CreateProfile("Ada", "")
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.StartAttempt(p.ID, sc, 1, "")
		if err != nil {
			t.Fatal(err)
		}
		filler := fill(t, dir)
		// leave room for a few answers, so some fit before the disk is full
		if st, err := os.Stat(filler); err != nil || os.Truncate(filler, st.Size()-64<<10) != nil {
			t.Fatal("cannot make room on the full disk")
		}
		ans := game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "plan"}
		acked := 0
		for ; acked < 10000; acked++ {
			if _, err = s.SaveAnswer(a.ID, acked+1, ans); err != nil {
				break
			}
		}
		wantDiskFull(t, err, dir)
		t.Logf("%d answers fitted in the last 64 KiB before the disk was full", acked)
		if acked == 0 {
			t.Errorf("no answer fitted in 64 KiB")
		}
		if saved, err := s.Answers(a.ID); err != nil || len(saved) != acked {
			t.Errorf("after the full disk: %d answers readable (%v), want the %d acknowledged", len(saved), err, acked)
		}
		// once there is room again, the next answer is saved
		if err := os.Remove(filler); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveAnswer(a.ID, acked+1, ans); err != nil {
			t.Fatalf("with room again: %v", err)
		}
		integrity(t, s.DB())
		s.Close()
		s = mustOpen(t, dir, store.Options{Now: newClock(epoch, 0).Now, NewID: ids(), Backups: -1})
		if saved, err := s.Answers(a.ID); err != nil || len(saved) != acked+1 {
			t.Errorf("reopened: %d answers (%v), want %d", len(saved), err, acked+1)
		}
	})
}

func TestRollingBackups(t *testing.T) {
	tests := []struct {
		name    string
		backups int
		want    int
	}{
		{"default keeps 5", 0, 5},
		{"keep 2", 2, 2},
		{"none", -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			// an old backup a killed process left unfinished, journal and all
			stale := filepath.Join(dir, "twohats-backup-20000101T000000.000Z.db")
			for _, f := range []string{stale, stale + "-journal"} {
				if err := os.WriteFile(f, []byte("unfinished"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			clk := newClock(epoch, 0)
			newIDs := ids()
			var names []string // the profile names when each open happened
			var stamps []string
			for i := 1; i <= 7; i++ {
				when := epoch.Add(time.Duration(i) * time.Minute)
				clk.Set(when)
				s := mustOpen(t, dir, store.Options{Now: clk.Now, NewID: newIDs, Backups: tt.backups})
				stamps = append(stamps, filepath.Join(dir, "twohats-backup-"+when.Format("20060102T150405.000Z")+".db"))
				names = append(names, strings.Join(profileNames(t, s.DB()), ","))
				if _, err := s.CreateProfile(fmt.Sprintf("Player %d", i), ""); err != nil {
					t.Fatal(err)
				}
				if i == 7 {
					want := stamps[7-tt.want:]
					if tt.want == 0 {
						want = []string{stale}
					}
					if got := s.Backups(); !reflect.DeepEqual(got, want) {
						t.Errorf("Backups() = %q, want %q", got, want)
					}
				}
				s.Close()
			}
			if tt.want == 0 {
				// no backups: nothing is pruned either
				for _, f := range []string{stale, stale + "-journal"} {
					if _, err := os.Stat(f); err != nil {
						t.Errorf("with backups off, %s went: %v", f, err)
					}
					os.Remove(f)
				}
			}
			got, _ := filepath.Glob(filepath.Join(dir, "twohats-backup-*"))
			want := stamps[7-tt.want:]
			if len(got) != tt.want || tt.want > 0 && !reflect.DeepEqual(got, want) {
				t.Fatalf("backups = %q, want %q", got, want)
			}
			for k, path := range got {
				i := 7 - tt.want + k // index of the open that made it
				db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
				if err != nil {
					t.Fatal(err)
				}
				integrity(t, db)
				if got := strings.Join(profileNames(t, db), ","); got != names[i] {
					t.Errorf("%s holds profiles %q, want %q", filepath.Base(path), got, names[i])
				}
				db.Close()
			}
		})
	}
}

func profileNames(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM profiles ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// TestDataFolderNames opens data folders whose names mean something in a
// URI: the database must land inside them, with its pragmas.
func TestDataFolderNames(t *testing.T) {
	for _, name := range []string{"plain", "with space", "hash#tag", "what?mode=memory", "per%41cent", "amp&_foreign_keys=off", "ünïcødé 数据"} {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, name)
			s := mustOpen(t, dir, options(newClock(epoch, 0)))
			if _, err := s.CreateProfile("Ada", ""); err != nil {
				t.Fatal(err)
			}
			var fk int
			var mode string
			s.DB().QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
			s.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode)
			if fk != 1 || mode != "wal" {
				t.Errorf("foreign_keys = %d, journal_mode = %s; want 1, wal", fk, mode)
			}
			if len(s.Backups()) != 1 {
				t.Errorf("backups = %v, want 1", s.Backups())
			}
			s.Close()
			ents, _ := os.ReadDir(parent)
			if len(ents) != 1 || ents[0].Name() != name {
				var got []string
				for _, e := range ents {
					got = append(got, e.Name())
				}
				t.Errorf("the parent folder holds %q, want only %q", got, name)
			}
			s = mustOpen(t, dir, options(newClock(epoch.Add(time.Minute), 0)))
			if _, err := s.ProfileByName("Ada"); err != nil {
				t.Errorf("reopened: %v", err)
			}
			for _, b := range s.Backups() {
				db, err := sql.Open("sqlite3", "file:"+strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(b)+"?mode=ro")
				if err != nil {
					t.Fatal(err)
				}
				integrity(t, db)
				db.Close()
			}
		})
	}
}

// TestMigrateFeedbackTiming: a database from before migration 006 gains
// the workshops' feedback timing on opening; its workshops keep showing the
// verdict after each choice, and the setting then round-trips.
func TestMigrateFeedbackTiming(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir, options(newClock(epoch, 0)))
	w, err := s.CreateWorkshop("Before the change")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// take the database back to schema 4: no column, no record of 006
	db := rawDB(t, filepath.Join(dir, store.FileName))
	for _, q := range []string{`ALTER TABLE workshops DROP COLUMN hold_feedback`, `DELETE FROM migrations WHERE version = 6`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s = mustOpen(t, dir, options(newClock(epoch.Add(time.Hour), 0)))
	var name, at string
	if err := s.DB().QueryRow(`SELECT name, applied_at FROM migrations WHERE version = 6`).Scan(&name, &at); err != nil || name != "006_feedback_timing.sql" || at != "2025-03-14T10:26:53.500Z" {
		t.Fatalf("migration 6 = %q at %q, %v; want it applied on this open", name, at, err)
	}
	got, err := s.Workshop(w.Code)
	if err != nil || got.HoldFeedback || got.Name != "Before the change" {
		t.Fatalf("the older workshop = %+v, %v; want it kept, showing verdicts", got, err)
	}
	if err := s.SetHoldFeedback(w.Code, true); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = mustOpen(t, dir, options(newClock(epoch.Add(2*time.Hour), 0)))
	if got, err := s.Workshop(w.Code); err != nil || !got.HoldFeedback {
		t.Errorf("after reopening: %+v, %v; want it holding", got, err)
	}
}
