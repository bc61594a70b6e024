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
	// In a room attempt: the choice the room played, and whether this
	// player voted (Choice, Diagnosis empty when not).
	Played     string
	PlayedText string
	InRoom     bool
}

// Voted reports whether the player chose an action at this moment (always,
// except in a room attempt).
func (r ReviewItem) Voted() bool { return r.Choice != "" }

// ChoiceLine says what the player chose at the moment, and in a room
// attempt what the room played when that differs.
func (r ReviewItem) ChoiceLine() string {
	switch {
	case !r.InRoom:
		return "You chose: " + r.ChoiceText
	case !r.Voted():
		return "You did not vote. The room played: " + r.PlayedText
	case r.Played != r.Choice:
		return "You voted: " + r.ChoiceText + " The room played: " + r.PlayedText
	}
	return "You voted with the room: " + r.ChoiceText
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
		it := ReviewItem{
			Scene:      s.Scene.ID,
			CallsFor:   s.Scene.CallsFor,
			Why:        s.Scene.Why,
			Diagnosis:  s.Answer.Diagnosis,
			Reading:    s.Reading,
			Fit:        s.Fit,
			Played:     s.Played.ID,
			PlayedText: s.Played.Text,
			InRoom:     s.InRoom(),
		}
		if s.Voted() {
			it.Choice, it.ChoiceText, it.Hat, it.Craft, it.Feedback = s.Choice.ID, s.Choice.Text, s.Choice.Hat, s.Choice.Craft, s.Choice.Feedback
		}
		d.Review = append(d.Review, it)
	}
	return d
}

// TendencyCounts says in a sentence what the two tendency counts counted.
func (s Scores) TendencyCounts() string {
	return fmt.Sprintf("Manager-hat moves where people needed leading, or done poorly: %d. Leader-hat moves where the work needed managing, or done poorly: %d.", s.OverManaging, s.OverLeading)
}
