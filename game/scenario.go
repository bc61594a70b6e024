// Package game is the domain of Two Hats: scenarios, the deterministic engine
// that replays an attempt's answers, scoring and the debrief. It uses the
// standard library only; storage, files and widgets live elsewhere.
package game

import (
	"fmt"
	"sync"
)

// Format is the scenario file format version this build reads.
const Format = 1

// Hat is the kind of move: the manager hat, the leader hat, both, or neither.
// A moment's CallsFor uses the first three; a choice may be any of the four.
type Hat string

// The hats.
const (
	Manage Hat = "manage"
	Lead   Hat = "lead"
	Both   Hat = "both"
	None   Hat = "none"
)

// Label is how the hat is named out loud to a player: "the manager hat",
// "the leader hat", "both hats" or "no hat".
func (h Hat) Label() string {
	switch h {
	case Manage:
		return "the manager hat"
	case Lead:
		return "the leader hat"
	case Both:
		return "both hats"
	default:
		return "no hat"
	}
}

// Verb is the diagnosis wording the player picks: what the moment calls for.
func (h Hat) Verb() string {
	switch h {
	case Manage:
		return "Stabilise"
	case Lead:
		return "Re-energise"
	case Both:
		return "Both"
	default:
		return "Neither"
	}
}

// ParseHat reads a hat name as written in files and answers.
func ParseHat(s string) (Hat, bool) {
	switch Hat(s) {
	case Manage, Lead, Both, None:
		return Hat(s), true
	}
	return "", false
}

// Craft says whether a move is done well.
type Craft string

// The crafts.
const (
	Sound Craft = "sound"
	Poor  Craft = "poor"
)

// Meter names. No others exist.
const (
	Stability = "stability"
	Morale    = "morale"
	Trust     = "trust"
)

// Meters lists the meters in display order.
var Meters = []string{Stability, Morale, Trust}

// IsMeter reports whether name is one of the three meters.
func IsMeter(name string) bool { return meterIndex(name) >= 0 }

func meterIndex(name string) int {
	switch name {
	case Stability:
		return 0
	case Morale:
		return 1
	case Trust:
		return 2
	}
	return -1
}

// Levels are the three meters' values, in the order of Meters.
type Levels [3]int

// Get returns a meter's value by name (0 for an unknown name).
func (l Levels) Get(name string) int {
	if i := meterIndex(name); i >= 0 {
		return l[i]
	}
	return 0
}

// Map returns the levels keyed by meter name.
func (l Levels) Map() map[string]int {
	return map[string]int{Stability: l[0], Morale: l[1], Trust: l[2]}
}

// LevelsOf reads levels from a map, using DefaultMeter for missing names.
func LevelsOf(m map[string]int) Levels {
	var l Levels
	for i, name := range Meters {
		v, ok := m[name]
		if !ok {
			v = DefaultMeter
		}
		l[i] = v
	}
	return l
}

// DefaultMeter is the starting value of a meter a scenario does not set.
const DefaultMeter = 50

// Situations a scenario may declare.
var Situations = []string{"crisis", "change", "slump", "growth", "conflict", "routine"}

// Pos is a place in a source file, 1-based. The zero Pos means unknown.
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Scenario is one loaded scenario: immutable story data.
type Scenario struct {
	Format    int
	ID        string
	Title     string
	Summary   string
	Situation string
	Tags      []string
	Minutes   int
	Meters    map[string]int // starting values of all three meters
	Start     string
	Scenes    []*Scene

	Path string // where it was loaded from, for messages
	Hash string // hex SHA-256 of the file's bytes

	byID map[string]*Scene

	ranged       sync.Once // MomentRange walks every path once
	fewest, most int
}

// Scene is a moment (it has choices), a beat (it has Next) or an ending.
type Scene struct {
	ID       string
	Text     string
	CallsFor Hat
	Why      string
	Choices  []*Choice
	Next     Next
	Ending   bool
	Title    string
	Away     string
	Outcome  Outcome // endings only; empty when the author gave none

	Pos Pos
}

// Outcome is how an ending turned out for the team: strong, mixed or weak.
type Outcome string

// The outcomes.
const (
	Strong Outcome = "strong"
	Mixed  Outcome = "mixed"
	Weak   Outcome = "weak"
)

// Outcomes lists the outcomes from best to worst.
var Outcomes = []Outcome{Strong, Mixed, Weak}

// Label names the outcome for a player: "A strong ending", or "" when the
// author gave none.
func (o Outcome) Label() string {
	switch o {
	case Strong, Mixed, Weak:
		return "A " + string(o) + " ending"
	}
	return ""
}

// IsMoment reports whether the scene asks the player to choose.
func (s *Scene) IsMoment() bool { return len(s.Choices) > 0 }

// Choice returns the choice with the id, or nil.
func (s *Scene) Choice(id string) *Choice {
	for _, c := range s.Choices {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Choice is one action at a moment.
type Choice struct {
	ID       string
	Text     string
	Hat      Hat
	Craft    Craft
	Fit      *int // author's override, final when set
	Effects  map[string]int
	Set      []string
	Feedback string
	Next     Next

	Pos Pos
}

// Next is where the story goes: branches tried in order, the last one
// unconditional. A plain scene id is a single unconditional branch.
type Next []Branch

// Branch goes to Goto when If holds (or always, when If is nil).
type Branch struct {
	If     Cond
	IfText string
	Goto   string

	Pos     Pos // of the branch
	IfPos   Pos
	GotoPos Pos
}

// Scene returns the scene with the id, or nil. It never changes the
// scenario, so concurrent replays are safe: a scenario the loader built is
// indexed once, eagerly; one built in code without Index is searched.
func (sc *Scenario) Scene(id string) *Scene {
	if sc.byID == nil {
		for _, s := range sc.Scenes {
			if s.ID == id {
				return s
			}
		}
		return nil
	}
	return sc.byID[id]
}

// Index builds the id lookup; loaders call it once the scenes are final,
// before the scenario is shared.
func (sc *Scenario) Index() {
	sc.byID = make(map[string]*Scene, len(sc.Scenes))
	for _, s := range sc.Scenes {
		if _, dup := sc.byID[s.ID]; !dup {
			sc.byID[s.ID] = s
		}
	}
}

// Moments returns the scenes that ask for a choice, in file order.
func (sc *Scenario) Moments() []*Scene {
	var out []*Scene
	for _, s := range sc.Scenes {
		if s.IsMoment() {
			out = append(out, s)
		}
	}
	return out
}

// Endings returns the ending scenes, in file order.
func (sc *Scenario) Endings() []*Scene {
	var out []*Scene
	for _, s := range sc.Scenes {
		if s.Ending {
			out = append(out, s)
		}
	}
	return out
}

// Flags returns every flag some choice sets.
func (sc *Scenario) Flags() map[string]bool {
	flags := map[string]bool{}
	for _, s := range sc.Scenes {
		for _, c := range s.Choices {
			for _, f := range c.Set {
				flags[f] = true
			}
		}
	}
	return flags
}

// MomentRange is the fewest and the most moments on any path from the
// start to an ending that visits no scene twice: how long a play-through
// is, for the library card and the "moment 3 of 8" line. The walk can
// take tens of milliseconds on a branching scenario, so it runs once per
// scenario (the scenario must not change after its first call).
func (sc *Scenario) MomentRange() (fewest, most int) {
	sc.ranged.Do(func() { sc.fewest, sc.most = sc.momentRange() })
	return sc.fewest, sc.most
}

func (sc *Scenario) momentRange() (fewest, most int) {
	onPath := map[string]bool{}
	budget := 200000
	fewest = -1
	var walk func(id string, n int)
	walk = func(id string, n int) {
		s := sc.Scene(id)
		if s == nil || onPath[id] || budget <= 0 {
			return
		}
		budget--
		if s.IsMoment() {
			n++
		}
		if s.Ending {
			if fewest < 0 || n < fewest {
				fewest = n
			}
			most = max(most, n)
			return
		}
		onPath[id] = true
		for _, b := range s.Next {
			walk(b.Goto, n)
		}
		for _, c := range s.Choices {
			for _, b := range c.Next {
				walk(b.Goto, n)
			}
		}
		onPath[id] = false
	}
	walk(sc.Start, 0)
	if fewest < 0 {
		fewest = 0
	}
	return fewest, most
}
