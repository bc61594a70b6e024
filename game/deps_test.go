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
