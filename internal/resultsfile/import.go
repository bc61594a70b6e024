package resultsfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/twohats/twohats/game"
)

// Scenarios finds a loaded scenario by its id; nil when none is loaded.
type Scenarios func(id string) *game.Scenario

// Merger is what importing needs of the progress store.
type Merger interface {
	Now() time.Time
	Merge(p game.Profile, logs []game.AttemptLog) (game.MergeStats, error)
}

// FileResult is what became of one file. Err is nil when the file was
// merged; Attempts and Answers count what it added or brought forward;
// Skipped means the file was fine but held nothing new.
type FileResult struct {
	Path     string
	Err      error
	Attempts int
	Answers  int
	Skipped  bool
	NotTried bool // the disk filled up before this file's turn

	// For a merged file: its participant, and its attempts (as replayed
	// here) sorted by what the merge did with each — new here, already here
	// and brought forward (more answers, or finished), already here as
	// they are.
	Participant game.Profile
	Added       []game.Attempt
	Updated     []game.Attempt
	Present     []game.Attempt
}

// FileError is why a file was rejected. Its message starts with the path
// and is a complete sentence.
type FileError struct {
	Path   string
	Reason string // a sentence without the path
	Err    error  // the underlying error, if any
}

func (e *FileError) Error() string { return e.Path + ": " + e.Reason }
func (e *FileError) Unwrap() error { return e.Err }

// ErrRejected is wrapped by every FileError.
var ErrRejected = errors.New("results file rejected")

// Import reads and merges results files, one transaction per file, calling
// progress (when set) after each file. Files are read and checked in
// parallel and merged one at a time in the order given. A file that is not
// a valid results file — not JSON, truncated, a wrong version, over 50 MB,
// duplicate or malformed ids, an unknown scenario, answers that do not
// replay — is rejected whole and changes nothing.
func Import(db Merger, lib Scenarios, paths []string, progress func(done, total int)) []FileResult {
	return ImportEach(db, lib, paths, func(done, total int, _ FileResult) {
		if progress != nil {
			progress(done, total)
		}
	})
}

// sortAttempts sorts a file's attempts by what the merge did with them.
func sortAttempts(logs []game.AttemptLog, stats game.MergeStats) (added, updated, present []game.Attempt) {
	is := func(ids []string, id string) bool {
		for _, x := range ids {
			if x == id {
				return true
			}
		}
		return false
	}
	for _, l := range logs {
		switch a := l.Attempt; {
		case is(stats.Added, a.ID):
			added = append(added, a)
		case is(stats.Updated, a.ID):
			updated = append(updated, a)
		default:
			present = append(present, a)
		}
	}
	return added, updated, present
}

// ImportEach is Import reporting each file's result as soon as it is known,
// for progress lines that say what happened to each file.
func ImportEach(db Merger, lib Scenarios, paths []string, each func(done, total int, r FileResult)) []FileResult {
	out := make([]FileResult, len(paths))
	type checked struct {
		p    game.Profile
		logs []game.AttemptLog
		err  error
	}
	ready := make([]chan checked, len(paths))
	for i := range ready {
		ready[i] = make(chan checked, 1)
	}
	// check ahead in parallel, but bound what is in flight — read, parsed
	// or waiting for the merge — by count and by bytes, so memory stays
	// small whatever the number of files and cores. Budget is taken in file
	// order and returned in merge order, so the merge never waits on a file
	// that cannot get budget.
	workers := min(runtime.GOMAXPROCS(0), 8)
	ahead := make(chan struct{}, 2*workers)
	budget := newBudget(InFlightBytes)
	weights := make([]int64, len(paths))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				p, logs, err := Check(lib, paths[i], db.Now())
				ready[i] <- checked{p, logs, err}
			}
		}()
	}
	go func() {
		for i, path := range paths {
			ahead <- struct{}{}
			weights[i] = weightOf(path)
			budget.take(weights[i])
			jobs <- i
		}
		close(jobs)
	}()
	full := false
	for i, path := range paths {
		c := <-ready[i]
		out[i].Path = path
		if full {
			// the disk filled up: the files after it are not bad, they were
			// not tried
			out[i].NotTried = true
			out[i].Err = reject(path, game.ErrDiskFull, "it was not imported, because the disk filled up before its turn; free some space and import it again.")
		} else if c.err != nil {
			out[i].Err = c.err
		} else {
			stats, err := db.Merge(c.p, c.logs)
			switch {
			case errors.Is(err, game.ErrConflict):
				out[i].Err = reject(path, err, "%s; nothing from this file was imported. The file does not match results already imported — check it is this participant's own file.", sentence(err))
			case errors.Is(err, game.ErrDiskFull):
				full = true
				out[i].Err = reject(path, err, "it could not be saved because the disk is full (%v); nothing from this file was imported, and the files after it were not tried. Free some space and import again.", err)
			case err != nil:
				out[i].Err = reject(path, err, "it could not be saved (%v); nothing from this file was imported. Fix the problem and import the file again.", err)
			default:
				out[i].Attempts, out[i].Answers = stats.Attempts, stats.Answers
				out[i].Skipped = !stats.Changed()
				out[i].Participant = c.p
				out[i].Added, out[i].Updated, out[i].Present = sortAttempts(c.logs, stats)
			}
		}
		c = checked{} // let the parsed file go before the next one is read
		budget.give(weights[i])
		<-ahead
		if each != nil {
			each(i+1, len(paths), out[i])
		}
	}
	wg.Wait()
	return out
}

// InFlightBytes bounds the bytes of results files being read, checked or
// waiting to be merged at once. Parsing costs a few times a file's size, so
// twelve 50 MB files are checked one at a time, and a thousand small ones
// many at a time.
const InFlightBytes = 48 << 20

// weightOf is a file's share of the in-flight budget: its size, at least a
// little (so many tiny files are still bounded) and at most the whole budget.
func weightOf(path string) int64 {
	w := int64(64 << 10)
	if st, err := os.Stat(path); err == nil && st.Size() > w {
		w = st.Size()
	}
	return min(w, InFlightBytes)
}

// budget is a counting semaphore over bytes.
type budget struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int64
}

func newBudget(n int64) *budget {
	b := &budget{free: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *budget) take(n int64) {
	b.mu.Lock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.mu.Unlock()
}

func (b *budget) give(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

func reject(path string, err error, format string, args ...any) *FileError {
	if err == nil {
		err = ErrRejected
	} else {
		err = fmt.Errorf("%w: %w", ErrRejected, err)
	}
	return &FileError{Path: path, Reason: fmt.Sprintf(format, args...), Err: err}
}

// sentence turns an error into the start of a sentence, dropping the
// sentinel's prefix ("conflicting results: ").
func sentence(err error) string {
	s := err.Error()
	if i := strings.Index(s, ": "); i >= 0 && strings.HasPrefix(s, game.ErrConflict.Error()) {
		s = s[i+2:]
	}
	return s
}

// Check reads one results file and checks it completely against the
// library, without touching any database: the profile and the attempt logs
// to merge, replayed (status, ending and scores are the replay's), or a
// *FileError saying why the file cannot be imported.
func Check(lib Scenarios, path string, now time.Time) (game.Profile, []game.AttemptLog, error) {
	data, ferr := read(path)
	if ferr != nil {
		return game.Profile{}, nil, ferr
	}
	return Parse(lib, path, data, now)
}

func read(path string) ([]byte, *FileError) {
	// look before opening: opening a FIFO or a device can block forever
	st, err := os.Stat(path)
	if err != nil {
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, reject(path, err, "the file does not exist; check the name and the folder.")
		case errors.Is(err, os.ErrPermission):
			return nil, reject(path, err, "the file cannot be read (permission denied); copy it somewhere you can read it.")
		}
		return nil, reject(path, err, "the file cannot be opened: %v.", err)
	}
	switch {
	case st.IsDir():
		return nil, reject(path, nil, "this is a folder, not a results file; name the .json files inside it.")
	case !st.Mode().IsRegular():
		return nil, reject(path, nil, "this is not a regular file (it is a %s), so it is not a results file; copy the participant's .json file here instead.", fileKind(st.Mode()))
	case st.Size() > MaxFileSize:
		return nil, reject(path, nil, "the file is %s bytes; a results file may be at most %s bytes (50 MiB), so this is not a Two Hats results file.", thousands(st.Size()), thousands(MaxFileSize))
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return nil, reject(path, err, "the file cannot be read (permission denied); copy it somewhere you can read it.")
		}
		return nil, reject(path, err, "the file cannot be opened: %v.", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, reject(path, err, "the file changed while it was being opened; import it again.")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, reject(path, err, "the file cannot be read: %v.", err)
	}
	if len(data) > MaxFileSize {
		return nil, reject(path, nil, "the file grew past %s bytes (50 MiB) while it was read, so it is not a Two Hats results file.", thousands(MaxFileSize))
	}
	return data, nil
}

// fileKind names a special file for a message.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "socket"
	case m&os.ModeDevice != 0:
		return "device"
	case m&os.ModeSymlink != 0:
		return "symbolic link"
	}
	return "special file"
}

// thousands writes n with comma separators: 52,428,800.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Parse checks a results file's bytes; path is only used in messages and
// now is the importer's clock, to refuse files from the future.
func Parse(lib Scenarios, path string, data []byte, now time.Time) (game.Profile, []game.AttemptLog, error) {
	bad := func(format string, args ...any) (game.Profile, []game.AttemptLog, error) {
		return game.Profile{}, nil, reject(path, nil, format, args...)
	}
	if lib == nil {
		return bad("no scenarios are loaded to check the answers against.")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return bad("the file is empty; ask the participant to export their results again.")
	}
	if trimmed[0] != '{' {
		return bad("the file is not JSON, so it is not a Two Hats results file; results files are the .json files that the app's “Export my results file…” or the terminal's 'twohats results' writes.")
	}
	if !utf8.Valid(data) {
		return bad("the file is not UTF-8 text, so it is not a Two Hats results file.")
	}
	var probe struct {
		Format  *string          `json:"format"`
		Version *json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return syntaxProblem(path, data, err)
	}
	if probe.Format == nil || *probe.Format != Kind {
		return bad("the file is JSON but not a Two Hats results file (it has no \"format\": %q); export the results from Two Hats.", Kind)
	}
	if probe.Version == nil {
		return bad("the results file has no version; export it again with Two Hats.")
	}
	var version int
	if err := json.Unmarshal(*probe.Version, &version); err != nil {
		return bad("the results file's version %s is not a whole number; export it again with Two Hats.", clip(string(*probe.Version), 20))
	}
	switch {
	case version > Version:
		return bad("the results file has version %d, written by a newer Two Hats than this one (which reads version %d); update Two Hats, then import it again.", version, Version)
	case version < 1:
		return bad("the results file has version %d, which no Two Hats writes; export it again with Two Hats.", version)
	}
	if err := checkKeys(data); err != nil {
		return bad("%v; the file was changed by hand or damaged, so export it again.", err)
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return bad("the field %q holds %s where a %s belongs; the file was changed by hand or damaged, so export it again.", te.Field, te.Value, te.Type)
		}
		if strings.HasPrefix(err.Error(), "json: unknown field ") {
			return bad("the file has the unexpected field %s; the file was changed by hand or damaged, so export it again.", strings.TrimPrefix(err.Error(), "json: unknown field "))
		}
		return syntaxProblem(path, data, err)
	}
	if dec.More() {
		return bad("the file has more after its JSON object; the file was changed by hand or damaged, so export it again.")
	}
	return validate(lib, path, &f, now)
}

// checkKeys walks the JSON and refuses a key written twice in one object,
// or written in another case than Two Hats writes it: encoding/json would
// quietly let the last one, or "NAME" for "name", win.
func checkKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		key    bool // the next string token in this object is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return nil // the decoder reports syntax problems with positions
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				if top != nil && top.object {
					top.key = true
				}
				stack = append(stack, &frame{object: d == '{', keys: map[string]bool{}, key: d == '{'})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if top == nil || !top.object {
			continue
		}
		if !top.key {
			top.key = true // that was a value; a key comes next
			continue
		}
		k, _ := tok.(string)
		if strings.ToLower(k) != k {
			return fmt.Errorf("the field %q is not spelled the way Two Hats writes it (lower case)", clip(k, 40))
		}
		if top.keys[k] {
			return fmt.Errorf("the field %q is written twice in one place", clip(k, 40))
		}
		top.keys[k] = true
		top.key = false
	}
}

func syntaxProblem(path string, data []byte, err error) (game.Profile, []game.AttemptLog, error) {
	var se *json.SyntaxError
	if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input") {
		return game.Profile{}, nil, reject(path, err, "the file is truncated: it ends before its JSON is complete (it was cut off while copying or saving); ask the participant to export it again.")
	}
	if errors.As(err, &se) {
		line, col := lineCol(data, se.Offset)
		return game.Profile{}, nil, reject(path, err, "the file is not valid JSON at line %d, column %d (%s); ask the participant to export it again.", line, col, se.Error())
	}
	return game.Profile{}, nil, reject(path, err, "the file is not valid JSON (%v); ask the participant to export it again.", err)
}

func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col := 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// checkUUID accepts only the canonical, lower- or upper-case 36-character
// form of an RFC 4122 UUID (what Two Hats writes, and what xAPI needs for
// statement ids), and never the nil UUID.
func checkUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	u, err := uuid.Parse(s)
	return err == nil && u != uuid.Nil && u.Variant() == uuid.RFC4122
}

// idRE is the form of scene and choice ids (scenarios' lower-kebab-case).
var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// isID reports whether s can be a scene's or a choice's id.
func isID(s string) bool { return len(s) <= 200 && idRE.MatchString(s) }

func parseTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() < 2000 || t.Year() > 9999 {
		return time.Time{}, false
	}
	return t.UTC().Truncate(time.Millisecond), true
}

// Clock limits for the times in a results file. All of a file's times come
// from one machine's clock, so their order is checked exactly; only the
// export time is compared with the importer's clock, with a day's slack for
// a laptop whose clock is off.
const (
	MaxClockAhead = 24 * time.Hour // an export time may be this far past the importer's clock
	ExportSkew    = time.Minute    // other times may be this far past the export time
)

func validate(lib Scenarios, path string, f *File, now time.Time) (game.Profile, []game.AttemptLog, error) {
	bad := func(format string, args ...any) (game.Profile, []game.AttemptLog, error) {
		return game.Profile{}, nil, reject(path, nil, format, args...)
	}
	const again = "the file was changed by hand or damaged, so ask the participant to export it again."
	exported, ok := parseTime(f.ExportedAt)
	if !ok {
		return bad("the file's exported_at %q is not a time; %s", clip(f.ExportedAt, 40), again)
	}
	if !now.IsZero() && exported.After(now.Add(MaxClockAhead)) {
		return bad("the file says it was exported at %s, which is in the future; check the clock of the participant's computer and export it again.", f.ExportedAt)
	}
	future := func(t time.Time) bool { return t.After(exported.Add(ExportSkew)) }
	seen := map[string]string{}
	id := func(v, what string) error {
		if !checkUUID(v) {
			return reject(path, nil, "%s has the id %q, which is not a UUID; %s", what, clip(v, 40), again)
		}
		k := strings.ToLower(v)
		if prev, dup := seen[k]; dup {
			return reject(path, nil, "%s has the id %s, which %s already uses; ids must be unique, so %s", what, v, prev, again)
		}
		seen[k] = what
		return nil
	}
	if err := id(f.Profile.ID, "the profile"); err != nil {
		return game.Profile{}, nil, err
	}
	name, err := game.CleanName(f.Profile.Name)
	if err != nil {
		return bad("the participant's name cannot be used (%v); %s", err, again)
	}
	created, ok := parseTime(f.Profile.CreatedAt)
	if !ok {
		return bad("the profile's created_at %q is not a time; %s", clip(f.Profile.CreatedAt, 40), again)
	}
	if future(created) {
		return bad("the profile was created at %s, after the file was exported (%s); %s", f.Profile.CreatedAt, f.ExportedAt, again)
	}
	workshop := func(code, what string) (string, error) {
		if code == "" {
			return "", nil
		}
		c := game.NormalizeCode(code)
		if !game.ValidCode(c) {
			return "", reject(path, nil, "%s has the workshop code %q, which is not a join code; %s", what, clip(code, 20), again)
		}
		return c, nil
	}
	pws, err := workshop(f.Profile.Workshop, "the profile")
	if err != nil {
		return game.Profile{}, nil, err
	}
	p := game.Profile{ID: strings.ToLower(f.Profile.ID), Name: name, Workshop: pws, CreatedAt: created, Imported: true}
	logs := make([]game.AttemptLog, 0, len(f.Attempts))
	for i, fa := range f.Attempts {
		what := fmt.Sprintf("attempt %d", i+1)
		if err := id(fa.ID, what); err != nil {
			return game.Profile{}, nil, err
		}
		sc := lib(fa.Scenario)
		if sc == nil {
			return bad("%s is at the scenario %q, which is not loaded here; add that scenario's file to your scenarios folder (the app's Settings, or 'twohats list' in a terminal, shows where), then import again.", what, clip(fa.Scenario, 60))
		}
		ws, err := workshop(fa.Workshop, what)
		if err != nil {
			return game.Profile{}, nil, err
		}
		started, ok := parseTime(fa.StartedAt)
		if !ok {
			return bad("%s has the start time %q, which is not a time; %s", what, clip(fa.StartedAt, 40), again)
		}
		switch {
		case future(started):
			return bad("%s started at %s, after the file was exported (%s); %s", what, fa.StartedAt, f.ExportedAt, again)
		case started.Before(created):
			return bad("%s started at %s, before its participant's profile was created (%s); %s", what, fa.StartedAt, f.Profile.CreatedAt, again)
		}
		switch fa.Status {
		case game.StatusOpen, game.StatusFinished, game.StatusScenarioChanged:
		default:
			return bad("%s has the status %q; it must be open, finished or scenario-changed; %s", what, clip(fa.Status, 30), again)
		}
		a := game.Attempt{ID: strings.ToLower(fa.ID), ProfileID: p.ID, ScenarioID: sc.ID, ScenarioHash: fa.ScenarioHash,
			Seed: fa.Seed, StartedAt: started, Workshop: ws, Status: game.StatusOpen, Room: fa.Room}
		if len(a.ScenarioHash) > 128 {
			return bad("%s has a scenario_hash of %d characters; %s", what, len(a.ScenarioHash), again)
		}
		log := make([]game.Answer, 0, len(fa.Answers))
		saved := make([]game.SavedAnswer, 0, len(fa.Answers))
		for j, fan := range fa.Answers {
			awhat := fmt.Sprintf("answer %d of %s", j+1, what)
			if err := id(fan.ID, awhat); err != nil {
				return game.Profile{}, nil, err
			}
			if fan.Seq != j+1 {
				return bad("%s has the position %d, but answers must be numbered 1, 2, 3… in order; %s", awhat, fan.Seq, again)
			}
			at, ok := parseTime(fan.At)
			if !ok {
				return bad("%s has the time %q, which is not a time; %s", awhat, clip(fan.At, 40), again)
			}
			prev := started
			if j > 0 {
				prev = log[j-1].At
			}
			switch {
			case future(at):
				return bad("%s was given at %s, after the file was exported (%s); %s", awhat, fan.At, f.ExportedAt, again)
			case at.Before(prev):
				return bad("%s was given at %s, before the attempt started or the answer before it; %s", awhat, fan.At, again)
			}
			if fan.Millis < 0 || fan.Millis > 1000*60*60*24*365 {
				return bad("%s took %d milliseconds, which is impossible; %s", awhat, fan.Millis, again)
			}
			if fan.Played != "" && !fa.Room {
				return bad("%s carries a room's choice, but the attempt was not played in a room; %s", awhat, again)
			}
			if fa.Room && fan.Played == "" {
				return bad("%s of a room attempt has no room's choice; %s", awhat, again)
			}
			ans := game.Answer{Scene: fan.Scene, Diagnosis: game.Hat(fan.Diagnosis), Choice: fan.Choice, Played: fan.Played, At: at, Millis: fan.Millis}
			log = append(log, ans)
			saved = append(saved, game.SavedAnswer{ID: strings.ToLower(fan.ID), Seq: fan.Seq, Answer: ans})
		}
		st, rerr := game.Replay(sc, a.Seed, log)
		switch {
		case rerr != nil && fa.Status == game.StatusScenarioChanged && fa.ScenarioHash != sc.Hash:
			// the participant's app closed this attempt because its scenario
			// changed; the log fits the old content, not this one: keep it,
			// once its answers at least have the form of answers
			for j, ans := range log {
				awhat := fmt.Sprintf("answer %d of %s", j+1, what)
				room := ans.Played != ""
				switch {
				case ans.Diagnosis == game.Manage, ans.Diagnosis == game.Lead, ans.Diagnosis == game.Both:
				case ans.Diagnosis == "" && room:
				default:
					return bad("%s has the diagnosis %q; it must be manage, lead or both; %s", awhat, clip(string(ans.Diagnosis), 20), again)
				}
				if !isID(ans.Scene) {
					return bad("%s is at the scene %q, which is not a scene id; %s", awhat, clip(ans.Scene, 40), again)
				}
				if room && !isID(ans.Played) {
					return bad("%s has the room's choice %q, which is not a choice id; %s", awhat, clip(ans.Played, 40), again)
				}
				if !isID(ans.Choice) && !(room && ans.Choice == "") {
					return bad("%s has the choice %q, which is not a choice id; %s", awhat, clip(ans.Choice, 40), again)
				}
			}
			a.Status = game.StatusScenarioChanged
		case rerr != nil:
			return bad("the answers of %s (scenario %q) do not replay on the scenario loaded here: %v. Ask the participant to export again, or load the same version of the scenario.", what, sc.ID, rerr)
		case st.Done:
			a.Status = game.StatusFinished
			a.Ending = st.Ending().ID
			sco := st.Scores()
			a.Scores = &sco
		case fa.Status == game.StatusScenarioChanged:
			a.Status = game.StatusScenarioChanged
		}
		if a.Status != game.StatusOpen {
			last := started
			if len(log) > 0 {
				last = log[len(log)-1].At
			}
			fin, ok := parseTime(fa.FinishedAt)
			switch {
			case fa.FinishedAt == "":
				fin = last
			case !ok:
				return bad("%s has the finish time %q, which is not a time; %s", what, clip(fa.FinishedAt, 40), again)
			case fin.Before(last):
				return bad("%s finished at %s, before it started or before its last answer; %s", what, fa.FinishedAt, again)
			case future(fin):
				return bad("%s finished at %s, after the file was exported (%s); %s", what, fa.FinishedAt, f.ExportedAt, again)
			}
			a.FinishedAt = &fin
		}
		logs = append(logs, game.AttemptLog{Attempt: a, Answers: saved})
	}
	return p, logs, nil
}
