package export_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/scenarios"
)

// Names in scripts the PDF's fonts cannot print (CJK) or fpdf cannot lay
// out (Arabic, Hebrew: right to left, and Arabic joined), and one it can.
var scriptNames = []string{"李小龍", "محمد علي", "דוד כהן", "Zoë Ünal"}

// scriptWorkshop is a workshop with a Hebrew name whose participants have
// scriptNames; each plays the tiny scenario to the end.
func scriptWorkshop(t testing.TB) (*store.Store, *scenarios.Library, game.Workshop, []game.Profile) {
	t.Helper()
	db := expOpen(t)
	lib := tinyLibrary(t)
	sc := lib.Get("tiny")
	w, err := db.CreateWorkshop("סדנת מנהיגות")
	if err != nil {
		t.Fatal(err)
	}
	var ps []game.Profile
	for i, name := range scriptNames {
		p, err := db.CreateProfile(name, w.Code)
		if err != nil {
			t.Fatal(err)
		}
		play(t, db, sc, p, w.Code, int64(30+i), ans("m1", game.Manage, "plan"), ans("m2", game.Both, "both-ways"), ans("m3", game.Lead, "coach"))
		ps = append(ps, p)
	}
	return db, lib, w, ps
}

func needPoppler(t *testing.T, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s (poppler-utils) is not installed; run scripts/setup-system.sh --test (test.sh does) to install it", tool)
	}
}

var standInRE = regexp.MustCompile(`Participant [0-9A-F]{6}\b`)

// loneMarks is a question mark standing as a word of its own, as a name
// the fonts cannot draw would print ("? ?").
var loneMarks = regexp.MustCompile(`(?m)(^|\s)\?+(\s+\?+)*(\s|$)`)

// TestPDFNamesInOtherScripts: a name the PDF cannot print is never a run
// of question marks but a stand-in ("Participant 3F2A1B") with a pointer to
// the CSV or JSON export; a name it can print stays intact; a workshop name
// it cannot print gives way to the join code.
func TestPDFNamesInOtherScripts(t *testing.T) {
	needPoppler(t, "pdftotext")
	db, lib, w, ps := scriptWorkshop(t)
	path := filepath.Join(t.TempDir(), "scripts.pdf")
	if err := export.PDF(db, lib, path, export.Options{Workshop: w.Code}); err != nil {
		t.Fatal(err)
	}
	raw, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	if strings.Contains(text, "??") {
		t.Errorf("the PDF's text holds a run of question marks:\n%s", around(text, "??"))
	}
	if m := loneMarks.FindString(text); m != "" {
		t.Errorf("the PDF's text holds question marks standing for a name: %q in\n%s", m, around(text, m))
	}
	if !strings.Contains(text, "Zoë Ünal") {
		t.Error("the PDF's text lacks the printable name Zoë Ünal")
	}
	for _, n := range scriptNames[:3] {
		if strings.Contains(text, n) {
			t.Errorf("the PDF prints %q, which its fonts cannot draw or fpdf cannot lay out", n)
		}
	}
	// three stand-ins, each heading a debrief page and pointing to the id
	labels := map[string]bool{}
	for _, l := range standInRE.FindAllString(text, -1) {
		labels[l] = true
	}
	if len(labels) != 3 {
		t.Errorf("the PDF holds the stand-ins %v, want three distinct ones", labels)
	}
	flat := strings.Join(strings.Fields(text), " ")
	if n := strings.Count(flat, "(name in a script this PDF cannot print; see the CSV or JSON export"); n != 3 {
		t.Errorf("the note that a name cannot be printed appears %d times, want once per stand-in debrief (3)", n)
	}
	for _, p := range ps[:3] {
		if !strings.Contains(text, p.ID) {
			t.Errorf("the debrief of %q does not name its participant_id %s, by which to find it in the CSV or JSON", p.Name, p.ID)
		}
	}
	if strings.Contains(text, ps[3].ID) {
		t.Errorf("the debrief of %q gives its id, though the name prints", ps[3].Name)
	}
	if !strings.Contains(flat, "A name in a script this PDF cannot print is shown as Participant and a six-character id") {
		t.Error("the summary's participant table does not explain its stand-ins")
	}
	// the workshop's Hebrew name gives way to its code, with the same note
	if !strings.Contains(text, "Workshop "+w.Code) || !strings.Contains(flat, "(workshop name in a script this PDF cannot print") {
		t.Errorf("the PDF does not stand in for the workshop's name with its code %s:\n%.600s", w.Code, text)
	}

	// the same stand-ins in a second export: they are stable
	path2 := filepath.Join(t.TempDir(), "again.pdf")
	if err := export.PDF(db, lib, path2, export.Options{Workshop: w.Code, Part: export.PartDebriefs}); err != nil {
		t.Fatal(err)
	}
	raw2, err := exec.Command("pdftotext", "-enc", "UTF-8", path2, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for l := range labels {
		if !bytes.Contains(raw2, []byte(l)) {
			t.Errorf("the stand-in %s is not in a second export", l)
		}
	}

	// pseudonymised, every name is a pseudonym, which always prints
	praw, ok := pdfText(t, db, lib, export.Options{Workshop: w.Code, Pseudonymise: true})
	if ok {
		ptext := string(praw)
		if strings.Contains(ptext, "??") || strings.Contains(ptext, "Zoë") || standInRE.MatchString(ptext) || strings.Contains(strings.Join(strings.Fields(ptext), " "), "(name in a script") {
			t.Errorf("the pseudonymised PDF shows question marks, a name or a stand-in:\n%.800s", ptext)
		}
		key, err := db.PseudonymKey()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if !strings.Contains(ptext, export.Pseudonym(key, p.ID)) {
				t.Errorf("the pseudonymised PDF lacks %q's pseudonym", p.Name)
			}
		}
	}

	// a page to look at: TWOHATS_PDF_PNG=dir keeps the first debrief page
	if dir := os.Getenv("TWOHATS_PDF_PNG"); dir != "" {
		if _, err := exec.LookPath("pdftoppm"); err == nil {
			out, err := exec.Command("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "99", path, filepath.Join(dir, "scripts")).CombinedOutput()
			if err != nil {
				t.Errorf("pdftoppm: %v: %s", err, out)
			}
		}
	}
}

// around is s near the first sub, for messages.
func around(s, sub string) string {
	i := strings.Index(s, sub)
	if i < 0 {
		return ""
	}
	return s[max(0, i-200):min(len(s), i+200)]
}
