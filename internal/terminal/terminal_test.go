package terminal_test

import (
	"testing"

	"github.com/twohats/twohats/internal/terminal"
)

// TestSafe: names of results files and names in them were once echoed raw,
// so an escape sequence in a file name could clear or recolour the
// facilitator's terminal. Control characters are shown, not obeyed.
func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"results-zoë.json":        "results-zoë.json",
		"\x1b[2J\x1b[31mred.json": `\x1b[2J\x1b[31mred.json`,
		"bell\a.json":             `bell\x07.json`,
		"c1\u009b31m.json":        `c1\x9b31m.json`,
		"evil\u202egnp.exe.json":  `evil\x202egnp.exe.json`,
		"tab\tand\nnewline":       `tab\x09and\x0anewline`,
	} {
		if got := terminal.Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
	if got := terminal.Clip("\x1b]0;title\x07Ana", 40); got != " ]0;title Ana" {
		t.Errorf("Clip kept control characters: %q", got)
	}
}
