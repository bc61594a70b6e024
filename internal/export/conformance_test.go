package export_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

// xapiTool is the Node.js conformance checker's folder.
const xapiTool = "../../tools/xapi"

// TestXAPIConformance exports a sample workshop (every shipped scenario,
// 40 participants, unfinished attempts included) and the hostile tiny
// workshop as xAPI, and runs Learning Locker's validator
// (@learninglocker/xapi-validation, pinned in tools/xapi/package.json) on
// every statement: any error or warning fails the test. It installs the
// package in tools/xapi when node_modules is missing, and is skipped only
// when Node.js is not installed.
func TestXAPIConformance(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("Node.js is not installed, so the xAPI conformance check cannot run; run scripts/setup-system.sh --test (test.sh does) to install node and npm.")
	}
	if testing.Short() {
		t.Skip("the xAPI conformance check installs an npm package; it does not run with -short.")
	}
	if _, err := os.Stat(filepath.Join(xapiTool, "node_modules", "@learninglocker", "xapi-validation")); err != nil {
		npm, err := exec.LookPath("npm")
		if err != nil {
			t.Fatal("node is installed but npm is not; install npm so the test can install @learninglocker/xapi-validation")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		verb := "ci"
		if _, err := os.Stat(filepath.Join(xapiTool, "package-lock.json")); err != nil {
			verb = "install"
		}
		cmd := exec.CommandContext(ctx, npm, verb, "--no-audit", "--no-fund")
		cmd.Dir = xapiTool
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm %s in tools/xapi failed: %v\n%s", verb, err, out)
		}
	}

	db := expOpen(t)
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	var ids []string
	for _, sc := range lib.Scenarios {
		ids = append(ids, sc.ID)
	}
	w, err := sample.Generate(db, lib.Scenarios, sample.Options{Participants: 40, Seed: 2024, Scenarios: ids, Start: testkit.Epoch})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	check := func(name string, write func(*os.File) error) {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := write(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		script, _ := filepath.Abs(filepath.Join(xapiTool, "validate.js"))
		cmd := exec.Command(node, script, path)
		cmd.Dir = xapiTool
		out, err := cmd.CombinedOutput()
		summary := strings.TrimSpace(string(out))
		if i := strings.LastIndexByte(summary, '\n'); i >= 0 && err == nil {
			summary = summary[i+1:]
		}
		if err != nil {
			t.Errorf("the xAPI export %s fails validation:\n%s", name, out)
			return
		}
		t.Logf("%s: %s", name, summary)
		if !strings.HasSuffix(summary, " 0 warnings") {
			t.Errorf("unexpected validator output for %s: %s", name, out)
		}
	}
	check("sample.json", func(f *os.File) error { return export.XAPI(db, lib, f, export.Options{Workshop: w.Code}) })
	check("sample-pseudonymised.json", func(f *os.File) error {
		return export.XAPI(db, lib, f, export.Options{Workshop: w.Code, Pseudonymise: true, BaseIRI: "https://lrs.example.org/xapi/twohats/"})
	})
	tdb, tlib, tw := tinyWorkshop(t)
	check("tiny.json", func(f *os.File) error { return export.XAPI(tdb, tlib, f, export.Options{Workshop: tw.Code}) })
}
