package ui

import (
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

// Store is what the app needs of the progress store. The cmd package wires
// in the SQLite one; tests may use it too, on a temporary folder.
type Store interface {
	Profiles(all bool) ([]game.Profile, error)
	CreateProfile(name, workshop string) (game.Profile, error)
	SetProfileWorkshop(profileID, code string) error
	Workshop(code string) (game.Workshop, error)
	StartAttempt(profileID string, sc *game.Scenario, seed int64, workshop string) (game.Attempt, error)
	SaveAnswer(attemptID string, seq int, a game.Answer) (game.SavedAnswer, error)
	FinishAttempt(attemptID, ending string, sc game.Scores) error
	CloseChanged(attemptID string) error
	UpdateHash(attemptID, hash string) error
	Attempts(profileID string) ([]game.Attempt, error)
	OpenAttempts(profileID string) ([]game.Attempt, error)
	Answers(attemptID string) ([]game.SavedAnswer, error)
}

// Facilitator is the workshop toolkit the Facilitator area drives. It is
// optional: without it the area is hidden.
type Facilitator interface {
	CreateWorkshop(name string) (game.Workshop, error)
	// Workshops lists this machine's workshops, then any other join code
	// the imported results carry (a Workshop with only its Code), each
	// with its participants and the scenarios played under it.
	Workshops() ([]WorkshopInfo, error)
	CloseWorkshop(code string) error
	RoomEntries(workshop, scenarioID string) ([]game.RoomEntry, error)
	// Pseudonyms gives each profile id the stable pseudonym the exports
	// and the terminal's room view use, for a projector without names.
	Pseudonyms(profileIDs []string) (map[string]string, error)
	// DataVersion changes when another program (the terminal's twohats
	// import, another window) changed the data; it is cheap enough to poll.
	DataVersion() (int64, error)
	// ExportResults writes a participant's results file to path.
	ExportResults(profileID, path string) error
	// Import merges results files, reporting progress; each result's error
	// is a complete sentence naming the file.
	Import(paths []string, progress func(done, total int)) []ImportResult
	// Export writes format (csv, json, xapi, pdf) to path.
	Export(format, workshop string, pseudonymise bool, path string) error
}

// WorkshopInfo is a workshop as the Facilitator area lists it.
type WorkshopInfo struct {
	game.Workshop
	Participants int      // profiles with an attempt tagged with the code
	Scenarios    []string // ids of the scenarios played under the code
}

// ImportResult is the outcome of importing one results file.
type ImportResult struct {
	Path     string
	Err      error  // why the file was rejected: a sentence naming it
	Reason   string // the same without the path, when known
	Attempts int
	Answers  int
	Skipped  bool // nothing new in it

	// For a file that was read: its participant and its attempts, sorted
	// by what the import did with each.
	Participant game.Profile
	Added       []game.Attempt // new here
	Updated     []game.Attempt // already here, brought forward
	Present     []game.Attempt // already here as they are
}

// Deps is everything the app is given.
type Deps struct {
	Store       Store
	Facilitator Facilitator                    // nil hides the Facilitator area
	Room        RoomPlay                       // hosts room play; nil: the Room play tab says it is not available
	Library     func() *scenarios.Library      // loads (or reloads) every scenario
	DataDir     string                         // shown in Settings
	OpenFolder  func(path string) error        // opens a folder in the file manager
	Prefs       Prefs                          // theme and text size; nil keeps them in memory
	Notice      string                         // shown once at start, e.g. a damaged file moved aside
	Seed        func() int64                   // a new attempt's seed
	Now         func() time.Time               // the clock
	Async       func(work func(), then func()) // runs work off the UI goroutine, then `then` on it
}

// Prefs stores the player's display choices.
type Prefs interface {
	String(key string) string
	SetString(key, value string)
	Float(key string) float64
	SetFloat(key string, value float64)
}

type memPrefs struct {
	s map[string]string
	f map[string]float64
}

func (p *memPrefs) String(k string) string       { return p.s[k] }
func (p *memPrefs) SetString(k, v string)        { p.s[k] = v }
func (p *memPrefs) Float(k string) float64       { return p.f[k] }
func (p *memPrefs) SetFloat(k string, v float64) { p.f[k] = v }
