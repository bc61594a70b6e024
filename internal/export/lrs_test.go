package export_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/testkit"
)

// fakeLRS records what it receives and answers with the statuses queued.
type fakeLRS struct {
	mu       sync.Mutex
	statuses []int // answered in turn; 200 once they run out
	batches  [][]export.Statement
	requests int
	bad      []string
}

func (f *fakeLRS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if r.Method != http.MethodPost || r.URL.Path != "/data/xAPI/statements" {
		f.bad = append(f.bad, r.Method+" "+r.URL.Path)
	}
	if v := r.Header.Get("X-Experience-API-Version"); v != "1.0.3" {
		f.bad = append(f.bad, "version header "+v)
	}
	if u, p, ok := r.BasicAuth(); !ok || u != "key" || p != "sécret" {
		f.bad = append(f.bad, "credentials "+u+":"+p)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		f.bad = append(f.bad, "content type "+ct)
	}
	status := http.StatusOK
	if len(f.statuses) > 0 {
		status, f.statuses = f.statuses[0], f.statuses[1:]
	}
	if status == http.StatusOK {
		var batch []export.Statement
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &batch); err != nil {
			f.bad = append(f.bad, "body: "+err.Error())
		}
		f.batches = append(f.batches, batch)
		ids := make([]string, len(batch))
		for i, s := range batch {
			ids[i] = s.ID
		}
		json.NewEncoder(w).Encode(ids)
		return
	}
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "3")
	}
	w.WriteHeader(status)
	io.WriteString(w, `{"message": "statement 2: result.score.scaled must be between -1 and 1"}`)
}

func statements(n int) []export.Statement {
	out := make([]export.Statement, n)
	for i := range out {
		out[i] = export.Statement{ID: testkit.IDs(0)(), Verb: export.Verb{ID: export.VerbAnswered}}
	}
	return out
}

func TestLRS(t *testing.T) {
	tests := []struct {
		name      string
		statuses  []int
		n         int
		wantErr   []string // substrings of the error, in order
		batches   int      // batches stored
		requests  int
		wantSleep []time.Duration
	}{
		{name: "batches", n: 25, batches: 3, requests: 3},
		{name: "retries when busy", n: 10, statuses: []int{503, 502, 429}, batches: 1, requests: 4,
			wantSleep: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}}, // Retry-After: 3 is below the 4 s backoff
		{name: "gives up after the retries", n: 10, statuses: []int{500, 500, 500, 500, 500}, requests: 5,
			wantErr:   []string{"batch 1 of 1 (statements 1–10) was not stored: the LRS answered 500 Internal Server Error"},
			wantSleep: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}},
		{name: "a refused batch, then the rest", n: 25, statuses: []int{200, 400}, batches: 2, requests: 3,
			wantErr: []string{"batch 2 of 3 (statements 11–20) was not stored: the LRS answered 400 Bad Request: {\"message\": \"statement 2: result.score.scaled must be between -1 and 1\"}."}},
		{name: "wrong credentials stop", n: 25, statuses: []int{401}, requests: 1,
			wantErr: []string{"batch 1 of 3 (statements 1–10) was refused: the LRS answered 401 Unauthorized", "check --user and --password", "the remaining 2 batches, statements 11–25, were not sent"}},
		{name: "conflict", n: 5, statuses: []int{409}, requests: 1,
			wantErr: []string{"409 Conflict, so it already holds some of these statement ids with different content"}},
		{name: "gives up after 3 failed batches in a row", n: 60, statuses: []int{400, 200, 400, 400, 400}, batches: 1, requests: 5,
			wantErr: []string{"batch 1 of 6", "batch 3 of 6", "batch 4 of 6", "batch 5 of 6",
				"Gave up after 3 batches in a row were not stored, so the remaining 1 batch, statements 51–60, was not sent; deal with the errors above"}},
		{name: "a wrong path stops at the first 404", n: 25, statuses: []int{404}, requests: 1,
			wantErr: []string{"batch 1 of 3 (statements 1–10) was not stored: the LRS answered 404 Not Found for http://", "/data/xAPI/statements", "check the path of the LRS address",
				"the remaining 2 batches, statements 11–25, were not sent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeLRS{statuses: tt.statuses}
			srv := httptest.NewServer(fake)
			defer srv.Close()
			var slept []time.Duration
			var progress []int
			var logged []string
			l := &export.LRS{Endpoint: srv.URL + "/data/xAPI/", Username: "key", Password: "sécret", BatchSize: 10, Retries: 4,
				Sleep:    func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil },
				Progress: func(sent, total int) { progress = append(progress, sent) },
				Log:      func(line string) { logged = append(logged, line) }}
			err := l.Send(context.Background(), statements(tt.n))
			if len(tt.wantErr) == 0 && err != nil {
				t.Fatalf("Send: %v", err)
			}
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("Send succeeded, want an error with %q", tt.wantErr)
				}
				var be *export.BatchError
				if !errors.As(err, &be) {
					t.Errorf("the error %v is not a *BatchError", err)
				}
				rest := err.Error()
				for _, want := range tt.wantErr {
					i := strings.Index(rest, want)
					if i < 0 {
						t.Fatalf("the error\n%s\nlacks %q", err, want)
					}
					rest = rest[i+len(want):]
				}
			}
			if len(fake.bad) > 0 {
				t.Errorf("the LRS saw bad requests: %v", fake.bad)
			}
			if len(fake.batches) != tt.batches || fake.requests != tt.requests {
				t.Errorf("%d batches stored in %d requests, want %d in %d", len(fake.batches), fake.requests, tt.batches, tt.requests)
			}
			if len(slept) != len(tt.wantSleep) {
				t.Errorf("slept %v, want %v", slept, tt.wantSleep)
			} else {
				for i := range slept {
					if slept[i] != tt.wantSleep[i] {
						t.Errorf("slept %v, want %v", slept, tt.wantSleep)
						break
					}
				}
			}
			if len(logged) != len(slept) {
				t.Errorf("logged %q for %d retries", logged, len(slept))
			}
			if tt.name == "retries when busy" && (len(logged) != 3 || logged[0] != "Batch 1 of 1 (statements 1–10): the LRS answered 503 Service Unavailable; trying again in 1s (retry 1 of 4).") {
				t.Errorf("logged %q", logged)
			}
			if tt.name == "batches" && (len(progress) != 3 || progress[2] != 25) {
				t.Errorf("progress %v, want 10, 20, 25", progress)
			}
		})
	}
}

func TestLRSBadURL(t *testing.T) {
	l := &export.LRS{Endpoint: "lrs.example.org"}
	err := l.Send(context.Background(), statements(1))
	if err == nil || !strings.Contains(err.Error(), "not an http:// or https:// URL") {
		t.Errorf("a URL without a scheme: %v", err)
	}
}

func TestLRSRetryAfter(t *testing.T) {
	fake := &fakeLRS{statuses: []int{429}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	var slept []time.Duration
	l := &export.LRS{Endpoint: srv.URL + "/data/xAPI/statements", Username: "key", Password: "sécret", Backoff: 100 * time.Millisecond,
		Sleep: func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }}
	if err := l.Send(context.Background(), statements(3)); err != nil {
		t.Fatal(err)
	}
	if len(slept) != 1 || slept[0] != 3*time.Second {
		t.Errorf("slept %v after a 429 with Retry-After: 3, want [3s]", slept)
	}
}

// recorder counts the requests a redirect target receives.
type recorder struct {
	mu       sync.Mutex
	requests []string
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	user, _, _ := r.BasicAuth()
	rec.requests = append(rec.requests, fmt.Sprintf("%s %s (user %q, %d bytes)", r.Method, r.URL.Path, user, len(body)))
	w.WriteHeader(http.StatusOK) // a 200, so that a client following the redirect would report success
}

func (rec *recorder) seen() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.requests...)
}

// TestLRSRedirects reproduces three ways a redirect from the LRS address
// misleads a client that follows it: a 307 from https:// to http:// on the
// same host (the password and statements in clear text), a 302 (the POST
// becomes a GET without a body, and nothing is stored), and a 307 to
// another host (which receives every statement). Send must post nowhere
// but the address given, stop at the first batch, and say which status
// and Location it met.
func TestLRSRedirects(t *testing.T) {
	tests := []struct {
		name   string
		status int
		tls    bool
		// target returns the Location to send and the absolute URL it
		// stands for, given the redirect target's and the LRS's addresses
		target func(target, lrs string) (location, want string)
	}{
		{name: "307 from https to http on the same host", status: http.StatusTemporaryRedirect, tls: true,
			target: func(target, _ string) (string, string) {
				u := target + "/data/xAPI/statements" // http://127.0.0.1:port, the TLS server's host
				return u, u
			}},
		{name: "302 turns the POST into a GET", status: http.StatusFound,
			target: func(_, lrs string) (string, string) { return "/moved/statements", lrs + "/moved/statements" }},
		{name: "307 to another host", status: http.StatusTemporaryRedirect,
			target: func(target, _ string) (string, string) {
				u := strings.Replace(target, "127.0.0.1", "localhost", 1) + "/collect"
				return u, u
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moved := &recorder{}
			target := httptest.NewServer(moved)
			defer target.Close()
			var lrsURL, location, want string
			var mu sync.Mutex
			asked := 0
			handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasPrefix(r.URL.Path, "/moved/") {
					moved.ServeHTTP(w, r)
					return
				}
				mu.Lock()
				asked++
				mu.Unlock()
				io.Copy(io.Discard, r.Body)
				w.Header().Set("Location", location)
				w.WriteHeader(tt.status)
			})
			var lrs *httptest.Server
			if tt.tls {
				lrs = httptest.NewTLSServer(handler)
			} else {
				lrs = httptest.NewServer(handler)
			}
			defer lrs.Close()
			lrsURL = lrs.URL
			location, want = tt.target(target.URL, lrsURL)
			l := &export.LRS{Endpoint: lrsURL + "/data/xAPI", Username: "key", Password: "sécret", BatchSize: 10,
				Client: lrs.Client(), // trusts the test certificate; its redirect policy must not matter
				Sleep:  func(context.Context, time.Duration) error { return nil }}
			err := l.Send(context.Background(), statements(25))
			if got := moved.seen(); len(got) > 0 {
				t.Errorf("the redirect target received %d request(s): %v", len(got), got)
			}
			if err == nil {
				t.Fatal("Send reported success after a redirect")
			}
			for _, s := range []string{fmt.Sprintf("%d %s", tt.status, http.StatusText(tt.status)), want,
				"batch 1 of 3 (statements 1–10)", "the remaining 2 batches, statements 11–25, were not sent"} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("the error\n%v\nlacks %q", err, s)
				}
			}
			if asked != 1 {
				t.Errorf("the LRS address received %d requests, want 1: a redirect is not retried", asked)
			}
		})
	}
}

// within runs send in a goroutine and fails the test if it has not
// returned after a generous limit, far above the deadlines under test.
func within(t *testing.T, send func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- send() }()
	select {
	case err := <-done:
		return err
	case <-time.After(60 * time.Second):
		t.Fatal("Send had not returned after a minute")
		return nil
	}
}

// hangingLRS accepts requests and never answers until the test ends.
func hangingLRS(t *testing.T) (*httptest.Server, func() int) {
	t.Helper()
	var mu sync.Mutex
	requests := 0
	end := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests++
		mu.Unlock()
		select {
		case <-end:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(end) }) // runs first: Close waits for the handlers
	return srv, func() int {
		mu.Lock()
		defer mu.Unlock()
		return requests
	}
}

// TestLRSHangingServer: an LRS that never answers costs Timeout per
// request and Deadline in all, with a line per retry, instead of minutes
// per batch in silence.
func TestLRSHangingServer(t *testing.T) {
	srv, requests := hangingLRS(t)
	var mu sync.Mutex
	var logged []string
	l := &export.LRS{Endpoint: srv.URL + "/data/xAPI", BatchSize: 10, Retries: 1000, MaxFailures: 1000,
		Timeout: 20 * time.Millisecond, Deadline: 300 * time.Millisecond, Backoff: time.Millisecond,
		Log: func(line string) { mu.Lock(); logged = append(logged, line); mu.Unlock() }}
	err := within(t, func() error { return l.Send(context.Background(), statements(50)) })
	if err == nil {
		t.Fatal("Send succeeded against an LRS that never answers")
	}
	for _, want := range []string{"batch 1 of 5 (statements 1–10) was not stored", "Gave up: the LRS stored nothing for 300ms, so the remaining 4 batches, statements 11–50, were not sent"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error\n%v\nlacks %q", err, want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	// 20 ms per try and a doubling wait from 1 ms: about 9 tries fit in
	// 300 ms; a slow machine makes fewer
	if n := requests(); n < 1 || n > 20 || n > len(logged)+1 {
		t.Errorf("%d requests with %d retries logged, want 1 to 20, one retry logged before each but the first", n, len(logged))
	}
	if len(logged) == 0 || !strings.Contains(logged[0], "Batch 1 of 5 (statements 1–10): the LRS did not answer within 20ms; trying again in 1ms (retry 1 of 1000).") {
		t.Errorf("logged %q", logged)
	}
}

// TestLRSHangingServerFailures: with a long deadline, three batches in a
// row that time out end the export.
func TestLRSHangingServerFailures(t *testing.T) {
	srv, requests := hangingLRS(t)
	l := &export.LRS{Endpoint: srv.URL + "/data/xAPI", BatchSize: 10, Retries: 1, Timeout: 10 * time.Millisecond,
		Deadline: time.Minute, Sleep: func(context.Context, time.Duration) error { return nil }}
	err := within(t, func() error { return l.Send(context.Background(), statements(50)) })
	if err == nil {
		t.Fatal("Send succeeded against an LRS that never answers")
	}
	for _, want := range []string{"batch 3 of 5 (statements 21–30) was not stored: the LRS did not answer within 10ms",
		"Gave up after 3 batches in a row were not stored, so the remaining 2 batches, statements 31–50, were not sent"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error\n%v\nlacks %q", err, want)
		}
	}
	if n := requests(); n > 6 {
		t.Errorf("%d requests, want at most 6 (3 batches, 2 tries each)", n)
	}
}

// TestLRSUnreachable: a port nobody listens on fails three batches in a
// row, and the rest are not tried.
func TestLRSUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var slept []time.Duration
	var logged []string
	l := &export.LRS{Endpoint: "http://" + addr + "/data/xAPI", BatchSize: 10, Retries: 2,
		Sleep: func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil },
		Log:   func(line string) { logged = append(logged, line) }}
	err = within(t, func() error { return l.Send(context.Background(), statements(110)) })
	if err == nil {
		t.Fatal("Send succeeded against a closed port")
	}
	var be *export.BatchError
	if !errors.As(err, &be) || be.Status != 0 || be.Err == nil {
		t.Errorf("the error %v has no *BatchError with the network error", err)
	}
	rest := err.Error()
	for _, want := range []string{"batch 1 of 11 (statements 1–10) was not sent: the LRS could not be reached", "batch 2 of 11", "batch 3 of 11",
		"Gave up after 3 batches in a row were not stored, so the remaining 8 batches, statements 31–110, were not sent"} {
		i := strings.Index(rest, want)
		if i < 0 {
			t.Fatalf("the error\n%v\nlacks %q", err, want)
		}
		rest = rest[i+len(want):]
	}
	if strings.Contains(err.Error(), "batch 4 of 11") {
		t.Errorf("batch 4 was tried: %v", err)
	}
	if len(slept) != 6 || len(logged) != 6 {
		t.Errorf("slept %v and logged %d lines, want 3 batches × 2 retries", slept, len(logged))
	}
	if len(logged) > 0 && !strings.Contains(logged[0], "Batch 1 of 11 (statements 1–10): the LRS could not be reached (") {
		t.Errorf("logged %q", logged)
	}
}

// TestLRSCancel: cancelling the context, as Ctrl-C does in the command,
// ends Send while a request hangs and while it waits to retry.
func TestLRSCancel(t *testing.T) {
	t.Run("during a request", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		arrived := make(chan struct{}, 10)
		end := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			arrived <- struct{}{}
			select {
			case <-end:
			case <-r.Context().Done():
			}
		}))
		defer srv.Close()
		defer close(end)
		go func() { <-arrived; cancel() }()
		l := &export.LRS{Endpoint: srv.URL + "/data/xAPI", BatchSize: 10} // the default 30 s timeout and 2 min deadline
		err := within(t, func() error { return l.Send(ctx, statements(25)) })
		for _, want := range []string{"batch 1 of 3 (statements 1–10) was interrupted before the LRS answered",
			"The export was interrupted, so the remaining 2 batches, statements 11–25, were not sent"} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("the error\n%v\nlacks %q", err, want)
			}
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the error %v does not wrap context.Canceled", err)
		}
		if n := len(arrived); n != 0 {
			t.Errorf("%d more requests after the cancel", n)
		}
	})
	t.Run("while waiting to retry", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		fake := &fakeLRS{statuses: []int{503, 503}}
		srv := httptest.NewServer(fake)
		defer srv.Close()
		l := &export.LRS{Endpoint: srv.URL + "/data/xAPI", Username: "key", Password: "sécret", BatchSize: 10, Backoff: time.Minute,
			Log: func(string) { cancel() }} // the real wait, a minute, cut short
		err := within(t, func() error { return l.Send(ctx, statements(25)) })
		for _, want := range []string{"batch 1 of 3 (statements 1–10) was not stored: the LRS answered 503 Service Unavailable",
			"The export was interrupted, so the remaining 2 batches, statements 11–25, were not sent"} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("the error\n%v\nlacks %q", err, want)
			}
		}
		if fake.requests != 1 {
			t.Errorf("%d requests, want 1", fake.requests)
		}
	})
}

// TestLRSDeadlineIsPerStall: the deadline bounds the time without a
// stored batch, not the whole export, so a long export to a slow but
// working LRS goes through.
func TestLRSDeadlineIsPerStall(t *testing.T) {
	fake := &fakeLRS{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(100 * time.Millisecond)
		fake.ServeHTTP(w, r)
	}))
	defer srv.Close()
	// 12 batches of at least 100 ms each take over 1.2 s, more than the
	// 1 s deadline; each is far below it
	l := &export.LRS{Endpoint: srv.URL + "/data/xAPI", Username: "key", Password: "sécret", BatchSize: 1, Deadline: time.Second}
	start := time.Now()
	if err := within(t, func() error { return l.Send(context.Background(), statements(12)) }); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if len(fake.batches) != 12 {
		t.Errorf("%d batches stored, want 12", len(fake.batches))
	}
	t.Logf("12 slow batches in %v with a 1 s deadline", time.Since(start).Round(time.Millisecond))
}
