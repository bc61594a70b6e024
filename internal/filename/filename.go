// Package filename suggests names for the files Two Hats writes: plain
// ASCII, lower case, words joined by dashes, with the date, so a name
// survives every file system, e-mail program and USB stick. It is a leaf:
// strings in, strings out, no files touched.
package filename

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlug bounds a slug's length in characters.
const MaxSlug = 40

// letters spells the letters that do not decompose into a base letter and
// marks, as people write them without accents.
var letters = map[rune]string{
	'ß': "ss", 'ẞ': "SS",
	'ø': "o", 'Ø': "O",
	'æ': "ae", 'Æ': "AE",
	'œ': "oe", 'Œ': "OE",
	'ł': "l", 'Ł': "L",
	'đ': "d", 'Đ': "D",
	'ð': "d", 'Ð': "D",
	'þ': "th", 'Þ': "Th",
	'ħ': "h", 'Ħ': "H",
	'ı': "i", 'ŀ': "l", 'Ŀ': "L",
	'ŋ': "ng", 'Ŋ': "NG",
	'ſ': "s",
}

// ASCII transliterates s to plain ASCII as far as the Latin alphabet goes:
// accents dropped ("Zoë Ångström" → "Zoe Angstrom"), ß, ø, æ, œ, ł and the
// like spelled out. Anything else that is not ASCII is dropped.
func ASCII(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// a combining mark left by the decomposition: the accent
		default:
			if t, ok := letters[r]; ok {
				b.WriteString(t)
			} else if unicode.IsSpace(r) || unicode.IsPunct(r) {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// Slug turns a name into a file name part: transliterated to ASCII, lower
// case, letters and digits only, words joined by single dashes, at most
// MaxSlug characters. It is "" when nothing of the name is left.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(ASCII(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= MaxSlug {
				break
			}
			continue
		}
		dash = true
	}
	return strings.TrimRight(b.String(), "-")
}

// Date is the day a file name carries: the local date, as 2006-01-02.
func Date(at time.Time) string { return at.Local().Format("2006-01-02") }

// Results is a participant's results file name:
// twohats-results-<name>-<date>.json, "participant" standing in for a name
// with nothing left of it.
func Results(name string, at time.Time) string {
	slug := Slug(name)
	if slug == "" {
		slug = "participant"
	}
	return "twohats-results-" + slug + "-" + Date(at) + ".json"
}

// Export is an export's file name: twohats-<workshop>-<CODE>-<date><ext>
// for one workshop (its name slugged, its join code as it is written), or
// twohats-all-<date><ext> for every result on the machine.
func Export(workshopName, code string, at time.Time, ext string) string {
	parts := []string{"twohats"}
	if s := Slug(workshopName); s != "" {
		parts = append(parts, s)
	}
	if c := strings.ToUpper(Slug(code)); c != "" {
		parts = append(parts, c)
	}
	if len(parts) == 1 {
		parts = append(parts, "all")
	}
	return strings.Join(append(parts, Date(at)), "-") + ext
}
