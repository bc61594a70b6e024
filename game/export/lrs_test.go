package export_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twohats/twohats/game/export"
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
			wantErr: []string{"batch 1 of 3 (statements 1–10) was refused: the LRS answered 401 Unauthorized", "check --user and --password", "the remaining 2 batch(es), statements 11–25, were not sent"}},
		{name: "conflict", n: 5, statuses: []int{409}, requests: 1,
			wantErr: []string{"409 Conflict, so it already holds some of these statement ids with different content"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeLRS{statuses: tt.statuses}
			srv := httptest.NewServer(fake)
			defer srv.Close()
			var slept []time.Duration
			var progress []int
			l := &export.LRS{Endpoint: srv.URL + "/data/xAPI/", Username: "key", Password: "sécret", BatchSize: 10, Retries: 4,
				Sleep:    func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil },
				Progress: func(sent, total int) { progress = append(progress, sent) }}
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
