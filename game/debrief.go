package game

// Tendency names which way a player leans when they pick the wrong hat.
type Tendency string

// The tendencies.
const (
	Balanced     Tendency = "balanced"
	OverManaging Tendency = "over-managing"
	OverLeading  Tendency = "over-leading"
	BothWays     Tendency = "both-ways"
)

// TendencyOf names the stronger tendency in the scores.
func TendencyOf(s Scores) Tendency {
	switch {
	case s.OverManaging == 0 && s.OverLeading == 0:
		return Balanced
	case s.OverManaging > s.OverLeading:
		return OverManaging
	case s.OverLeading > s.OverManaging:
		return OverLeading
	}
	return BothWays
}

// Cost says, in a sentence, what the tendency costs a team.
func (t Tendency) Cost() string {
	switch t {
	case OverManaging:
		return "You reach for the manager hat when people need the leader hat. The cost is stagnation: meetings about meetings, compliance instead of initiative, a team that waits to be told."
	case OverLeading:
		return "You reach for the leader hat when the work needs the manager hat. The cost is chaos: energy and inspiration with nothing delivered, and nobody sure who does what by when."
	case BothWays:
		return "You slipped both ways, as often into the manager hat when people needed leading as into the leader hat when the work needed managing. Name the hat out loud before you act."
	}
	return "You never picked the opposite hat to the one the moment needed. Keep naming the hat out loud before you act."
}

// ReviewItem is one moment in the debrief's review.
type ReviewItem struct {
	Scene      string
	CallsFor   Hat
	Why        string
	Diagnosis  Hat
	Reading    int
	Choice     string
	ChoiceText string
	Hat        Hat
	Craft      Craft
	Fit        int
	Feedback   string
}

// Debrief is what a finished (or abandoned) attempt tells the player.
type Debrief struct {
	ScenarioID  string
	Title       string
	Ending      *Scene // nil when unfinished
	AwayVerdict string // how the team behaves without you, from the final meters
	Meters      Levels
	Scores      Scores
	Tendency    Tendency
	Review      []ReviewItem
	Path        []string
}

// Debrief summarises the state.
func (st *State) Debrief() Debrief {
	d := Debrief{
		ScenarioID:  st.Scenario.ID,
		Title:       st.Scenario.Title,
		Ending:      st.Ending(),
		Meters:      st.Meters,
		Scores:      st.Scores(),
		Path:        append([]string(nil), st.Path...),
		AwayVerdict: AwayVerdict(st.Meters),
	}
	d.Tendency = TendencyOf(d.Scores)
	for _, s := range st.Steps {
		d.Review = append(d.Review, ReviewItem{
			Scene:      s.Scene.ID,
			CallsFor:   s.Scene.CallsFor,
			Why:        s.Scene.Why,
			Diagnosis:  s.Answer.Diagnosis,
			Reading:    s.Reading,
			Choice:     s.Choice.ID,
			ChoiceText: s.Choice.Text,
			Hat:        s.Choice.Hat,
			Craft:      s.Choice.Craft,
			Fit:        s.Fit,
			Feedback:   s.Choice.Feedback,
		})
	}
	return d
}

// AwayVerdict is the away test read off the final meters: when you are not
// in the room, does the team execute the plan, take initiative beyond it,
// both, or neither?
func AwayVerdict(m Levels) string {
	stable := m.Get(Stability) >= 60
	engaged := m.Get(Morale) >= 60 && m.Get(Trust) >= 55
	switch {
	case stable && engaged:
		return "The team runs the plan without you and goes beyond it: they fix what they find and tell you afterwards."
	case stable:
		return "The team executes the plan to the letter while you are away, and waits for you before anything the plan did not foresee."
	case engaged:
		return "The team has energy and ideas while you are away, but the work drifts: several good starts, few things finished."
	}
	return "Without you the team stalls: people wait, guess, and save the hard questions for your return."
}
