package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/twohats/twohats/game"
)

// The PDF's parts, for Options.Part.
const (
	PartSummary  = "summary"
	PartDebriefs = "debriefs"
)

// PDF writes a printable PDF to path: the workshop summary (per scenario,
// the room's score distribution and tendencies, and per moment how the room
// read it and what it chose, the fitting choices marked) followed by a
// debrief per participant (per scenario, the latest attempt's four scores
// as a chart, tendency, ending and a moment-by-moment review).
// Options.Part limits it to one of the two.
func PDF(db Source, lib Library, path string, o Options) error {
	switch o.Part {
	case "", PartSummary, PartDebriefs:
	default:
		return fmt.Errorf("the PDF part %q is unknown; use %q, %q or leave it out for both", o.Part, PartSummary, PartDebriefs)
	}
	d, err := load(db, lib, o)
	if err != nil {
		return err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create the folder for %s: %w", path, err)
		}
	}
	return WriteFile(path, func(w io.Writer) error { return d.pdf(w, o.Part) })
}

// PDFTo writes the PDF to a writer.
func PDFTo(db Source, lib Library, w io.Writer, o Options) error {
	d, err := load(db, lib, o)
	if err != nil {
		return err
	}
	return d.pdf(w, o.Part)
}

// Page geometry, in millimetres.
const (
	pageW   = 210.0
	pageH   = 297.0
	margin  = 15.0
	contW   = pageW - 2*margin
	bottomY = pageH - 18.0 // the last y content may reach
)

type rgb struct{ r, g, b int }

var (
	colText   = rgb{33, 37, 41}
	colMuted  = rgb{108, 117, 125}
	colTrack  = rgb{233, 236, 239}
	colGrid   = rgb{206, 212, 218}
	colManage = rgb{37, 99, 171}
	colLead   = rgb{214, 110, 20}
	colBoth   = rgb{123, 76, 160}
	colNone   = rgb{134, 142, 150}
	colFits   = rgb{40, 140, 80}
	colWarn   = rgb{200, 140, 0}
	colBad    = rgb{190, 50, 50}
	colFit    = rgb{20, 120, 120}
)

func hatColor(h game.Hat) rgb {
	switch h {
	case game.Manage:
		return colManage
	case game.Lead:
		return colLead
	case game.Both:
		return colBoth
	}
	return colNone
}

func scoreColor(v int) rgb {
	switch {
	case v >= 100:
		return colFits
	case v >= 50:
		return colWarn
	}
	return colBad
}

// fonts: the Go fonts the PDF embeds, parsed once to know which characters
// they draw: the regular and bold faces, in which names and workshop names
// are drawn.
var (
	fontOnce  sync.Once
	fontFaces []*sfnt.Font
)

// covered reports whether every face the PDF draws user text in has a glyph
// for r.
func covered(buf *sfnt.Buffer, r rune) bool {
	fontOnce.Do(func() {
		for _, ttf := range [][]byte{goregular.TTF, gobold.TTF} {
			if f, err := sfnt.Parse(ttf); err == nil {
				fontFaces = append(fontFaces, f)
			}
		}
	})
	if len(fontFaces) == 0 {
		return r < 0x7f // the fonts do not parse: only ASCII is safe
	}
	for _, f := range fontFaces {
		if gi, err := f.GlyphIndex(buf, r); err != nil || gi == 0 {
			return false
		}
	}
	return true
}

// drawable is a character the PDF can draw as it is: not a control
// character, inside the Basic Multilingual Plane (all fpdf's font subsets
// hold) and in the fonts.
func drawable(buf *sfnt.Buffer, r rune) bool {
	return !unicode.IsControl(r) && r <= 0xFFFF && covered(buf, r)
}

// rightToLeft is a character of a right-to-left script, or a control
// character of the bidirectional algorithm: fpdf neither reorders such text
// nor shapes Arabic, so it would print backwards or unjoined.
func rightToLeft(r rune) bool {
	switch {
	case r == 0x061C || r == 0x200E || r == 0x200F || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069:
		return true
	}
	return unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko,
		unicode.Samaritan, unicode.Mandaic, unicode.Adlam, unicode.Hanifi_Rohingya)
}

// canPrint reports whether the PDF can print s as it is: every character
// is in its fonts and none is right-to-left. Names that fail print as a
// stand-in (standIn), never as question marks.
func canPrint(s string) bool {
	var buf sfnt.Buffer
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' {
			continue
		}
		if rightToLeft(r) || !drawable(&buf, r) {
			return false
		}
	}
	return true
}

// cannotPrint follows a stand-in for a name the PDF cannot print.
const cannotPrint = "(name in a script this PDF cannot print; see the CSV or JSON export)"

// standIn is the legible label that replaces a participant's name the PDF
// cannot print: "Participant " and six characters derived from the id, the
// same in every PDF.
func standIn(id string) string {
	sum := sha256.Sum256([]byte("twohats-pdf-stand-in\x00" + id))
	return pseudonymPrefix + strings.ToUpper(hex.EncodeToString(sum[:3]))
}

// personName is how the PDF prints a participant: their name (the
// pseudonym when pseudonymising) when it can, else their stand-in; stood
// is true for a stand-in.
func personName(id, name string) (label string, stood bool) {
	if canPrint(name) {
		return name, false
	}
	return standIn(id), true
}

// printable replaces what the font cannot draw (emoji, scripts beyond the
// Go fonts, control characters) with one "?" per run of such characters,
// so hostile text cannot break the PDF, and clips to max characters. Names
// and workshop names do not come here unless canPrint passes them.
func printable(s string, max int) string {
	var b strings.Builder
	var buf sfnt.Buffer
	n := 0
	missing := false // the last character written was a "?" for one missing
	for _, r := range s {
		if max > 0 && n == max {
			b.WriteRune('…')
			break
		}
		n++
		switch {
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
			missing = false
			continue
		case !drawable(&buf, r):
			if !missing {
				b.WriteByte('?')
			}
			missing = true
			continue
		}
		missing = false
		b.WriteRune(r)
	}
	return b.String()
}

// outlineText is s for the PDF's outline and metadata, which the viewer
// draws in its own fonts and direction: any script, without control and
// formatting characters, clipped to max characters.
func outlineText(s string, max int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == max {
			b.WriteRune('…')
			break
		}
		switch {
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			r = ' '
		case r > 0xFFFF:
			r = '\uFFFD' // fpdf writes these strings as UCS-2
		}
		b.WriteRune(r)
		n++
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

type doc struct {
	*fpdf.Fpdf
	d       *dataset
	footer  string
	section string
	// workshopStood: the workshop's name cannot be printed, so the title
	// is its code
	workshopStood bool
}

func (d *dataset) pdf(w io.Writer, part string) error {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("go", "", goregular.TTF)
	p.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	p.AddUTF8FontFromBytes("go", "I", goitalic.TTF)
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(false, 0)
	p.SetCreationDate(d.exportedAt)
	p.SetModificationDate(d.exportedAt)
	p.SetCatalogSort(true)
	p.SetCreator("Two Hats", true)
	p.SetLang("en")
	p.AliasNbPages("{nb}")
	title := "Two Hats results"
	meta := title
	footer := "Two Hats · all attempts on this machine"
	stood := false
	if d.workshop != nil {
		code := d.workshop.Code
		name := d.workshopName(code)
		switch {
		case name == "":
			title = "Workshop (" + code + ")"
		case !canPrint(name):
			// the code stands in; the viewer's title bar can show the name
			title, stood = "Workshop "+code, true
		default:
			title = printable(name, 80) + " (" + code + ")"
		}
		meta = title
		if name != "" {
			meta = outlineText(name, 80) + " (" + code + ")"
		}
		footer = "Two Hats · " + title
	}
	if d.pseudonymous {
		footer += " · pseudonymised"
	}
	p.SetTitle(meta, true)
	dc := &doc{Fpdf: p, d: d, footer: footer, workshopStood: stood}
	p.SetFooterFunc(dc.drawFooter)
	if part == "" || part == PartSummary {
		dc.summary(title)
	}
	if part == "" || part == PartDebriefs {
		dc.debriefs()
	}
	if p.PageNo() == 0 {
		dc.newPage("")
		dc.text(12, "", colMuted)
		p.CellFormat(contW, 8, "There are no attempts to show.", "", 1, "L", false, 0, "")
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("make the PDF: %w", err)
	}
	return p.Output(w)
}

func (dc *doc) drawFooter() {
	dc.SetY(pageH - 12)
	dc.text(8, "", colMuted)
	dc.CellFormat(contW*0.75, 5, printable(dc.footer+dc.section, 120), "", 0, "L", false, 0, "")
	dc.CellFormat(contW*0.25, 5, fmt.Sprintf("Page %d of {nb}", dc.PageNo()), "", 0, "R", false, 0, "")
}

func (dc *doc) newPage(section string) {
	dc.section = section
	dc.AddPage()
	dc.SetXY(margin, margin)
}

// need starts a new page when h millimetres do not fit below the cursor.
func (dc *doc) need(h float64) bool {
	if dc.GetY()+h > bottomY {
		dc.newPage(dc.section)
		return true
	}
	return false
}

func (dc *doc) text(size float64, style string, c rgb) {
	dc.SetFont("go", style, size)
	dc.SetTextColor(c.r, c.g, c.b)
}

func (dc *doc) fill(c rgb) { dc.SetFillColor(c.r, c.g, c.b) }
func (dc *doc) draw(c rgb) { dc.SetDrawColor(c.r, c.g, c.b) }

// para writes wrapped text across width w at the cursor's x.
func (dc *doc) para(w, lineH float64, s string) {
	x := dc.GetX()
	for _, line := range dc.SplitText(printable(s, 4000), w) {
		dc.need(lineH)
		dc.SetX(x)
		dc.CellFormat(w, lineH, line, "", 1, "L", false, 0, "")
	}
	dc.SetX(x)
}

// fitText clips s with an ellipsis so it fits in w at the current font.
func (dc *doc) fitText(s string, w float64) string {
	s = printable(s, 400)
	if dc.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if dc.GetStringWidth(string(r[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ") + "…"
}

// check draws a check mark as two strokes.
func (dc *doc) check(x, y, s float64, c rgb) {
	dc.draw(c)
	dc.SetLineWidth(s * 0.18)
	dc.SetLineCapStyle("round")
	dc.Line(x+s*0.08, y+s*0.55, x+s*0.38, y+s*0.85)
	dc.Line(x+s*0.38, y+s*0.85, x+s*0.92, y+s*0.15)
	dc.SetLineWidth(0.2)
	dc.SetLineCapStyle("butt")
}

// swatch draws a small filled square, a legend key.
func (dc *doc) swatch(x, y, s float64, c rgb) {
	dc.fill(c)
	dc.Rect(x, y, s, s, "F")
}

// pct is game.Percent: the app and the terminal round the same way.
func pct(n, of int) string { return game.Percent(n, of) }

// ---- the workshop summary ----

func (dc *doc) summary(title string) {
	d := dc.d
	dc.newPage(" · summary")
	dc.Bookmark("Workshop summary", 0, -1)
	dc.text(9, "", colMuted)
	dc.CellFormat(contW, 5, "TWO HATS · WORKSHOP SUMMARY", "", 1, "L", false, 0, "")
	dc.text(20, "B", colText)
	dc.CellFormat(contW, 10, dc.fitText(title, contW), "", 1, "L", false, 0, "")
	if dc.workshopStood {
		dc.text(9.5, "", colMuted)
		dc.CellFormat(contW, 5, "(workshop "+cannotPrint[1:], "", 1, "L", false, 0, "")
	}
	finished, answers := 0, 0
	for _, a := range d.attempts {
		if a.finished() {
			finished++
		}
		answers += len(a.answers)
	}
	dc.text(10, "", colMuted)
	line := fmt.Sprintf("%s · %s, %d finished · %s · exported %s UTC",
		game.Count(len(d.participants), "participant"), game.Count(len(d.attempts), "attempt"), finished,
		game.Count(answers, "decision"), d.exportedAt.Format("2 Jan 2006 15:04"))
	if d.pseudonymous {
		line += " · names pseudonymised"
	}
	dc.CellFormat(contW, 6, line, "", 1, "L", false, 0, "")
	dc.Ln(2)
	dc.legend()
	dc.Ln(4)

	bySc := map[string][]game.RoomEntry{}
	scs := map[string]*game.Scenario{}
	for _, a := range d.attempts {
		if a.sc == nil {
			continue
		}
		scs[a.sc.ID] = a.sc
		bySc[a.sc.ID] = append(bySc[a.sc.ID], game.RoomEntry{
			Profile: game.Profile{ID: a.p.id, Name: a.p.name, Imported: a.p.imported},
			Attempt: a.a, Answers: a.answers})
	}
	ids := make([]string, 0, len(scs))
	for id := range scs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if scs[ids[i]].Title != scs[ids[j]].Title {
			return scs[ids[i]].Title < scs[ids[j]].Title
		}
		return ids[i] < ids[j]
	})
	for i, id := range ids {
		room := game.BuildRoom(scs[id], bySc[id])
		if i > 0 {
			dc.newPage(" · summary")
		}
		dc.roomSection(room)
	}
	if len(ids) == 0 {
		dc.text(11, "", colMuted)
		dc.CellFormat(contW, 8, "No attempt is at a scenario loaded on this machine.", "", 1, "L", false, 0, "")
	}
}

// legend explains the hat colours once.
func (dc *doc) legend() {
	x, y := margin, dc.GetY()
	dc.text(8.5, "", colMuted)
	for _, k := range []struct {
		c     rgb
		label string
	}{{colManage, "manager hat / Stabilise"}, {colLead, "leader hat / Re-energise"}, {colBoth, "both hats"}, {colNone, "no hat"}} {
		dc.swatch(x, y+1.2, 3, k.c)
		dc.SetXY(x+4, y)
		dc.CellFormat(0, 5.5, k.label, "", 0, "L", false, 0, "")
		x += 6 + dc.GetStringWidth(k.label) + 4
	}
	dc.check(x, y+0.8, 3.8, colFits)
	dc.SetXY(x+4.5, y)
	dc.CellFormat(0, 5.5, "fits the moment (fit 100)", "", 1, "L", false, 0, "")
}

func (dc *doc) roomSection(room game.Room) {
	sc := room.Scenario
	dc.Bookmark(printable(sc.Title, 80), 1, -1)
	dc.text(15, "B", colText)
	dc.CellFormat(contW, 8, dc.fitText(sc.Title, contW), "", 1, "L", false, 0, "")
	dc.text(9.5, "I", colMuted)
	dc.para(contW, 4.6, sc.Summary)
	n, fin := len(room.Participants), 0
	for _, p := range room.Participants {
		if p.Finished {
			fin++
		}
	}
	dc.text(9.5, "", colMuted)
	dc.CellFormat(contW, 6, fmt.Sprintf("%s (latest attempt each), %d finished.", game.Count(n, "participant"), fin), "", 1, "L", false, 0, "")
	dc.Ln(1)
	dc.distribution(room)
	dc.Ln(3)
	dc.tendencies(room)
	dc.Ln(4)
	dc.need(12)
	dc.text(12, "B", colText)
	dc.CellFormat(contW, 7, "Moment by moment", "", 1, "L", false, 0, "")
	dc.Ln(1)
	for i, m := range room.Moments {
		dc.momentBlock(sc, i+1, m)
	}
	dc.participantsTable(room)
}

// distribution draws four histograms: how the room's scores spread.
func (dc *doc) distribution(room game.Room) {
	const h, gap = 38.0, 5.0
	dc.need(h + 14)
	dc.text(12, "B", colText)
	dc.CellFormat(contW, 7, "Score distribution", "", 1, "L", false, 0, "")
	w := (contW - 3*gap) / 4
	y0 := dc.GetY()
	charts := []struct {
		name string
		c    rgb
		get  func(game.Scores) *float64
	}{
		{"Fit", colFit, func(s game.Scores) *float64 { return s.Fit }},
		{"Management", colManage, func(s game.Scores) *float64 { return s.Management }},
		{"Leadership", colLead, func(s game.Scores) *float64 { return s.Leadership }},
		{"Reading", colBoth, func(s game.Scores) *float64 { return s.Reading }},
	}
	for k, ch := range charts {
		var bins [5]int
		var sum float64
		var count int
		for _, p := range room.Participants {
			v := ch.get(p.Scores)
			if v == nil {
				continue
			}
			b := int(*v / 20)
			if b > 4 {
				b = 4
			}
			if b < 0 {
				b = 0
			}
			bins[b]++
			sum += *v
			count++
		}
		dc.histogram(margin+float64(k)*(w+gap), y0, w, h, ch.name, ch.c, bins, sum, count)
	}
	dc.SetXY(margin, y0+h+6)
}

func (dc *doc) histogram(x, y, w, h float64, name string, c rgb, bins [5]int, sum float64, count int) {
	dc.text(9.5, "B", colText)
	dc.SetXY(x, y)
	dc.CellFormat(w, 5, name, "", 0, "L", false, 0, "")
	dc.text(7.5, "", colMuted)
	mean := "no scores"
	if count > 0 {
		mean = fmt.Sprintf("mean %d · %s", game.RoundScore(sum/float64(count)), game.Count(count, "participant"))
	}
	dc.SetXY(x, y+4.5)
	dc.CellFormat(w, 4, mean, "", 0, "L", false, 0, "")
	top, base := y+13, y+h-4
	maxN := 0
	for _, n := range bins {
		maxN = max(maxN, n)
	}
	// axis and gridlines
	dc.draw(colGrid)
	dc.SetLineWidth(0.15)
	for g := 0; g <= 2; g++ {
		gy := base - (base-top)*float64(g)/2
		dc.Line(x, gy, x+w, gy)
	}
	bw := w / 5
	for i, n := range bins {
		if n == 0 {
			continue
		}
		bh := (base - top) * float64(n) / float64(maxN)
		dc.fill(c)
		dc.Rect(x+float64(i)*bw+0.8, base-bh, bw-1.6, bh, "F")
		dc.text(7, "", colText)
		dc.SetXY(x+float64(i)*bw, base-bh-3.6)
		dc.CellFormat(bw, 3.5, fmt.Sprint(n), "", 0, "C", false, 0, "")
	}
	dc.text(6.5, "", colMuted)
	for i, label := range []string{"0–19", "20–39", "40–59", "60–79", "80–100"} {
		dc.SetXY(x+float64(i)*bw, base+0.5)
		dc.CellFormat(bw, 3.5, label, "", 0, "C", false, 0, "")
	}
}

// tendencies draws one stacked bar of the room's tendencies.
func (dc *doc) tendencies(room game.Room) {
	dc.need(20)
	dc.text(12, "B", colText)
	dc.CellFormat(contW, 7, "Tendencies", "", 1, "L", false, 0, "")
	counts := map[game.Tendency]int{}
	for _, p := range room.Participants {
		counts[p.Tendency]++
	}
	kinds := []struct {
		t game.Tendency
		c rgb
	}{{game.Balanced, colFits}, {game.OverManaging, colManage}, {game.OverLeading, colLead}, {game.BothWays, colBoth}}
	total := len(room.Participants)
	x, y := margin, dc.GetY()
	dc.fill(colTrack)
	dc.Rect(x, y, contW, 6, "F")
	if total > 0 {
		for _, k := range kinds {
			n := counts[k.t]
			if n == 0 {
				continue
			}
			w := contW * float64(n) / float64(total)
			dc.fill(k.c)
			dc.Rect(x, y, w, 6, "F")
			if w > 8 {
				dc.text(8, "B", rgb{255, 255, 255})
				dc.SetXY(x, y)
				dc.CellFormat(w, 6, fmt.Sprint(n), "", 0, "C", false, 0, "")
			}
			x += w
		}
	}
	lx := margin
	dc.SetY(y + 7.5)
	dc.text(8.5, "", colMuted)
	if counts[""] > 0 {
		kinds = append(kinds, struct {
			t game.Tendency
			c rgb
		}{"", colTrack})
	}
	for _, k := range kinds {
		label := fmt.Sprintf("%s %d (%s)", k.t.Label(), counts[k.t], pct(counts[k.t], total))
		dc.swatch(lx, y+8.7, 3, k.c)
		dc.SetXY(lx+4, y+7.5)
		dc.CellFormat(0, 5.5, label, "", 0, "L", false, 0, "")
		lx += 4 + dc.GetStringWidth(label) + 7
	}
	dc.SetXY(margin, y+13)
}

// momentBlock draws one moment: how the room read it, what it chose. The
// heading, the why, the readings and the first choice stay together on a
// page; further choices may follow on the next one, under a "continued"
// line, rather than leave the rest of the page blank. Choice texts wrap.
func (dc *doc) momentBlock(sc *game.Scenario, n int, m game.RoomMoment) {
	s := m.Scene
	const rowH, lineH = 5.2, 3.8
	const labelW, barW = 92.0, 62.0
	name := sceneName(sc, s.ID)
	dc.text(9, "", colMuted)
	whyLines := dc.SplitText(printable("Why: "+s.Why, 2000), contW)
	dc.text(8.5, "", colText)
	choiceLines := make([][]string, len(m.Choices))
	for i, rc := range m.Choices {
		choiceLines[i] = dc.SplitText(printable(rc.Choice.Text, 2000), labelW-6)
	}
	rowHeight := func(lines int) float64 { return rowH + float64(max(lines, 1)-1)*lineH }
	// heading, why, two section titles, three readings, the first choice
	keep := 6.5 + float64(len(whyLines))*4.2 + 1 + 5*rowH + 1
	if len(m.Choices) > 0 {
		keep += rowHeight(len(choiceLines[0]))
	}
	dc.need(min(keep, bottomY-margin))
	y := dc.GetY()
	// the heading: number, name, and the call as a coloured badge
	dc.text(10.5, "B", colText)
	head := fmt.Sprintf("%d. %s", n, name)
	dc.SetXY(margin, y)
	dc.CellFormat(contW, 6, dc.fitText(head, contW-70), "", 0, "L", false, 0, "")
	badge := "calls for " + s.CallsFor.Verb() + " (" + s.CallsFor.Label() + ")"
	dc.text(8.5, "B", rgb{255, 255, 255})
	bw := dc.GetStringWidth(badge) + 4
	c := hatColor(s.CallsFor)
	dc.fill(c)
	dc.RoundedRect(margin+contW-bw, y+0.6, bw, 4.8, 1.2, "1234", "F")
	dc.SetXY(margin+contW-bw, y+0.6)
	dc.CellFormat(bw, 4.8, badge, "", 0, "C", false, 0, "")
	dc.SetXY(margin, y+6.5)
	dc.text(9, "", colMuted)
	for _, l := range whyLines {
		dc.CellFormat(contW, 4.2, l, "", 1, "L", false, 0, "")
	}
	dc.Ln(1)
	answered := m.Answered
	barX := margin + labelW + 2
	bar := func(lines []string, count int, c rgb, fits bool, bold bool) {
		yy := dc.GetY()
		style := ""
		if bold {
			style = "B"
		}
		dc.text(8.5, style, colText)
		for j, l := range lines {
			dc.SetXY(margin+4, yy+float64(j)*lineH)
			dc.CellFormat(labelW-4, rowH, l, "", 0, "L", false, 0, "")
		}
		dc.fill(colTrack)
		dc.Rect(barX, yy+1, barW, rowH-2, "F")
		if answered > 0 && count > 0 {
			dc.fill(c)
			dc.Rect(barX, yy+1, barW*float64(count)/float64(answered), rowH-2, "F")
		}
		dc.text(8.5, "", colText)
		dc.SetXY(barX+barW+1.5, yy)
		dc.CellFormat(16, rowH, fmt.Sprintf("%d · %s", count, pct(count, answered)), "", 0, "L", false, 0, "")
		if fits {
			dc.check(barX+barW+18, yy+0.9, 3.6, colFits)
			dc.text(8, "B", colFits)
			dc.SetXY(barX+barW+22, yy)
			dc.CellFormat(0, rowH, "fits", "", 0, "L", false, 0, "")
		}
		dc.SetXY(margin, yy+rowHeight(len(lines)))
	}
	dc.text(8.5, "B", colMuted)
	dc.CellFormat(contW, rowH, fmt.Sprintf("How the room read it (%s)", game.Count(answered, "answer")), "", 1, "L", false, 0, "")
	for _, h := range []game.Hat{game.Manage, game.Lead, game.Both} {
		bar([]string{h.Verb()}, m.Readings[h], hatColor(h), h == s.CallsFor, h == s.CallsFor)
	}
	dc.Ln(1)
	dc.text(8.5, "B", colMuted)
	dc.CellFormat(contW, rowH, "What it chose", "", 1, "L", false, 0, "")
	for i, rc := range m.Choices {
		if dc.need(rowHeight(len(choiceLines[i]))) {
			dc.text(8.5, "B", colMuted)
			dc.CellFormat(contW, rowH, dc.fitText(fmt.Sprintf("%d. %s, continued: what the room chose", n, name), contW), "", 1, "L", false, 0, "")
		}
		yy := dc.GetY()
		dc.swatch(margin+0.5, yy+1.4, 2.4, hatColor(rc.Choice.Hat))
		bar(choiceLines[i], rc.Count, hatColor(rc.Choice.Hat), rc.Fits, false)
	}
	dc.Ln(2)
	dc.draw(colGrid)
	dc.SetLineWidth(0.15)
	dc.Line(margin, dc.GetY(), margin+contW, dc.GetY())
	dc.Ln(3)
}

func (dc *doc) participantsTable(room game.Room) {
	cols := []struct {
		name  string
		w     float64
		align string
	}{{"Participant", 50, "L"}, {"Done", 11, "C"}, {"Fit", 12, "R"}, {"Mgmt", 12, "R"}, {"Lead", 12, "R"}, {"Read", 12, "R"}, {"Tendency", 25, "L"}, {"Ending", 46, "L"}}
	header := func() {
		dc.text(8.5, "B", colMuted)
		for _, c := range cols {
			dc.CellFormat(c.w, 6, c.name, "B", 0, c.align, false, 0, "")
		}
		dc.Ln(6)
	}
	dc.need(30)
	dc.Ln(2)
	dc.text(12, "B", colText)
	dc.CellFormat(contW, 7, "Participants", "", 1, "L", false, 0, "")
	header()
	anyStood := false
	for i, p := range room.Participants {
		if dc.need(5) {
			header()
		}
		if i%2 == 1 {
			dc.fill(rgb{248, 249, 250})
			dc.Rect(margin, dc.GetY(), contW, 5, "F")
		}
		done := "no"
		if p.Finished {
			done = "yes"
		}
		ending := ""
		if p.Ending != "" {
			if e := room.Scenario.Scene(p.Ending); e != nil && e.Title != "" {
				ending = e.Title
			} else {
				ending = p.Ending
			}
		}
		name, stood := personName(p.Profile.ID, p.Profile.Name)
		anyStood = anyStood || stood
		cells := []string{name, done, game.ScoreText(p.Scores.Fit), game.ScoreText(p.Scores.Management), game.ScoreText(p.Scores.Leadership), game.ScoreText(p.Scores.Reading), p.Tendency.Label(), ending}
		dc.text(8.5, "", colText)
		for k, c := range cols {
			dc.CellFormat(c.w, 5, dc.fitText(cells[k], c.w-1.5), "", 0, c.align, false, 0, "")
		}
		dc.Ln(5)
	}
	if anyStood {
		dc.Ln(1)
		dc.text(8.5, "", colMuted)
		dc.para(contW, 4.4, "A name in a script this PDF cannot print is shown as Participant and a six-character id; see the CSV or JSON export for it.")
	}
}

// ---- the debriefs ----

func (dc *doc) debriefs() {
	first := true
	for _, p := range dc.d.participants {
		// the latest attempt per scenario, in the order first played
		latest := map[string]*attempt{}
		var order []string
		for _, a := range p.attempts {
			prev, ok := latest[a.a.ScenarioID]
			if !ok {
				order = append(order, a.a.ScenarioID)
			}
			if !ok || a.a.StartedAt.After(prev.a.StartedAt) || a.a.StartedAt.Equal(prev.a.StartedAt) && a.a.ID > prev.a.ID {
				latest[a.a.ScenarioID] = a
			}
		}
		for k, id := range order {
			a := latest[id]
			dc.newPage(" · debrief")
			if first {
				dc.Bookmark("Debriefs", 0, -1)
				first = false
			}
			if k == 0 {
				// the viewer draws the outline in its own fonts: any script shows
				dc.Bookmark(outlineText(p.name, 60), 1, -1)
			}
			dc.debrief(p, a)
		}
	}
}

func (dc *doc) debrief(p *participant, a *attempt) {
	dc.text(9, "", colMuted)
	dc.CellFormat(contW, 5, "TWO HATS · DEBRIEF", "", 1, "L", false, 0, "")
	name, stood := personName(p.id, p.name)
	dc.text(20, "B", colText)
	dc.CellFormat(contW, 10, dc.fitText(name, contW), "", 1, "L", false, 0, "")
	if stood {
		dc.text(9.5, "", colMuted)
		note := cannotPrint
		if !dc.d.pseudonymous {
			note = strings.TrimSuffix(note, ")") + ", where its participant_id is " + p.id + ")"
		}
		dc.para(contW, 4.6, note)
	}
	dc.text(13, "B", colText)
	dc.CellFormat(contW, 7, dc.fitText(a.title(), contW), "", 1, "L", false, 0, "")
	dc.text(9.5, "", colMuted)
	var status string
	switch {
	case a.finished():
		status = "Finished"
		if fin := a.finishedAt(); fin != nil {
			status += " " + fin.Format("2 Jan 2006, 15:04") + " UTC"
			if m := fin.Sub(a.a.StartedAt).Minutes(); m >= 0 {
				status += fmt.Sprintf(" · %.0f min", math.Max(1, math.Round(m)))
			}
		}
	case a.status == game.StatusScenarioChanged:
		status = "Stopped: the scenario changed since this attempt began"
	default:
		status = fmt.Sprintf("Not finished · started %s UTC", a.a.StartedAt.Format("2 Jan 2006, 15:04"))
	}
	status += " · " + game.Count(len(a.answers), "decision")
	if code := a.a.Workshop; code != "" {
		if name := dc.d.workshopName(code); name != "" && canPrint(name) {
			status += " · " + printable(name, 60)
		} else {
			status += " · workshop " + code
		}
	}
	dc.CellFormat(contW, 5.5, status, "", 1, "L", false, 0, "")
	dc.Ln(3)
	if a.scores == nil {
		dc.text(10, "", colMuted)
		dc.para(contW, 5, "This attempt cannot be scored: its answers no longer replay on the scenario loaded on this machine.")
		return
	}
	dc.scoreChart(*a.scores)
	dc.Ln(3)
	// tendency
	s := *a.scores
	dc.text(11, "B", colText)
	dc.CellFormat(contW, 6, "Tendency: "+a.tendency.Label(), "", 1, "L", false, 0, "")
	dc.text(9.5, "", colText)
	dc.para(contW, 4.8, s.TendencyCounts()+" "+a.tendency.Cost())
	dc.Ln(2)
	if a.ending != nil {
		dc.need(20)
		dc.text(11, "B", colText)
		title := a.ending.Title
		if l := a.ending.Outcome.Label(); l != "" {
			title += " (" + strings.ToLower(l) + ")"
		}
		dc.CellFormat(contW, 6, "Ending: "+dc.fitText(title, contW-20), "", 1, "L", false, 0, "")
		dc.text(9.5, "", colText)
		if a.ending.Away != "" {
			dc.para(contW, 4.8, "The away test: "+plain(a.ending.Away))
		}
		dc.Ln(2)
	}
	dc.review(a)
}

// scoreChart draws the four scores as horizontal bars on a 0–100 scale.
func (dc *doc) scoreChart(s game.Scores) {
	const labelW, rowH, barH = 30.0, 9.5, 4.6
	barW := contW - labelW - 16
	rows := []struct {
		name string
		v    *float64
		c    rgb
		note string
	}{
		{"Fit", s.Fit, colFit, "how well your moves fit the moments"},
		{"Management", s.Management, colManage, "moments that called for the manager hat or both"},
		{"Leadership", s.Leadership, colLead, "moments that called for the leader hat or both"},
		{"Reading", s.Reading, colBoth, "naming what each moment called for"},
	}
	dc.need(4*rowH + 14)
	dc.text(12, "B", colText)
	dc.CellFormat(contW, 7, "Your scores", "", 1, "L", false, 0, "")
	y0 := dc.GetY() + 1
	x0 := margin + labelW
	// gridlines at 0, 25, 50, 75, 100
	dc.draw(colGrid)
	dc.SetLineWidth(0.15)
	for g := 0; g <= 4; g++ {
		gx := x0 + barW*float64(g)/4
		dc.Line(gx, y0, gx, y0+4*rowH-1)
	}
	for i, r := range rows {
		y := y0 + float64(i)*rowH
		dc.text(10, "B", colText)
		dc.SetXY(margin, y)
		dc.CellFormat(labelW, barH, r.name, "", 0, "L", false, 0, "")
		dc.fill(colTrack)
		dc.Rect(x0, y, barW, barH, "F")
		val := game.ScoreText(r.v)
		if r.v != nil {
			dc.fill(r.c)
			dc.Rect(x0, y, barW*(*r.v)/100, barH, "F")
		}
		dc.text(11, "B", colText)
		dc.SetXY(x0+barW+2, y)
		dc.CellFormat(14, barH, val, "", 0, "L", false, 0, "")
		dc.text(7.5, "", colMuted)
		dc.SetXY(x0, y+barH+0.4)
		note := r.note
		if r.v == nil {
			note = "no moment of this kind was played"
		}
		dc.CellFormat(barW, 3.4, note, "", 0, "L", false, 0, "")
	}
	dc.text(6.5, "", colMuted)
	for g := 0; g <= 4; g++ {
		gx := x0 + barW*float64(g)/4
		dc.SetXY(gx-5, y0+4*rowH-0.5)
		dc.CellFormat(10, 3, fmt.Sprint(g*25), "", 0, "C", false, 0, "")
	}
	dc.SetXY(margin, y0+4*rowH+3)
}

// review is the moment-by-moment table.
func (dc *doc) review(a *attempt) {
	dc.need(20)
	dc.text(12, "B", colText)
	dc.CellFormat(contW, 7, "Moment by moment", "", 1, "L", false, 0, "")
	cols := []struct {
		name string
		w    float64
	}{{"#", 7}, {"Moment", 50}, {"Called for", 27}, {"You read it as", 31}, {"Your move", 50}, {"Fit", 15}}
	header := func() {
		dc.text(8.5, "B", colMuted)
		for _, c := range cols {
			dc.CellFormat(c.w, 6, c.name, "B", 0, "L", false, 0, "")
		}
		dc.Ln(6.5)
	}
	header()
	for i := range a.answers {
		st := a.step(i)
		if st == nil {
			continue
		}
		dc.text(8, "I", colMuted)
		textLines := dc.SplitText(printable(movedBy(st), 2000), contW-cols[0].w-2)
		h := 5.0 + float64(len(textLines))*3.6 + 1.2
		if dc.need(h) {
			header()
		}
		y := dc.GetY()
		if i%2 == 0 {
			dc.fill(rgb{248, 249, 250})
			dc.Rect(margin, y, contW, h, "F")
		}
		x := margin
		cell := func(w float64, s string, c rgb, style string) {
			dc.text(8.5, style, c)
			dc.SetXY(x, y)
			dc.CellFormat(w, 5, dc.fitText(s, w-1.5), "", 0, "L", false, 0, "")
			x += w
		}
		cell(cols[0].w, fmt.Sprint(i+1), colMuted, "")
		cell(cols[1].w, sceneName(a.sc, st.Scene.ID), colText, "B")
		cell(cols[2].w, st.Scene.CallsFor.Verb(), hatColor(st.Scene.CallsFor), "B")
		if st.Read() {
			cell(cols[3].w, fmt.Sprintf("%s (%d)", st.Answer.Diagnosis.Verb(), st.Reading), scoreColor(st.Reading), "")
		} else {
			cell(cols[3].w, "no vote", colMuted, "")
		}
		if st.Voted() {
			move := st.Choice.Hat.Label()
			if craftOf(st.Choice) == game.Poor {
				move += ", poorly done"
			}
			cell(cols[4].w, move, hatColor(st.Choice.Hat), "")
			cell(cols[5].w, fmt.Sprint(st.Fit), scoreColor(st.Fit), "B")
		} else {
			cell(cols[4].w, "no vote", colMuted, "")
			cell(cols[5].w, "", colMuted, "")
		}
		if st.Fit == 100 {
			dc.check(x-8, y+0.7, 3.4, colFits)
		}
		dc.text(8, "I", colMuted)
		dc.SetXY(margin+cols[0].w, y+5)
		for _, l := range textLines {
			dc.CellFormat(contW-cols[0].w, 3.6, l, "", 2, "L", false, 0, "")
		}
		dc.SetXY(margin, y+h)
	}
}

// plain flattens the little Markdown scenario prose may hold.
func plain(s string) string {
	s = strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// movedBy is the text under a moment in the summary: the player's move,
// and in a room attempt the room's when it differs.
func movedBy(st *game.Step) string {
	switch {
	case !st.InRoom():
		return st.Choice.Text
	case !st.Voted():
		return "The room played: " + st.Played.Text
	case st.Played != st.Choice:
		return st.Choice.Text + " (The room played: " + st.Played.Text + ")"
	}
	return st.Choice.Text
}
