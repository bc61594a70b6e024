package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/room"
	"github.com/twohats/twohats/internal/session"
	"github.com/twohats/twohats/internal/store"
)

func init() {
	register(&command{
		name: "host",
		args: "--scenario ID [--workshop CODE] [--listen ADDR] [--max N] [--new] [--hold-feedback] [--data DIR]",
		summary: "Host room play: the workshop plays one scenario live from phones and laptops on this network.\n" +
			"Prints one JSON line with the join address, then reads the facilitator's commands from standard\n" +
			"input, one a line, and answers each with one JSON line: status, open, reveal, play [CHOICE-ID],\n" +
			"next, remove NAME, end. The end of input ends the session. A session left unfinished (the host\n" +
			"was killed) is resumed by the next host of the same workshop and scenario, unless --new.\n" +
			"See docs/room.md.",
		run: runHost,
	})
}

// hostReady is the first line a host prints.
type hostReady struct {
	Ready        bool   `json:"ready"`
	URL          string `json:"url"`
	Listen       string `json:"listen"`
	Workshop     string `json:"workshop"`
	Session      string `json:"session"`
	Resumed      bool   `json:"resumed"`
	Phase        string `json:"phase"`
	Participants int    `json:"participants"`
	HoldFeedback bool   `json:"hold_feedback"` // verdicts wait for the debrief
}

func runHost(e *env, fs *flag.FlagSet, args []string) int {
	scenarioID := fs.String("scenario", "", "the scenario's id (or a scenario file)")
	workshop := fs.String("workshop", "", "the workshop's join code (default: a new workshop for this session)")
	listen := fs.String("listen", ":0", "the address to serve on (default: every interface, a free port)")
	maxN := fs.Int("max", room.DefaultMax, "the most participants the room takes")
	fresh := fs.Bool("new", false, "start a new session even if one of this workshop and scenario was left unfinished")
	hold := fs.Bool("hold-feedback", false, "keep each moment's verdict for the debrief (also when the workshop holds verdicts)")
	seed := fs.Int64("seed", 0, "the seed ordering the choices (default: from the clock)")
	data := dataFlag(fs)
	pos, ok, code := parseAll(fs, args)
	if !ok {
		return code
	}
	fail := failer(e, "host")
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "twohats host: unexpected %q; use --scenario ID.\n", pos[0])
		return 2
	}
	if *scenarioID == "" {
		fmt.Fprintln(e.stderr, "twohats host: say which scenario the room plays with --scenario ID.")
		return 2
	}
	if *maxN < 1 || *maxN > 10000 {
		fmt.Fprintln(e.stderr, "twohats host: --max must be between 1 and 10000.")
		return 2
	}
	db, dir, err := facilitatorStore(e, *data)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	sc, err := findScenario(*scenarioID, dir)
	if err != nil {
		return fail(err)
	}
	w, err := hostWorkshop(db, *workshop, sc)
	if err != nil {
		return fail(err)
	}
	if *seed == 0 {
		*seed = time.Now().UnixNano()
	}
	// the workshop's feedback timing is the room's, unless --hold-feedback
	cfg := room.Config{Scenario: sc, Workshop: w.Code, Max: *maxN, HoldFeedback: w.HoldsFeedback(*hold), Seed: *seed, NewID: db.NewID}
	h, resumed, err := startHost(db, cfg, *fresh)
	if err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		h.Close()
		return fail(fmt.Errorf("listen on %s: %w; pick another address with --listen", *listen, err))
	}
	srv := room.NewServer(h, room.ServerOptions{}).HTTPServer()
	go srv.Serve(ln)
	defer srv.Close()

	url := joinURL(ln.Addr(), w.Code)
	st := h.Status()
	out := json.NewEncoder(e.stdout)
	out.Encode(hostReady{Ready: true, URL: url, Listen: ln.Addr().String(), Workshop: w.Code, Session: h.ID(), Resumed: resumed,
		Phase: string(st.Phase), Participants: st.Participants, HoldFeedback: cfg.HoldFeedback})
	if resumed {
		fmt.Fprintf(e.stderr, "Resumed the unfinished room session of %s: %s, at %s.\n", w.Code, game.Count(st.Participants, "participant"), st.Phase)
	}
	fmt.Fprintf(e.stderr, "Participants join at %s with the code %s.\n", url, w.Code)
	if bits, err := room.QR(url); err == nil {
		room.WriteQR(e.stderr, bits)
	}
	fmt.Fprintln(e.stderr, "Commands: status, open, reveal, play [CHOICE-ID], next, remove NAME, end.")

	in := bufio.NewScanner(e.stdin)
	in.Buffer(make([]byte, 4096), 4096)
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		verb, arg, _ := strings.Cut(line, " ")
		arg = strings.TrimSpace(arg)
		var err error
		var played string
		switch verb {
		case "status":
		case "open":
			err = h.Open()
		case "reveal":
			err = h.Reveal()
		case "play":
			played, err = h.Play(arg)
		case "next":
			err = h.Next()
		case "remove":
			if arg == "" {
				err = errors.New("say who to remove: remove NAME")
			} else {
				err = h.Remove(arg)
			}
		case "end":
			return endHost(e, h)
		default:
			err = fmt.Errorf("%q is not a command; the commands are status, open, reveal, play [CHOICE-ID], next, remove NAME and end", clipArg(verb))
		}
		if err != nil {
			out.Encode(struct {
				Error string `json:"error"`
			}{plainError(err)})
			continue
		}
		st := h.Status()
		if played != "" {
			st.Played = played
		}
		out.Encode(st)
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(e.stderr, "twohats host: reading the commands stopped: %v.\n", err)
	}
	return endHost(e, h)
}

func endHost(e *env, h *room.Host) int {
	sum, err := h.End()
	json.NewEncoder(e.stdout).Encode(sum)
	if err != nil {
		return failer(e, "host")(err)
	}
	return 0
}

func clipArg(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// plainError is an error as a sentence for the facilitator.
func plainError(err error) string {
	msg := err.Error()
	for _, s := range []error{room.ErrPhase, room.ErrTie, room.ErrBadVote, room.ErrEnded} {
		if errors.Is(err, s) {
			msg = strings.TrimPrefix(msg, s.Error()+": ")
		}
	}
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// hostWorkshop is the workshop the room plays in: the one named (it must
// not be closed), or a new one.
func hostWorkshop(db *store.Store, code string, sc *game.Scenario) (game.Workshop, error) {
	if code == "" {
		return db.CreateWorkshop(sc.Title + ", room play " + time.Now().Format("2 Jan 2006"))
	}
	w, _, err := session.CheckJoin(db, code)
	return w, err
}

// startHost resumes the newest unfinished session of the workshop and
// scenario, or starts one (ending the unfinished ones when fresh).
func startHost(db *store.Store, cfg room.Config, fresh bool) (*room.Host, bool, error) {
	open, err := db.OpenRoomSessions()
	if err != nil {
		return nil, false, err
	}
	for _, rs := range open {
		if rs.Workshop != cfg.Workshop || rs.ScenarioID != cfg.Scenario.ID {
			continue
		}
		if fresh {
			if err := db.EndRoomSession(rs.ID); err != nil {
				return nil, false, err
			}
			continue
		}
		h, err := room.Resume(db, cfg, rs)
		if err != nil {
			return nil, false, fmt.Errorf("%w; start a new session with --new", err)
		}
		return h, true, nil
	}
	h, err := room.New(db, cfg)
	return h, false, err
}

// joinURL is the address participants open: the listener's, or when it
// listens on every interface, this machine's first address on a local
// network.
func joinURL(addr net.Addr, code string) string {
	host, port, _ := net.SplitHostPort(addr.String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = lanAddress()
	}
	return "http://" + net.JoinHostPort(host, port) + "/?code=" + code
}

func lanAddress() string {
	ifs, err := net.Interfaces()
	if err != nil {
		return "127.0.0.1"
	}
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && n.IP.IsPrivate() {
				return n.IP.String()
			}
		}
	}
	return "127.0.0.1"
}
