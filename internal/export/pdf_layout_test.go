package export_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/scenarios"
)

// creditSummary is the PDF summary of a workshop where three people played
// the shipped "Credit Where It's Due" (whose scene the-8d is named for the
// 8D report) along its golden best, poor and wrong-hat paths.
func creditSummary(t *testing.T) (pdf string, sc *game.Scenario) {
	t.Helper()
	return creditPDF(t, export.PartSummary)
}

// creditPDF is creditSummary's workshop as the PDF's part (both for "").
func creditPDF(t *testing.T, part string) (pdf string, sc *game.Scenario) {
	t.Helper()
	return goldenPDF(t, "credit-where-its-due", part)
}

func goldenPDF(t *testing.T, id, part string) (pdf string, sc *game.Scenario) {
	t.Helper()
	needPoppler(t, "pdftotext")
	db := expOpen(t)
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	sc = lib.Get(id)
	w, err := db.CreateWorkshop("Line leads")
	if err != nil {
		t.Fatal(err)
	}
	for i, path := range []string{"best", "poor", "wrong-hat"} {
		data, err := os.ReadFile("../../scenarios/testdata/golden/" + id + "." + path + ".answers")
		if err != nil {
			t.Fatal(err)
		}
		var answers []game.Answer
		for _, l := range strings.Split(string(data), "\n") {
			if f := strings.Fields(l); len(f) == 3 && !strings.HasPrefix(l, "#") {
				answers = append(answers, ans(f[0], game.Hat(f[1]), f[2]))
			}
		}
		p, err := db.CreateProfile("Player "+strconv.Itoa(i+1), w.Code)
		if err != nil {
			t.Fatal(err)
		}
		play(t, db, sc, p, w.Code, int64(40+i), answers...)
	}
	pdf = filepath.Join(t.TempDir(), "summary.pdf")
	if err := export.PDF(db, lib, pdf, export.Options{Workshop: w.Code, Part: part}); err != nil {
		t.Fatal(err)
	}
	return pdf, sc
}

func pdftotext(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", append([]string{"-enc", "UTF-8"}, args...)...).Output()
	if err != nil {
		t.Fatalf("pdftotext %v: %v", args, err)
	}
	return string(out)
}

// Scene ids are lower-kebab-case: headings and the debriefs' review take
// the casing back from the scenario's prose. "the-8d" once printed as
// "The 8d".
func TestPDFSceneHeadingsKeepTheirCasing(t *testing.T) {
	pdf, _ := creditPDF(t, "")
	text := pdftotext(t, pdf, "-")
	if n := strings.Count(text, "The 8D"); n < 4 {
		t.Errorf("\"The 8D\" prints %d times; want the summary's heading and a review row in each of the 3 debriefs", n)
	}
	if !regexp.MustCompile(`(?m)^\d+\. The 8D$`).MatchString(text) {
		t.Errorf("no moment heading reads \"N. The 8D\":\n%s", text)
	}
	if strings.Contains(text, "8d") {
		t.Errorf("the PDF prints \"8d\" where the scenario says 8D:\n%s", around(text, "8d"))
	}
}

// Every choice's text prints in full in the summary: long ones wrap
// instead of ending in "…".
func TestPDFSummaryWrapsChoiceTexts(t *testing.T) {
	pdf, sc := creditSummary(t)
	flat := strings.Join(strings.Fields(pdftotext(t, pdf, "-")), " ")
	long := 0
	for _, s := range sc.Scenes {
		for _, c := range s.Choices {
			want := strings.Join(strings.Fields(c.Text), " ")
			if len(want) > 60 {
				long++
			}
			if !strings.Contains(flat, want) {
				t.Errorf("the summary does not print the whole choice %s/%s: %q", s.ID, c.ID, want)
			}
		}
	}
	if long == 0 {
		t.Fatal("no choice is long enough to need wrapping; the test checks nothing")
	}
}

var yMax = regexp.MustCompile(`yMax="([0-9.]+)"`)

// A moment that does not fit below the last one starts where the page has
// room for its heading, readings and first choice, and its other choices
// follow on the next page: a moment kept whole left the first page (and
// others) a quarter to half blank.
func TestPDFPagesFillBeforeBreaking(t *testing.T) {
	pdf, _ := creditSummary(t)
	pages := strings.Count(pdftotext(t, pdf, "-"), "\f")
	if pages < 3 {
		t.Fatalf("the summary has %d pages; the test needs a few", pages)
	}
	const pageH, bottom = 841.89, 279.0 / 297.0 * 841.89 // points; the last line content may reach
	for p := 1; p < pages; p++ {
		box := pdftotext(t, "-bbox", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), pdf, "-")
		low := 0.0
		for _, m := range yMax.FindAllStringSubmatch(box, -1) {
			y, _ := strconv.ParseFloat(m[1], 64)
			if y < pageH-12/297.0*pageH-2 && y > low { // above the footer
				low = y
			}
		}
		if low < 0.85*bottom {
			t.Errorf("page %d of %d ends at %.0f%% of its height; the next moment should have started on it", p, pages, 100*low/bottom)
		}
	}
}
