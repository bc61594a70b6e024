package room

import (
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The participant's page: plain HTML, CSS and a little JavaScript, all
// served from the binary; the page loads nothing from anywhere else.
//
//go:embed web/index.html web/app.js web/app.css
var web embed.FS

var page = template.Must(template.ParseFS(web, "web/index.html"))

// MaxBody is the largest request body the server reads.
const MaxBody = 4 << 10

// csp allows the page its own script and style and nothing else: no inline
// script, no other origin, no framing.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// ServerOptions tune the participant server.
type ServerOptions struct {
	Now          func() time.Time
	JoinBurst    int                                  // joins an address may make at once; 10 when 0
	JoinEvery    time.Duration                        // then one more per this long; 6 s when 0
	Heartbeat    time.Duration                        // an event stream's keep-alive; 15 s when 0
	EventGap     time.Duration                        // the least time between two state events of a stream; 100 ms when 0
	After        func(time.Duration) <-chan time.Time // waits out an event gap; time.After when nil
	ClientAddrOf func(*http.Request) string
}

// Server serves the participant page and its JSON API (docs/room.md).
type Server struct {
	h    *Host
	opt  ServerOptions
	mux  *http.ServeMux
	mu   sync.Mutex
	hits map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewServer serves the host to browsers.
func NewServer(h *Host, opt ServerOptions) *Server {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.JoinBurst <= 0 {
		opt.JoinBurst = 10
	}
	if opt.JoinEvery <= 0 {
		opt.JoinEvery = 6 * time.Second
	}
	if opt.Heartbeat <= 0 {
		opt.Heartbeat = 15 * time.Second
	}
	if opt.EventGap <= 0 {
		opt.EventGap = 100 * time.Millisecond
	}
	if opt.After == nil {
		opt.After = time.After
	}
	if opt.ClientAddrOf == nil {
		opt.ClientAddrOf = func(r *http.Request) string {
			host, _, err := net.SplitHostPort(r.RemoteAddr)
			if err != nil {
				return r.RemoteAddr
			}
			return host
		}
	}
	s := &Server{h: h, opt: opt, mux: http.NewServeMux(), hits: map[string]*bucket{}}
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("GET /app.js", s.static("web/app.js", "text/javascript; charset=utf-8"))
	s.mux.HandleFunc("GET /app.css", s.static("web/app.css", "text/css; charset=utf-8"))
	s.mux.HandleFunc("POST /api/join", s.join)
	s.mux.HandleFunc("GET /api/state", s.state)
	s.mux.HandleFunc("GET /api/events", s.events)
	s.mux.HandleFunc("POST /api/vote", s.vote)
	return s
}

// ServeHTTP sets the headers every answer carries, then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Cache-Control", "no-store")
	s.mux.ServeHTTP(w, r)
}

// HTTPServer wraps the handler with timeouts fit for a shared network: a
// slow or silent client cannot hold a connection's headers open.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		IdleTimeout: 60 * time.Second, MaxHeaderBytes: 8 << 10}
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	page.Execute(w, struct{ Scenario string }{s.h.Scenario().Title})
}

func (s *Server) static(name, ctype string) http.HandlerFunc {
	body, err := web.ReadFile(name)
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Write(body)
	}
}

// allow reports whether the address may join now (a token bucket per
// address).
func (s *Server) allow(addr string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opt.Now()
	b := s.hits[addr]
	if b == nil {
		if len(s.hits) > 10000 { // a flood of addresses: forget the idle ones
			for k, v := range s.hits {
				if now.Sub(v.last) > time.Duration(s.opt.JoinBurst)*s.opt.JoinEvery {
					delete(s.hits, k)
				}
			}
		}
		b = &bucket{tokens: float64(s.opt.JoinBurst), last: now}
		s.hits[addr] = b
	}
	b.tokens = min(float64(s.opt.JoinBurst), b.tokens+float64(now.Sub(b.last))/float64(s.opt.JoinEvery))
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

type apiError struct {
	Error string `json:"error"`
}

func reply(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, err error) {
	reply(w, statusOf(err), apiError{Error: sentence(err)})
}

// sentence is the plain part of an error: what comes after the sentinel.
func sentence(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 && errors.Unwrap(err) != nil {
		msg = msg[i+2:]
	}
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// statusOf maps the host's errors to HTTP status codes.
func statusOf(err error) int {
	switch {
	case errors.Is(err, ErrWrongCode), errors.Is(err, ErrRemoved):
		return http.StatusForbidden
	case errors.Is(err, ErrNoToken):
		return http.StatusUnauthorized
	case errors.Is(err, ErrVoteClosed), errors.Is(err, ErrNameInUse), errors.Is(err, ErrFull):
		return http.StatusConflict
	case errors.Is(err, ErrEnded):
		return http.StatusGone
	case errors.Is(err, ErrBadVote):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// decode reads a small JSON body into v, answering 413 or 400 itself.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		reply(w, http.StatusRequestEntityTooLarge, apiError{"The request is larger than 4 KiB; send only what the API asks for."})
		return false
	case err != nil:
		reply(w, http.StatusBadRequest, apiError{"The request could not be read; try again."})
		return false
	}
	if err := json.Unmarshal(body, v); err != nil {
		reply(w, http.StatusBadRequest, apiError{"The request is not the JSON the API expects; see docs/room.md."})
		return false
	}
	return true
}

func bearer(r *http.Request) string {
	a := r.Header.Get("Authorization")
	if len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
		return strings.TrimSpace(a[7:])
	}
	return ""
}

func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Code string `json:"code"`
		Name string `json:"name"`
	}
	if !s.allow(s.opt.ClientAddrOf(r)) { // every attempt counts, good or bad
		w.Header().Set("Retry-After", "30")
		reply(w, http.StatusTooManyRequests, apiError{"Too many joins from this device; wait half a minute and try again."})
		return
	}
	if !decode(w, r, &req) {
		return
	}
	token, err := s.h.Join(req.Code, req.Name)
	if err != nil {
		fail(w, err)
		return
	}
	reply(w, http.StatusOK, struct {
		Token string `json:"token"`
	}{token})
}

func (s *Server) state(w http.ResponseWriter, r *http.Request) {
	v, err := s.h.View(bearer(r))
	if err != nil {
		fail(w, err)
		return
	}
	reply(w, http.StatusOK, v)
}

func (s *Server) vote(w http.ResponseWriter, r *http.Request) {
	token := bearer(r)
	if token == "" {
		fail(w, ErrNoToken)
		return
	}
	var req struct {
		Moment string `json:"moment"`
		Kind   string `json:"kind"`
		Value  string `json:"value"`
	}
	if !decode(w, r, &req) {
		return
	}
	if err := s.h.Vote(token, req.Moment, req.Kind, req.Value); err != nil {
		fail(w, err)
		return
	}
	reply(w, http.StatusOK, struct {
		Ok bool `json:"ok"`
	}{true})
}

// events streams the participant's view as Server-Sent Events: one
// "state" event now and one after every change, with a comment line as a
// keep-alive. Changes closer together than the event gap go out as one
// event: every vote changes the count, and without the gap 200 phones
// voting within a second cost the host 200 views and writes per vote
// (40 000 for the room), which held the votes themselves up by hundreds
// of milliseconds. A facilitator's command, or a change after a quiet
// gap, goes out at once.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	token := bearer(r)
	// before the view, so no change falls between them
	changed, moved := s.h.Changed(), s.h.Moved()
	v, err := s.h.View(token)
	if err != nil {
		fail(w, err)
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		reply(w, http.StatusInternalServerError, apiError{"This server cannot stream events."})
		return
	}
	// a stream lives longer than the server's read and write timeouts
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{})
	rc.SetReadDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	tick := time.NewTicker(s.opt.Heartbeat)
	defer tick.Stop()
	for {
		if _, err := io.WriteString(w, "event: state\ndata: "+mustJSON(v)+"\n\n"); err != nil {
			return
		}
		fl.Flush()
		sent := s.opt.Now()
	wait:
		for {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
				if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
					return
				}
				fl.Flush()
			case <-changed:
				break wait
			}
		}
		if gap := s.opt.EventGap - s.opt.Now().Sub(sent); gap > 0 {
			select {
			case <-moved:
			default:
				select {
				case <-r.Context().Done():
					return
				case <-moved:
				case <-s.opt.After(gap):
				}
			}
		}
		changed, moved = s.h.Changed(), s.h.Moved()
		if v, err = s.h.View(token); err != nil {
			io.WriteString(w, "event: gone\ndata: "+mustJSON(apiError{sentence(err)})+"\n\n")
			fl.Flush()
			return
		}
		if s.h.Stopped() {
			io.WriteString(w, "event: state\ndata: "+mustJSON(v)+"\n\n")
			fl.Flush()
			return
		}
	}
}

func mustJSON(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}
