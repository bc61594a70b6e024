package game

import (
	"math"
	"strconv"
	"strings"
)

// The words a player reads about a move and a reading, and how counts,
// scores and tendencies are written, in one place for every front end (the
// app, the terminal, the PDF, the room page), so they never drift apart.

// Band is a fit score's grade: fits (100), partly fits (50–99), misfit.
type Band int

// The bands.
const (
	Misfit Band = iota
	Partial
	Fits
)

// FitBand grades a fit score.
func FitBand(fit int) Band {
	switch {
	case fit >= 100:
		return Fits
	case fit >= 50:
		return Partial
	}
	return Misfit
}

// Verdict says how a move fit, as the end of a sentence: "fit the moment".
func (b Band) Verdict() string {
	switch b {
	case Fits:
		return "fit the moment"
	case Partial:
		return "partly fit the moment"
	}
	return "did not fit the moment"
}

// HatLine names the hat a move put on, and whether it was worn badly.
func HatLine(c *Choice) string {
	switch {
	case c.Hat == None:
		return "You put on no hat at all."
	case c.Craft == Poor && c.Fit == nil:
		return "You put on " + c.Hat.Label() + ", but wore it poorly."
	}
	return "You put on " + c.Hat.Label() + "."
}

// VerdictLine says whether the move fit the moment. The right hat worn
// badly is said as such, so a low fit does not read as the wrong hat.
func VerdictLine(s Step) string {
	if s.Choice.Craft == Poor && s.Choice.Fit == nil && Fit(s.Scene.CallsFor, s.Choice.Hat) == 100 {
		return "The hat was right, but the craft was poor."
	}
	switch FitBand(s.Fit) {
	case Fits:
		return "It fit the moment."
	case Partial:
		return "It partly fit the moment."
	}
	return "It did not fit the moment."
}

// ReadingLine says how the player's reading of the moment scored (model
// v2: exact, half seen, a hedge, missed).
func ReadingLine(score int) string {
	switch score {
	case ReadExact:
		return "You read it exactly right."
	case ReadHalf:
		return "You saw half of it: the moment called for both hats."
	case ReadHedge:
		return "You hedged: you named both hats when the moment called for one."
	}
	return "Your reading missed it."
}

// CalledFor names what a moment called for: "the manager hat (Stabilise)",
// or "both hats" for a both moment, whose verb would only repeat it.
func CalledFor(h Hat) string {
	if h == Both {
		return "both hats"
	}
	return h.Label() + " (" + h.Verb() + ")"
}

// Count says how many of a thing, with the noun in the right number:
// "1 participant", "2 participants". Nouns are regular English ones, and
// a phrase takes its plural at its end ("2 finished attempts").
func Count(n int, noun string) string { return strconv.Itoa(n) + " " + Noun(n, noun) }

// Noun is the noun in the right number for n, for a count shown apart
// from it: "scenario" for 1, "scenarios" otherwise ("batches" after a
// hissing end).
func Noun(n int, noun string) string {
	switch {
	case n == 1:
		return noun
	case strings.HasSuffix(noun, "s"), strings.HasSuffix(noun, "x"), strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "sh"):
		return noun + "es"
	}
	return noun + "s"
}

// Were is "was" for one and "were" for any other number, to agree with a
// Count.
func Were(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// NoScore stands for a score over no moment (no moment of that kind was
// played, or none yet).
const NoScore = "—"

// RoundScore is a score as a whole number, halves rounded up: 72.5 is 73.
// Scores are kept to one decimal (Score); people read them whole.
func RoundScore(v float64) int { return int(math.Floor(v + 0.5)) }

// ScoreText is a score as every front end shows it to a person (the app,
// the terminal, the PDF, the room view): RoundScore's whole number, or
// NoScore. The data exports (CSV, JSON, xAPI) keep the stored decimal.
func ScoreText(v *float64) string {
	if v == nil {
		return NoScore
	}
	return strconv.Itoa(RoundScore(*v))
}

// Percent is n of a total as a whole percentage, halves rounded up as
// scores are: "13%" for 1 of 8. It is "0%" of nothing.
func Percent(n, of int) string {
	if of <= 0 {
		return "0%"
	}
	return strconv.Itoa((n*100+of/2)/of) + "%"
}

// Label names a tendency for people, in every front end: "balanced",
// "over-managing", "over-leading", "both ways", or "no answers yet" before
// the first answer. The data exports write the Tendency itself, a token
// ("both-ways").
func (t Tendency) Label() string {
	switch t {
	case "":
		return "no answers yet"
	case BothWays:
		return "both ways"
	}
	return string(t)
}
