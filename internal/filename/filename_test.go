package filename

import (
	"strings"
	"testing"
	"time"
)

var day = time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC)

// TestSlugTransliterates: the app once suggested "Zo-ngstrm" for
// "Zoë Ångström", dropping every accented letter. Letters are spelled as
// people write them without accents.
func TestSlugTransliterates(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Ångström":          "zoe-angstrom",
		"Élodie Dupré":          "elodie-dupre",
		"Björn Weiß":            "bjorn-weiss",
		"Søren Ærø":             "soren-aero",
		"Łukasz Wałęsa":         "lukasz-walesa",
		"Œdipe Straße":          "oedipe-strasse",
		"Đorđe Þórðarson":       "dorde-thordarson",
		"Ｆｕｌｌ　ｗｉｄｔｈ":            "full-width",
		"  ../../etc/passwd ":   "etc-passwd",
		`=HYPERLINK("x")`:       "hyperlink-x",
		"🙂":                     "",
		"李小龍":                   "",
		"Ana\tLima\n":           "ana-lima",
		"New managers, Lisbon!": "new-managers-lisbon",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	long := Slug(strings.Repeat("ab ", 100))
	if len(long) > MaxSlug || strings.HasSuffix(long, "-") || !strings.HasPrefix(long, "ab-ab-") {
		t.Errorf("a long name gave %q: want at most %d characters, no dash at the end", long, MaxSlug)
	}
}

func TestResultsAndExportNames(t *testing.T) {
	if got, want := Results("Zoë Ångström", day), "twohats-results-zoe-angstrom-2025-03-14.json"; got != want {
		t.Errorf("Results = %q, want %q", got, want)
	}
	if got, want := Results("🙂", day), "twohats-results-participant-2025-03-14.json"; got != want {
		t.Errorf("Results of a name with no letters = %q, want %q", got, want)
	}
	if got, want := Export("New managers, Lisbon", "7TVBXJ", day, ".pdf"), "twohats-new-managers-lisbon-7TVBXJ-2025-03-14.pdf"; got != want {
		t.Errorf("Export = %q, want %q", got, want)
	}
	if got, want := Export("", "7TVBXJ", day, ".json"), "twohats-7TVBXJ-2025-03-14.json"; got != want {
		t.Errorf("Export of a workshop known only by its code = %q, want %q", got, want)
	}
	if got, want := Export("", "", day, ".json"), "twohats-all-2025-03-14.json"; got != want {
		t.Errorf("Export of everything = %q, want %q", got, want)
	}
}
