package game_test

import (
	"fmt"
	"testing"

	"github.com/twohats/twohats/game"
)

// Scores are kept to one decimal and read whole, halves rounded up, the
// same in every front end: 72.5 reads 73 (fmt's %.0f would say 72).
func TestScoreText(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		v    *float64
		want string
	}{{nil, "—"}, {f(0), "0"}, {f(72.5), "73"}, {f(73.5), "74"}, {f(46.7), "47"}, {f(46.4), "46"}, {f(99.5), "100"}, {f(100), "100"}, {f(0.5), "1"}} {
		if got := game.ScoreText(c.v); got != c.want {
			t.Errorf("ScoreText(%v) = %q, want %q", deref(c.v), got, c.want)
		}
	}
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func TestCountAndTendencyWords(t *testing.T) {
	for n, want := range map[int]string{0: "0 answers", 1: "1 answer", 2: "2 answers"} {
		if got := game.Count(n, "answer"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	for _, c := range [][3]int{{1, 8, 13}, {3, 8, 38}, {1, 3, 33}, {2, 3, 67}, {0, 5, 0}, {5, 5, 100}} {
		if got, want := game.Percent(c[0], c[1]), fmt.Sprintf("%d%%", c[2]); got != want {
			t.Errorf("Percent(%d, %d) = %q, want %q", c[0], c[1], got, want)
		}
	}
	if got := game.Percent(3, 0); got != "0%" {
		t.Errorf("Percent of nothing = %q", got)
	}
	for tend, want := range map[game.Tendency]string{"": "no answers yet", game.Balanced: "balanced",
		game.OverManaging: "over-managing", game.OverLeading: "over-leading", game.BothWays: "both ways"} {
		if got := tend.Label(); got != want {
			t.Errorf("%q.Label() = %q, want %q", tend, got, want)
		}
	}
}
