package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/twohats/twohats/internal/store"
	"time"
)

// hostProc is a running `twohats host` driven through its standard input.
type hostProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	in     io.WriteCloser
	lines  chan string
	stderr bytes.Buffer
	ready  hostReady
}

func runHostProc(t *testing.T, bin string, args ...string) *hostProc {
	t.Helper()
	h := &hostProc{t: t, lines: make(chan string, 64)}
	h.cmd = exec.Command(bin, append([]string{"host"}, args...)...)
	h.cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", "TWOHATS_DATA=")
	h.cmd.Stderr = &h.stderr
	var err error
	if h.in, err = h.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := h.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := h.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.cmd.Process.Kill(); h.cmd.Wait() })
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			h.lines <- sc.Text()
		}
		close(h.lines)
	}()
	h.read(&h.ready)
	if !h.ready.Ready || !strings.HasPrefix(h.ready.URL, "http://127.0.0.1:") {
		t.Fatalf("ready line = %+v", h.ready)
	}
	return h
}

func (h *hostProc) read(v any) {
	h.t.Helper()
	select {
	case l, ok := <-h.lines:
		if !ok {
			h.t.Fatalf("the host stopped; stderr:\n%s", h.stderr.String())
		}
		if err := json.Unmarshal([]byte(l), v); err != nil {
			h.t.Fatalf("not a JSON line: %q", l)
		}
	case <-time.After(30 * time.Second):
		h.t.Fatalf("no answer from the host; stderr:\n%s", h.stderr.String())
	}
}

// send sends a command and returns its one-line answer.
func (h *hostProc) send(cmd string) map[string]any {
	h.t.Helper()
	if _, err := io.WriteString(h.in, cmd+"\n"); err != nil {
		h.t.Fatal(err)
	}
	var out map[string]any
	h.read(&out)
	return out
}

func (h *hostProc) base() string { return h.ready.URL[:strings.Index(h.ready.URL, "/?")] }

func (h *hostProc) api(method, path, token, body string) (int, map[string]any) {
	h.t.Helper()
	req, _ := http.NewRequest(method, h.base()+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// TestHostCommandsAndKill drives `twohats host` as a facilitator's script
// would, kills it with SIGKILL while a vote is open, and restarts it: the
// session resumes with every acknowledged vote, and the phones' tokens still
// work.
func TestHostCommandsAndKill(t *testing.T) {
	bin := buildBinary(t)
	data := t.TempDir()
	args := []string{"--data", data, "--scenario", "lost-key-client", "--listen", "127.0.0.1:0", "--seed", "2"}
	h := runHostProc(t, bin, args...)
	code := h.ready.Workshop
	join := func(h *hostProc, name string) string {
		t.Helper()
		status, out := h.api("POST", "/api/join", "", `{"code":"`+code+`","name":"`+name+`"}`)
		if status != 200 {
			t.Fatalf("join %s: %d %v", name, status, out)
		}
		return out["token"].(string)
	}
	vote := func(h *hostProc, tok, moment, kind, value string) {
		t.Helper()
		if status, out := h.api("POST", "/api/vote", tok, `{"moment":"`+moment+`","kind":"`+kind+`","value":"`+value+`"}`); status != 200 {
			t.Fatalf("vote %s %s: %d %v", kind, value, status, out)
		}
	}
	ada, bo := join(h, "Ada"), join(h, "Bo")
	st := h.send("status")
	moment := st["moment"].(string)
	if st["phase"] != "lobby" || st["participants"].(float64) != 2 {
		t.Fatalf("status = %v", st)
	}
	if out := h.send("dance"); !strings.Contains(out["error"].(string), "not a command") {
		t.Errorf("an unknown command: %v", out)
	}
	if out := h.send("reveal"); out["error"] == nil {
		t.Errorf("reveal in the lobby: %v", out)
	}
	h.send("open")
	vote(h, ada, moment, "reading", "manage")
	vote(h, bo, moment, "reading", "lead")
	if out := h.send("reveal"); out["phase"] != "reading-revealed" || out["tally"].(map[string]any)["manage"].(float64) != 1 {
		t.Errorf("reveal: %v", out)
	}
	h.send("open")
	_, view := h.api("GET", "/api/state", ada, "")
	choices := view["moment"].(map[string]any)["choices"].([]any)
	first := choices[0].(map[string]any)["id"].(string)
	vote(h, ada, moment, "action", first)
	vote(h, bo, moment, "action", first)

	// the facilitator's laptop dies with two votes acknowledged
	h.cmd.Process.Kill()
	h.cmd.Wait()

	h2 := runHostProc(t, bin, append(args, "--workshop", code)...)
	if !h2.ready.Resumed || h2.ready.Phase != "action" || h2.ready.Participants != 2 {
		t.Fatalf("after the kill: %+v; stderr:\n%s", h2.ready, h2.stderr.String())
	}
	if status, v := h2.api("GET", "/api/state", bo, ""); status != 200 || v["votes"].(map[string]any)["action"] != first {
		t.Fatalf("Bo's phone after the restart: %d %v", status, v)
	}
	if out := h2.send("status"); out["votes_in"].(float64) != 2 {
		t.Errorf("votes after the restart: %v", out)
	}
	h2.send("reveal")
	if out := h2.send("play"); out["phase"] != "feedback" || out["played"] != first {
		t.Errorf("play the most chosen: %v", out)
	}
	if out := h2.send("next"); out["phase"] != "lobby" || out["moment"] == moment {
		t.Errorf("next: %v", out)
	}
	sum := h2.send("end")
	if sum["session"] != h2.ready.Session || sum["participants"].(float64) != 2 || len(sum["moments"].([]any)) != 1 {
		t.Errorf("summary = %v", sum)
	}
	if err := h2.cmd.Wait(); err != nil {
		t.Errorf("the host did not exit cleanly after end: %v\n%s", err, h2.stderr.String())
	}

	// an ended session is never resumed
	h3 := runHostProc(t, bin, append(args, "--workshop", code)...)
	if h3.ready.Resumed {
		t.Errorf("an ended session was resumed: %+v", h3.ready)
	}
	h3.in.Close() // the end of input ends the session
	var end map[string]any
	h3.read(&end)
	if end["phase"] != "ended" {
		t.Errorf("end of input: %v", end)
	}
}

// TestHostFollowsWorkshopTiming: a workshop that holds the verdicts for the
// debrief holds them in room play too; --hold-feedback holds them anyway.
func TestHostFollowsWorkshopTiming(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"TWOHATS_DATA": dir}
	code, out, errs := cli(t, vars, "workshop", "create", "Held cohort", "--hold-feedback")
	if code != 0 {
		t.Fatalf("workshop create: %d %s", code, errs)
	}
	db, _, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := db.Workshops()
	db.Close()
	if len(ws) != 1 || !ws[0].HoldFeedback {
		t.Fatalf("workshops = %+v (%s)", ws, out)
	}
	ready := func(args ...string) hostReady {
		t.Helper()
		var o, e bytes.Buffer
		env := &env{stdin: strings.NewReader("end\n"), stdout: &o, stderr: &e, getenv: func(k string) string { return vars[k] }}
		if code := run(append([]string{"host", "--scenario", miniYAML, "--listen", "127.0.0.1:0"}, args...), env); code != 0 {
			t.Fatalf("host: %d\n%s", code, e.String())
		}
		var r hostReady
		if err := json.Unmarshal([]byte(strings.SplitN(o.String(), "\n", 2)[0]), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := ready("--workshop", ws[0].Code); !r.HoldFeedback {
		t.Errorf("the held workshop's room shows verdicts at once: %+v", r)
	}
	if r := ready(); r.HoldFeedback {
		t.Errorf("a new workshop's room holds verdicts: %+v", r)
	}
	if r := ready("--hold-feedback"); !r.HoldFeedback {
		t.Errorf("--hold-feedback did not hold them: %+v", r)
	}
}
