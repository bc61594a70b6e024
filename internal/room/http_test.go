package room_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/twohats/twohats/internal/room"
	"github.com/twohats/twohats/internal/testkit"
)

type client struct {
	t    *testing.T
	base string
}

func (c client) do(method, path, token, body string) (int, map[string]any) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

func serve(t *testing.T, r *rig, opt room.ServerOptions) client {
	srv := httptest.NewServer(room.NewServer(r.h, opt))
	t.Cleanup(srv.Close)
	return client{t: t, base: srv.URL}
}

// TestHTTPRules: each rule of a shared network, by its status code.
func TestHTTPRules(t *testing.T) {
	r := newRig(t, nil)
	c := serve(t, r, room.ServerOptions{JoinBurst: 4, JoinEvery: time.Hour})

	if code, out := c.do("POST", "/api/join", "", `{"code":"AAAAAA","name":"Ada"}`); code != 403 || !strings.Contains(out["error"].(string), "not this workshop's code") {
		t.Errorf("a wrong code: %d %v", code, out)
	}
	status, out := c.do("POST", "/api/join", "", `{"code":"`+strings.ToLower(code)+`","name":"Ada"}`)
	if status != 200 || len(out["token"].(string)) != 22 {
		t.Fatalf("join: %d %v", status, out)
	}
	tok := out["token"].(string)
	big := `{"code":"` + code + `","name":"` + strings.Repeat("x", room.MaxBody) + `"}`
	if code, _ := c.do("POST", "/api/join", "", big); code != 413 {
		t.Errorf("a body over 4 KiB: %d, want 413", code)
	}
	if code, _ := c.do("POST", "/api/join", "", `{"code":`); code != 400 {
		t.Errorf("broken JSON: %d, want 400", code)
	}
	if code, _ := c.do("GET", "/api/state", "", ""); code != 401 {
		t.Errorf("state without a token: %d, want 401", code)
	}
	if code, _ := c.do("POST", "/api/vote", "", `{"moment":"m1","kind":"reading","value":"manage"}`); code != 401 {
		t.Errorf("a vote without a token: %d, want 401", code)
	}
	if code, _ := c.do("POST", "/api/vote", tok, `{"moment":"m1","kind":"reading","value":"manage"}`); code != 409 {
		t.Errorf("a vote in the lobby: %d, want 409", code)
	}
	r.do("open")
	if code, _ := c.do("POST", "/api/vote", tok, `{"moment":"m1","kind":"reading","value":"manage"}`); code != 200 {
		t.Errorf("a vote while open: %d", code)
	}
	if code, _ := c.do("POST", "/api/vote", tok, `{"moment":"m1","kind":"reading","value":"chaos"}`); code != 400 {
		t.Errorf("a reading that is no hat: %d, want 400", code)
	}
	// the join limit counts every join from the address, good or bad
	if code, _ := c.do("POST", "/api/join", "", `{"code":"`+code+`","name":"Bo"}`); code != 429 {
		t.Errorf("the fifth join from one address within the hour: %d, want 429", code)
	}
	if code, _ := c.do("DELETE", "/api/state", tok, ""); code != 405 {
		t.Errorf("a method the API has not: %d", code)
	}
	if code, _ := c.do("GET", "/../../etc/passwd", "", ""); code != 404 {
		t.Errorf("a path outside the page: %d", code)
	}
}

// TestPageHeaders: the page is self-contained and locked down.
func TestPageHeaders(t *testing.T) {
	r := newRig(t, nil)
	c := serve(t, r, room.ServerOptions{})
	res, err := http.Get(c.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	page := string(body)
	for _, bad := range []string{"http://", "https://", "<script>", "onclick", "style="} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q: it must load nothing from outside and run no inline code", bad)
		}
	}
	if !strings.Contains(page, `<script src="/app.js" defer></script>`) {
		t.Error("the page does not load its own script")
	}
	js, _ := http.Get(c.base + "/app.js")
	src, _ := io.ReadAll(js.Body)
	js.Body.Close()
	if strings.Contains(string(src), "innerHTML") || strings.Contains(string(src), "insertAdjacentHTML") {
		t.Error("app.js writes HTML: every text from the server must go in with textContent")
	}
}

// TestNamesEscaped: a name that is markup stays text in the API, and the
// page's template escapes the scenario title it renders.
func TestNamesEscaped(t *testing.T) {
	r := newRig(t, func(c *room.Config) { c.Scenario.Title = `<script>alert("t")</script>` })
	c := serve(t, r, room.ServerOptions{})
	_, out := c.do("POST", "/api/join", "", `{"code":"`+code+`","name":"<script>alert(1)</script>"}`)
	tok, _ := out["token"].(string)
	_, st := c.do("GET", "/api/state", tok, "")
	if st["name"] != "<script>alert(1)</script>" {
		t.Errorf("name = %v", st["name"])
	}
	res, _ := http.Get(c.base + "/")
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if strings.Contains(string(body), `<script>alert("t")`) || !strings.Contains(string(body), "&lt;script&gt;") {
		t.Errorf("the title is not escaped in the page:\n%s", body)
	}
	if p := r.h.Projector(); p.Members[0].Name != "<script>alert(1)</script>" {
		t.Errorf("projector member = %q", p.Members[0].Name)
	}
}

// TestEvents: the stream sends the state now and after every change, and
// ends for a removed participant.
func TestEvents(t *testing.T) {
	r := newRig(t, nil)
	c := serve(t, r, room.ServerOptions{Heartbeat: time.Hour})
	tok := r.join("Ada")
	req, _ := http.NewRequest("GET", c.base+"/api/events", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	lines := bufio.NewScanner(res.Body)
	next := func() (string, map[string]any) {
		t.Helper()
		var event string
		for lines.Scan() {
			l := lines.Text()
			switch {
			case strings.HasPrefix(l, "event: "):
				event = l[7:]
			case strings.HasPrefix(l, "data: "):
				var v map[string]any
				json.Unmarshal([]byte(l[6:]), &v)
				return event, v
			}
		}
		t.Fatal("the stream ended")
		return "", nil
	}
	if ev, v := next(); ev != "state" || v["phase"] != "lobby" {
		t.Fatalf("first event %s %v", ev, v)
	}
	r.do("open")
	if ev, v := next(); ev != "state" || v["phase"] != "reading" {
		t.Fatalf("after open: %s %v", ev, v)
	}
	if err := r.h.Remove("Ada"); err != nil {
		t.Fatal(err)
	}
	if ev, v := next(); ev != "gone" || !strings.Contains(v["error"].(string), "removed") {
		t.Fatalf("after removal: %s %v", ev, v)
	}
}

// TestEventGap: changes that come within the event gap reach a phone as
// one event (without the gap, 200 phones voting within a second cost the
// host 200 views and writes per vote, and the votes waited for them); a
// facilitator's command goes out at once, even in the middle of a gap.
func TestEventGap(t *testing.T) {
	r := newRig(t, nil)
	now := testkit.Epoch // the stream's clock stands still: every change comes within the gap
	waits := make(chan time.Duration, 8)
	release := make(chan time.Time)
	c := serve(t, r, room.ServerOptions{Heartbeat: time.Hour, EventGap: time.Second,
		Now:   func() time.Time { return now },
		After: func(d time.Duration) <-chan time.Time { waits <- d; return release }})
	ada, bo := r.join("Ada"), r.join("Bo")
	req, _ := http.NewRequest("GET", c.base+"/api/events", nil)
	req.Header.Set("Authorization", "Bearer "+ada)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	events := make(chan map[string]any, 8)
	go func() {
		lines := bufio.NewScanner(res.Body)
		for lines.Scan() {
			if l := lines.Text(); strings.HasPrefix(l, "data: ") {
				var v map[string]any
				json.Unmarshal([]byte(l[6:]), &v)
				events <- v
			}
		}
	}()
	next := func(after string) map[string]any {
		t.Helper()
		select {
		case v := <-events:
			return v
		case <-time.After(10 * time.Second):
			t.Fatalf("no event %s", after)
			return nil
		}
	}
	waited := func(after string) {
		t.Helper()
		select {
		case d := <-waits:
			if d != time.Second {
				t.Errorf("waited %v %s, want the gap", d, after)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the stream did not wait out the gap %s", after)
		}
	}
	if v := next("at first"); v["phase"] != "lobby" {
		t.Fatalf("first event %v", v)
	}
	r.do("open")
	if v := next("after open"); v["phase"] != "reading" || v["votes_in"] != 0.0 {
		t.Fatalf("after open: %v", v)
	}
	r.vote(ada, "reading", "manage")
	waited("after a vote")
	r.vote(bo, "reading", "lead")
	release <- now
	if v := next("after two votes"); v["votes_in"] != 2.0 {
		t.Errorf("the event after two votes within the gap shows %v votes in, want both in one event", v["votes_in"])
	}
	select {
	case v := <-events:
		t.Errorf("a second event for the same votes: %v", v)
	case <-time.After(50 * time.Millisecond):
	}
	r.vote(ada, "reading", "both")
	waited("after a changed vote")
	r.do("reveal") // in the gap
	if v := next("after reveal"); v["phase"] != "reading-revealed" {
		t.Errorf("after reveal: %v", v)
	}
}
