package main

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/room"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/ui"
)

// roomPlay adapts the store, a listener and the participants' web server
// to the app's Room play tab: the desktop twin of `twohats host`.
type roomPlay struct {
	db     *store.Store
	listen string // where to listen: every interface, a free port

	mu      sync.Mutex
	running map[*room.Host]func() // sessions being served, and how to stop each
}

var _ ui.RoomPlay = (*roomPlay)(nil)

func newRoomPlay(db *store.Store) *roomPlay {
	return &roomPlay{db: db, listen: ":0", running: map[*room.Host]func(){}}
}

// Workshops lists the open workshops, newest first.
func (r *roomPlay) Workshops() ([]game.Workshop, error) {
	ws, err := r.db.Workshops()
	if err != nil {
		return nil, err
	}
	out := ws[:0]
	for _, w := range ws {
		if w.ClosedAt == nil {
			out = append(out, w)
		}
	}
	return out, nil
}

func (r *roomPlay) Unfinished() ([]game.RoomSession, error) { return r.db.OpenRoomSessions() }

func (r *roomPlay) Discard(sessionID string) error { return r.db.EndRoomSession(sessionID) }

// Start starts a session in the workshop chosen, or in a new one.
func (r *roomPlay) Start(o ui.RoomStart) (*ui.RoomRun, error) {
	w, err := hostWorkshop(r.db, o.Workshop, o.Scenario)
	if err != nil {
		return nil, err
	}
	// the workshop's feedback timing is the room's, unless the facilitator holds the verdicts
	h, err := room.New(r.db, room.Config{Scenario: o.Scenario, Workshop: w.Code, HoldFeedback: w.HoldsFeedback(o.HoldFeedback), Seed: o.Seed, NewID: r.db.NewID})
	if err != nil {
		return nil, err
	}
	return r.serve(h, w)
}

// Resume brings back an unfinished session with every acknowledged vote.
func (r *roomPlay) Resume(rs game.RoomSession, o ui.RoomStart) (*ui.RoomRun, error) {
	w, err := r.db.Workshop(rs.Workshop)
	if err != nil {
		w = game.Workshop{Code: rs.Workshop} // not on this machine any more: the room needs only the code
	}
	h, err := room.Resume(r.db, room.Config{Scenario: o.Scenario, HoldFeedback: w.HoldsFeedback(o.HoldFeedback), NewID: r.db.NewID}, rs)
	if err != nil {
		return nil, fmt.Errorf("%w; start a new session instead", err)
	}
	return r.serve(h, w)
}

// serve listens on the local network and serves the participants' page
// until the run is stopped.
func (r *roomPlay) serve(h *room.Host, w game.Workshop) (*ui.RoomRun, error) {
	ln, err := net.Listen("tcp", r.listen)
	if err != nil {
		h.Close()
		return nil, fmt.Errorf("listen for the participants' phones on %s: %w; check that no firewall or other program blocks it, and try again", r.listen, err)
	}
	srv := room.NewServer(h, room.ServerOptions{}).HTTPServer()
	go srv.Serve(ln)
	stop := sync.OnceFunc(func() {
		// the host first: each open page gets its last state, and its
		// event stream ends, before the server stops
		h.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			srv.Close()
		}
		r.mu.Lock()
		delete(r.running, h)
		r.mu.Unlock()
	})
	r.mu.Lock()
	r.running[h] = stop
	r.mu.Unlock()
	return &ui.RoomRun{Host: h, URL: joinURL(ln.Addr(), w.Code), Workshop: w, Stop: stop}, nil
}

// stopAll stops every session still served, keeping each resumable: the
// app is quitting (a signal, or the window closed under a running room).
func (r *roomPlay) stopAll() {
	r.mu.Lock()
	stops := make([]func(), 0, len(r.running))
	for _, s := range r.running {
		stops = append(stops, s)
	}
	r.mu.Unlock()
	for _, s := range stops {
		s()
	}
}
