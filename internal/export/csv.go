package export

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/twohats/twohats/game"
)

// The CSV files' names inside the export folder.
const (
	AttemptsCSV = "attempts.csv"
	AnswersCSV  = "answers.csv"
)

// AttemptColumns are attempts.csv's columns, one row per attempt.
var AttemptColumns = []string{
	"workshop", "workshop_name", "participant_id", "participant", "imported",
	"attempt_id", "scenario", "scenario_title", "status", "started_at", "finished_at", "duration_seconds", "answers",
	"fit", "management", "leadership", "reading", "over_managing", "over_leading", "tendency",
	"ending", "ending_title", "ending_outcome", "room",
}

// AnswerColumns are answers.csv's columns, one row per answer.
var AnswerColumns = []string{
	"workshop", "participant_id", "participant", "attempt_id", "scenario",
	"answer_id", "seq", "moment", "calls_for", "diagnosis", "reading",
	"choice", "hat", "craft", "fit", "fitting", "answered_at", "decision_ms", "room_choice",
}

// CSV writes attempts.csv and answers.csv into dir (created if needed):
// UTF-8 with a byte-order mark, RFC 4180 quoting with CRLF line ends, and
// every cell that a spreadsheet would take for a formula neutralised with a
// leading apostrophe. Each file is written beside its final name and then
// renamed, so a failed export never leaves half a file.
func CSV(db Source, lib Library, dir string, o Options) error {
	d, err := loadCSV(db, lib, o)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create the export folder %s: %w", dir, err)
	}
	// the two files are independent: format and write them side by side
	errc := make(chan error, 1)
	go func() {
		errc <- WriteFile(filepath.Join(dir, AttemptsCSV), d.attemptsCSV)
	}()
	err = WriteFile(filepath.Join(dir, AnswersCSV), d.answersCSV)
	if aerr := <-errc; aerr != nil {
		return aerr
	}
	return err
}

// CSVTo writes the two CSV tables to writers, for callers that keep them
// elsewhere than in files.
func CSVTo(db Source, lib Library, attempts, answers io.Writer, o Options) error {
	d, err := loadCSV(db, lib, o)
	if err != nil {
		return err
	}
	if err := d.attemptsCSV(attempts); err != nil {
		return err
	}
	return d.answersCSV(answers)
}

// bom is UTF-8's byte-order mark, which tells spreadsheets the encoding.
const bom = "\ufeff"

// row builds CSV lines: cells are neutralised (SafeCell) and quoted as
// RFC 4180 asks, lines end in CRLF.
type row struct {
	b    []byte
	more bool // a cell is already on the line
}

func (r *row) cell(s string) {
	if r.more {
		r.b = append(r.b, ',')
	}
	r.more = true
	s = SafeCell(s)
	if !needsQuotes(s) {
		r.b = append(r.b, s...)
		return
	}
	r.b = append(r.b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		r.b = append(r.b, s[:i+1]...)
		r.b = append(r.b, '"')
		s = s[i+1:]
	}
	r.b = append(r.b, s...)
	r.b = append(r.b, '"')
}

func (r *row) cells(ss ...string) {
	for _, s := range ss {
		r.cell(s)
	}
}

func (r *row) end() {
	r.b = append(r.b, '\r', '\n')
	r.more = false
}

// needsQuotes: separators, quotes and line breaks must be quoted; so are
// leading or trailing spaces, which some readers would trim.
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	return false
}

// header is a CSV file's first bytes: the byte-order mark and the names.
func header(cols []string) []byte {
	r := row{b: []byte(bom)}
	r.b = append(r.b, strings.Join(cols, ",")...)
	r.end()
	return r.b
}

// loadCSV reads the export and formats each attempt's rows of both files
// on the workers, as its answers arrive.
func loadCSV(db Source, lib Library, o Options) (*dataset, error) {
	return loadEach(db, lib, o, func(d *dataset, a *attempt) {
		var r row
		a.attemptRow(&r, d.workshopName)
		a.csvAttempt = r.b
		r = row{b: make([]byte, 0, 200*len(a.answers))}
		a.answerRows(&r)
		a.csvAnswers = r.b
	})
}

func (d *dataset) attemptsCSV(w io.Writer) error {
	if _, err := w.Write(header(AttemptColumns)); err != nil {
		return err
	}
	for _, a := range d.attempts {
		if _, err := w.Write(a.csvAttempt); err != nil {
			return err
		}
	}
	return nil
}

func (d *dataset) answersCSV(w io.Writer) error {
	if _, err := w.Write(header(AnswerColumns)); err != nil {
		return err
	}
	for _, a := range d.attempts {
		if _, err := w.Write(a.csvAnswers); err != nil {
			return err
		}
	}
	return nil
}

// SafeCell neutralises a cell a spreadsheet would evaluate: one starting
// with =, +, -, @, a tab or a carriage return (also after leading spaces or
// line breaks, and their full-width forms) gets a leading apostrophe, so it
// shows as the text it is.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	if s[0] > ' ' && s[0] < utf8.RuneSelf {
		return s // the common case: plain ASCII that starts harmlessly
	}
	t := strings.TrimLeft(s, " \n\u00a0\u3000\ufeff")
	if t == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20', '\u2212':
		return "'" + s
	}
	return s
}

func score(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func boolCell(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// finishedAt is the record's finish time, or the last answer's when only
// the replay knows the attempt is finished.
func (a *attempt) finishedAt() *time.Time {
	if a.a.FinishedAt != nil || !a.finished() || len(a.answers) == 0 {
		return a.a.FinishedAt
	}
	t := a.answers[len(a.answers)-1].At
	return &t
}

// attemptRow is the attempt's line of attempts.csv.
func (a *attempt) attemptRow(r *row, workshopName func(string) string) {
	r.cells(a.a.Workshop, workshopName(a.a.Workshop), a.p.id, a.p.name, boolCell(a.p.imported),
		a.a.ID, a.a.ScenarioID, a.title(), a.status, stamp(a.a.StartedAt))
	fin := a.finishedAt()
	dur := ""
	if fin != nil && !a.a.StartedAt.IsZero() {
		dur = strconv.FormatFloat(fin.Sub(a.a.StartedAt).Seconds(), 'f', -1, 64)
	}
	r.cells(stampPtr(fin), dur, strconv.Itoa(len(a.answers)))
	if s := a.scores; s != nil {
		r.cells(score(s.Fit), score(s.Management), score(s.Leadership), score(s.Reading), strconv.Itoa(s.OverManaging), strconv.Itoa(s.OverLeading), string(a.tendency))
	} else {
		r.cells("", "", "", "", "", "", "")
	}
	r.cells(a.endingID(), a.endingTitle(), a.endingOutcome(), boolCell(a.a.Room))
	r.end()
}

// answerRows are the attempt's lines of answers.csv.
func (a *attempt) answerRows(r *row) {
	for i, ans := range a.answers {
		r.cells(a.a.Workshop, a.p.id, a.p.name, a.a.ID, a.a.ScenarioID, ans.ID, strconv.Itoa(ans.Seq), ans.Scene)
		s := a.step(i)
		if s != nil {
			r.cells(string(s.Scene.CallsFor), string(ans.Diagnosis))
		} else {
			r.cells("", string(ans.Diagnosis))
		}
		if s != nil && s.Read() {
			r.cells(strconv.Itoa(s.Reading))
		} else {
			r.cells("") // no replay, or a room participant named no reading
		}
		if s != nil && s.Voted() {
			r.cells(ans.Choice, string(s.Choice.Hat), string(craftOf(s.Choice)), strconv.Itoa(s.Fit), boolCell(s.Fit == 100))
		} else {
			r.cells(ans.Choice, "", "", "", "")
		}
		r.cells(stamp(ans.At), strconv.FormatInt(ans.Millis, 10), ans.Played)
		r.end()
	}
}

// craftOf is the choice's craft, sound when the file left it out.
func craftOf(c *game.Choice) game.Craft {
	if c.Craft == "" {
		return game.Sound
	}
	return c.Craft
}
