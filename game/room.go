package game

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// This file holds the facilitator's domain: workshop join codes and the room
// view, which shows a workshop how it read and played each moment of a
// scenario. Both are pure; the store supplies the attempts.

// CodeAlphabet is the join codes' alphabet: digits and capital letters
// without the look-alikes 0, O, 1, I and L. It has 31 symbols, a prime,
// which the check character relies on.
const CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// CodeLength is a join code's length: five random characters and a check
// character, so a code mistyped on a participant's own laptop is caught
// there, without the facilitator's database.
const CodeLength = 6

// Errors of the join policy.
var (
	ErrClosed  = errors.New("the workshop is closed")
	ErrBadCode = errors.New("invalid join code")
)

// CheckCode normalises a join code typed by a person and checks its form
// (six characters, the check character right). It does not look the code up.
func CheckCode(code string) (string, error) {
	c := NormalizeCode(code)
	if !ValidCode(c) {
		if c == "" {
			return "", fmt.Errorf("%w: the join code is empty; type the six-character code the facilitator gave you", ErrBadCode)
		}
		r := []rune(code)
		if len(r) > 40 {
			code = string(r[:40]) + "…"
		}
		return "", fmt.Errorf("%w: %q is not a workshop's join code; a join code has six letters and digits, such as %s, so check it for a typo", ErrBadCode, code, MakeCode(20240611))
	}
	return c, nil
}

// NormalizeCode turns what a person typed into a join code's canonical
// form: surrounding space, inner spaces and dashes removed, upper case.
func NormalizeCode(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ValidCode reports whether s, once normalised, is a well-formed join code:
// six characters from CodeAlphabet whose check character matches. A single
// mistyped character or two swapped neighbours never pass.
func ValidCode(s string) bool {
	c := NormalizeCode(s)
	if len(c) != CodeLength {
		return false
	}
	sum := 0
	for i := 0; i < CodeLength; i++ {
		v := strings.IndexByte(CodeAlphabet, c[i])
		if v < 0 {
			return false
		}
		sum += (i + 1) * v
	}
	return sum%len(CodeAlphabet) == 0
}

// MakeCode builds a join code from a random number: five characters read
// off n in base 31, then the check character.
func MakeCode(n uint64) string {
	const m = len(CodeAlphabet)
	var b [CodeLength]byte
	sum := 0
	for i := 0; i < CodeLength-1; i++ {
		v := int(n % uint64(m))
		n /= uint64(m)
		b[i] = CodeAlphabet[v]
		sum += (i + 1) * v
	}
	// the weighted sum over all six must be 0 mod 31; 26 is 6⁻¹ mod 31
	check := ((m - sum%m) % m * 26) % m
	b[CodeLength-1] = CodeAlphabet[check]
	return string(b[:])
}

// RoomEntry is one attempt at the room's scenario, with its player and log.
type RoomEntry struct {
	Profile Profile
	Attempt Attempt
	Answers []SavedAnswer
}

// RoomChoice is how many in the room took one choice at a moment. Fits is
// true for the choices that fit the moment fully (ChoiceFit == 100).
type RoomChoice struct {
	Choice *Choice
	Count  int
	Fits   bool
}

// RoomMoment is how the room read one moment (Readings, keyed by manage,
// lead and both) and what it chose (Choices, in the file's order). Answered
// counts actions chosen and Readers readings named (they differ only when
// room participants let a vote pass); a moment met twice on one path
// counts twice.
type RoomMoment struct {
	Scene    *Scene
	Answered int
	Readers  int
	Readings map[Hat]int
	Choices  []RoomChoice
}

// RoomParticipant is one player's latest attempt, replayed.
type RoomParticipant struct {
	Profile   Profile
	AttemptID string
	Finished  bool
	Scores    Scores
	Tendency  Tendency // "" before the first answer
	Ending    string   // the ending scene's id, "" while unfinished
	Outcome   Outcome  // the ending's outcome, "" while unfinished
}

// Room is the whole room's view of one scenario.
type Room struct {
	Scenario     *Scenario
	Moments      []RoomMoment      // every moment of the scenario, in file order
	Participants []RoomParticipant // by name, then profile id
	Outcomes     map[Outcome]int   // finished participants by their ending's outcome
}

// BuildRoom replays each entry's answers on the scenario and counts, per
// moment, how the room read it and what it chose. Only the latest attempt
// per profile that replays counts (latest by start time, then id); entries
// for another scenario, and attempts whose answers no longer replay, are
// skipped.
func BuildRoom(sc *Scenario, entries []RoomEntry) Room {
	room := Room{Scenario: sc, Outcomes: map[Outcome]int{}}
	if sc == nil {
		return room
	}
	// newest first, so the first entry of a profile that replays is the one
	order := make([]int, 0, len(entries))
	for i := range entries {
		if entries[i].Attempt.ScenarioID == sc.ID {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := entries[order[a]].Attempt, entries[order[b]].Attempt
		if !x.StartedAt.Equal(y.StartedAt) {
			return x.StartedAt.After(y.StartedAt)
		}
		return x.ID > y.ID
	})

	moments := sc.Moments()
	index := make(map[string]int, len(moments))
	room.Moments = make([]RoomMoment, len(moments))
	for i, m := range moments {
		index[m.ID] = i
		rm := RoomMoment{Scene: m, Readings: map[Hat]int{Manage: 0, Lead: 0, Both: 0}, Choices: make([]RoomChoice, len(m.Choices))}
		for j, c := range m.Choices {
			rm.Choices[j] = RoomChoice{Choice: c, Fits: ChoiceFit(m.CallsFor, c) == 100}
		}
		room.Moments[i] = rm
	}

	seen := map[string]bool{}
	log := make([]Answer, 0, 16)
	for _, i := range order {
		e := &entries[i]
		key := e.Profile.ID
		if key == "" {
			key = e.Attempt.ProfileID
		}
		if seen[key] {
			continue
		}
		log = AppendLog(log[:0], e.Answers)
		st, err := Replay(sc, e.Attempt.Seed, log)
		if err != nil {
			continue
		}
		seen[key] = true
		for _, step := range st.Steps {
			mi, ok := index[step.Scene.ID]
			if !ok {
				continue
			}
			rm := &room.Moments[mi]
			if step.Read() {
				rm.Readers++
				rm.Readings[step.Answer.Diagnosis]++
			}
			if !step.Voted() {
				continue
			}
			rm.Answered++
			for j := range rm.Choices {
				if rm.Choices[j].Choice == step.Choice {
					rm.Choices[j].Count++
					break
				}
			}
		}
		p := RoomParticipant{Profile: e.Profile, AttemptID: e.Attempt.ID, Finished: st.Done, Scores: st.Scores()}
		if len(st.Steps) > 0 {
			p.Tendency = TendencyOf(p.Scores) // no answer, no tendency
		}
		if end := st.Ending(); end != nil {
			p.Ending, p.Outcome = end.ID, end.Outcome
			room.Outcomes[end.Outcome]++
		}
		room.Participants = append(room.Participants, p)
	}
	SortParticipants(room.Participants, ByName, false)
	return room
}

// RoomSort names a column of the room's participant table.
type RoomSort int

// The columns participants can be sorted by.
const (
	ByName RoomSort = iota
	ByFit
	ByManagement
	ByLeadership
	ByReading
	ByTendency
	ByFinished
)

// SortParticipants orders the participants by a column, ascending or
// descending. Missing scores (no moment of that kind played) and missing
// tendencies always sort last; tendencies go balanced, over-managing,
// over-leading, both ways; ties fall back to the name, then the profile id.
func SortParticipants(ps []RoomParticipant, by RoomSort, desc bool) {
	score := func(p RoomParticipant) *float64 {
		switch by {
		case ByFit:
			return p.Scores.Fit
		case ByManagement:
			return p.Scores.Management
		case ByLeadership:
			return p.Scores.Leadership
		case ByReading:
			return p.Scores.Reading
		}
		return nil
	}
	byName := func(a, b RoomParticipant) int {
		if c := strings.Compare(strings.ToLower(a.Profile.Name), strings.ToLower(b.Profile.Name)); c != 0 {
			return c
		}
		if c := strings.Compare(a.Profile.Name, b.Profile.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Profile.ID, b.Profile.ID)
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		c := 0
		switch by {
		case ByFit, ByManagement, ByLeadership, ByReading:
			x, y := score(a), score(b)
			switch {
			case x == nil && y == nil:
			case x == nil:
				return false
			case y == nil:
				return true
			case *x < *y:
				c = -1
			case *x > *y:
				c = 1
			}
		case ByName:
			c = byName(a, b)
		case ByTendency:
			x, y := tendencyRank(a.Tendency), tendencyRank(b.Tendency)
			switch {
			case x == y:
			case x < 0:
				return false
			case y < 0:
				return true
			case x < y:
				c = -1
			default:
				c = 1
			}
		case ByFinished:
			switch {
			case a.Finished && !b.Finished:
				c = 1
			case !a.Finished && b.Finished:
				c = -1
			}
		}
		if c == 0 {
			return byName(a, b) < 0
		}
		if desc {
			return c > 0
		}
		return c < 0
	})
}

// tendencyRank orders tendencies from balanced to both ways; no tendency
// (nothing answered) is -1 and sorts last.
func tendencyRank(t Tendency) int {
	switch t {
	case Balanced:
		return 0
	case OverManaging:
		return 1
	case OverLeading:
		return 2
	case BothWays:
		return 3
	}
	return -1
}
