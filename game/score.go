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

// ReadingScore scores the player's diagnosis of a moment: 100 exact, 50 when
// one side is Both, 0 for the opposite hat.
func ReadingScore(callsFor, diagnosis Hat) int {
	switch {
	case callsFor == diagnosis:
		return 100
	case callsFor == Both || diagnosis == Both:
		return 50
	}
	return 0
}

// Scores are an attempt's results, each 0–100, or nil over no moment.
type Scores struct {
	Fit          *float64
	Management   *float64
	Leadership   *float64
	Reading      *float64
	OverManaging int // manager-hat actions where the moment called for leadership
	OverLeading  int // leader-hat actions where it called for management
}

// Score computes the scores of the answers given so far.
func Score(steps []Step) Scores {
	var fit, mgmt, lead, read mean
	var s Scores
	for _, st := range steps {
		cf := st.Scene.CallsFor
		fit.add(st.Fit)
		read.add(st.Reading)
		if cf == Manage || cf == Both {
			mgmt.add(st.Fit)
		}
		if cf == Lead || cf == Both {
			lead.add(st.Fit)
		}
		switch {
		case st.Choice.Hat == Manage && cf == Lead:
			s.OverManaging++
		case st.Choice.Hat == Lead && cf == Manage:
			s.OverLeading++
		}
	}
	s.Fit, s.Management, s.Leadership, s.Reading = fit.value(), mgmt.value(), lead.value(), read.value()
	return s
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
