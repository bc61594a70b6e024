package scenarios_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

const reviewBase = `format: 1
id: rv
title: Rv
summary: S.
situation: crisis
minutes: 3
meters: {stability: 40, morale: 30, trust: 50}
start: m1
scenes:
  - id: m1
    text: T.
    calls_for: manage
    why: W.
    choices:
      - id: a
        text: A.
        hat: manage
        set: [%s]
        feedback: F.
        next: b1
      - id: b
        text: B.
        hat: lead
        feedback: F.
        next: b1
  - id: b1
    text: Beat one.
    next:
      - if: %s
        goto: b2
      - goto: end
  - id: b2
    text: Beat two.
    next: %s
  - id: end
    ending: true
    title: End
    text: E.
    away: A.
`

func reviewScenario(flag, cond, after string) string {
	return fmt.Sprintf(reviewBase, flag, cond, after)
}

// A flag the validator accepts in set: (ids may start with a digit) must be
// usable in a condition.
func TestFlagStartingWithDigit(t *testing.T) {
	_, ps := scenarios.Parse("rv.yaml", []byte(reviewScenario("2am-call", "2am-call and morale > 90", "end")))
	if len(ps) > 0 {
		t.Errorf("a flag named 2am-call is accepted by set: but cannot be tested: %v", ps)
	}
}

// A cycle of beats never changes meters or flags, so once the engine goes
// round it goes round forever: the validator must refuse it, not the engine
// at play time (after the answer was saved).
func TestBeatCycleRejected(t *testing.T) {
	sc, ps := scenarios.Parse("rv.yaml", []byte(reviewScenario("x", "morale < 50", "b1")))
	if len(ps) == 0 {
		st, err := game.Start(sc, 1)
		if err != nil {
			t.Fatal(err)
		}
		_, err = st.Answer(game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "a"})
		t.Errorf("the validator accepts a cycle of beats; playing it fails: %v", err)
	}
}

// A number run into a word still reads as a bad number, now that names may
// start with a digit.
func TestConditionNumberIntoWord(t *testing.T) {
	_, ps := scenarios.Parse("rv.yaml", []byte(reviewScenario("x", "morale < 40and x", "end")))
	if len(ps) != 1 || !strings.Contains(ps[0].Msg, `"40and" is not a whole number`) {
		t.Errorf("morale < 40and x: %v", ps)
	}
}
