package game

import "math"

// fitTable is DESIGN §2's default fit: [calls_for][hat].
var fitTable = map[Hat]map[Hat]int{
	Manage: {Manage: 100, Lead: 20, Both: 60, None: 0},
	Lead:   {Manage: 20, Lead: 100, Both: 60, None: 0},
	Both:   {Manage: 50, Lead: 50, Both: 100, None: 0},
}

// PoorCraft is the factor a poorly crafted move's fit is multiplied by.
const PoorCraft = 0.3

// Fit is the default fit of a hat at a moment, before craft.
func Fit(callsFor, hat Hat) int { return fitTable[callsFor][hat] }

// ChoiceFit is a choice's fit at a moment, 0–100: the author's override
// when set, else the table, times 0.3 for poor craft (rounded to nearest).
func ChoiceFit(callsFor Hat, c *Choice) int {
	if c.Fit != nil {
		return *c.Fit
	}
	f := Fit(callsFor, c.Hat)
	if c.Craft == Poor {
		return int(math.Round(float64(f) * PoorCraft))
	}
	return f
}

// Reading scores (model v2): exact, half seen, a hedge, the opposite hat.
const (
	ReadExact  = 100
	ReadHalf   = 50 // a single hat named when the moment calls for both
	ReadHedge  = 25 // both named when the moment calls for a single hat
	ReadMissed = 0
)

// ReadingScore scores the player's diagnosis of a moment (model v2): 100
// exact; 50 for a single hat when the moment calls for both (half seen);
// 25 for both when it calls for a single hat (a hedge); 0 for the opposite
// hat. Always-both, always-one-hat and random reading all land near 50.
func ReadingScore(callsFor, diagnosis Hat) int {
	switch {
	case callsFor == diagnosis:
		return ReadExact
	case callsFor == Both:
		return ReadHalf
	case diagnosis == Both:
		return ReadHedge
	}
	return ReadMissed
}

// Scores are an attempt's results, each 0–100, or nil over no moment.
type Scores struct {
	Fit          *float64
	Management   *float64
	Leadership   *float64
	Reading      *float64
	OverManaging int // manager-hat actions where the moment called for leadership, or done poorly anywhere
	OverLeading  int // leader-hat actions where it called for management, or done poorly anywhere
}

// Score computes the scores of the answers given so far. A moment a room
// participant did not vote on counts in no score.
func Score(steps []Step) Scores {
	var fit, mgmt, lead, read mean
	var s Scores
	for _, st := range steps {
		cf := st.Scene.CallsFor
		if st.Read() {
			read.add(st.Reading)
		}
		if !st.Voted() {
			continue // a room participant who let the moment pass
		}
		fit.add(st.Fit)
		if cf == Manage || cf == Both {
			mgmt.add(st.Fit)
		}
		if cf == Lead || cf == Both {
			lead.add(st.Fit)
		}
		s.OverManaging += overCount(st.Choice, Manage, cf == Lead)
		s.OverLeading += overCount(st.Choice, Lead, cf == Manage)
	}
	s.Fit, s.Management, s.Leadership, s.Reading = fit.value(), mgmt.value(), lead.value(), read.value()
	return s
}

// overCount is 1 when a choice in the hat leans too far that way: the hat
// where the moment called for the other one (wrongMoment), or the hat done
// poorly anywhere (micromanaging, reports nobody reads, empty hype).
func overCount(c *Choice, hat Hat, wrongMoment bool) int {
	if c.Hat == hat && (wrongMoment || c.Craft == Poor) {
		return 1
	}
	return 0
}

// Scores computes the state's scores so far.
func (st *State) Scores() Scores { return Score(st.Steps) }

type mean struct {
	sum, n int
}

func (m *mean) add(v int) { m.sum += v; m.n++ }

// value is the mean rounded to one decimal, or nil with no values.
func (m mean) value() *float64 {
	if m.n == 0 {
		return nil
	}
	v := math.Round(float64(m.sum)*10/float64(m.n)) / 10
	return &v
}
