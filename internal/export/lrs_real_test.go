//go:build unix

package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

// lrsTool is the folder of the real LRS the tests post to: Learning
// Locker's xAPI statement service, pinned in tools/lrs/package.json.
const (
	lrsTool    = "../../tools/lrs"
	lrsPackage = "xapi-statements"
	lrsVersion = "5.0.1"
)

// TestLRSReal posts a sample workshop's statements with LRS.Send to a real
// LRS (xapi-statements, in memory, on a free loopback port), reads every
// statement back, compares them field by field with what was sent, then
// posts them again and checks that nothing is duplicated. It installs the
// package in tools/lrs when node_modules lacks it, and fails without
// Node.js (test.sh installs it).
func TestLRSReal(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("Node.js is not installed, so the test against a real LRS cannot run; run scripts/setup-system.sh --test (test.sh does) to install node and npm.")
	}
	installLRS(t)
	base := startLRS(t, node)

	db := expOpen(t)
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	w, err := sample.Generate(db, lib.Scenarios, sample.Options{Participants: 12, Seed: 2025, Start: testkit.Epoch})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := export.Statements(db, lib, export.Options{Workshop: w.Code})
	if err != nil {
		t.Fatal(err)
	}
	if len(sent) <= 100 {
		t.Fatalf("the sample workshop has %d statements; the test needs more than the LRS's page of 100", len(sent))
	}
	var logged []string
	var progress []int
	l := &export.LRS{Endpoint: base + "/xAPI", Username: "twohats", Password: "any secret", BatchSize: 50,
		Timeout: 30 * time.Second, Deadline: time.Minute,
		Log:      func(line string) { logged = append(logged, line) },
		Progress: func(n, _ int) { progress = append(progress, n) }}
	start := time.Now()
	if err := l.Send(context.Background(), sent); err != nil {
		t.Fatalf("posting %d statements to the real LRS: %v", len(sent), err)
	}
	t.Logf("posted %d statements in %d batches in %v", len(sent), len(progress), time.Since(start).Round(time.Millisecond))
	if want := (len(sent) + 49) / 50; len(progress) != want || progress[len(progress)-1] != len(sent) {
		t.Errorf("progress %v, want %d batches up to %d", progress, want, len(sent))
	}
	if len(logged) > 0 {
		t.Errorf("retries against a healthy LRS: %q", logged)
	}

	got := readStatements(t, base)
	compareStatements(t, sent, got)

	// posting again is safe: the LRS answers the known ids without
	// storing them twice
	progress = nil
	if err := l.Send(context.Background(), sent); err != nil {
		t.Fatalf("posting the same %d statements again: %v", len(sent), err)
	}
	if len(progress) == 0 || progress[len(progress)-1] != len(sent) {
		t.Errorf("progress of the second post %v, want every batch", progress)
	}
	if again := readStatements(t, base); len(again) != len(sent) {
		t.Errorf("after posting twice the LRS holds %d statements, want %d", len(again), len(sent))
	}
	if len(logged) > 0 {
		t.Errorf("retries against a healthy LRS: %q", logged)
	}

	// the same ids with other content (another name for the actor) are
	// refused with 409 Conflict, reported as such, and stored nowhere
	other := make([]export.Statement, len(sent))
	for i, s := range sent {
		s.Actor.Name = "Someone Else"
		other[i] = s
	}
	err = l.Send(context.Background(), other)
	var be *export.BatchError
	if !errors.As(err, &be) || be.Status != http.StatusConflict ||
		!strings.Contains(err.Error(), "409 Conflict, so it already holds some of these statement ids with different content") {
		t.Errorf("posting the pseudonymised statements over the named ones: %v; want 409 Conflict", err)
	}
	if again := readStatements(t, base); len(again) != len(sent) {
		t.Errorf("after the conflict the LRS holds %d statements, want %d", len(again), len(sent))
	} else {
		compareStatements(t, sent, again)
	}
}

// installLRS runs npm ci in tools/lrs unless the pinned package is there.
func installLRS(t *testing.T) {
	t.Helper()
	var installed struct{ Version string }
	b, err := os.ReadFile(filepath.Join(lrsTool, "node_modules", lrsPackage, "package.json"))
	if err == nil && json.Unmarshal(b, &installed) == nil && installed.Version == lrsVersion {
		return
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Fatalf("node is installed but npm is not; install npm so the test can install %s %s in tools/lrs.", lrsPackage, lrsVersion)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// --ignore-scripts: the service needs none of its dependencies'
	// install scripts (one compiles New Relic's native metrics)
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts")
	cmd.Dir = lrsTool
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in tools/lrs failed (%v), so %s %s, the real LRS, is not installed; run `npm ci --ignore-scripts` in tools/lrs to see why (the npm registry must be reachable):\n%s", err, lrsPackage, lrsVersion, out)
	}
	t.Logf("installed %s %s in tools/lrs in %v", lrsPackage, lrsVersion, time.Since(start).Round(time.Second))
}

// lockedBuffer collects a process's output for failure messages.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *lockedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// startLRS starts the service on a free loopback port with a temporary
// storage folder, waits until it answers /xAPI/about and returns its base
// URL, http://127.0.0.1:PORT. Cleanup stops its process group.
func startLRS(t *testing.T, node string) string {
	t.Helper()
	dir := t.TempDir()
	// the preload binds every server to 127.0.0.1 and prints the port the
	// system chose for port 0
	cmd := exec.Command(node, "-r", "./bind-loopback.js", "start.js", "0", dir)
	cmd.Dir = lrsTool
	cmd.Env = append(os.Environ(), "NODE_ENV=test")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var logs lockedBuffer
	cmd.Stderr = &logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the LRS (node start.js in tools/lrs): %v", err)
	}
	exited := make(chan struct{})
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(&logs, line)
			if u, ok := strings.CutPrefix(line, "twohats-lrs: listening on "); ok {
				select {
				case listening <- u:
				default:
				}
			}
		}
		cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		if t.Failed() {
			t.Logf("the LRS's output:\n%s", logs.String())
		}
	})

	var base string
	select {
	case base = <-listening:
	case <-exited:
		t.Fatalf("the LRS exited before listening (%v):\n%s", cmd.ProcessState, logs.String())
	case <-time.After(2 * time.Minute):
		t.Fatalf("the LRS was not listening after 2 minutes:\n%s", logs.String())
	}
	if u, err := url.Parse(base); err != nil || u.Hostname() != "127.0.0.1" {
		t.Fatalf("the LRS listens on %q, not on 127.0.0.1", base)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	giveUp := time.Now().Add(time.Minute)
	for {
		resp, err := client.Get(base + "/xAPI/about")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				t.Logf("the LRS at %s: %s", base, bytes.TrimSpace(body))
				return base
			}
			err = fmt.Errorf("%s: %s", resp.Status, body)
		}
		if time.Now().After(giveUp) {
			t.Fatalf("the LRS at %s did not answer /xAPI/about within a minute (%v):\n%s", base, err, logs.String())
		}
		select {
		case <-exited:
			t.Fatalf("the LRS exited (%v):\n%s", cmd.ProcessState, logs.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// readStatements reads every statement the LRS holds, following "more".
func readStatements(t *testing.T, base string) []json.RawMessage {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	next := base + "/xAPI/statements"
	var all []json.RawMessage
	for page := 0; next != ""; page++ {
		if page == 1000 {
			t.Fatalf("the LRS's statements have over 1000 pages; the more links loop")
		}
		req, err := http.NewRequest(http.MethodGet, next, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Experience-API-Version", export.XAPIVersion)
		req.SetBasicAuth("twohats", "any secret")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("reading the LRS's statements: %v", err)
		}
		var result struct {
			Statements []json.RawMessage `json:"statements"`
			More       string            `json:"more"`
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s %v\n%s", next, resp.Status, err, body)
		}
		if err := json.Unmarshal(body, &result); err != nil {
			t.Fatalf("GET %s: %v\n%s", next, err, body)
		}
		all = append(all, result.Statements...)
		next = ""
		if result.More != "" {
			u, err := url.Parse(base)
			if err != nil {
				t.Fatal(err)
			}
			more, err := u.Parse(result.More)
			if err != nil {
				t.Fatalf("the more link %q: %v", result.More, err)
			}
			next = more.String()
		}
	}
	return all
}

// compareStatements checks that the LRS holds exactly the statements sent,
// field by field.
func compareStatements(t *testing.T, sent []export.Statement, got []json.RawMessage) {
	t.Helper()
	want := map[string]export.Statement{}
	for _, s := range sent {
		want[s.ID] = s
	}
	if len(want) != len(sent) {
		t.Fatalf("the export has %d statements but %d ids", len(sent), len(want))
	}
	if len(got) != len(sent) {
		t.Errorf("the LRS holds %d statements, %d were sent", len(got), len(sent))
	}
	seen := map[string]bool{}
	errs := 0
	report := func(id, format string, args ...any) {
		if errs++; errs <= 20 {
			t.Errorf("statement %s: "+format, append([]any{id}, args...)...)
		}
	}
	for _, raw := range got {
		var g export.Statement
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("a statement from the LRS: %v\n%s", err, raw)
		}
		w, ok := want[g.ID]
		switch {
		case !ok:
			report(g.ID, "the LRS holds it but it was not sent")
			continue
		case seen[g.ID]:
			report(g.ID, "the LRS holds it twice")
			continue
		}
		seen[g.ID] = true
		if g.Actor.ObjectType != w.Actor.ObjectType || g.Actor.Name != w.Actor.Name || g.Actor.Account != w.Actor.Account {
			report(g.ID, "actor %+v, sent %+v", g.Actor, w.Actor)
		}
		if g.Verb.ID != w.Verb.ID || !reflect.DeepEqual(g.Verb.Display, w.Verb.Display) {
			report(g.ID, "verb %+v, sent %+v", g.Verb, w.Verb)
		}
		if g.Object.ID != w.Object.ID || g.Object.ObjectType != w.Object.ObjectType {
			report(g.ID, "object %s %s, sent %s %s", g.Object.ObjectType, g.Object.ID, w.Object.ObjectType, w.Object.ID)
		}
		if w.Context == nil || g.Context == nil || g.Context.Registration != w.Context.Registration {
			report(g.ID, "context %+v, sent %+v", g.Context, w.Context)
		}
		gt, gerr := time.Parse(time.RFC3339Nano, g.Timestamp)
		wt, werr := time.Parse(time.RFC3339Nano, w.Timestamp)
		if gerr != nil || werr != nil || !gt.Equal(wt) {
			report(g.ID, "timestamp %q, sent %q", g.Timestamp, w.Timestamp)
		}
		compareResults(g.ID, g.Result, w.Result, report)
	}
	for _, s := range sent {
		if !seen[s.ID] {
			report(s.ID, "sent but not in the LRS")
		}
	}
	if errs > 20 {
		t.Errorf("… and %d more differences", errs-20)
	}
}

func compareResults(id string, g, w *export.XResult, report func(id, format string, args ...any)) {
	if (g == nil) != (w == nil) {
		report(id, "result %+v, sent %+v", g, w)
		return
	}
	if w == nil {
		return
	}
	if (g.Score == nil) != (w.Score == nil) || (w.Score != nil && *g.Score != *w.Score) {
		report(id, "score %+v, sent %+v", g.Score, w.Score)
	}
	for _, f := range []struct {
		name string
		g, w *bool
	}{{"success", g.Success, w.Success}, {"completion", g.Completion, w.Completion}} {
		if (f.g == nil) != (f.w == nil) || (f.w != nil && *f.g != *f.w) {
			report(id, "result %s %v, sent %v", f.name, f.g, f.w)
		}
	}
	if (g.Response == nil) != (w.Response == nil) || (w.Response != nil && *g.Response != *w.Response) {
		report(id, "response %v, sent %v", g.Response, w.Response)
	}
	if g.Duration != w.Duration {
		report(id, "duration %q, sent %q", g.Duration, w.Duration)
	}
	// the extensions as JSON values: numbers come back as float64
	b, err := json.Marshal(w.Extensions)
	var wext map[string]any
	if err == nil {
		err = json.Unmarshal(b, &wext)
	}
	if err != nil {
		report(id, "its extensions do not encode: %v", err)
		return
	}
	if len(wext) == 0 {
		wext = nil
	}
	gext := g.Extensions
	if len(gext) == 0 {
		gext = nil
	}
	if !reflect.DeepEqual(gext, wext) {
		report(id, "result extensions %v, sent %v", gext, wext)
	}
}
