package export_test

import (
	"strings"
	"testing"

	"github.com/twohats/twohats/internal/export"
)

// Every activity id and account home page hang off the base IRI: one that is
// not an absolute http(s) IRI makes every statement invalid, so the export
// must refuse it rather than write statements no LRS accepts.
func TestBaseIRIChecked(t *testing.T) {
	db, lib, w := tinyWorkshop(t)
	for _, base := range []string{"lrs.example.org/xapi", "urn:x", "https://lrs.example.org/xapi?tenant=1", "https://lrs.example.org/x#y"} {
		sts, err := export.Statements(db, lib, export.Options{Workshop: w.Code, BaseIRI: base})
		if err == nil {
			t.Errorf("the base IRI %q was accepted; the first activity id is %q", base, sts[0].Object.ID)
		} else if !strings.Contains(err.Error(), "base IRI") {
			t.Errorf("the base IRI %q: %v", base, err)
		}
	}
	if _, err := export.Statements(db, lib, export.Options{Workshop: w.Code, BaseIRI: "https://lrs.example.org/xapi/"}); err != nil {
		t.Errorf("a sound base IRI was refused: %v", err)
	}
}
