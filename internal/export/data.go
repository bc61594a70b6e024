// Package export writes a workshop's (or a whole machine's) results for
// spreadsheets (CSV), programs (JSON), Learning Record Stores (xAPI) and
// print (PDF), optionally with every name replaced by a stable pseudonym.
// Each attempt is replayed on the loaded scenarios, so every answer carries
// its moment's call, the move's hat, craft and fit.
package export

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/twohats/twohats/game"
)

// Options choose what to export.
type Options struct {
	Workshop string // a join code; "" exports every attempt on this machine
	// Pseudonymise replaces every participant name with Pseudonym and every
	// profile, attempt and answer id with PseudonymousID, both keyed with
	// the database's secret key, and orders participants by pseudonym.
	Pseudonymise bool

	// BaseIRI roots the xAPI activity, extension and account IRIs;
	// DefaultBaseIRI when empty. An organisation with its own LRS may use
	// an IRI under a domain it controls.
	BaseIRI string
	// Part limits the PDF to the workshop summary ("summary") or the
	// participants' debriefs ("debriefs"); "" prints both.
	Part string
}

// ErrNoData is returned when there is nothing to export.
var ErrNoData = errors.New("nothing to export")

// dataset is everything an export writes, read once and replayed.
type dataset struct {
	exportedAt   time.Time
	workshop     *game.Workshop // the workshop exported, nil for all
	workshops    map[string]game.Workshop
	participants []*participant
	attempts     []*attempt // in the export's order
	byEntry      []*attempt // in the store's order: byEntry[i] is entry i's
	pseudonymous bool
	key          []byte // the pseudonym key, when pseudonymous
}

type participant struct {
	id       string // the pseudonymous id when pseudonymising
	name     string // the pseudonym when pseudonymising
	realID   string // the profile's id, never written when pseudonymising
	imported bool
	attempts []*attempt
}

type attempt struct {
	p        *participant
	a        game.Attempt
	answers  []game.SavedAnswer
	sc       *game.Scenario // nil when the scenario is not loaded
	st       *game.State    // nil when the answers do not replay
	scores   *game.Scores   // the replay's, else the stored ones
	tendency game.Tendency
	ending   *game.Scene
	status   string // the record's, or finished when the replay reached an ending

	csvAttempt, csvAnswers []byte // the attempt's CSV lines, for CSV exports
}

// step is the replayed answer i, if the attempt replayed.
func (a *attempt) step(i int) *game.Step {
	if a.st == nil || i >= len(a.st.Steps) {
		return nil
	}
	return &a.st.Steps[i]
}

func (a *attempt) finished() bool { return a.status == game.StatusFinished }

func (a *attempt) title() string {
	if a.sc != nil {
		return a.sc.Title
	}
	return a.a.ScenarioID
}

func (d *dataset) workshopName(code string) string {
	if w, ok := d.workshops[code]; ok {
		return w.Name
	}
	return ""
}

// Source is what exporting needs of the progress store.
type Source interface {
	Now() time.Time
	PseudonymKey() ([]byte, error)
	Workshops() ([]game.Workshop, error)
	// EntriesFunc reads a workshop's attempts (every attempt for ""),
	// handing over batches as they are read and then each answered index.
	EntriesFunc(workshop string, ready func([]game.RoomEntry), done func(i int)) ([]game.RoomEntry, error)
}

// Library finds a loaded scenario by its id (nil when none is loaded).
type Library interface {
	Get(id string) *game.Scenario
}

type noScenarios struct{}

func (noScenarios) Get(string) *game.Scenario { return nil }

func load(db Source, lib Library, o Options) (*dataset, error) {
	return loadEach(db, lib, o, nil)
}

// loadEach reads and replays everything to export. Each attempt is
// replayed, and then handed to each (when set), on worker goroutines as
// soon as its answers are read, while the store reads the rest.
func loadEach(db Source, lib Library, o Options, each func(*dataset, *attempt)) (*dataset, error) {
	if db == nil {
		return nil, errors.New("no database is open to export from")
	}
	if lib == nil {
		lib = noScenarios{}
	}
	d := &dataset{exportedAt: db.Now(), workshops: map[string]game.Workshop{}, pseudonymous: o.Pseudonymise}
	if o.Pseudonymise {
		key, err := db.PseudonymKey()
		if err != nil {
			return nil, fmt.Errorf("pseudonymise the export: %w", err)
		}
		d.key = key
	}
	ws, err := db.Workshops()
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		d.workshops[w.Code] = w
	}
	code := ""
	if o.Workshop != "" {
		code = game.NormalizeCode(o.Workshop)
		if w, ok := d.workshops[code]; ok {
			d.workshop = &w
		} else {
			// attempts imported from another facilitator's machine may carry
			// a code this machine never created: export them nameless
			d.workshop = &game.Workshop{Code: code}
		}
	}

	var entries []game.RoomEntry
	work := make(chan int, 1024)
	var wg sync.WaitGroup
	started := false
	ready := func(es []game.RoomEntry) {
		entries = es
		d.build(es, lib)
		// replaying is independent per attempt: share it out among the cores
		for k := 0; k < min(runtime.GOMAXPROCS(0), 4); k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				log := make([]game.Answer, 0, 32)
				for i := range work {
					at := d.byEntry[i]
					at.answers = entries[i].Answers
					if d.pseudonymous {
						for k := range at.answers {
							at.answers[k].ID = PseudonymousID(d.key, at.answers[k].ID)
						}
					}
					log = at.replay(log)
					if each != nil {
						each(d, at)
					}
				}
			}()
		}
		started = true
	}
	_, err = db.EntriesFunc(code, ready, func(i int) { work <- i })
	close(work)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if !started && code != "" {
		if _, ok := d.workshops[code]; !ok {
			return nil, fmt.Errorf("%w: there is no workshop with the join code %q on this machine and no attempt carries it; the Facilitator area, or 'twohats workshop list' in a terminal, lists the workshops", ErrNoData, o.Workshop)
		}
	}
	return d, nil
}

// build makes the participants and attempts, in the entries' order (by
// name, then start time), or when pseudonymising with pseudonyms and
// pseudonymous ids in their place and in the pseudonyms' order, so that an
// attendance list sorted by name maps nothing.
func (d *dataset) build(entries []game.RoomEntry, lib Library) {
	var names map[string]string
	if d.pseudonymous {
		ids := make([]string, 0, len(entries))
		for _, e := range entries {
			ids = append(ids, e.Profile.ID)
		}
		names = pseudonyms(d.key, ids)
	}
	d.attempts = make([]*attempt, 0, len(entries))
	var cur *participant
	for i := range entries {
		e := &entries[i]
		if cur == nil || cur.realID != e.Profile.ID {
			cur = &participant{id: e.Profile.ID, realID: e.Profile.ID, name: e.Profile.Name, imported: e.Profile.Imported}
			if d.pseudonymous {
				cur.id, cur.name = PseudonymousID(d.key, e.Profile.ID), names[e.Profile.ID]
			}
			d.participants = append(d.participants, cur)
		}
		// scores come only from replaying the log, never from what is stored
		at := &attempt{p: cur, a: e.Attempt, sc: lib.Get(e.Attempt.ScenarioID)}
		if d.pseudonymous {
			at.a.ID, at.a.ProfileID = PseudonymousID(d.key, e.Attempt.ID), cur.id
		}
		cur.attempts = append(cur.attempts, at)
		d.attempts = append(d.attempts, at)
	}
	d.byEntry = d.attempts
	if d.pseudonymous {
		d.orderByPseudonym()
	}
}

// orderByPseudonym puts the participants in their pseudonyms' order (then
// their pseudonymous ids') and each one's attempts by start time, then
// pseudonymous id: the store's order rules with the names and ids replaced.
// d.byEntry keeps the store's order for the workers.
func (d *dataset) orderByPseudonym() {
	sort.SliceStable(d.participants, func(i, j int) bool {
		a, b := d.participants[i], d.participants[j]
		if a.name != b.name {
			return a.name < b.name
		}
		return a.id < b.id
	})
	d.attempts = make([]*attempt, 0, len(d.byEntry))
	for _, p := range d.participants {
		sort.SliceStable(p.attempts, func(i, j int) bool {
			a, b := p.attempts[i].a, p.attempts[j].a
			if !a.StartedAt.Equal(b.StartedAt) {
				return a.StartedAt.Before(b.StartedAt)
			}
			return a.ID < b.ID
		})
		d.attempts = append(d.attempts, p.attempts...)
	}
}

// replay derives what the export writes from the attempt's answers; log
// is scratch space, returned for reuse.
func (at *attempt) replay(log []game.Answer) []game.Answer {
	if at.sc != nil {
		log = game.AppendLog(log[:0], at.answers)
		if st, err := game.Replay(at.sc, at.a.Seed, log); err == nil {
			at.st = st
			sc := st.Scores()
			at.scores = &sc
			at.ending = st.Ending()
		}
	}
	at.status = at.a.Status
	if at.st != nil && at.st.Done {
		at.status = game.StatusFinished
	}
	if at.ending == nil && at.sc != nil && at.a.Ending != "" {
		at.ending = at.sc.Scene(at.a.Ending)
	}
	if at.scores != nil && at.scores.Fit != nil {
		at.tendency = game.TendencyOf(*at.scores) // no answer, no tendency
	}
	return log
}

// endingID is the ending reached, from the replay or the record.
func (a *attempt) endingID() string {
	if a.ending != nil {
		return a.ending.ID
	}
	return a.a.Ending
}

func (a *attempt) endingTitle() string {
	if a.ending != nil {
		return a.ending.Title
	}
	return ""
}

// endingOutcome is the reached ending's outcome: strong, mixed, weak or "".
func (a *attempt) endingOutcome() string {
	if a.ending != nil {
		return string(a.ending.Outcome)
	}
	return ""
}

// stamp writes a time as the store does (2006-01-02T15:04:05.000Z, UTC),
// without time.Format's generality: exports write tens of thousands.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if y < 0 || y > 9999 {
		return game.Stamp(t)
	}
	ms := t.Nanosecond() / 1e6
	var b [24]byte
	put := func(i, v, n int) {
		for k := i + n - 1; k >= i; k-- {
			b[k] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	b[4] = '-'
	put(5, int(mo), 2)
	b[7] = '-'
	put(8, d, 2)
	b[10] = 'T'
	put(11, h, 2)
	b[13] = ':'
	put(14, mi, 2)
	b[16] = ':'
	put(17, s, 2)
	b[19] = '.'
	put(20, ms, 3)
	b[23] = 'Z'
	return string(b[:])
}

func stampPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return game.Stamp(*t)
}
