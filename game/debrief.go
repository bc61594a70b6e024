package game

import "fmt"

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
		return "You reach for the manager hat when people need the leader hat, or wear it too tightly. The cost is stagnation: meetings about meetings, compliance instead of initiative, a team that waits to be told."
	case OverLeading:
		return "You reach for the leader hat when the work needs the manager hat, or wear it without substance. The cost is chaos: energy and inspiration with nothing delivered, and nobody sure who does what by when."
	case BothWays:
		return "You slipped both ways, as often into the manager hat when people needed leading as into the leader hat when the work needed managing. Name the hat out loud before you act."
	}
	return "You never leaned too far either way: no manager hat where people needed leading, no leader hat where the work needed managing, and neither worn badly. Keep naming the hat out loud before you act."
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
	ScenarioID string
	Title      string
	Ending     *Scene // nil when unfinished; its Away is the one away test
	Meters     Levels
	Scores     Scores
	Tendency   Tendency
	Review     []ReviewItem
	Path       []string
}

// Debrief summarises the state.
func (st *State) Debrief() Debrief {
	d := Debrief{
		ScenarioID: st.Scenario.ID,
		Title:      st.Scenario.Title,
		Ending:     st.Ending(),
		Meters:     st.Meters,
		Scores:     st.Scores(),
		Path:       append([]string(nil), st.Path...),
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

// TendencyCounts says in a sentence what the two tendency counts counted.
func (s Scores) TendencyCounts() string {
	return fmt.Sprintf("Manager-hat moves where people needed leading, or done poorly: %d. Leader-hat moves where the work needed managing, or done poorly: %d.", s.OverManaging, s.OverLeading)
}
