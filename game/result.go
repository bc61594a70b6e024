package game

// Result is the JSON form of a played attempt (`twohats play --json`).
type Result struct {
	Scenario   string         `json:"scenario"`
	Seed       int64          `json:"seed"`
	Path       []string       `json:"path"`
	Answers    []ResultAnswer `json:"answers"`
	Ending     string         `json:"ending"`
	Outcome    string         `json:"ending_outcome"`
	Meters     map[string]int `json:"meters"`
	Scores     ResultScores   `json:"scores"`
	Tendencies struct {
		OverManaging int `json:"over_managing"`
		OverLeading  int `json:"over_leading"`
	} `json:"tendencies"`
}

// ResultAnswer is one answered moment in a Result.
type ResultAnswer struct {
	Scene     string `json:"scene"`
	CallsFor  string `json:"calls_for"`
	Diagnosis string `json:"diagnosis"`
	Choice    string `json:"choice"`
	Hat       string `json:"hat"`
	Craft     string `json:"craft"`
	Fit       int    `json:"fit"`
	Reading   int    `json:"reading"`
	Played    string `json:"played,omitempty"` // a room attempt's: the room's choice
}

// ResultScores are the four scores, null over no applicable moment.
type ResultScores struct {
	Fit        *float64 `json:"fit"`
	Management *float64 `json:"management"`
	Leadership *float64 `json:"leadership"`
	Reading    *float64 `json:"reading"`
}

// ResultOf summarises a state as a Result.
func ResultOf(st *State) Result {
	r := Result{Scenario: st.Scenario.ID, Seed: st.Seed, Path: st.Path, Meters: st.Meters.Map(), Answers: []ResultAnswer{}}
	if end := st.Ending(); end != nil {
		r.Ending, r.Outcome = end.ID, string(end.Outcome)
	}
	for _, s := range st.Steps {
		ra := ResultAnswer{
			Scene: s.Scene.ID, CallsFor: string(s.Scene.CallsFor), Diagnosis: string(s.Answer.Diagnosis),
			Fit: s.Fit, Reading: s.Reading, Played: s.Answer.Played,
		}
		if s.Voted() {
			ra.Choice, ra.Hat, ra.Craft = s.Choice.ID, string(s.Choice.Hat), string(s.Choice.Craft)
		}
		r.Answers = append(r.Answers, ra)
	}
	sc := st.Scores()
	r.Scores = ResultScores{sc.Fit, sc.Management, sc.Leadership, sc.Reading}
	r.Tendencies.OverManaging, r.Tendencies.OverLeading = sc.OverManaging, sc.OverLeading
	return r
}
