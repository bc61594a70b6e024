// Command roomload is the load and fault test of room play, run by
// bench/room-load.sh. It starts the real `twohats host` and drives it as a
// facilitator's script would, through its standard input, while N simulated
// phones use the participant API over loopback, each from its own address
// (127.0.1.x, 127.0.2.x, …: joins are rate-limited per address).
//
// The load part: every phone joins, keeps its event stream open (as the
// page does) and votes at every moment — the reading, then the action, each
// at a random moment within -think of the vote opening, with choices drawn
// from a seeded generator — and the room plays its most chosen action (on
// a tie, the first tied one in the order the phones show) to the ending. It
// prints joins, votes sent, acknowledged (200) and counted by the host (the
// votes_in of each reveal), which must all be equal, the vote round trip
// (p50, p99, max), how long an opened vote takes to reach the phones, and
// the host's peak memory beside the desktop app's at rest (-app-rss, -app-hwm,
// measured by the script).
//
// The fault part: a second session, its phones join and vote on the first
// reading; the action vote opens and the host is killed with SIGKILL once
// half the room's votes are acknowledged, with the rest still arriving. It
// is restarted with the same flags plus --workshop, on the same port; the
// ready line must say resumed, status must report every acknowledged vote
// (and, of the votes sent but never answered, only those each phone's
// GET /api/state shows), every phone's old token must still read its state
// and reopen its stream, and the votes still missing then go through, so
// the reveal counts the whole room.
//
// It exits 1 when a count differs or an acknowledged vote is lost, and 2 on
// a usage error. The latency and memory targets are reported, not enforced:
// the machine is shared.
//
// Usage: roomload -bin twohats -data DIR [-scenario ID] [-n 200] [-seed 1] [-think 1s]
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("bin", "", "the twohats binary")
	data := flag.String("data", "", "the data folder the host uses (a temporary one)")
	scenario := flag.String("scenario", "lost-key-client", "the scenario the room plays")
	n := flag.Int("n", 200, "how many participants")
	seed := flag.Uint64("seed", 1, "seeds the votes, the think times and the host's choice order")
	think := flag.Duration("think", time.Second, "each participant votes at a random moment within this long of the vote opening")
	appRSS := flag.Int64("app-rss", 0, "the desktop app's VmRSS at rest, in KiB (0: not measured)")
	appHWM := flag.Int64("app-hwm", 0, "the desktop app's VmHWM at rest, in KiB")
	fault := flag.Bool("fault", true, "run the fault part (kill the host mid-vote and resume)")
	flag.Parse()
	if *bin == "" || *data == "" || *n < 2 || *n > 60000 || *think < 0 {
		fmt.Fprintln(os.Stderr, "usage: roomload -bin TWOHATS -data DIR [-scenario ID] [-n 2..60000] [-seed N] [-think DURATION]")
		os.Exit(2)
	}
	args := []string{"--data", *data, "--scenario", *scenario, "--listen", "127.0.0.1:0", "--seed", strconv.FormatUint(*seed, 10)}
	ok := load(*bin, args, *n, *seed, *think, *appRSS, *appHWM)
	if *fault {
		fmt.Println()
		ok = faultRun(*bin, args, *n, *seed+1, *think) && ok
	}
	if !ok {
		os.Exit(1)
	}
}

// load is the load part; it reports whether every count agreed.
func load(bin string, args []string, n int, seed uint64, think time.Duration, appRSS, appHWM int64) bool {
	fmt.Printf("room load: %s, %d participants, each vote within %v of its opening, seed %d\n", args[3], n, think, seed)
	h, err := startHost(bin, args)
	if err != nil {
		fmt.Println("the host did not start:", err)
		return false
	}
	defer h.kill()
	r := newRun(h, n, seed, think, false)
	defer r.stop()
	joinStart := time.Now()
	joined := r.joinAll()
	joinTook := time.Since(joinStart)
	if joined < n {
		fmt.Printf("joins: only %d of %d; %s\n", joined, n, r.stats.firstErrors())
		return false
	}
	r.openStreams()
	if !r.waitStreams(int64(n), 30*time.Second) {
		fmt.Printf("event streams: only %d of %d opened; %s\n", r.connects.Load(), n, r.stats.firstErrors())
		return false
	}
	ok := true
	var counted int
	var path []string
	var fanout []time.Duration
	var st status
	for moments := 0; ; moments++ {
		if err := h.send("status", &st); err != nil {
			fmt.Println("status:", err)
			return false
		}
		if st.Phase == "ended" {
			break
		}
		if st.Phase != "lobby" || moments > 100 {
			fmt.Printf("the room is at %s, not in a lobby\n", st.Phase)
			return false
		}
		moment := st.Moment
		var tally map[string]int
		for _, kind := range []string{"reading", "action"} {
			rv, fo, err := r.voteRound(moment, kind, n)
			fanout = append(fanout, fo...)
			if err != nil {
				fmt.Printf("%s, %s vote: %v; %s\n", moment, kind, err, r.stats.firstErrors())
				return false
			}
			counted += rv.VotesIn
			tally = rv.Tally
		}
		pick, err := r.leader(moment, tally)
		if err != nil {
			fmt.Println(err)
			return false
		}
		if err := h.send("play "+pick, &st); err != nil || st.Phase != "feedback" || st.Played != pick {
			fmt.Printf("play %s: %v %+v\n", pick, err, st)
			return false
		}
		path = append(path, pick)
		if err := h.send("next", &st); err != nil {
			fmt.Println("next:", err)
			return false
		}
	}
	hwm, rss := h.mem()
	cpu := h.cpu()
	ending := r.endingTitle()
	r.stop()
	var sum summary
	if err := h.send("end", &sum); err != nil || sum.Phase != "ended" || sum.Participants != n || sum.Finished != n {
		fmt.Printf("end: %v; summary %+v\n", err, sum)
		ok = false
	}
	h.wait()

	s := r.stats
	sent, acked := s.sent.Load(), s.acked.Load()
	fmt.Printf("moments played   %d, ending %q (the room played %s)\n", len(path), ending, strings.Join(path, ", "))
	fmt.Printf("joins            %d of %d in %.1f s (round trip p50 %s, p99 %s)\n", joined, n, joinTook.Seconds(), ms(pct(r.joinLat, 50)), ms(pct(r.joinLat, 99)))
	fmt.Printf("votes sent       %d\n", sent)
	fmt.Printf("votes acked      %d (200)\n", acked)
	fmt.Printf("votes counted    %d (the sum of votes_in at every reveal)\n", counted)
	if sent != acked || acked != int64(counted) || sent != int64(2*n*len(path)) {
		fmt.Printf("MISMATCH: sent %d, acknowledged %d, counted %d, expected %d; %s\n", sent, acked, counted, 2*n*len(path), s.firstErrors())
		ok = false
	}
	lat := s.latencies()
	p99 := pct(lat, 99)
	fmt.Printf("vote latency     p50 %s, p99 %s, max %s (target p99 < 50 ms: %s)\n", ms(pct(lat, 50)), ms(p99), ms(pct(lat, 100)), met(p99 < 50*time.Millisecond))
	fmt.Printf("vote reaches     p50 %s, p99 %s (from the open command to each phone's event stream)\n", ms(pct(fanout, 50)), ms(pct(fanout, 99)))
	fmt.Printf("event streams    %d opened, %d dropped and reopened\n", r.connects.Load(), r.connects.Load()-int64(n))
	fmt.Printf("CPU              host %.1f s, the simulated phones %.1f s (user + system, on the same cores)\n", cpu.Seconds(), selfCPU().Seconds())
	fmt.Printf("%-16s %12s %12s\n", "memory (MB)", "VmHWM", "VmRSS")
	fmt.Printf("%-16s %12.1f %12.1f\n", fmt.Sprintf("host, %d in", n), float64(hwm)/1024, float64(rss)/1024)
	if appRSS > 0 {
		ratio := float64(hwm) / float64(appRSS)
		fmt.Printf("%-16s %12.1f %12.1f\n", "app at rest", float64(appHWM)/1024, float64(appRSS)/1024)
		fmt.Printf("ratio host peak / app at rest: %.2f (target < 1.5: %s)\n", ratio, met(ratio < 1.5))
	}
	return ok
}

// faultRun is the fault part; it reports whether every acknowledged vote
// survived the kill.
func faultRun(bin string, args []string, n int, seed uint64, think time.Duration) bool {
	fmt.Printf("room fault: a new session, %d participants, SIGKILL once half the action votes of the first moment are acknowledged\n", n)
	h, err := startHost(bin, args)
	if err != nil {
		fmt.Println("the host did not start:", err)
		return false
	}
	defer func() { h.kill() }()
	r := newRun(h, n, seed, think, true)
	defer r.stop()
	if joined := r.joinAll(); joined < n {
		fmt.Printf("joins: only %d of %d; %s\n", joined, n, r.stats.firstErrors())
		return false
	}
	r.openStreams()
	if !r.waitStreams(int64(n), 30*time.Second) {
		fmt.Printf("event streams: only %d of %d opened\n", r.connects.Load(), n)
		return false
	}
	var st status
	if err := h.send("status", &st); err != nil {
		fmt.Println("status:", err)
		return false
	}
	moment := st.Moment
	if _, _, err := r.voteRound(moment, "reading", n); err != nil {
		fmt.Println("the reading vote:", err)
		return false
	}
	// the action vote opens; kill the host once half the room is acknowledged
	rd := r.newRound(moment, "action", n)
	if err := h.send("open", &st); err != nil || st.Phase != "action" {
		fmt.Println("open the action vote:", err, st.Phase)
		return false
	}
	deadline := time.Now().Add(60 * time.Second)
	for rd.acked.Load() < int64(n/2) && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	r.gate.Lock()
	r.down = true
	r.gate.Unlock()
	killed := time.Now()
	h.kill()
	for r.inflight.Load() > 0 {
		time.Sleep(time.Millisecond)
	}
	// what each phone knows: acknowledged, sent with no answer, not sent
	key, readKey := moment+"/action", moment+"/reading"
	type known struct{ reading, acked, tried string }
	atKill := make([]known, n)
	var acked, lost, unsent int
	for i, p := range r.parts {
		p.mu.Lock()
		atKill[i] = known{p.acked[readKey], p.acked[key], p.tried[key]}
		p.mu.Unlock()
		switch k := atKill[i]; {
		case k.acked != "":
			acked++
		case k.tried != "":
			lost++
		default:
			unsent++
		}
	}
	fmt.Printf("killed at        %s, action vote: %d acknowledged, %d sent with no answer, %d not yet sent\n", moment, acked, lost, unsent)

	// restart with the same flags plus the workshop, on the same address
	again := slices.Clone(args)
	again[slices.Index(again, "--listen")+1] = h.ready.Listen
	again = append(again, "--workshop", h.ready.Workshop)
	c0 := r.connects.Load()
	h2, err := startHost(bin, again)
	if err != nil {
		fmt.Println("the host did not restart:", err)
		return false
	}
	h = h2
	r.h = h2
	fmt.Printf("restarted        in %s: resumed %v, phase %s, %d participants (same session: %v)\n",
		ms(time.Since(killed)), h2.ready.Resumed, h2.ready.Phase, h2.ready.Participants, h2.ready.Session == r.session)
	ok := h2.ready.Resumed && h2.ready.Phase == "action" && h2.ready.Participants == n && h2.ready.Session == r.session

	// every phone's old token reads its own votes back
	var onDisk, tokensOK, wrong int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, p := range r.parts {
		wg.Go(func() {
			var v view
			code, _, err := p.call("GET", "/api/state", nil, &v)
			k := atKill[i]
			mu.Lock()
			defer mu.Unlock()
			if err != nil || code != 200 {
				wrong++
				r.stats.note(fmt.Errorf("%s's state after the restart: %d %v", p.name, code, err))
				return
			}
			tokensOK++
			good := k.reading != "" && v.Votes.Reading == k.reading
			switch {
			case k.acked != "":
				good = good && v.Votes.Action == k.acked
			case k.tried != "":
				good = good && (v.Votes.Action == "" || v.Votes.Action == k.tried)
			default:
				good = good && v.Votes.Action == ""
			}
			if v.Votes.Action != "" {
				onDisk++
			}
			if !good {
				wrong++
				r.stats.note(fmt.Errorf("%s's votes after the restart: %+v; acknowledged before the kill %+v", p.name, v.Votes, k))
			}
		})
	}
	wg.Wait()
	if err := h2.send("status", &st); err != nil {
		fmt.Println("status after the restart:", err)
		return false
	}
	recovered := onDisk - acked // sent, never answered, yet on disk before the kill
	fmt.Printf("status           votes_in %d = %d acknowledged + %d of the %d unanswered (written before the kill)\n", st.VotesIn, acked, recovered, lost)
	fmt.Printf("old tokens       %d of %d read their state; %d show a vote other than the one acknowledged\n", tokensOK, n, wrong-(n-tokensOK))
	ok = ok && st.VotesIn == onDisk && wrong == 0 && tokensOK == n && recovered >= 0
	if !r.waitStreams(c0+int64(n), 30*time.Second) {
		fmt.Printf("event streams    only %d of %d reopened with the old tokens\n", r.connects.Load()-c0, n)
		ok = false
	} else {
		fmt.Printf("event streams    %d of %d reopened with the old tokens\n", r.connects.Load()-c0, n)
	}

	// the phones still to vote vote now, with their old tokens
	rd = r.newRound(moment, "action", n-onDisk)
	r.gate.Lock()
	r.down = false
	r.gate.Unlock()
	if err := rd.wait(60 * time.Second); err != nil {
		fmt.Println("the rest of the action vote:", err, r.stats.firstErrors())
		ok = false
	}
	if err := h2.send("reveal", &st); err != nil || st.VotesIn != n {
		fmt.Printf("reveal after the restart: %v; votes_in %d of %d\n", err, st.VotesIn, n)
		ok = false
	} else {
		fmt.Printf("after restart    the other %d voted with their old tokens (%d acknowledged); the reveal counts %d of %d\n", n-onDisk, rd.acked.Load(), st.VotesIn, n)
	}
	if pick, err := r.leader(moment, st.Tally); err != nil || h2.send("play "+pick, &st) != nil || st.Phase != "feedback" {
		fmt.Println("play after the restart:", err, st)
		ok = false
	}
	r.stop()
	var sum summary
	if err := h2.send("end", &sum); err != nil || sum.Participants != n || len(sum.Moments) != 1 {
		fmt.Printf("end: %v; summary %+v\n", err, sum)
		ok = false
	}
	h2.wait()
	if !ok {
		fmt.Println(r.stats.firstErrors())
	}
	fmt.Printf("every acknowledged vote survived: %s\n", map[bool]string{true: "yes", false: "no"}[ok])
	return ok
}

// --- the host process ---

type readyLine struct {
	Ready        bool   `json:"ready"`
	URL          string `json:"url"`
	Listen       string `json:"listen"`
	Workshop     string `json:"workshop"`
	Session      string `json:"session"`
	Resumed      bool   `json:"resumed"`
	Phase        string `json:"phase"`
	Participants int    `json:"participants"`
}

type status struct {
	Phase        string         `json:"phase"`
	Moment       string         `json:"moment"`
	Participants int            `json:"participants"`
	VotesIn      int            `json:"votes_in"`
	Tally        map[string]int `json:"tally"`
	Played       string         `json:"played"`
}

type summary struct {
	Participants int    `json:"participants"`
	Ending       string `json:"ending"`
	Finished     int    `json:"finished"`
	Phase        string `json:"phase"`
	Moments      []any  `json:"moments"`
}

type hostProc struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	lines  chan string
	stderr lockedBuf
	ready  readyLine
	base   string
	done   chan struct{}
}

type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startHost(bin string, args []string) (*hostProc, error) {
	h := &hostProc{lines: make(chan string, 16), done: make(chan struct{})}
	h.cmd = exec.Command(bin, append([]string{"host"}, args...)...)
	h.cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", "TWOHATS_DATA=")
	h.cmd.Stderr = &h.stderr
	var err error
	if h.in, err = h.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := h.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := h.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		for sc.Scan() {
			h.lines <- sc.Text()
		}
		close(h.lines)
	}()
	if err := h.read(&h.ready); err != nil {
		h.kill()
		return nil, err
	}
	if !h.ready.Ready {
		h.kill()
		return nil, fmt.Errorf("not a ready line: %+v", h.ready)
	}
	h.base = "http://" + h.ready.Listen
	return h, nil
}

func (h *hostProc) read(v any) error {
	select {
	case l, ok := <-h.lines:
		if !ok {
			return fmt.Errorf("the host stopped; its messages:\n%s", h.stderr.String())
		}
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal([]byte(l), &e) == nil && e.Error != "" {
			return errors.New(e.Error)
		}
		return json.Unmarshal([]byte(l), v)
	case <-time.After(60 * time.Second):
		return fmt.Errorf("no answer from the host in a minute; its messages:\n%s", h.stderr.String())
	}
}

// send sends one command and reads its one-line answer into v.
func (h *hostProc) send(cmd string, v any) error {
	if _, err := io.WriteString(h.in, cmd+"\n"); err != nil {
		return err
	}
	return h.read(v)
}

// kill kills the host with SIGKILL (once).
func (h *hostProc) kill() {
	select {
	case <-h.done:
		return
	default:
	}
	h.cmd.Process.Signal(syscall.SIGKILL)
	h.wait()
}

func (h *hostProc) wait() {
	select {
	case <-h.done:
	default:
		h.cmd.Wait()
		close(h.done)
	}
}

// mem is the host's peak and current resident memory, in KiB.
func (h *hostProc) mem() (hwm, rss int64) {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", h.cmd.Process.Pid))
	for l := range strings.Lines(string(b)) {
		f := strings.Fields(l)
		if len(f) >= 2 {
			switch f[0] {
			case "VmHWM:":
				hwm, _ = strconv.ParseInt(f[1], 10, 64)
			case "VmRSS:":
				rss, _ = strconv.ParseInt(f[1], 10, 64)
			}
		}
	}
	return hwm, rss
}

// cpu is the host's user and system time so far (clock ticks of 10 ms).
func (h *hostProc) cpu() time.Duration {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", h.cmd.Process.Pid))
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+k) * 10 * time.Millisecond
}

// selfCPU is this process's user and system time so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// --- the room of simulated phones ---

type run struct {
	h       *hostProc // the driver's only
	base    string    // the host's address, the same after a restart
	session string
	parts   []*part
	seed    uint64
	think   time.Duration
	retry   bool // a failed vote is sent again (the fault part) rather than given up
	stats   *stats
	joinLat []time.Duration

	gate     sync.Mutex // held while checking down and counting a vote in flight
	down     bool       // the host is being killed: hold the votes not yet sent
	inflight atomic.Int64

	round    atomic.Pointer[round]
	connects atomic.Int64
	ctx      context.Context
	cancel   context.CancelFunc
	streams  sync.WaitGroup
}

type stats struct {
	sent, acked atomic.Int64
	mu          sync.Mutex
	lat         []time.Duration
	errs        []string
	nerr        int
}

func (s *stats) note(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nerr++
	if len(s.errs) < 5 {
		s.errs = append(s.errs, err.Error())
	}
}

func (s *stats) firstErrors() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.nerr == 0 {
		return "no errors"
	}
	return fmt.Sprintf("%d errors, the first: %s", s.nerr, strings.Join(s.errs, "; "))
}

func (s *stats) latencies() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.lat)
}

// round is one vote at one moment, as the driver waits for it.
type round struct {
	moment, kind string
	want         int64
	opened       atomic.Int64 // unix nanoseconds of the open command
	acked        atomic.Int64
	failed       atomic.Int64
	done         chan struct{}
	once         sync.Once
	mu           sync.Mutex
	reach        []time.Duration
}

func (r *run) newRound(moment, kind string, want int) *round {
	rd := &round{moment: moment, kind: kind, want: int64(want), done: make(chan struct{})}
	rd.opened.Store(time.Now().UnixNano())
	if want <= 0 {
		rd.once.Do(func() { close(rd.done) })
	}
	r.round.Store(rd)
	return rd
}

func (rd *round) add(ok bool) {
	var n int64
	if ok {
		n = rd.acked.Add(1) + rd.failed.Load()
	} else {
		n = rd.failed.Add(1) + rd.acked.Load()
	}
	if n >= rd.want {
		rd.once.Do(func() { close(rd.done) })
	}
}

func (rd *round) wait(d time.Duration) error {
	select {
	case <-rd.done:
		if f := rd.failed.Load(); f > 0 {
			return fmt.Errorf("%d of %d votes failed", f, rd.want)
		}
		return nil
	case <-time.After(d):
		return fmt.Errorf("only %d of %d votes answered in %v", rd.acked.Load()+rd.failed.Load(), rd.want, d)
	}
}

func newRun(h *hostProc, n int, seed uint64, think time.Duration, retry bool) *run {
	r := &run{h: h, base: h.base, session: h.ready.Session, seed: seed, think: think, retry: retry, stats: &stats{}}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	for i := range n {
		r.parts = append(r.parts, newPart(r, i))
	}
	return r
}

// stop closes every event stream, as phones leaving the room.
func (r *run) stop() {
	r.cancel()
	r.streams.Wait()
}

func (r *run) joinAll() int {
	var wg sync.WaitGroup
	var joined atomic.Int64
	lat := make([]time.Duration, len(r.parts))
	for i, p := range r.parts {
		wg.Go(func() {
			var out struct {
				Token string `json:"token"`
			}
			code, d, err := p.call("POST", "/api/join", map[string]string{"code": r.h.ready.Workshop, "name": p.name}, &out)
			if err != nil || code != 200 || out.Token == "" {
				r.stats.note(fmt.Errorf("%s's join: %d %v", p.name, code, err))
				return
			}
			p.token = out.Token
			lat[i] = d
			joined.Add(1)
		})
	}
	wg.Wait()
	r.joinLat = lat
	return int(joined.Load())
}

func (r *run) openStreams() {
	for _, p := range r.parts {
		r.streams.Go(func() { p.stream(r.ctx) })
	}
}

func (r *run) waitStreams(n int64, d time.Duration) bool {
	end := time.Now().Add(d)
	for r.connects.Load() < n {
		if time.Now().After(end) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// voteRound opens a vote, waits for every phone's vote to be answered,
// reveals it and returns the reveal's status and how long the open took to
// reach each phone.
func (r *run) voteRound(moment, kind string, n int) (status, []time.Duration, error) {
	var st status
	rd := r.newRound(moment, kind, n)
	if err := r.h.send("open", &st); err != nil {
		return st, nil, fmt.Errorf("open: %w", err)
	}
	if st.Phase != kind || st.Moment != moment {
		return st, nil, fmt.Errorf("open: the room is at %s, %s", st.Moment, st.Phase)
	}
	if err := rd.wait(60 * time.Second); err != nil {
		return st, nil, err
	}
	if err := r.h.send("reveal", &st); err != nil {
		return st, nil, fmt.Errorf("reveal: %w", err)
	}
	rd.mu.Lock()
	reach := slices.Clone(rd.reach)
	rd.mu.Unlock()
	return st, reach, nil
}

// leader is the room's most chosen action; on a tie, the first tied one in
// the order the phones show (GET /api/state).
func (r *run) leader(moment string, tally map[string]int) (string, error) {
	var v view
	code, _, err := r.parts[0].call("GET", "/api/state", nil, &v)
	if err != nil || code != 200 || v.Moment == nil || v.Moment.ID != moment || len(v.Moment.Choices) == 0 {
		return "", fmt.Errorf("read the choices of %s: %d %v", moment, code, err)
	}
	best, most := "", -1
	for _, c := range v.Moment.Choices {
		if tally[c.ID] > most {
			best, most = c.ID, tally[c.ID]
		}
	}
	return best, nil
}

// endingTitle is the ending the phones show.
func (r *run) endingTitle() string {
	var v view
	if code, _, err := r.parts[0].call("GET", "/api/state", nil, &v); err != nil || code != 200 || v.Ending == nil {
		return "?"
	}
	return v.Ending.Title
}

// view is the part of GET /api/state (and of each event) a phone needs.
type view struct {
	Phase  string `json:"phase"`
	Moment *struct {
		ID      string `json:"id"`
		Choices []struct {
			ID string `json:"id"`
		} `json:"choices"`
	} `json:"moment"`
	Votes struct {
		Reading string `json:"reading"`
		Action  string `json:"action"`
	} `json:"votes"`
	Ending *struct {
		Title string `json:"title"`
	} `json:"ending"`
}

// part is one simulated phone.
type part struct {
	r     *run
	name  string
	token string
	cl    *http.Client // join, state and votes: one kept-alive connection
	sse   *http.Client // the event stream
	mu    sync.Mutex
	rng   *rand.Rand
	want  map[string]string // moment/kind → the vote this phone means to cast
	busy  map[string]bool   // a vote is waiting or on its way
	acked map[string]string // answered 200
	tried map[string]string // sent and never answered (the fault part)
	seen  map[string]bool   // the open reached this phone
}

func newPart(r *run, i int) *part {
	// the i-th phone's loopback address: 127.0.1.1, …, 127.0.1.250, 127.0.2.1, …
	ip := net.IPv4(127, 0, byte(1+i/250), byte(1+i%250))
	dial := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 5 * time.Second}
	tr := func() *http.Transport {
		return &http.Transport{DialContext: dial.DialContext, MaxIdleConnsPerHost: 2, DisableCompression: true, IdleConnTimeout: time.Minute}
	}
	return &part{r: r, name: fmt.Sprintf("Participant %03d", i+1),
		cl: &http.Client{Transport: tr(), Timeout: 10 * time.Second}, sse: &http.Client{Transport: tr()},
		rng:  rand.New(rand.NewPCG(r.seed, uint64(i))),
		want: map[string]string{}, busy: map[string]bool{}, acked: map[string]string{}, tried: map[string]string{}, seen: map[string]bool{}}
}

// call makes one API request and returns its status and round trip.
func (p *part) call(method, path string, body, out any) (int, time.Duration, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, p.r.base+path, rd)
	if err != nil {
		return 0, 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if p.token != "" {
		req.Header.Set("Authorization", "Bearer "+p.token)
	}
	t0 := time.Now()
	res, err := p.cl.Do(req)
	if err != nil {
		return 0, time.Since(t0), err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	d := time.Since(t0)
	if err != nil {
		return res.StatusCode, d, err
	}
	if res.StatusCode != 200 {
		return res.StatusCode, d, fmt.Errorf("%s %s: %s", method, path, strings.TrimSpace(string(b)))
	}
	if out != nil {
		err = json.Unmarshal(b, out)
	}
	return res.StatusCode, d, err
}

// stream follows the event stream, reopening it after a drop (as the page
// does), until ctx is done.
func (p *part) stream(ctx context.Context) {
	for {
		err := p.streamOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil && !p.hostDown() {
			p.r.stats.note(fmt.Errorf("%s's event stream: %w", p.name, err))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (p *part) hostDown() bool {
	p.r.gate.Lock()
	defer p.r.gate.Unlock()
	return p.r.down
}

func (p *part) streamOnce(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", p.r.base+"/api/events", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+p.token)
	res, err := p.sse.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		b, _ := io.ReadAll(res.Body)
		return fmt.Errorf("%d %s", res.StatusCode, strings.TrimSpace(string(b)))
	}
	p.r.connects.Add(1)
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	event, last := "", ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = line[len("event: "):]
		case strings.HasPrefix(line, "data: ") && event == "state":
			data := line[len("data: "):]
			// a vote changes only the count: decode a view when the phase moves
			if ph := phaseOf(data); ph != "" && ph == last {
				continue
			} else {
				last = ph
			}
			var v view
			if err := json.Unmarshal([]byte(data), &v); err != nil {
				return fmt.Errorf("an event that is not a view: %w", err)
			}
			p.see(v)
		case line == "":
			event = ""
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return io.ErrUnexpectedEOF
}

// phaseOf reads the phase from the start of a view's JSON.
func phaseOf(data string) string {
	const pre = `{"phase":"`
	if !strings.HasPrefix(data, pre) {
		return ""
	}
	rest := data[len(pre):]
	if i := strings.IndexByte(rest, '"'); i > 0 {
		return rest[:i]
	}
	return ""
}

var readings = []string{"manage", "lead", "both"}

// see reacts to a view: at an open vote it has not cast, the phone votes
// after its think time.
func (p *part) see(v view) {
	if v.Moment == nil || (v.Phase != "reading" && v.Phase != "action") {
		return
	}
	kind := v.Phase
	key := v.Moment.ID + "/" + kind
	p.mu.Lock()
	defer p.mu.Unlock()
	if rd := p.r.round.Load(); rd != nil && rd.moment == v.Moment.ID && rd.kind == kind && !p.seen[key] {
		p.seen[key] = true
		d := time.Duration(time.Now().UnixNano() - rd.opened.Load())
		rd.mu.Lock()
		rd.reach = append(rd.reach, d)
		rd.mu.Unlock()
	}
	own := v.Votes.Reading
	if kind == "action" {
		own = v.Votes.Action
	}
	if p.busy[key] || p.acked[key] != "" || (p.tried[key] != "" && !p.r.retry) {
		return
	}
	if own != "" { // on disk already: sent before a kill, its answer lost
		p.acked[key] = own
		return
	}
	val, ok := p.want[key]
	if !ok {
		if kind == "reading" {
			val = readings[p.rng.IntN(len(readings))]
		} else {
			if len(v.Moment.Choices) == 0 {
				return
			}
			val = v.Moment.Choices[p.rng.IntN(len(v.Moment.Choices))].ID
		}
		p.want[key] = val
	}
	var delay time.Duration
	if p.r.think > 0 {
		delay = time.Duration(p.rng.Int64N(int64(p.r.think)))
	}
	p.busy[key] = true
	go p.vote(v.Moment.ID, kind, val, delay)
}

// vote casts one vote after a delay, held while the host is down.
func (p *part) vote(moment, kind, value string, delay time.Duration) {
	time.Sleep(delay)
	r := p.r
	for {
		r.gate.Lock()
		if !r.down {
			r.inflight.Add(1)
			r.gate.Unlock()
			break
		}
		r.gate.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	key := moment + "/" + kind
	p.mu.Lock()
	p.tried[key] = value
	p.mu.Unlock()
	s := r.stats
	s.sent.Add(1)
	code, d, err := p.call("POST", "/api/vote", map[string]string{"moment": moment, "kind": kind, "value": value}, nil)
	ok := err == nil && code == 200
	p.mu.Lock()
	p.busy[key] = false
	if ok {
		p.acked[key] = value
	}
	p.mu.Unlock()
	if ok {
		s.acked.Add(1)
		s.mu.Lock()
		s.lat = append(s.lat, d)
		s.mu.Unlock()
	} else if !r.retry {
		s.note(fmt.Errorf("%s's %s vote: %d %v", p.name, kind, code, err))
	}
	r.inflight.Add(-1)
	if rd := r.round.Load(); rd != nil && rd.moment == moment && rd.kind == kind {
		rd.add(ok)
	}
}

// --- numbers ---

func pct(d []time.Duration, p int) time.Duration {
	d = slices.Clone(d)
	d = slices.DeleteFunc(d, func(x time.Duration) bool { return x == 0 })
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	i := (len(d)*p + 99) / 100
	return d[max(0, min(len(d)-1, i-1))]
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}
