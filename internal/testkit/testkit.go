// Package testkit holds the deterministic clock and id generator that
// tests inject into the store, so every test package does not grow its own.
package testkit

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/twohats/twohats/internal/store"
)

// Epoch is the usual start of an injected clock.
var Epoch = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)

// Clock is a deterministic clock: each Now returns the current time and
// moves it on by Step. Safe for concurrent use.
type Clock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

// NewClock starts a clock at t that advances by step on every call.
func NewClock(t time.Time, step time.Duration) *Clock { return &Clock{t: t, step: step} }

// Now returns the clock's time and advances it.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.t
	c.t = c.t.Add(c.step)
	return now
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// IDs returns a generator of valid version-4 UUIDs from a counter:
// PPPPPPPP-0000-4000-8000-000000000001, ...002, where P is prefix, which
// keeps two machines' ids apart. Safe for concurrent use.
func IDs(prefix int) func() string {
	var mu sync.Mutex
	n := 0
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		return fmt.Sprintf("%08d-0000-4000-8000-%012d", prefix, n)
	}
}

// Store opens a store in a temporary folder with a clock from Epoch that
// advances a second a call, ids with the given prefix and no backups, and
// closes it when the test ends.
func Store(t testing.TB, prefix int) *store.Store {
	t.Helper()
	db, _, err := store.Open(t.TempDir(), store.Options{Now: NewClock(Epoch, time.Second).Now, NewID: IDs(prefix), Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
