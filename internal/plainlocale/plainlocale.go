// Package plainlocale runs before Fyne's own start-up code (import it
// first, for its side effect) and turns a "C.UTF-8"-style locale, common on
// servers and containers, into the plain "C" it means. Fyne's locale
// detection cannot parse "C.UTF-8" and would print an error on every run,
// even of terminal commands; "C" it reads correctly as "no language set".
// It changes only this process's environment.
package plainlocale

import (
	"os"
	"strings"
)

func init() {
	// the variables in the order locale lookup reads them; the first set wins
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			os.Setenv(name, "C")
		}
		return
	}
}
