package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/twohats/twohats/game"
)

// DefaultBaseIRI roots the IRIs of the xAPI export when Options.BaseIRI is
// empty. The .example domain is reserved, so it never clashes with a real
// one; an organisation may pass an IRI under its own domain instead.
const DefaultBaseIRI = "https://twohats.example/xapi"

// The xAPI verbs and activity types used (ADL's registry).
const (
	VerbAnswered    = "http://adlnet.gov/expapi/verbs/answered"
	VerbCompleted   = "http://adlnet.gov/expapi/verbs/completed"
	TypeInteraction = "http://adlnet.gov/expapi/activities/cmi.interaction"
	TypeSimulation  = "http://adlnet.gov/expapi/activities/simulation"
	TypeMeeting     = "http://adlnet.gov/expapi/activities/meeting"
)

// lang is the language tag of every language map.
const lang = "en"

// Statement is an xAPI 1.0.3 statement as Two Hats writes it. It has no
// version field: the LRS sets it.
type Statement struct {
	ID        string    `json:"id"`
	Actor     Actor     `json:"actor"`
	Verb      Verb      `json:"verb"`
	Object    Activity  `json:"object"`
	Result    *XResult  `json:"result,omitempty"`
	Context   *XContext `json:"context,omitempty"`
	Timestamp string    `json:"timestamp"`
}

// Actor is the participant, identified by an account on the Two Hats
// "system": the home page is the base IRI, the name the profile's UUID.
type Actor struct {
	ObjectType string  `json:"objectType"`
	Name       string  `json:"name"`
	Account    Account `json:"account"`
}

// Account is an xAPI account.
type Account struct {
	HomePage string `json:"homePage"`
	Name     string `json:"name"`
}

// Verb is an xAPI verb.
type Verb struct {
	ID      string            `json:"id"`
	Display map[string]string `json:"display"`
}

// Activity is an xAPI activity: a scenario, a moment or a workshop.
type Activity struct {
	ObjectType string      `json:"objectType"`
	ID         string      `json:"id"`
	Definition *Definition `json:"definition,omitempty"`
}

// Definition describes an activity; moments are cmi.interactions of type
// choice.
type Definition struct {
	Name                    map[string]string `json:"name,omitempty"`
	Description             map[string]string `json:"description,omitempty"`
	Type                    string            `json:"type,omitempty"`
	InteractionType         string            `json:"interactionType,omitempty"`
	CorrectResponsesPattern []string          `json:"correctResponsesPattern,omitempty"`
	Choices                 []Component       `json:"choices,omitempty"`
	Extensions              map[string]any    `json:"extensions,omitempty"`
}

// Component is one choice of an interaction.
type Component struct {
	ID          string            `json:"id"`
	Description map[string]string `json:"description"`
}

// XResult is a statement's result.
type XResult struct {
	Score      *XScore        `json:"score,omitempty"`
	Success    *bool          `json:"success,omitempty"`
	Completion *bool          `json:"completion,omitempty"`
	Response   *string        `json:"response,omitempty"`
	Duration   string         `json:"duration,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// XScore is a score: scaled 0–1 and raw 0–100.
type XScore struct {
	Scaled float64 `json:"scaled"`
	Raw    float64 `json:"raw"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// XContext is a statement's context: the attempt as registration, the
// scenario as parent and the workshop as grouping.
type XContext struct {
	Registration      string             `json:"registration"`
	ContextActivities *ContextActivities `json:"contextActivities,omitempty"`
	Platform          string             `json:"platform"`
	Language          string             `json:"language"`
}

// ContextActivities relate a statement to other activities.
type ContextActivities struct {
	Parent   []Activity `json:"parent,omitempty"`
	Grouping []Activity `json:"grouping,omitempty"`
}

// iris builds the export's IRIs under one base.
type iris struct{ base string }

// newIRIs checks the base: every activity id and the actors' account
// home page hang off it, so it must be an absolute http(s) IRI, and one
// without a query or fragment, under which paths can be appended.
func newIRIs(base string) (iris, error) {
	if base == "" {
		base = DefaultBaseIRI
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return iris{}, fmt.Errorf("the base IRI %q is not an http:// or https:// address without a ? or #, so the xAPI statements would not load in a Learning Record Store; give one such as %s", base, DefaultBaseIRI)
	}
	return iris{strings.TrimRight(base, "/")}, nil
}

func (i iris) scenario(id string) string { return i.base + "/scenarios/" + url.PathEscape(id) }
func (i iris) moment(sc, scene string) string {
	return i.scenario(sc) + "/moments/" + url.PathEscape(scene)
}
func (i iris) workshop(code string) string { return i.base + "/workshops/" + url.PathEscape(code) }

// Ext is an extension's IRI under the base: Ext("management").
func (i iris) ext(name string) string { return i.base + "/extensions/" + name }

// The extension names, appended to <base>/extensions/.
const (
	ExtManagement   = "management"
	ExtLeadership   = "leadership"
	ExtReading      = "reading"
	ExtOverManaging = "over-managing"
	ExtOverLeading  = "over-leading"
	ExtTendency     = "tendency"
	ExtEnding       = "ending"
	ExtOutcome      = "ending-outcome"
	ExtDiagnosis    = "diagnosis"
	ExtRoomChoice   = "room-choice"
	ExtHat          = "hat"
	ExtCraft        = "craft"
	ExtCallsFor     = "calls-for"
	ExtScenarioHash = "scenario-hash"
)

// XAPI writes the statements as one JSON array, one statement a line.
func XAPI(db Source, lib Library, w io.Writer, o Options) error {
	sts, err := Statements(db, lib, o)
	if err != nil {
		return err
	}
	return WriteStatements(w, sts)
}

// WriteStatements writes statements as a JSON array, one a line.
func WriteStatements(w io.Writer, sts []Statement) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString("[")
	for i := range sts {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		b, err := json.Marshal(&sts[i])
		if err != nil {
			return err
		}
		bw.Write(b)
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}

// Statements builds the xAPI statements: for every attempt, an `answered`
// statement per decision (id = the answer's UUID, timestamp = when it was
// given) and, once the attempt is finished, a `completed` statement (id =
// the attempt's UUID) with the scaled Fit score and the Management,
// Leadership and Reading scores as result extensions.
func Statements(db Source, lib Library, o Options) ([]Statement, error) {
	ir, err := newIRIs(o.BaseIRI)
	if err != nil {
		return nil, err
	}
	d, err := load(db, lib, o)
	if err != nil {
		return nil, err
	}
	return d.statements(ir), nil
}

func (d *dataset) statements(ir iris) []Statement {
	n := 0
	for _, a := range d.attempts {
		n += len(a.answers) + 1
	}
	out := make([]Statement, 0, n)
	answered := Verb{ID: VerbAnswered, Display: map[string]string{lang: "answered"}}
	completed := Verb{ID: VerbCompleted, Display: map[string]string{lang: "completed"}}
	scenarioActs := map[string]Activity{}
	momentActs := map[string]Activity{}
	workshopActs := map[string]Activity{}
	scenarioAct := func(a *attempt) Activity {
		if act, ok := scenarioActs[a.a.ScenarioID]; ok {
			return act
		}
		act := Activity{ObjectType: "Activity", ID: ir.scenario(a.a.ScenarioID)}
		if a.sc != nil {
			act.Definition = &Definition{Name: map[string]string{lang: a.sc.Title}, Description: map[string]string{lang: a.sc.Summary}, Type: TypeSimulation}
		} else {
			act.Definition = &Definition{Name: map[string]string{lang: a.a.ScenarioID}, Type: TypeSimulation}
		}
		scenarioActs[a.a.ScenarioID] = act
		return act
	}
	workshopAct := func(code string) Activity {
		if act, ok := workshopActs[code]; ok {
			return act
		}
		name := d.workshopName(code)
		if name == "" {
			name = "Workshop " + code
		}
		act := Activity{ObjectType: "Activity", ID: ir.workshop(code), Definition: &Definition{Name: map[string]string{lang: name}, Type: TypeMeeting}}
		workshopActs[code] = act
		return act
	}
	momentAct := func(a *attempt, sceneID string) Activity {
		key := a.a.ScenarioID + "\x00" + sceneID
		if act, ok := momentActs[key]; ok {
			return act
		}
		def := &Definition{Type: TypeInteraction, InteractionType: "choice", Name: map[string]string{lang: a.title() + ": " + sceneName(a.sc, sceneID)}}
		if a.sc != nil {
			if s := a.sc.Scene(sceneID); s != nil && s.IsMoment() {
				def.Description = map[string]string{lang: strings.TrimSpace(s.Text)}
				def.CorrectResponsesPattern = []string{}
				for _, c := range s.Choices {
					def.Choices = append(def.Choices, Component{ID: c.ID, Description: map[string]string{lang: c.Text}})
					if game.ChoiceFit(s.CallsFor, c) == 100 {
						def.CorrectResponsesPattern = append(def.CorrectResponsesPattern, c.ID)
					}
				}
				def.Extensions = map[string]any{ir.ext(ExtCallsFor): string(s.CallsFor)}
			}
		}
		act := Activity{ObjectType: "Activity", ID: ir.moment(a.a.ScenarioID, sceneID), Definition: def}
		momentActs[key] = act
		return act
	}
	for _, a := range d.attempts {
		actor := Actor{ObjectType: "Agent", Name: a.p.name, Account: Account{HomePage: ir.base, Name: a.p.id}}
		parent := scenarioAct(a)
		ctx := func(withParent bool) *XContext {
			c := &XContext{Registration: a.a.ID, Platform: "Two Hats", Language: lang}
			ca := &ContextActivities{}
			if withParent {
				ca.Parent = []Activity{{ObjectType: "Activity", ID: parent.ID}}
			}
			if a.a.Workshop != "" {
				ca.Grouping = []Activity{workshopAct(a.a.Workshop)}
			}
			if ca.Parent != nil || ca.Grouping != nil {
				c.ContextActivities = ca
			}
			return c
		}
		for i, ans := range a.answers {
			if ans.Choice == "" {
				continue // a room participant who chose no action answered nothing
			}
			res := &XResult{Response: ptr(ans.Choice), Duration: duration(time.Duration(ans.Millis) * time.Millisecond),
				Extensions: map[string]any{}}
			if ans.Diagnosis != "" {
				res.Extensions[ir.ext(ExtDiagnosis)] = string(ans.Diagnosis)
			}
			if ans.Played != "" {
				res.Extensions[ir.ext(ExtRoomChoice)] = ans.Played
			}
			if s := a.step(i); s != nil && s.Voted() {
				res.Success = ptr(s.Fit == 100)
				res.Score = &XScore{Scaled: float64(s.Fit) / 100, Raw: float64(s.Fit), Min: 0, Max: 100}
				if s.Read() {
					res.Extensions[ir.ext(ExtReading)] = s.Reading
				}
				res.Extensions[ir.ext(ExtHat)] = string(s.Choice.Hat)
				res.Extensions[ir.ext(ExtCraft)] = string(craftOf(s.Choice))
			}
			out = append(out, Statement{ID: ans.ID, Actor: actor, Verb: answered, Object: momentAct(a, ans.Scene),
				Result: res, Context: ctx(true), Timestamp: stamp(ans.At)})
		}
		if !a.finished() {
			continue
		}
		fin := a.finishedAt()
		if fin == nil {
			fin = &a.a.StartedAt
		}
		res := &XResult{Completion: ptr(true), Extensions: map[string]any{}}
		if d := fin.Sub(a.a.StartedAt); d >= 0 {
			res.Duration = duration(d)
		}
		if s := a.scores; s != nil {
			if s.Fit != nil {
				res.Score = &XScore{Scaled: round4(*s.Fit / 100), Raw: *s.Fit, Min: 0, Max: 100}
			}
			for name, v := range map[string]*float64{ExtManagement: s.Management, ExtLeadership: s.Leadership, ExtReading: s.Reading} {
				if v != nil {
					res.Extensions[ir.ext(name)] = *v
				}
			}
			res.Extensions[ir.ext(ExtOverManaging)] = s.OverManaging
			res.Extensions[ir.ext(ExtOverLeading)] = s.OverLeading
			res.Extensions[ir.ext(ExtTendency)] = string(a.tendency)
		}
		if e := a.endingID(); e != "" {
			res.Extensions[ir.ext(ExtEnding)] = e
		}
		if o := a.endingOutcome(); o != "" {
			res.Extensions[ir.ext(ExtOutcome)] = o
		}
		if a.a.ScenarioHash != "" {
			res.Extensions[ir.ext(ExtScenarioHash)] = a.a.ScenarioHash
		}
		out = append(out, Statement{ID: a.a.ID, Actor: actor, Verb: completed, Object: parent,
			Result: res, Context: ctx(false), Timestamp: stamp(*fin)})
	}
	return out
}

func round4(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 4, 64), 64)
	return f
}

// duration writes an ISO 8601 duration in seconds, as xAPI wants:
// PT12.345S.
func duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return "PT" + strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "S"
}

// String says what a statement is, for messages.
func (s Statement) String() string {
	return fmt.Sprintf("%s %s %s", s.Actor.Name, s.Verb.Display[lang], s.Object.ID)
}
