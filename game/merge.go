package game

import (
	"errors"
	"time"
)

// AttemptLog is an attempt with its answers, as a results file carries it
// and the store merges it. The importer has replayed it: Status,
// FinishedAt, Ending and Scores are the replay's.
type AttemptLog struct {
	Attempt Attempt
	Answers []SavedAnswer
}

// Participant is one person's profile and attempt logs, to merge.
type Participant struct {
	Profile Profile
	Logs    []AttemptLog
}

// MergeStats counts what a merge added. Merge (one participant) also
// names the attempts, so an importer can say which were new; MergeAll only
// counts.
type MergeStats struct {
	Profiles int // profiles added
	Attempts int // attempts added, or brought forward (more answers, finished)
	Answers  int // answers added

	Added   []string // ids of the attempts that were new here
	Updated []string // ids of attempts already here that gained answers or finished
}

// Changed reports whether the merge changed anything.
func (m MergeStats) Changed() bool { return m.Profiles+m.Attempts+m.Answers > 0 }

// Errors a store reports in the domain's terms, so services and adapters
// can tell them apart without knowing which store it is.
var (
	ErrConflict = errors.New("conflicting results")
	ErrDiskFull = errors.New("no space left")
)

// StampLayout is how records, results files and exports write times: UTC,
// RFC 3339 with milliseconds, which sort as text.
const StampLayout = "2006-01-02T15:04:05.000Z"

// Stamp writes a time as records do.
func Stamp(t time.Time) string { return t.UTC().Format(StampLayout) }

// ParseStamp reads a time written by Stamp ("" is the zero time).
func ParseStamp(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	return time.Parse(StampLayout, v)
}
