package main

import (
	"fmt"

	"github.com/twohats/twohats/game"
)

func playRecorded(e *env, sc *game.Scenario, opts playOptions, dir, profile, workshop string) int {
	fmt.Fprintln(e.stderr, "twohats play: recording is not built yet")
	return 1
}
