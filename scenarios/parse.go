package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/twohats/twohats/game"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest scenario file read. Real ones are a few tens of
// kilobytes; anything bigger is almost certainly not a scenario.
const MaxFileSize = 2 << 20

// Problem is one thing wrong with a file, at a place in it.
type Problem struct {
	Path string
	Pos  game.Pos
	Msg  string
	Rule string // the content lint rule, for findings of the lint's judgement rules
}

func (p Problem) String() string {
	if p.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", p.Path, p.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.Path, p.Pos.Line, p.Pos.Col, p.Msg)
}

// Problems is a list of problems that reads as an error.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Pos.Line != ps[j].Pos.Line {
			return ps[i].Pos.Line < ps[j].Pos.Line
		}
		return ps[i].Pos.Col < ps[j].Pos.Col
	})
}

var (
	idRE      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	yamlErrRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// Parse reads and validates one scenario file. It returns the scenario only
// when there are no problems; otherwise every problem found, in file order.
// It never panics, whatever the bytes.
func Parse(path string, data []byte) (sc *game.Scenario, problems Problems) {
	defer func() {
		if r := recover(); r != nil {
			sc = nil
			problems = Problems{{Path: path, Msg: fmt.Sprintf("the file could not be read as YAML (%v).", r)}}
		}
	}()
	p := &parser{path: path}
	sc = p.parse(data)
	if sc == nil && len(p.problems) == 0 {
		p.errPos(game.Pos{Line: 1, Col: 1}, "the file holds no scenario.")
	}
	if len(p.problems) > 0 {
		p.problems.sort()
		return nil, p.problems
	}
	sc.Hash = hashOf(data)
	sc.Path = path
	return sc, nil
}

type parser struct {
	path     string
	problems Problems
	lines    []string // the source, for placing problems inside values
}

func (p *parser) errAt(n *yaml.Node, format string, args ...any) {
	pos := game.Pos{}
	if n != nil {
		pos = game.Pos{Line: n.Line, Col: n.Column}
	}
	p.problems = append(p.problems, Problem{Path: p.path, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) errPos(pos game.Pos, format string, args ...any) {
	p.problems = append(p.problems, Problem{Path: p.path, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func posOf(n *yaml.Node) game.Pos { return game.Pos{Line: n.Line, Col: n.Column} }

func (p *parser) parse(data []byte) *game.Scenario {
	if len(data) > MaxFileSize {
		p.errPos(game.Pos{}, "the file is %d bytes; a scenario file may be at most %d bytes.", len(data), MaxFileSize)
		return nil
	}
	if !utf8.Valid(data) {
		p.errPos(game.Pos{}, "the file is not UTF-8 text; save it as UTF-8.")
		return nil
	}
	p.lines = strings.Split(string(data), "\n")
	if strings.TrimSpace(string(data)) == "" {
		p.errPos(game.Pos{Line: 1, Col: 1}, "the file is empty; a scenario starts with `format: 1`.")
		return nil
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			p.errPos(game.Pos{Line: 1, Col: 1}, "the file holds only comments; a scenario starts with `format: 1`.")
			return nil
		}
		p.yamlError(err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errAt(&extra, "the file holds more than one YAML document; put one scenario in each file.")
	} else if err != io.EOF {
		p.yamlError(err)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		p.errPos(game.Pos{Line: 1, Col: 1}, "the file holds no scenario.")
		return nil
	}
	root := doc.Content[0]
	if n, deep := findAlias(root, 0); n != nil {
		if deep {
			p.errAt(n, "values are nested more than %d levels deep; a scenario never needs that.", maxDepth)
		} else {
			p.errAt(n, "anchors and aliases (& and *) are not supported in scenario files; write each value out in full.")
		}
		return nil
	}
	sc := p.scenario(root)
	if sc != nil {
		sc.Index()
		// conditions are checked whatever else is wrong, so every problem
		// shows at once; the graph checks need a sound file
		p.conditions(sc)
		if len(p.problems) == 0 {
			p.check(sc)
		}
	}
	return sc
}

func (p *parser) yamlError(err error) {
	msg := err.Error()
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if m := yamlErrRE.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			// the YAML parser's "did not find expected ..." errors count the
			// line where the enclosing block starts, 0-based: point at the next
			if strings.Contains(m[2], "did not find expected") || strings.Contains(m[2], "could not find expected") {
				n++
			}
			p.errPos(game.Pos{Line: n, Col: 1}, "this is not valid YAML: %s.", m[2])
			continue
		}
		if line != "" && line != "yaml: unmarshal errors:" {
			p.errPos(game.Pos{}, "this is not valid YAML: %s.", strings.TrimPrefix(line, "yaml: "))
		}
	}
}

// findAlias finds an anchor or alias: scenarios do not need them, and
// refusing them rules out alias bombs. Nesting deeper than any scenario
// needs is refused the same way.
func findAlias(n *yaml.Node, depth int) (found *yaml.Node, deep bool) {
	if depth > maxDepth {
		return n, true
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n, false
	}
	for _, c := range n.Content {
		if a, d := findAlias(c, depth+1); a != nil {
			return a, d
		}
	}
	return nil, false
}

// maxDepth bounds nesting; real scenarios nest about eight levels.
const maxDepth = 64

// fields walks a mapping node, calling set for each known key and reporting
// unknown keys with the list of known ones.
func (p *parser) fields(n *yaml.Node, what string, known []string, set func(key string, k, v *yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		p.errAt(n, "%s must be a mapping of fields (key: value).", what)
		return false
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			p.errAt(k, "the field %q appears twice in %s; the first is at line %d.", k.Value, what, first.Line)
			continue
		}
		seen[k.Value] = k
		if !contains(known, k.Value) {
			p.errAt(k, "unknown field %q in %s; the fields are %s.", k.Value, what, strings.Join(known, ", "))
			continue
		}
		set(k.Value, k, v)
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isNull(v *yaml.Node) bool { return v.Kind == yaml.ScalarNode && v.Tag == "!!null" }

func (p *parser) str(v *yaml.Node, what string) string {
	if v.Kind != yaml.ScalarNode {
		p.errAt(v, "%s must be text.", what)
		return ""
	}
	if isNull(v) || strings.TrimSpace(v.Value) == "" {
		p.errAt(v, "%s is empty.", what)
		return ""
	}
	// text reaches terminals, PDFs and spreadsheets: no escape sequences or
	// other control characters (newlines and tabs are prose)
	if i := strings.IndexFunc(v.Value, func(r rune) bool {
		return r != '\n' && r != '\t' && (unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069)
	}); i >= 0 {
		r, _ := utf8.DecodeRuneInString(v.Value[i:])
		p.errAt(v, "%s contains the control character U+%04X; remove it (only newlines and tabs may appear in text).", what, r)
		return ""
	}
	return v.Value
}

func (p *parser) id(v *yaml.Node, what string) string {
	s := p.str(v, what)
	if s != "" && !idRE.MatchString(s) {
		p.errAt(v, "%s %q must be lower-kebab-case: letters a-z, digits and single hyphens.", what, s)
	}
	return s
}

func (p *parser) integer(v *yaml.Node, what string, lo, hi int) (int, bool) {
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!str") {
		p.errAt(v, "%s must be a whole number.", what)
		return 0, false
	}
	n, err := strconv.Atoi(v.Value)
	if err != nil {
		p.errAt(v, "%s must be a whole number, not %q.", what, v.Value)
		return 0, false
	}
	if n < lo || n > hi {
		p.errAt(v, "%s is %d; it must be between %d and %d.", what, n, lo, hi)
		return n, false
	}
	return n, true
}

func (p *parser) enum(v *yaml.Node, what string, allowed []string) string {
	s := p.str(v, what)
	if s != "" && !contains(allowed, s) {
		p.errAt(v, "%s %q is not one of %s.", what, s, strings.Join(allowed, ", "))
		return ""
	}
	return s
}

func (p *parser) strList(v *yaml.Node, what string, item func(*yaml.Node) string) []string {
	if v.Kind != yaml.SequenceNode {
		p.errAt(v, "%s must be a list, as in [a, b].", what)
		return nil
	}
	var out []string
	for _, c := range v.Content {
		if s := item(c); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (p *parser) meterMap(v *yaml.Node, what string, lo, hi int) map[string]int {
	out := map[string]int{}
	if v.Kind != yaml.MappingNode {
		p.errAt(v, "%s must be a mapping such as {stability: 40, morale: 60}.", what)
		return out
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			p.errAt(k, "the meter %q appears twice in %s; the first is at line %d.", k.Value, what, first.Line)
			continue
		}
		seen[k.Value] = k
		if !game.IsMeter(k.Value) {
			p.errAt(k, "unknown meter %q in %s; the meters are stability, morale and trust.", k.Value, what)
			continue
		}
		if n, ok := p.integer(val, fmt.Sprintf("%s %s", what, k.Value), lo, hi); ok {
			out[k.Value] = n
		}
	}
	return out
}

var (
	scenarioFields = []string{"format", "id", "title", "summary", "situation", "tags", "minutes", "meters", "start", "scenes"}
	sceneFields    = []string{"id", "text", "calls_for", "why", "choices", "next", "ending", "title", "away", "outcome"}
	choiceFields   = []string{"id", "text", "hat", "craft", "fit", "effects", "set", "feedback", "next"}
	branchFields   = []string{"if", "goto"}
	callsFor       = []string{"manage", "lead", "both"}
	outcomes       = []string{"strong", "mixed", "weak"}
	hats           = []string{"manage", "lead", "both", "none"}
	crafts         = []string{"sound", "poor"}
)

func (p *parser) scenario(n *yaml.Node) *game.Scenario {
	sc := &game.Scenario{Meters: map[string]int{}}
	seen := map[string]*yaml.Node{}
	ok := p.fields(n, "the scenario", scenarioFields, func(key string, k, v *yaml.Node) {
		seen[key] = v
		switch key {
		case "format":
			if f, ok := p.integer(v, "format", 0, 1<<30); ok && f != game.Format {
				p.errAt(v, "format %d is not supported; this version of Two Hats reads format %d.", f, game.Format)
			} else {
				sc.Format = f
			}
		case "id":
			sc.ID = p.id(v, "the scenario id")
		case "title":
			sc.Title = p.str(v, "title")
		case "summary":
			sc.Summary = p.str(v, "summary")
		case "situation":
			sc.Situation = p.enum(v, "situation", game.Situations)
		case "tags":
			sc.Tags = p.strList(v, "tags", func(c *yaml.Node) string { return p.str(c, "a tag") })
		case "minutes":
			sc.Minutes, _ = p.integer(v, "minutes", 1, 240)
		case "meters":
			for m, val := range p.meterMap(v, "meters", 0, 100) {
				sc.Meters[m] = val
			}
		case "start":
			sc.Start = p.id(v, "start")
		case "scenes":
			sc.Scenes = p.scenes(v)
		}
	})
	if !ok {
		return nil
	}
	for _, f := range []string{"format", "id", "title", "summary", "situation", "minutes", "start", "scenes"} {
		if seen[f] == nil {
			p.errAt(n, "the scenario has no %s; add `%s:`.", f, f)
		}
	}
	for _, m := range game.Meters {
		if _, set := sc.Meters[m]; !set {
			sc.Meters[m] = game.DefaultMeter
		}
	}
	if start := seen["start"]; start != nil && sc.Start != "" && len(sc.Scenes) > 0 {
		if !hasScene(sc.Scenes, sc.Start) {
			p.errAt(start, "start is %q, which is not a scene in this file.", sc.Start)
		}
	}
	return sc
}

func hasScene(scenes []*game.Scene, id string) bool {
	for _, s := range scenes {
		if s.ID == id {
			return true
		}
	}
	return false
}

func (p *parser) scenes(v *yaml.Node) []*game.Scene {
	if v.Kind != yaml.SequenceNode {
		p.errAt(v, "scenes must be a list of scenes, each starting with `- id:`.")
		return nil
	}
	if len(v.Content) == 0 {
		p.errAt(v, "scenes is empty; a scenario needs at least one moment and one ending.")
		return nil
	}
	var out []*game.Scene
	first := map[string]*yaml.Node{}
	for _, n := range v.Content {
		s := p.scene(n)
		if s == nil {
			continue
		}
		if s.ID != "" {
			if prev, dup := first[s.ID]; dup {
				p.errAt(n, "scene id %q is used twice; the first is at line %d.", s.ID, prev.Line)
			} else {
				first[s.ID] = n
			}
		}
		out = append(out, s)
	}
	// targets are checked once every scene id is known
	for _, s := range out {
		for _, br := range s.Next {
			p.target(first, br)
		}
		for _, c := range s.Choices {
			for _, br := range c.Next {
				p.target(first, br)
			}
		}
	}
	return out
}

func (p *parser) target(ids map[string]*yaml.Node, br game.Branch) {
	if br.Goto != "" && ids[br.Goto] == nil {
		p.errPos(br.GotoPos, "next goes to %q, which is not a scene in this file.", br.Goto)
	}
}

func (p *parser) scene(n *yaml.Node) *game.Scene {
	s := &game.Scene{Pos: posOf(n)}
	seen := map[string]*yaml.Node{}
	var choicesNode, choicesKey *yaml.Node
	ok := p.fields(n, "a scene", sceneFields, func(key string, k, v *yaml.Node) {
		seen[key] = v
		switch key {
		case "id":
			s.ID = p.id(v, "the scene id")
		case "text":
			s.Text = p.str(v, "the scene text")
		case "calls_for":
			s.CallsFor = game.Hat(p.enum(v, "calls_for", callsFor))
		case "why":
			s.Why = p.str(v, "why")
		case "choices":
			choicesNode, choicesKey = v, k
		case "next":
			s.Next = p.next(v)
		case "ending":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				p.errAt(v, "ending must be true or false.")
			} else {
				s.Ending = v.Value == "true"
			}
		case "title":
			s.Title = p.str(v, "the ending title")
		case "away":
			s.Away = p.str(v, "away")
		case "outcome":
			s.Outcome = game.Outcome(p.enum(v, "outcome", outcomes))
		}
	})
	if !ok {
		return nil
	}
	name := "a scene"
	if s.ID != "" {
		name = fmt.Sprintf("scene %q", s.ID)
	} else if seen["id"] == nil {
		p.errAt(n, "a scene has no id; add `id:`.")
	}
	if seen["text"] == nil {
		p.errAt(n, "%s has no text.", name)
	}
	// the calls_for of the scene is needed to check its choices' fit
	if choicesNode != nil {
		s.Choices = p.choices(choicesKey, choicesNode, s, name)
	}
	switch {
	case s.Ending:
		for _, f := range []string{"choices", "next", "calls_for", "why"} {
			if seen[f] != nil {
				p.errAt(seen[f], "%s is an ending, so it cannot have %s.", name, f)
			}
		}
		if seen["title"] == nil {
			p.errAt(n, "ending %s has no title; add `title:`.", name)
		}
		if seen["away"] == nil {
			p.errAt(n, "ending %s has no away test; add `away:` saying what the team does the week you are off.", name)
		}
	case choicesNode != nil:
		if seen["next"] != nil {
			p.errAt(seen["next"], "%s has choices, so it cannot have its own next; each choice says where it goes.", name)
		}
		if seen["calls_for"] == nil {
			p.errAt(n, "%s has choices but no calls_for; say whether the moment calls for manage, lead or both.", name)
		}
		if seen["why"] == nil {
			p.errAt(n, "%s has choices but no why; say in a sentence why the moment calls for that.", name)
		}
		for _, f := range []string{"title", "away", "outcome"} {
			if seen[f] != nil {
				p.errAt(seen[f], "%s is not an ending, so it cannot have %s; add `ending: true` if it is one.", name, f)
			}
		}
	default:
		if seen["next"] == nil {
			p.errAt(n, "%s has no choices, no next and is not an ending; add choices, `next:` or `ending: true`.", name)
		}
		for _, f := range []string{"calls_for", "why", "title", "away", "outcome"} {
			if seen[f] != nil {
				p.errAt(seen[f], "%s is a beat (no choices), so it cannot have %s.", name, f)
			}
		}
	}
	return s
}

// choices reads a moment's choices; at is the `choices:` key, where
// problems with the list as a whole are reported.
func (p *parser) choices(at, v *yaml.Node, s *game.Scene, name string) []*game.Choice {
	if v.Kind != yaml.SequenceNode {
		p.errAt(v, "choices must be a list of choices, each starting with `- id:`.")
		return nil
	}
	if n := len(v.Content); n < 2 || n > 5 {
		p.errAt(at, "%s has %s; a moment needs 2 to 5.", name, plural(n, "choice"))
	}
	var out []*game.Choice
	first := map[string]int{}
	fits := false
	for _, n := range v.Content {
		c := p.choice(n, name)
		if c == nil {
			continue
		}
		if c.ID != "" {
			if line, dup := first[c.ID]; dup {
				p.errAt(n, "choice id %q is used twice in %s; the first is at line %d.", c.ID, name, line)
			} else {
				first[c.ID] = n.Line
			}
		}
		if s.CallsFor != "" && c.Hat != "" && game.ChoiceFit(s.CallsFor, c) == 100 {
			fits = true
		}
		out = append(out, c)
	}
	if s.CallsFor != "" && len(out) > 0 && !fits {
		p.errAt(at, "no choice in %s fits it fully (fit 100); give one choice hat: %s with craft: sound.", name, s.CallsFor)
	}
	return out
}

func (p *parser) choice(n *yaml.Node, scene string) *game.Choice {
	c := &game.Choice{Pos: posOf(n), Craft: game.Sound}
	seen := map[string]*yaml.Node{}
	ok := p.fields(n, "a choice", choiceFields, func(key string, k, v *yaml.Node) {
		seen[key] = v
		switch key {
		case "id":
			c.ID = p.id(v, "the choice id")
		case "text":
			c.Text = p.str(v, "the choice text")
		case "hat":
			c.Hat = game.Hat(p.enum(v, "hat", hats))
		case "craft":
			c.Craft = game.Craft(p.enum(v, "craft", crafts))
		case "fit":
			if f, ok := p.integer(v, "fit", 0, 100); ok {
				c.Fit = &f
			}
		case "effects":
			c.Effects = p.meterMap(v, "effects", -100, 100)
		case "set":
			c.Set = p.strList(v, "set", func(x *yaml.Node) string {
				f := p.id(x, "the flag")
				if game.IsMeter(f) || f == "and" || f == "or" || f == "not" {
					p.errAt(x, "%q cannot be a flag name: it is a meter or a keyword.", f)
					return ""
				}
				return f
			})
		case "feedback":
			c.Feedback = p.str(v, "feedback")
		case "next":
			c.Next = p.next(v)
		}
	})
	if !ok {
		return nil
	}
	name := "a choice"
	if c.ID != "" {
		name = fmt.Sprintf("choice %q", c.ID)
	}
	for _, f := range []string{"id", "text", "hat", "feedback", "next"} {
		if seen[f] == nil {
			p.errAt(n, "%s in %s has no %s; add `%s:`.", name, scene, f, f)
		}
	}
	return c
}

// next reads a scene id or a list of {if, goto} branches ending in an
// unconditional goto. Conditions are parsed later, once flags are known.
func (p *parser) next(v *yaml.Node) game.Next {
	if v.Kind == yaml.ScalarNode {
		id := p.id(v, "next")
		if id == "" {
			return nil
		}
		return game.Next{{Goto: id, Pos: posOf(v), GotoPos: posOf(v)}}
	}
	if v.Kind != yaml.SequenceNode {
		p.errAt(v, "next must be a scene id or a list of `- if: ... goto: ...` branches.")
		return nil
	}
	if len(v.Content) == 0 {
		p.errAt(v, "next is an empty list; end it with an unconditional `- goto: SCENE`.")
		return nil
	}
	var out game.Next
	for i, b := range v.Content {
		br := game.Branch{Pos: posOf(b)}
		var hasIf, hasGoto bool
		p.fields(b, "a branch", branchFields, func(key string, k, val *yaml.Node) {
			switch key {
			case "if":
				hasIf = true
				br.IfText = p.str(val, "the condition")
				br.IfPos = condPos(val)
			case "goto":
				hasGoto = true
				br.Goto = p.id(val, "goto")
				br.GotoPos = posOf(val)
			}
		})
		if b.Kind != yaml.MappingNode {
			continue
		}
		if !hasGoto {
			p.errAt(b, "this branch has no goto; say which scene it leads to.")
		}
		last := i == len(v.Content)-1
		if !hasIf && !last {
			p.errAt(b, "this unconditional goto is not the last branch, so the branches after it can never be taken.")
		}
		if hasIf && last {
			p.errAt(b, "the branch list has no unconditional fallback; end it with `- goto: SCENE` for when no condition holds.")
		}
		out = append(out, br)
	}
	return out
}

// condPos is where a condition's text starts, inside any quotes.
func condPos(v *yaml.Node) game.Pos {
	pos := posOf(v)
	if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		pos.Col++
	}
	return pos
}

// plural writes "1 choice", "2 choices".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// hashOf is a file's content hash as saves record it: hex SHA-256.
func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
