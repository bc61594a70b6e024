// Command twohats is the Two Hats training game: with no subcommand it opens
// the desktop app; subcommands validate and play scenarios in the terminal
// and run the facilitator's tools.
package main

import (
	// first, so the locale is plain before Fyne reads it
	_ "github.com/twohats/twohats/internal/plainlocale"

	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// env is what a command may touch of the outside world, so tests can run
// commands in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	name    string
	args    string // usage after the name
	summary string
	// run parses its own flags from fs (already named) and does the work.
	run func(e *env, fs *flag.FlagSet, args []string) int
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// defaultCommand runs when no subcommand is given: the desktop app when it
// is built in, else the usage.
var defaultCommand func(e *env, args []string) int

func main() {
	os.Exit(run(os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

func run(args []string, e *env) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		args = []string{"version"}
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" && args[0] != "-help" {
		if defaultCommand != nil {
			return defaultCommand(e, args)
		}
		usage(e.stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help", "help":
		if len(args) > 1 && commands[args[1]] != nil {
			return run([]string{args[1], "--help"}, e)
		}
		usage(e.stdout)
		return 0
	}
	c := commands[name]
	if c == nil {
		fmt.Fprintf(e.stderr, "twohats: %q is not a command.\n\n", name)
		usage(e.stderr)
		return 2
	}
	fs := flag.NewFlagSet("twohats "+c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: twohats %s %s\n\n%s\n", c.name, c.args, c.summary)
		var has bool
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintf(fs.Output(), "\nOptions:\n")
			fs.PrintDefaults()
		}
	}
	return c.run(e, fs, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "Two Hats: a training game about when to manage and when to lead.\n\n")
	fmt.Fprintf(w, "Usage:\n  twohats [--data DIR]    open the desktop app, keeping progress in DIR\n"+
		"                          (default: $TWOHATS_DATA, else the platform's user data folder);\n"+
		"                          --screen NAME opens it on a screen, for screenshots and benchmarks\n"+
		"  twohats COMMAND [options]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-16s %s\n", n, firstLine(commands[n].summary))
	}
	fmt.Fprintf(w, "\nRun `twohats COMMAND --help` for a command's options.\n")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// parse parses flags, printing usage on error; it reports whether to go on
// and the exit code otherwise (0 for --help).
func parse(fs *flag.FlagSet, args []string) (bool, int) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return false, 0
		}
		return false, 2
	}
	return true, 0
}

func init() {
	register(&command{
		name:    "version",
		summary: "Print the version of Two Hats.",
		run: func(e *env, fs *flag.FlagSet, args []string) int {
			if ok, code := parse(fs, args); !ok {
				return code
			}
			fmt.Fprintf(e.stdout, "twohats %s\n", version)
			return 0
		},
	})
}
