// Package sample creates a realistic synthetic workshop: participants of
// varied skill and tendency who play some scenarios, some of them not to the
// end. It feeds demos, screenshots and benchmarks. The same seed, options
// and start time always give the same participants, answers and times; the
// ids (and the join code) are new each time, so samples never collide.
package sample

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/twohats/twohats/game"
)

// MaxParticipants bounds a synthetic workshop.
const MaxParticipants = 100000

// DefaultScenarios are played when Options.Scenarios is empty, as far as
// they are loaded: a crisis, a slump and a change.
var DefaultScenarios = []string{"lost-key-client", "running-on-empty", "the-reorg-memo"}

// Options shape the workshop.
type Options struct {
	Participants int
	Seed         int64
	Scenarios    []string  // scenario ids; DefaultScenarios when empty
	Name         string    // the workshop's name; "Sample workshop" when empty
	Names        []string  // names for the first participants, before generated ones
	Start        time.Time // when the workshop starts; the store's clock minus three hours when zero
}

// Store is what generating a workshop needs of the progress store.
type Store interface {
	Now() time.Time
	CreateWorkshop(name string) (game.Workshop, error)
	MergeAll(ps []game.Participant) (game.MergeStats, error)
}

// Generate creates the workshop and its participants in one transaction
// and returns the workshop. Participants are stored as imported profiles,
// as if their results files had been collected.
//
// loaded is every scenario the library holds, in its order.
func Generate(db Store, loaded []*game.Scenario, o Options) (game.Workshop, error) {
	get := func(id string) *game.Scenario {
		for _, sc := range loaded {
			if sc.ID == id {
				return sc
			}
		}
		return nil
	}
	if o.Participants < 1 || o.Participants > MaxParticipants {
		return game.Workshop{}, fmt.Errorf("a sample workshop has from 1 to %d participants, not %d", MaxParticipants, o.Participants)
	}
	ids := o.Scenarios
	if len(ids) == 0 {
		for _, id := range DefaultScenarios {
			if get(id) != nil {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			for _, sc := range loaded {
				ids = append(ids, sc.ID)
				if len(ids) == 3 {
					break
				}
			}
		}
	}
	if len(ids) == 0 {
		return game.Workshop{}, errors.New("no scenarios are loaded, so the sample workshop has nothing to play")
	}
	var scs []*game.Scenario
	for _, id := range ids {
		sc := get(strings.TrimSpace(id))
		if sc == nil {
			return game.Workshop{}, fmt.Errorf("there is no scenario %q; `twohats list` shows the ids", id)
		}
		scs = append(scs, sc)
	}
	names := make([]string, 0, len(o.Names))
	for _, n := range o.Names {
		clean, err := game.CleanName(n)
		if err != nil {
			return game.Workshop{}, fmt.Errorf("the participant name %q cannot be used: %w", clip(n, 40), err)
		}
		names = append(names, clean)
	}
	wname := o.Name
	if wname == "" {
		wname = "Sample workshop"
	}
	w, err := db.CreateWorkshop(wname)
	if err != nil {
		return game.Workshop{}, err
	}
	start := o.Start
	if start.IsZero() {
		start = db.Now().Add(-3 * time.Hour).Truncate(time.Minute)
	}
	// the seed alone drives who plays and how; the ids also depend on the
	// fresh join code, so a second sample in the same database never
	// collides with the first
	h := fnv.New64a()
	h.Write([]byte(w.Code))
	g := &gen{
		rng:   rand.New(rand.NewPCG(uint64(o.Seed), 0x7477_6f68_6174_7321)),
		ids:   rand.New(rand.NewPCG(uint64(o.Seed), h.Sum64())),
		code:  w.Code,
		start: start.UTC(),
		used:  map[string]bool{},
	}
	people := make([]person, o.Participants)
	for i := range people {
		name := ""
		if i < len(names) {
			name = names[i]
		}
		people[i] = g.person(name, scs)
	}
	all := make([]game.Participant, len(people))
	for i, p := range people {
		all[i] = game.Participant{Profile: p.profile, Logs: p.logs}
	}
	if _, err := db.MergeAll(all); err != nil {
		return game.Workshop{}, fmt.Errorf("save the sample workshop: %w", err)
	}
	return w, nil
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

type gen struct {
	rng   *rand.Rand // people, choices and times
	ids   *rand.Rand // UUIDs
	code  string
	start time.Time
	used  map[string]bool
}

type person struct {
	profile game.Profile
	logs    []game.AttemptLog
}

// persona is how a synthetic participant plays.
type persona struct {
	skill   float64  // 0..1: how often they read the moment right and pick a fitting move
	lean    game.Hat // the hat they reach for when unsure (Both: no lean)
	stamina float64  // chance to finish each scenario they start
	keen    float64  // chance to play each scenario at all
}

func (g *gen) id() string {
	u, err := uuid.NewRandomFromReader(rngReader{g.ids})
	if err != nil {
		panic(err) // the reader never fails
	}
	return u.String()
}

type rngReader struct{ r *rand.Rand }

func (r rngReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}

func (g *gen) name() string {
	for try := 0; ; try++ {
		n := firstNames[g.rng.IntN(len(firstNames))] + " " + lastNames[g.rng.IntN(len(lastNames))]
		if try > 20 {
			n = fmt.Sprintf("%s %d", n, try)
		}
		if !g.used[n] {
			g.used[n] = true
			return n
		}
	}
}

func (g *gen) persona() persona {
	r := g.rng
	// skill: mostly middling, a few strong and a few struggling
	skill := math.Max(0.05, math.Min(0.97, 0.55+0.2*r.NormFloat64()))
	var lean game.Hat
	switch x := r.Float64(); {
	case x < 0.4:
		lean = game.Manage
	case x < 0.75:
		lean = game.Lead
	default:
		lean = game.Both
	}
	return persona{skill: skill, lean: lean, stamina: 0.75 + 0.23*r.Float64(), keen: 0.6 + 0.4*r.Float64()}
}

func (g *gen) person(name string, scs []*game.Scenario) person {
	if name == "" {
		name = g.name()
	}
	pp := g.persona()
	r := g.rng
	arrive := g.start.Add(time.Duration(r.IntN(15*60)) * time.Second)
	prof := game.Profile{ID: g.id(), Name: name, Workshop: g.code, CreatedAt: arrive.Truncate(time.Millisecond), Imported: true}
	out := person{profile: prof}
	clock := arrive.Add(time.Duration(30+r.IntN(120)) * time.Second)
	for k, sc := range scs {
		if k > 0 && r.Float64() > pp.keen {
			continue
		}
		out.logs = append(out.logs, g.play(sc, pp, prof.ID, &clock))
		clock = clock.Add(time.Duration(60+r.IntN(600)) * time.Second)
	}
	if len(out.logs) == 0 {
		out.logs = append(out.logs, g.play(scs[0], pp, prof.ID, &clock))
	}
	return out
}

// play runs one attempt with the persona's habits.
func (g *gen) play(sc *game.Scenario, pp persona, profileID string, clock *time.Time) game.AttemptLog {
	r := g.rng
	seed := int64(r.Uint64() >> 1)
	a := game.Attempt{ID: g.id(), ProfileID: profileID, ScenarioID: sc.ID, ScenarioHash: sc.Hash, Seed: seed,
		StartedAt: clock.Truncate(time.Millisecond), Status: game.StatusOpen, Workshop: g.code}
	st, err := game.Start(sc, seed)
	if err != nil {
		return game.AttemptLog{Attempt: a}
	}
	quitAt := -1
	if r.Float64() > pp.stamina {
		quitAt = r.IntN(len(sc.Moments()) + 1)
	}
	var saved []game.SavedAnswer
	for n := 0; !st.Done && n != quitAt && n < 200; n++ {
		m := st.Current
		think := time.Duration(6000+r.ExpFloat64()*float64(12000+int(25000*(1-pp.skill)))) * time.Millisecond
		if think > 5*time.Minute {
			think = 5 * time.Minute
		}
		*clock = clock.Add(time.Duration(10+r.IntN(40))*time.Second + think) // reading, then deciding
		ans := game.Answer{Scene: m.ID, Diagnosis: g.diagnose(m, pp), Choice: g.choose(m, pp).ID,
			At: clock.Truncate(time.Millisecond), Millis: think.Milliseconds()}
		if _, err := st.Answer(ans); err != nil {
			break
		}
		saved = append(saved, game.SavedAnswer{ID: g.id(), Seq: len(saved) + 1, Answer: ans})
	}
	if st.Done {
		fin := clock.Add(time.Duration(20+r.IntN(60)) * time.Second).Truncate(time.Millisecond)
		*clock = fin
		sco := st.Scores()
		a.Status, a.Ending, a.Scores, a.FinishedAt = game.StatusFinished, st.Ending().ID, &sco, &fin
	}
	return game.AttemptLog{Attempt: a, Answers: saved}
}

func (g *gen) diagnose(m *game.Scene, pp persona) game.Hat {
	r := g.rng
	if r.Float64() < 0.3+0.65*pp.skill {
		return m.CallsFor
	}
	if pp.lean != game.Both && pp.lean != m.CallsFor && r.Float64() < 0.7 {
		return pp.lean
	}
	others := []game.Hat{}
	for _, h := range []game.Hat{game.Manage, game.Lead, game.Both} {
		if h != m.CallsFor {
			others = append(others, h)
		}
	}
	return others[r.IntN(len(others))]
}

func (g *gen) choose(m *game.Scene, pp persona) *game.Choice {
	r := g.rng
	var fitting, leaning, rest []*game.Choice
	for _, c := range m.Choices {
		switch {
		case game.ChoiceFit(m.CallsFor, c) == 100:
			fitting = append(fitting, c)
		case c.Hat == pp.lean:
			leaning = append(leaning, c)
		default:
			rest = append(rest, c)
		}
	}
	pick := func(cs []*game.Choice) *game.Choice { return cs[r.IntN(len(cs))] }
	switch {
	case len(fitting) > 0 && r.Float64() < 0.15+0.8*pp.skill:
		return pick(fitting)
	case len(leaning) > 0 && r.Float64() < 0.65:
		return pick(leaning)
	case len(rest) > 0:
		return pick(rest)
	case len(leaning) > 0:
		return pick(leaning)
	}
	return pick(m.Choices)
}

// Names are drawn from these lists: accents and letters beyond ASCII on
// purpose, so exports and charts meet real names.
var firstNames = sorted([]string{
	"Aiko", "Amara", "Ana", "Anders", "Åsa", "Beatriz", "Björn", "Chidi", "Chloé", "Dagný",
	"Dmitri", "Élodie", "Emeka", "Fatima", "François", "Gabriela", "Grzegorz", "Hana", "Ines", "Ingrid",
	"Jamal", "Javier", "Jiří", "Joana", "José", "Kai", "Karin", "Kofi", "Laila", "Łukasz",
	"Maëlle", "Malik", "María", "Mateus", "Mei", "Mikael", "Nadia", "Ngozi", "Niamh", "Noé",
	"Olufemi", "Oskar", "Paulo", "Priya", "Rafael", "Renée", "Rūta", "Sakura", "Siobhán", "Søren",
	"Tomás", "Tunde", "Valentina", "Wiktoria", "Yusuf", "Zainab", "Zoë", "Žofia",
})

var lastNames = sorted([]string{
	"Abadi", "Adeyemi", "Almeida", "Andersson", "Bauer", "Brennan", "Castillo", "Çelik", "Dąbrowski", "Dubois",
	"Eriksen", "Fernández", "Fischer", "García", "Gonçalves", "Haddad", "Halvorsen", "Horváth", "Ibáñez", "Jansen",
	"Kowalczyk", "Křížová", "Larsen", "Lefèvre", "Lindqvist", "Mbeki", "Moreau", "Müller", "Nakamura", "Novák",
	"Nowak", "O'Connor", "Okafor", "Olsen", "Papadopoulos", "Pérez", "Quintero", "Rossi", "Sánchez", "Schäfer",
	"Silva", "Søndergaard", "Szabó", "Takahashi", "Tanaka", "Van der Berg", "Varga", "Weiß", "Yilmaz", "Zieliński",
})

func sorted(s []string) []string { sort.Strings(s); return s }
