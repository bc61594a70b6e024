package export

import (
	"encoding/json"
	"io"
	"sort"
)

// JSONKind and JSONVersion identify the JSON export's format.
const (
	JSONKind    = "twohats-export"
	JSONVersion = 1
)

// JSONExport is the JSON export: the same data as the two CSV files,
// nested participant → attempt → answer. docs/facilitator.md documents each
// field.
type JSONExport struct {
	Format        string            `json:"format"`
	Version       int               `json:"version"`
	ExportedAt    string            `json:"exported_at"`
	Pseudonymised bool              `json:"pseudonymised"`
	Workshop      *JSONWorkshop     `json:"workshop"` // the workshop exported, null for everything
	Workshops     []JSONWorkshop    `json:"workshops"`
	Scenarios     []JSONScenario    `json:"scenarios"`
	Participants  []JSONParticipant `json:"participants"`
}

// JSONWorkshop is a workshop the attempts carry.
type JSONWorkshop struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	CreatedAt string `json:"created_at,omitempty"`
	ClosedAt  string `json:"closed_at,omitempty"`
}

// JSONScenario is a scenario the attempts played, as loaded for the export.
type JSONScenario struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Hash   string `json:"hash"`
	Loaded bool   `json:"loaded"`
}

// JSONParticipant is a player with their attempts.
type JSONParticipant struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Imported bool          `json:"imported"`
	Attempts []JSONAttempt `json:"attempts"`
}

// JSONAttempt is one attempt.
type JSONAttempt struct {
	ID              string       `json:"id"`
	Workshop        string       `json:"workshop"`
	Scenario        string       `json:"scenario"`
	ScenarioHash    string       `json:"scenario_hash"`
	Seed            int64        `json:"seed"`
	Status          string       `json:"status"`
	StartedAt       string       `json:"started_at"`
	FinishedAt      *string      `json:"finished_at"`
	DurationSeconds *float64     `json:"duration_seconds"`
	Scores          JSONScores   `json:"scores"`
	Tendency        *string      `json:"tendency"`
	Ending          *string      `json:"ending"`
	EndingTitle     *string      `json:"ending_title"`
	EndingOutcome   *string      `json:"ending_outcome"`
	Room            bool         `json:"room"` // played live in a room: answers carry room_choice
	Answers         []JSONAnswer `json:"answers"`
}

// JSONScores are an attempt's four scores and two tendency counts.
type JSONScores struct {
	Fit          *float64 `json:"fit"`
	Management   *float64 `json:"management"`
	Leadership   *float64 `json:"leadership"`
	Reading      *float64 `json:"reading"`
	OverManaging *int     `json:"over_managing"`
	OverLeading  *int     `json:"over_leading"`
}

// JSONAnswer is one answered moment; the fields the replay supplies are
// null when the attempt does not replay on the loaded scenario.
type JSONAnswer struct {
	ID         string  `json:"id"`
	Seq        int     `json:"seq"`
	Moment     string  `json:"moment"`
	CallsFor   *string `json:"calls_for"`
	Diagnosis  string  `json:"diagnosis"`
	Reading    *int    `json:"reading"`
	Choice     string  `json:"choice"`
	Hat        *string `json:"hat"`
	Craft      *string `json:"craft"`
	Fit        *int    `json:"fit"`
	Fitting    *bool   `json:"fitting"`
	AnsweredAt string  `json:"answered_at"`
	DecisionMS int64   `json:"decision_ms"`
	RoomChoice string  `json:"room_choice,omitempty"` // the room's choice, in a room attempt
}

func ptr[T any](v T) *T { return &v }

// JSON writes the export as one indented JSON document.
func JSON(db Source, lib Library, w io.Writer, o Options) error {
	d, err := load(db, lib, o)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d.json())
}

func (d *dataset) json() JSONExport {
	out := JSONExport{Format: JSONKind, Version: JSONVersion, ExportedAt: stamp(d.exportedAt), Pseudonymised: d.pseudonymous,
		Workshops: []JSONWorkshop{}, Scenarios: []JSONScenario{}, Participants: []JSONParticipant{}}
	jw := func(code string) JSONWorkshop {
		w, ok := d.workshops[code]
		if !ok {
			return JSONWorkshop{Code: code}
		}
		j := JSONWorkshop{Code: w.Code, Name: w.Name, CreatedAt: stamp(w.CreatedAt)}
		if w.ClosedAt != nil {
			j.ClosedAt = stamp(*w.ClosedAt)
		}
		return j
	}
	if d.workshop != nil {
		out.Workshop = ptr(jw(d.workshop.Code))
	}
	codes, scens := map[string]bool{}, map[string]bool{}
	for _, p := range d.participants {
		jp := JSONParticipant{ID: p.id, Name: p.name, Imported: p.imported, Attempts: []JSONAttempt{}}
		for _, a := range p.attempts {
			if a.a.Workshop != "" && !codes[a.a.Workshop] {
				codes[a.a.Workshop] = true
				out.Workshops = append(out.Workshops, jw(a.a.Workshop))
			}
			if !scens[a.a.ScenarioID] {
				scens[a.a.ScenarioID] = true
				js := JSONScenario{ID: a.a.ScenarioID}
				if a.sc != nil {
					js.Title, js.Hash, js.Loaded = a.sc.Title, a.sc.Hash, true
				}
				out.Scenarios = append(out.Scenarios, js)
			}
			ja := JSONAttempt{ID: a.a.ID, Workshop: a.a.Workshop, Scenario: a.a.ScenarioID, ScenarioHash: a.a.ScenarioHash,
				Seed: a.a.Seed, Status: a.status, StartedAt: stamp(a.a.StartedAt), Room: a.a.Room, Answers: []JSONAnswer{}}
			if fin := a.finishedAt(); fin != nil {
				ja.FinishedAt = ptr(stamp(*fin))
				ja.DurationSeconds = ptr(fin.Sub(a.a.StartedAt).Seconds())
			}
			if s := a.scores; s != nil {
				ja.Scores = JSONScores{s.Fit, s.Management, s.Leadership, s.Reading, ptr(s.OverManaging), ptr(s.OverLeading)}
				ja.Tendency = ptr(string(a.tendency))
			}
			if e := a.endingID(); e != "" {
				ja.Ending = ptr(e)
				if o := a.endingOutcome(); o != "" {
					ja.EndingOutcome = ptr(o)
				}
				if t := a.endingTitle(); t != "" {
					ja.EndingTitle = ptr(t)
				}
			}
			for i, ans := range a.answers {
				jan := JSONAnswer{ID: ans.ID, Seq: ans.Seq, Moment: ans.Scene, Diagnosis: string(ans.Diagnosis), Choice: ans.Choice,
					AnsweredAt: stamp(ans.At), DecisionMS: ans.Millis, RoomChoice: ans.Played}
				if s := a.step(i); s != nil {
					jan.CallsFor = ptr(string(s.Scene.CallsFor))
					if s.Read() {
						jan.Reading = ptr(s.Reading)
					}
					if s.Voted() {
						jan.Hat, jan.Craft = ptr(string(s.Choice.Hat)), ptr(string(craftOf(s.Choice)))
						jan.Fit, jan.Fitting = ptr(s.Fit), ptr(s.Fit == 100)
					}
				}
				ja.Answers = append(ja.Answers, jan)
			}
			jp.Attempts = append(jp.Attempts, ja)
		}
		out.Participants = append(out.Participants, jp)
	}
	sort.Slice(out.Workshops, func(i, j int) bool { return out.Workshops[i].Code < out.Workshops[j].Code })
	sort.Slice(out.Scenarios, func(i, j int) bool { return out.Scenarios[i].ID < out.Scenarios[j].ID })
	return out
}
