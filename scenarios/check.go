package scenarios

import (
	"errors"
	"strings"

	"github.com/twohats/twohats/game"
)

// conditions parses every branch condition; it needs the full set of flags.
func (p *parser) conditions(sc *game.Scenario) {
	flags := sc.Flags()
	names := game.Names{IsMeter: game.IsMeter, IsFlag: func(s string) bool { return flags[s] }}
	parse := func(next game.Next) {
		for i := range next {
			br := &next[i]
			if br.IfText == "" {
				continue
			}
			c, err := game.ParseCond(br.IfText, names)
			if err != nil {
				pos := br.IfPos
				var ce *game.CondError
				if errors.As(err, &ce) && p.onOneLine(*br) {
					pos.Col += ce.Offset
				}
				p.errPos(pos, "in the condition %q: %s.", br.IfText, err)
				continue
			}
			br.If = c
		}
	}
	for _, s := range sc.Scenes {
		parse(s.Next)
		for _, c := range s.Choices {
			parse(c.Next)
		}
	}
}

// check runs the whole-file rules once every field is sound: reachability
// from start, and an ending reachable from every scene.
func (p *parser) check(sc *game.Scenario) {
	reached := reachable(sc, sc.Start)
	for _, s := range sc.Scenes {
		if !reached[s.ID] {
			p.errPos(s.Pos, "scene %q cannot be reached from the start scene %q; link to it or remove it.", s.ID, sc.Start)
		}
	}
	ends := canEnd(sc)
	if len(sc.Endings()) == 0 {
		p.errPos(game.Pos{Line: 1, Col: 1}, "the scenario has no ending; mark at least one scene with `ending: true`.")
		return
	}
	for _, s := range sc.Scenes {
		if reached[s.ID] && !ends[s.ID] {
			p.errPos(s.Pos, "no ending can be reached from scene %q; every path must lead to a scene with `ending: true`.", s.ID)
		}
	}
	p.beatLoops(sc)
}

// beatLoops refuses a loop made only of beats: beats change no meter and no
// flag, so a story that goes round such a loop once goes round it forever.
func (p *parser) beatLoops(sc *game.Scenario) {
	const (
		unseen = iota
		open
		closed
	)
	state := map[string]int{}
	var visit func(s *game.Scene) bool
	visit = func(s *game.Scene) bool {
		state[s.ID] = open
		for _, b := range s.Next {
			t := sc.Scene(b.Goto)
			if t == nil || t.IsMoment() || t.Ending {
				continue
			}
			switch state[t.ID] {
			case open:
				p.errPos(t.Pos, "scene %q is on a loop of beats with no moment in it; the story would go round it forever, so put a moment or an ending in the loop.", t.ID)
				return true
			case unseen:
				if visit(t) {
					return true
				}
			}
		}
		state[s.ID] = closed
		return false
	}
	for _, s := range sc.Scenes {
		if !s.IsMoment() && !s.Ending && state[s.ID] == unseen {
			if visit(s) {
				return
			}
		}
	}
}

// onOneLine reports whether a condition's text appears verbatim on its
// source line, so an offset into it is also a column offset. Conditions
// folded over lines or written with escapes are reported at their start.
func (p *parser) onOneLine(br game.Branch) bool {
	if br.IfPos.Line < 1 || br.IfPos.Line > len(p.lines) {
		return false
	}
	line := p.lines[br.IfPos.Line-1]
	col := br.IfPos.Col - 1
	return col >= 0 && col <= len(line) && strings.HasPrefix(line[col:], br.IfText)
}

// Successors lists every scene a scene may lead to, over all its choices
// and branches.
func Successors(s *game.Scene) []string {
	var out []string
	for _, b := range s.Next {
		out = append(out, b.Goto)
	}
	for _, c := range s.Choices {
		for _, b := range c.Next {
			out = append(out, b.Goto)
		}
	}
	return out
}

func reachable(sc *game.Scenario, from string) map[string]bool {
	seen := map[string]bool{}
	stack := []string{from}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		s := sc.Scene(id)
		if s == nil || seen[id] {
			continue
		}
		seen[id] = true
		stack = append(stack, Successors(s)...)
	}
	return seen
}

// canEnd marks the scenes from which some ending is reachable.
func canEnd(sc *game.Scenario) map[string]bool {
	preds := map[string][]string{}
	for _, s := range sc.Scenes {
		for _, t := range Successors(s) {
			preds[t] = append(preds[t], s.ID)
		}
	}
	ok := map[string]bool{}
	var stack []string
	for _, e := range sc.Endings() {
		stack = append(stack, e.ID)
	}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if ok[id] {
			continue
		}
		ok[id] = true
		stack = append(stack, preds[id]...)
	}
	return ok
}
