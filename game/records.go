package game

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Profile is a player. Several may share one machine.
type Profile struct {
	ID        string // UUID
	Name      string
	Workshop  string // join code of the workshop the player joined, if any
	CreatedAt time.Time
	Imported  bool // came from a results file rather than this machine
}

// Workshop groups the attempts of a facilitated session.
type Workshop struct {
	Code      string
	Name      string
	CreatedAt time.Time
	ClosedAt  *time.Time
	// HoldFeedback holds every moment's verdict until the debrief for the
	// workshop's players: after a choice they see only its consequence.
	HoldFeedback bool
}

// HoldsFeedback is the one rule for a player's feedback timing: the verdict
// waits for the debrief when the player's own setting says so, or when the
// workshop they play in holds it; a workshop that holds it wins.
func (w Workshop) HoldsFeedback(own bool) bool { return own || w.HoldFeedback }

// Attempt statuses.
const (
	StatusOpen            = "open"
	StatusFinished        = "finished"
	StatusScenarioChanged = "scenario-changed"
)

// Attempt is one play of a scenario, as recorded.
type Attempt struct {
	ID           string // UUID
	ProfileID    string
	ScenarioID   string
	ScenarioHash string
	Seed         int64
	StartedAt    time.Time
	FinishedAt   *time.Time
	Status       string
	Ending       string
	Workshop     string
	Scores       *Scores // set once finished
	SaveFormat   int     // how the attempt's log was written (SaveFormat); 0 when unknown
	Room         bool    // played live in a room: the story moved by the room's choices
}

// SaveFormat is the version of the saved attempt — its answer log and
// what the engine derives from it — that this build writes, apart from the
// scenario file's Format. MinSaveFormat is the oldest this build resumes.
//
// Format 2 adds room attempts: an answer may carry the room's choice
// (Answer.Played) and leave the player's own reading or choice empty.
const (
	SaveFormat    = 2
	MinSaveFormat = 1
)

// ErrSaveFormat is an attempt saved in a format this build cannot resume.
var ErrSaveFormat = errors.New("the attempt was saved in a format this version of Two Hats cannot read")

// SavedAnswer is an answer as committed, with its identity.
type SavedAnswer struct {
	ID  string // UUID
	Seq int    // 1-based position in the attempt
	Answer
}

// AppendLog appends saved answers to an engine log, reusing dst's room:
// the one conversion from what is stored to what is replayed.
func AppendLog(dst []Answer, saved []SavedAnswer) []Answer {
	for _, a := range saved {
		dst = append(dst, a.Answer)
	}
	return dst
}

// LogOf is saved answers as an engine log.
func LogOf(saved []SavedAnswer) []Answer { return AppendLog(make([]Answer, 0, len(saved)), saved) }

// MaxNameRunes bounds a player's or workshop's name.
const MaxNameRunes = 80

// ErrBadName is returned for names that cannot be used.
var ErrBadName = errors.New("invalid name")

// ErrNotFound is what a store returns for a record it does not hold.
var ErrNotFound = errors.New("not found")

// CleanName trims a name and checks it is usable: not empty, no control
// characters, at most MaxNameRunes characters.
func CleanName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if !utf8.ValidString(name) {
		return "", fmt.Errorf("%w: the name is not valid text", ErrBadName)
	}
	if name == "" {
		return "", fmt.Errorf("%w: the name is empty; type a name", ErrBadName)
	}
	if n := utf8.RuneCountInString(name); n > MaxNameRunes {
		return "", fmt.Errorf("%w: the name is %d characters long; use at most %d", ErrBadName, n, MaxNameRunes)
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return "", fmt.Errorf("%w: the name contains a control character; use letters, digits, spaces and punctuation", ErrBadName)
		}
		// bidirectional overrides and isolates can make a name display as
		// something else in the room view, the PDF and spreadsheets
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return "", fmt.Errorf("%w: the name contains an invisible text-direction character; type the name plainly", ErrBadName)
		}
	}
	if !visible(name) {
		return "", fmt.Errorf("%w: the name has no visible character (only spaces, zero-width or filler characters); type a name people can read", ErrBadName)
	}
	return name, nil
}

// visible reports whether some character of s draws something: not a
// space, a format character (zero-width space and joiners, direction
// marks, the byte-order mark), a combining mark on its own, or one of the
// blank fillers (Hangul fillers, the braille blank).
func visible(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r):
		case r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0, r == 0x2800, r == 0x180E:
		default:
			return true
		}
	}
	return false
}

// Resume rebuilds an unfinished attempt from its log. When the scenario's
// content changed since the attempt started, changed is true; when the log
// no longer replays on the new content, err says why and the attempt
// cannot go on.
func Resume(sc *Scenario, a Attempt, log []Answer) (st *State, changed bool, err error) {
	switch {
	case a.SaveFormat > SaveFormat:
		return nil, false, fmt.Errorf("%w: it was saved by a newer Two Hats (save format %d; this one reads up to %d); update Two Hats to resume it", ErrSaveFormat, a.SaveFormat, SaveFormat)
	case a.SaveFormat != 0 && a.SaveFormat < MinSaveFormat:
		return nil, false, fmt.Errorf("%w: it was saved in format %d, older than this Two Hats resumes (%d)", ErrSaveFormat, a.SaveFormat, MinSaveFormat)
	}
	changed = a.ScenarioHash != sc.Hash
	st, err = Replay(sc, a.Seed, log)
	if err != nil {
		return nil, changed, err
	}
	return st, changed, nil
}
