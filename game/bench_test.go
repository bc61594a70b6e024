package game_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

// chain builds a scenario of n moments in a row, each with four choices,
// conditional branches and effects, so a replay does realistic work.
func chain(tb testing.TB, n int) (*game.Scenario, []game.Answer) {
	var b strings.Builder
	b.WriteString("format: 1\nid: chain\ntitle: Chain\nsummary: A long chain.\nsituation: routine\nminutes: 30\nstart: m0\nscenes:\n")
	var log []game.Answer
	for i := 0; i < n; i++ {
		next := fmt.Sprintf("m%d", i+1)
		if i == n-1 {
			next = "end"
		}
		fmt.Fprintf(&b, `  - id: m%d
    text: Moment %d.
    calls_for: %s
    why: Because.
    choices:
      - {id: a, text: A., hat: manage, effects: {stability: +5, morale: -3}, set: [f%d], feedback: F., next: [{if: "morale < 20 and f%d", goto: %s}, {goto: %s}]}
      - {id: b, text: B., hat: lead, effects: {morale: +5}, feedback: F., next: %s}
      - {id: c, text: C., hat: both, feedback: F., next: %s}
      - {id: d, text: D., hat: none, craft: poor, feedback: F., next: %s}
`, i, i, []string{"manage", "lead", "both"}[i%3], i, i, next, next, next, next, next)
		log = append(log, game.Answer{Scene: fmt.Sprintf("m%d", i), Diagnosis: game.Manage, Choice: "abcd"[i%4 : i%4+1]})
	}
	b.WriteString("  - {id: end, ending: true, title: End, text: The end., away: Away.}\n")
	sc, probs := scenarios.Parse("chain.yaml", []byte(b.String()))
	if len(probs) > 0 {
		tb.Fatalf("chain: %v", probs)
	}
	return sc, log
}

// BenchmarkReplay20 replays a 20-answer attempt: the work behind every
// resume, debrief and export. Target: under 20 µs.
func BenchmarkReplay20(b *testing.B) {
	sc, log := chain(b, 20)
	b.ReportAllocs()
	for b.Loop() {
		st, err := game.Replay(sc, 99, log)
		if err != nil || !st.Done {
			b.Fatalf("replay: %v done=%v", err, st != nil && st.Done)
		}
	}
}

func TestChainReplays(t *testing.T) {
	sc, log := chain(t, 20)
	st, err := game.Replay(sc, 1, log)
	if err != nil || !st.Done || len(st.Steps) != 20 {
		t.Fatalf("replay of the 20-moment chain: err %v, done %v, steps %d", err, st.Done, len(st.Steps))
	}
}
