package export_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
)

// TestScoresOnlyFromReplay: an attempt whose stored log does not replay is
// never exported with the scores stored beside it (a forged file once made
// four bad answers read 100/100/100/100 this way).
func TestScoresOnlyFromReplay(t *testing.T) {
	db := expOpen(t)
	lib := tinyLibrary(t)
	sc := lib.Get("tiny")
	p, err := db.CreateProfile("Ana", "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.StartAttempt(p.ID, sc, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveAnswer(a.ID, 1, game.Answer{Scene: "m1", Diagnosis: game.Manage, Choice: "no-such-choice"}); err != nil {
		t.Fatal(err)
	}
	hundred := 100.0
	if err := db.FinishAttempt(a.ID, "", game.Scores{Fit: &hundred, Management: &hundred, Leadership: &hundred, Reading: &hundred}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := export.JSON(db, lib, &out, export.Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Participants []struct {
			Attempts []struct {
				Scores *struct{ Fit *float64 } `json:"scores"`
			} `json:"attempts"`
		} `json:"participants"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Participants) != 1 || len(doc.Participants[0].Attempts) != 1 {
		t.Fatalf("export: %s", out.String())
	}
	if s := doc.Participants[0].Attempts[0].Scores; s != nil && s.Fit != nil {
		t.Errorf("an attempt that does not replay was exported with the stored Fit %v", *s.Fit)
	}
}
