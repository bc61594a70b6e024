//go:build unix

package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// buildBinary builds the real twohats binary into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the real binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "twohats")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// process is a running twohats whose stdout is read as it comes.
type process struct {
	cmd    *exec.Cmd
	start  time.Time
	stderr bytes.Buffer
	mu     sync.Mutex
	lines  []string
	at     []time.Duration // when each line arrived, after start
	eof    chan struct{}
	// saw[k] is closed when the (k+1)th saved line arrives
	saw []chan struct{}
}

func startProcess(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	p := &process{eof: make(chan struct{})}
	for range 8 {
		p.saw = append(p.saw, make(chan struct{}))
	}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", "LC_ALL=", "TWOHATS_DATA=")
	p.cmd.Stderr = &p.stderr
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.start = time.Now()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.eof)
		sc := bufio.NewScanner(out)
		seen := 0
		for sc.Scan() {
			p.mu.Lock()
			p.lines = append(p.lines, sc.Text())
			p.at = append(p.at, time.Since(p.start))
			p.mu.Unlock()
			if strings.HasPrefix(sc.Text(), "saved ") && seen < len(p.saw) {
				close(p.saw[seen])
				seen++
			}
		}
	}()
	return p
}

// wait reads stdout to its end and reaps the process. It reports whether
// SIGKILL ended it and its exit code otherwise.
func (p *process) wait(t *testing.T) (killed bool, code int) {
	t.Helper()
	select {
	case <-p.eof:
	case <-time.After(60 * time.Second):
		p.cmd.Process.Kill()
		t.Fatalf("twohats did not finish within a minute; stderr:\n%s", p.stderr.String())
	}
	err := p.cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	ws := p.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		if ws.Signal() != syscall.SIGKILL {
			t.Fatalf("twohats died of %v; stderr:\n%s", ws.Signal(), p.stderr.String())
		}
		return true, -1
	}
	return false, ws.ExitStatus()
}

// saved returns the "saved SCENE CHOICE" lines as "SCENE CHOICE".
func (p *process) saved() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, l := range p.lines {
		if rest, ok := strings.CutPrefix(l, "saved "); ok {
			out = append(out, rest)
		}
	}
	return out
}

// savedAt returns when each saved line arrived.
func (p *process) savedAt() []time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []time.Duration
	for i, l := range p.lines {
		if strings.HasPrefix(l, "saved ") {
			out = append(out, p.at[i])
		}
	}
	return out
}

// dbAttempt is an attempt as the database holds it.
type dbAttempt struct {
	id, status string
	answers    []string // "SCENE CHOICE" by seq
}

// inspect opens the database directly (database/sql and go-sqlite3, no
// store), runs the integrity check and reads the attempts, oldest first.
// exists is false when there is no database file yet, schema when its
// tables are not there yet.
func inspect(t *testing.T, dir string) (attempts []dbAttempt, exists, schema bool) {
	t.Helper()
	path := filepath.Join(dir, "twohats.db")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, false, false
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if res != "ok" {
		t.Fatalf("integrity_check: %s", res)
	}
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('attempts', 'answers')`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables < 2 {
		return nil, true, false
	}
	rows, err := db.Query(`SELECT t.id, t.status, coalesce(a.scene_id || ' ' || a.choice_id, '')
		FROM attempts t LEFT JOIN answers a ON a.attempt_id = t.id ORDER BY t.started_at, t.id, a.seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, status, ans string
		if err := rows.Scan(&id, &status, &ans); err != nil {
			t.Fatal(err)
		}
		if len(attempts) == 0 || attempts[len(attempts)-1].id != id {
			attempts = append(attempts, dbAttempt{id: id, status: status})
		}
		if ans != "" {
			last := &attempts[len(attempts)-1]
			last.answers = append(last.answers, ans)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return attempts, true, true
}

// crashAnswers is the answers file the crash test plays: m1, m2, m3.
var crashAnswers = []string{"m1 plan", "m2 both-ways", "m3 coach"}

const crashAnswersFile = "# the crash test's answers\nm1 manage plan\nm2 both both-ways\nm3 lead coach\n"

// TestCrash kills `twohats play --answers` with SIGKILL at random moments and
// checks after each kill that the database is sound, that every answer the
// player was told was saved is there, and that playing again resumes at the
// next moment and finishes.
func TestCrash(t *testing.T) {
	bin := buildBinary(t)
	root := t.TempDir()
	scenario := filepath.Join(root, "mini.yaml")
	copyFile(t, "../../game/testdata/mini.yaml", scenario)
	answers := filepath.Join(root, "answers.txt")
	if err := os.WriteFile(answers, []byte(crashAnswersFile), 0o644); err != nil {
		t.Fatal(err)
	}
	args := func(dir string) []string {
		return []string{"play", "--data", dir, "--profile", "Crash Tester", "--scenario", scenario, "--answers", answers, "--seed", "1"}
	}

	// measure full runs first: the kills land within their duration
	var full []time.Duration
	var firstSaved, lastSaved []time.Duration
	for i := range 5 {
		dir := filepath.Join(root, fmt.Sprintf("measure-%d", i))
		p := startProcess(t, bin, args(dir)...)
		killed, code := p.wait(t)
		if killed || code != 0 {
			t.Fatalf("an unkilled run exited %d (killed %v); stderr:\n%s", code, killed, p.stderr.String())
		}
		full = append(full, time.Since(p.start))
		at := p.savedAt()
		if got := p.saved(); !slices.Equal(got, crashAnswers) {
			t.Fatalf("an unkilled run saved %q, want %q", got, crashAnswers)
		}
		firstSaved = append(firstSaved, at[0])
		lastSaved = append(lastSaved, at[len(at)-1])
	}
	med := func(d []time.Duration) time.Duration {
		s := slices.Clone(d)
		slices.Sort(s)
		return s[len(s)/2]
	}
	run := med(full)
	// Starting the process and opening the database take most of a run; the
	// answers come close together near its end, a few milliseconds at most,
	// while runs differ by more than that. So the kills take turns:
	//  - anywhere in a full run and a little past it, so some come before
	//    the database exists, and some after the last answer, while
	//    finishing or after the exit;
	//  - within the answering phase by the clock, widened by the spread of
	//    the measured runs;
	//  - a random delay after the first or the second saved line was read,
	//    up to the measured time between two answers: between the answers,
	//    or just after the last one.
	window := run + run/5
	first, last := med(firstSaved), med(lastSaved)
	spread := slices.Max(firstSaved) - slices.Min(firstSaved)
	margin := max((last-first)*2, spread, 2*time.Millisecond)
	focusFrom, focusTo := max(first-margin, 0), min(last+margin, window)
	tail := max((last-first)/time.Duration(len(crashAnswers)-1), 200*time.Microsecond)
	t.Logf("a full run takes %v (median of %d; first saved line at %v, last at %v, first varies by %v)",
		run, len(full), first, last, spread)
	t.Logf("kills land in [0, %v) from the start, [%v, %v) from the start, or [0, %v) after the first or second saved line",
		window, focusFrom, focusTo, tail)

	iterations := 80
	if v, err := strconv.Atoi(os.Getenv("TWOHATS_CRASH_RUNS")); err == nil && v > 0 {
		iterations = v
	}
	seed := uint64(20250314)
	if v, err := strconv.ParseUint(os.Getenv("TWOHATS_CRASH_SEED"), 10, 64); err == nil {
		seed = v
	}
	rng := rand.New(rand.NewPCG(seed, 0x7477686174730a))
	t.Logf("%d kills, seed %d (TWOHATS_CRASH_RUNS, TWOHATS_CRASH_SEED)", iterations, seed)

	modes := []string{"from-start", "answering", "after-saved"}
	var stats struct {
		noDB, noSchema, none, mid, allOpen, finished, exited, unprinted int
		backupJournals                                                  int
		savedBefore                                                     map[int]int
		midBy                                                           map[string]int
	}
	stats.savedBefore, stats.midBy = map[int]int{}, map[string]int{}
	for i := range iterations {
		mode := modes[i%len(modes)]
		var delay time.Duration
		after := 0 // the saved line to wait for, in after-saved mode
		switch mode {
		case "from-start":
			delay = time.Duration(rng.Int64N(int64(window)))
		case "answering":
			delay = focusFrom + time.Duration(rng.Int64N(int64(focusTo-focusFrom)))
		default:
			after = 1 + rng.IntN(len(crashAnswers)-1)
			delay = time.Duration(rng.Int64N(int64(tail)))
		}
		dir := filepath.Join(root, fmt.Sprintf("run-%03d", i))
		name := fmt.Sprintf("kill-%03d-%s-%v", i, mode, delay.Round(10*time.Microsecond))
		if after > 0 {
			name = fmt.Sprintf("kill-%03d-%s-%d-%v", i, mode, after, delay.Round(10*time.Microsecond))
		}
		ok := t.Run(name, func(t *testing.T) {
			p := startProcess(t, bin, args(dir)...)
			if after > 0 {
				select {
				case <-p.saw[after-1]:
				case <-p.eof:
				}
			}
			time.Sleep(delay)
			signalErr := p.cmd.Process.Signal(syscall.SIGKILL)
			killed, code := p.wait(t)
			if !killed {
				if code != 0 {
					t.Fatalf("exited %d before the kill (%v); stderr:\n%s", code, signalErr, p.stderr.String())
				}
				stats.exited++
			}
			saved := p.saved()
			stats.savedBefore[len(saved)]++
			if !isPrefix(saved, crashAnswers) {
				t.Fatalf("saved lines %q are not a prefix of %q", saved, crashAnswers)
			}

			// the database is sound and holds every acknowledged answer
			attempts, exists, schema := inspect(t, dir)
			var inDB []string
			status := ""
			switch {
			case !exists:
				stats.noDB++
			case len(attempts) > 1:
				t.Fatalf("one run made %d attempts", len(attempts))
			case len(attempts) == 1:
				inDB, status = attempts[0].answers, attempts[0].status
			}
			if exists && !schema {
				stats.noSchema++
			}
			if len(inDB) < len(saved) || !slices.Equal(inDB[:len(saved)], saved) {
				t.Fatalf("the player was told %q were saved, but the database holds %q", saved, inDB)
			}
			if len(inDB) > len(saved)+1 || !isPrefix(inDB, crashAnswers) {
				t.Fatalf("the database holds %q after %q were printed; at most one answer can be committed but not yet printed", inDB, saved)
			}
			if len(inDB) == len(saved)+1 {
				stats.unprinted++
			}
			t.Logf("killed %v, exit code %d; %d lines saved, %d answers in the database (exists %v, schema %v), status %q",
				killed, code, len(saved), len(inDB), exists, schema, status)
			switch {
			case status == "finished":
				if len(inDB) != len(crashAnswers) {
					t.Fatalf("finished with answers %q", inDB)
				}
				if killed {
					stats.finished++
				}
			case len(inDB) == len(crashAnswers):
				stats.allOpen++
			case len(inDB) > 0:
				stats.mid++
				stats.midBy[mode]++
			case schema:
				stats.none++
			}

			// playing again resumes at the next moment and finishes
			q := startProcess(t, bin, args(dir)...)
			if killed, code := q.wait(t); killed || code != 0 {
				t.Fatalf("the resumed run exited %d; stderr:\n%s", code, q.stderr.String())
			}
			if s := q.stderr.String(); s != "" {
				t.Errorf("the resumed run wrote to stderr:\n%s", s)
			}
			want := crashAnswers[len(inDB):]
			if status == "finished" {
				want = crashAnswers // that attempt was over: a new one starts
			}
			if got := q.saved(); !slices.Equal(got, want) {
				t.Fatalf("with %q in the database (%s), the resumed run saved %q, want %q", inDB, status, got, want)
			}
			after, _, _ := inspect(t, dir)
			wantAttempts := 1
			if status == "finished" {
				wantAttempts = 2
			}
			if len(after) != wantAttempts {
				t.Fatalf("after resuming: %d attempts, want %d", len(after), wantAttempts)
			}
			for _, a := range after {
				if a.status != "finished" || !slices.Equal(a.answers, crashAnswers) {
					t.Errorf("after resuming: attempt %s is %s with %q", a.id, a.status, a.answers)
				}
			}
			if moved, _ := filepath.Glob(filepath.Join(dir, "twohats.db.corrupt-*")); len(moved) > 0 {
				t.Errorf("a killed run left a database that was moved aside: %v", moved)
			}
			// a kill during the start-up backup leaves that backup unfinished,
			// with its rollback journal beside it
			if j, _ := filepath.Glob(filepath.Join(dir, "twohats-backup-*.db-journal")); len(j) > 0 {
				stats.backupJournals++
			}
		})
		if !ok {
			break
		}
	}
	keys := make([]int, 0, len(stats.savedBefore))
	for k := range stats.savedBefore {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var dist []string
	for _, k := range keys {
		dist = append(dist, fmt.Sprintf("%d saved: %d", k, stats.savedBefore[k]))
	}
	t.Logf("of %d kills: %d before the database file existed, %d before its schema, %d before any answer, "+
		"%d mid-run (some answers saved, not all: %d from-start, %d answering, %d after-saved), "+
		"%d after all answers but before finishing, %d after finishing; %d runs had exited before the kill; "+
		"%d times an answer was committed but its line not yet printed; %d kills left an unfinished backup; saved lines printed before the kill: %s",
		iterations, stats.noDB, stats.noSchema, stats.none, stats.mid, stats.midBy["from-start"], stats.midBy["answering"], stats.midBy["after-saved"],
		stats.allOpen, stats.finished, stats.exited, stats.unprinted, stats.backupJournals, strings.Join(dist, ", "))
	if !t.Failed() && stats.mid == 0 {
		t.Errorf("no kill landed mid-run; the kill window (%v) does not fit this machine", window)
	}
}

func isPrefix(a, b []string) bool { return len(a) <= len(b) && slices.Equal(a, b[:len(a)]) }

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
