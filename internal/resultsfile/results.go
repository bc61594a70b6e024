// Package results writes and reads results files: one versioned JSON file
// per participant with their profile, attempts and answers, each with its
// UUID. A participant exports one; a facilitator imports any number and
// merges them by id, one transaction per file, so importing a file twice
// changes nothing and a bad file changes nothing at all.
package resultsfile

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/filename"
)

// Version is the results file format this build writes and reads.
const Version = 1

// Kind is the value of every results file's "format" field.
const Kind = "twohats-results"

// MaxFileSize is the largest results file Import reads: 50 MB, far above
// what a participant produces (a few kilobytes per attempt).
const MaxFileSize = 50 << 20

// File is a results file. Times are UTC, RFC 3339 with milliseconds.
type File struct {
	Format     string    `json:"format"`  // always "twohats-results"
	Version    int       `json:"version"` // 1
	ExportedAt string    `json:"exported_at"`
	Profile    Profile   `json:"profile"`
	Attempts   []Attempt `json:"attempts"`
}

// Profile is the participant.
type Profile struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Workshop  string `json:"workshop,omitempty"`
	CreatedAt string `json:"created_at"`
}

// Attempt is one play of a scenario with its answer log. Status, ending and
// scores are informational: the importer replays the answers and keeps what
// the replay says.
type Attempt struct {
	ID           string   `json:"id"`
	Scenario     string   `json:"scenario"`
	ScenarioHash string   `json:"scenario_hash"`
	Seed         int64    `json:"seed"`
	Workshop     string   `json:"workshop,omitempty"`
	StartedAt    string   `json:"started_at"`
	FinishedAt   string   `json:"finished_at,omitempty"`
	Status       string   `json:"status"`
	Ending       string   `json:"ending,omitempty"`
	Scores       *Scores  `json:"scores,omitempty"`
	Room         bool     `json:"room,omitempty"` // played live in a room
	Answers      []Answer `json:"answers"`
}

// Scores are a finished attempt's scores, 0–100 or null.
type Scores struct {
	Fit          *float64 `json:"fit"`
	Management   *float64 `json:"management"`
	Leadership   *float64 `json:"leadership"`
	Reading      *float64 `json:"reading"`
	OverManaging int      `json:"over_managing"`
	OverLeading  int      `json:"over_leading"`
}

// Answer is one answered moment.
type Answer struct {
	ID        string `json:"id"`
	Seq       int    `json:"seq"`
	Scene     string `json:"scene"`
	Diagnosis string `json:"diagnosis"`
	Choice    string `json:"choice"`
	Played    string `json:"played,omitempty"` // the room's choice, in a room attempt
	At        string `json:"at"`
	Millis    int64  `json:"millis"`
}

// Source is what writing a results file needs of the progress store.
type Source interface {
	Now() time.Time
	Profile(id string) (game.Profile, error)
	ProfileEntries(profileID string) ([]game.RoomEntry, error)
}

// Export writes the profile's results file: the profile and all its
// attempts with their answers.
func Export(db Source, profileID string, w io.Writer) error {
	return ExportWorkshop(db, profileID, "", w)
}

// ExportWorkshop is Export limited to the attempts tagged with one workshop
// (all attempts when workshop is ""), so a participant hands in only what
// they played in that workshop.
func ExportWorkshop(db Source, profileID, workshop string, w io.Writer) error {
	f, err := Build(db, profileID, workshop)
	if err != nil {
		return err
	}
	return Encode(f, w)
}

// Encode writes a built results file as indented JSON.
func Encode(f *File, w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("write the results file: %w", err)
	}
	return nil
}

// Build assembles a profile's results file in memory.
func Build(db Source, profileID, workshop string) (*File, error) {
	p, err := db.Profile(profileID)
	if err != nil {
		return nil, err
	}
	entries, err := db.ProfileEntries(profileID)
	if err != nil {
		return nil, err
	}
	code := game.NormalizeCode(workshop)
	f := &File{
		Format: Kind, Version: Version, ExportedAt: game.Stamp(db.Now()),
		Profile:  Profile{ID: p.ID, Name: p.Name, Workshop: p.Workshop, CreatedAt: game.Stamp(p.CreatedAt)},
		Attempts: []Attempt{},
	}
	for _, e := range entries {
		a := e.Attempt
		if code != "" && a.Workshop != code {
			continue
		}
		fa := Attempt{ID: a.ID, Scenario: a.ScenarioID, ScenarioHash: a.ScenarioHash, Seed: a.Seed, Workshop: a.Workshop,
			StartedAt: game.Stamp(a.StartedAt), Status: a.Status, Ending: a.Ending, Room: a.Room, Answers: []Answer{}}
		if a.FinishedAt != nil {
			fa.FinishedAt = game.Stamp(*a.FinishedAt)
		}
		if s := a.Scores; s != nil {
			fa.Scores = &Scores{s.Fit, s.Management, s.Leadership, s.Reading, s.OverManaging, s.OverLeading}
		}
		for _, ans := range e.Answers {
			fa.Answers = append(fa.Answers, Answer{ID: ans.ID, Seq: ans.Seq, Scene: ans.Scene, Diagnosis: string(ans.Diagnosis),
				Choice: ans.Choice, Played: ans.Played, At: game.Stamp(ans.At), Millis: ans.Millis})
		}
		f.Attempts = append(f.Attempts, fa)
	}
	return f, nil
}

// FileName suggests a results file's name for a participant:
// twohats-results-<name>-<date>.json, the name transliterated to plain
// ASCII ("Zoë Ångström" → zoe-angstrom) and the date local (the app
// suggests the same name).
func FileName(name string, at time.Time) string { return filename.Results(name, at) }
