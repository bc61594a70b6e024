package game_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps the domain pure: game and the engine never
// reach for widgets, SQL or the testing package outside tests.
func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/twohats/twohats/game").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	forbidden := []string{"fyne.io/", "database/sql", "github.com/mattn/go-sqlite3", "testing", "gopkg.in/yaml", "go.yaml.in/"}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if dep == f || strings.HasPrefix(dep, f) && (strings.HasSuffix(f, "/") || strings.HasPrefix(dep, f+"/")) {
				t.Errorf("package game depends on %s; game must stay standard library only", dep)
			}
		}
		if !strings.HasPrefix(dep, "github.com/twohats/") && strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") {
			t.Errorf("package game depends on the third-party package %s; it must use the standard library only", dep)
		}
	}
}

// goList runs go list with a template over packages.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %v: %v\n%s", args, err, out)
	}
	return strings.Fields(string(out))
}

const mod = "github.com/twohats/twohats/"

// adapters sit beside the domain, each behind small interfaces declared
// where they are used; cmd is the only package that wires them together.
var adapters = []string{"internal/store", "internal/export", "internal/resultsfile", "internal/sample"}

// TestAdaptersDoNotImportEachOther: the store, the exports, results files
// and sample workshops know the domain, not each other (they once took the
// concrete *store.Store and the scenario loader).
func TestAdaptersDoNotImportEachOther(t *testing.T) {
	for _, a := range adapters {
		deps := goList(t, "-deps", mod+a)
		for _, other := range append(adapters, "scenarios", "ui", "internal/session") {
			if other == a {
				continue
			}
			for _, d := range deps {
				if d == mod+other {
					t.Errorf("%s depends on %s; adapters depend on the domain only", a, other)
				}
			}
		}
	}
}

// TestUIHasNoStorage: the app's screens present state; they never open
// files or SQL themselves, and reach the store only through interfaces.
func TestUIHasNoStorage(t *testing.T) {
	direct := goList(t, "-f", `{{join .Imports " "}}`, mod+"ui")
	for _, d := range direct {
		switch d {
		case "os", "io/ioutil", "database/sql":
			t.Errorf("package ui imports %s; file and SQL work belongs to the adapters behind ui.Store", d)
		}
	}
	for _, d := range goList(t, "-deps", mod+"ui") {
		for _, bad := range append([]string{"database/sql", "github.com/mattn/go-sqlite3"}, adapters...) {
			if d == bad || d == mod+bad {
				t.Errorf("package ui depends on %s", d)
			}
		}
	}
}

// TestSessionIsDomainOnly: the play session service every front end drives
// knows the domain and nothing else of the project.
func TestSessionIsDomainOnly(t *testing.T) {
	for _, d := range goList(t, "-deps", mod+"internal/session") {
		if strings.HasPrefix(d, mod) && d != mod+"game" && d != mod+"internal/session" {
			t.Errorf("internal/session depends on %s", d)
		}
		if !strings.HasPrefix(d, mod) && strings.Contains(strings.SplitN(d, "/", 2)[0], ".") {
			t.Errorf("internal/session depends on the third-party package %s", d)
		}
	}
}
