package scenarios

import (
	"fmt"
	"strings"

	"github.com/twohats/twohats/game"
)

// The content lint's rules about judgement (lint version 2). Each finding
// carries its rule, so tests and tools can tell the rules apart.
const (
	RuleLengthRank    = "length-rank"    // 1: no length rank holds the key too often
	RuleShallowReader = "shallow-reader" // 2: a word classifier does not find the key
	RuleClauses       = "clauses"        // 3: justifications and absolutes spread evenly
	RuleHedges        = "hedges"         // 4: both-hat moves tempting and not safe
	RulePartialCredit = "partial-credit" // 5: good moves that are not the lesson
	RuleEndings       = "endings"        // 6: outcomes, and gates no one-hat policy passes
	RuleMeters        = "meters"         // 7: meters stay informative on the best path
	RuleFlags         = "flags"          // 8: every flag set is read
)

// Limits of the judgement rules.
const (
	LengthRankLimit     = 0.35 // share of moments one length rank may hold the key in
	ShallowReaderLimit  = 0.40 // library-wide hit rate of the word classifier
	ClauseGapLimit      = 0.10 // gap between keys and other choices, each pattern
	HedgeShare          = 1.0 / 3
	MinPartialCredit    = 2
	PartialCreditMin    = 40
	PartialCreditMax    = 80
	MaxPinnedMoments    = 2
	maxSimulatedAnswers = 200
)

// IsKey reports whether a choice fits its moment fully.
func IsKey(s *game.Scene, c *game.Choice) bool { return game.ChoiceFit(s.CallsFor, c) == 100 }

// lintJudgement applies rules 4–8 to one scenario.
func lintJudgement(sc *game.Scenario) Problems {
	var ps Problems
	add := func(rule string, pos game.Pos, format string, args ...any) {
		ps = append(ps, Problem{Path: sc.Path, Pos: pos, Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	top := game.Pos{Line: 1, Col: 1}

	// 4: hedges tempting and not safe
	single, hedged := 0, 0
	partial := 0
	for _, s := range sc.Moments() {
		for _, c := range s.Choices {
			if c.Fit != nil && *c.Fit >= PartialCreditMin && *c.Fit <= PartialCreditMax {
				partial++
			}
		}
		if s.CallsFor != game.Both {
			single++
			for _, c := range s.Choices {
				if c.Hat == game.Both && c.Craft == game.Sound && !IsKey(s, c) {
					hedged++
					break
				}
			}
			continue
		}
		unsafe := false
		for _, c := range s.Choices {
			if c.Hat == game.Both && !IsKey(s, c) && (c.Fit != nil || c.Craft == game.Poor) {
				unsafe = true
			}
		}
		if !unsafe {
			add(RuleHedges, s.Pos, "moment %q calls for both hats but every both-hat choice fits it; add a both-hat choice that does not fit (the two in the wrong order, or done badly) with a fit: override or craft: poor, and feedback that says why.", s.ID)
		}
	}
	if single > 0 && float64(hedged) < HedgeShare*float64(single) {
		add(RuleHedges, top, "a sound both-hat choice is offered in %d of %d single-hat moments; offer one in at least a third of them, so answering both is tempting and not safe.", hedged, single)
	}

	// 5: partial credit
	if partial < MinPartialCredit {
		add(RulePartialCredit, top, "the scenario has %s with a fit: override between %d and %d; give at least %d good moves that are not what the moment needed most a partial fit, and say so in their feedback.", game.Count(partial, "choice"), PartialCreditMin, PartialCreditMax, MinPartialCredit)
	}

	// 6: endings and their gates
	strong, weak := false, false
	for _, e := range sc.Endings() {
		switch e.Outcome {
		case game.Strong:
			strong = true
		case game.Weak:
			weak = true
		case "":
			add(RuleEndings, e.Pos, "ending %q has no outcome; add `outcome: strong`, `mixed` or `weak`.", e.ID)
		}
	}
	if !strong || !weak {
		add(RuleEndings, top, "the scenario needs at least one strong and one weak ending (outcome: strong, outcome: weak).")
	}
	for _, pol := range Policies {
		end, _, err := Simulate(sc, pol.Pick)
		switch {
		case err != nil:
			add(RuleEndings, top, "%s cannot be played through: %v.", pol.Name, err)
		case pol.Name == BestPolicy && end.Outcome != game.Strong:
			add(RuleEndings, end.Pos, "the best path (the fitting choice at every moment) ends at %q, which is not a strong ending; the fitting path must reach a strong ending.", end.ID)
		case pol.Name != BestPolicy && end.Outcome == game.Strong:
			add(RuleEndings, end.Pos, "%s reaches the strong ending %q; gate it on all three meters or on the flags the key choices set, so one habit played throughout cannot reach it.", pol.Name, end.ID)
		}
	}

	// 7: meters informative on the best path
	if _, steps, err := Simulate(sc, Policies[0].Pick); err == nil {
		for m, name := range game.Meters {
			run := 0
			for _, st := range steps {
				if v := st.After[m]; v == 0 || v == 100 {
					run++
				} else {
					run = 0
				}
				if run == MaxPinnedMoments+1 {
					add(RuleMeters, st.Scene.Pos, "on the best path %s sits at %d for %d moments in a row by moment %q; size the effects so it stays informative.", name, st.After[m], run, st.Scene.ID)
				}
			}
		}
	}

	// 8: every flag that is set is read
	read := map[string]bool{}
	collect := func(next game.Next) {
		for _, b := range next {
			_, flags := game.CondMentions(b.If)
			for _, f := range flags {
				read[f] = true
			}
		}
	}
	for _, s := range sc.Scenes {
		collect(s.Next)
		for _, c := range s.Choices {
			collect(c.Next)
		}
	}
	reported := map[string]bool{}
	for _, s := range sc.Scenes {
		for _, c := range s.Choices {
			for _, f := range c.Set {
				if !read[f] && !reported[f] {
					reported[f] = true
					add(RuleFlags, c.Pos, "the flag %q is set by choice %q but no condition reads it; read it in a later `if:` or remove it.", f, c.ID)
				}
			}
		}
	}
	return ps
}

// Policy is a way of playing: which choice to take at a moment.
type Policy struct {
	Name string
	Pick func(s *game.Scene) *game.Choice
}

// BestPolicy is the name of the fitting path.
const BestPolicy = "the best path"

// Policies are the best path and the shallow habits that must not reach a
// strong ending: one hat throughout, always both, always the longest or
// the shortest choice.
var Policies = []Policy{
	{BestPolicy, func(s *game.Scene) *game.Choice { return pickBest(s, s.Choices) }},
	{"always taking the manager-hat choice", hatPolicy(game.Manage)},
	{"always taking the leader-hat choice", hatPolicy(game.Lead)},
	{"always taking a both-hat choice", hatPolicy(game.Both)},
	{"always taking the longest choice", func(s *game.Scene) *game.Choice { return byLength(s, true) }},
	{"always taking the shortest choice", func(s *game.Scene) *game.Choice { return byLength(s, false) }},
}

// hatPolicy takes a choice in the hat, sound where there is one; a moment
// with no choice in the hat gets its best choice, so the policy is a
// player who wears the hat wherever they can and otherwise plays well.
func hatPolicy(h game.Hat) func(*game.Scene) *game.Choice {
	return func(s *game.Scene) *game.Choice {
		var sound, any []*game.Choice
		for _, c := range s.Choices {
			if c.Hat == h {
				any = append(any, c)
				if c.Craft == game.Sound {
					sound = append(sound, c)
				}
			}
		}
		switch {
		case len(sound) > 0:
			return pickBest(s, sound)
		case len(any) > 0:
			return pickBest(s, any)
		}
		return pickBest(s, s.Choices)
	}
}

// pickBest is the highest-fitting of the choices, the first on a tie.
func pickBest(s *game.Scene, cs []*game.Choice) *game.Choice {
	var pick *game.Choice
	for _, c := range cs {
		if pick == nil || game.ChoiceFit(s.CallsFor, c) > game.ChoiceFit(s.CallsFor, pick) {
			pick = c
		}
	}
	return pick
}

func byLength(s *game.Scene, longest bool) *game.Choice {
	var pick *game.Choice
	for _, c := range s.Choices {
		n, p := len([]rune(c.Text)), 0
		if pick != nil {
			p = len([]rune(pick.Text))
		}
		if pick == nil || (longest && n > p) || (!longest && n < p) {
			pick = c
		}
	}
	return pick
}

// Simulate plays a scenario through the engine with a policy, reading
// every moment right, and returns the ending and the steps.
func Simulate(sc *game.Scenario, pick func(*game.Scene) *game.Choice) (*game.Scene, []game.Step, error) {
	st, err := game.Start(sc, 1)
	if err != nil {
		return nil, nil, err
	}
	for !st.Done {
		if len(st.Steps) >= maxSimulatedAnswers {
			return nil, nil, fmt.Errorf("it loops for more than %d moments", maxSimulatedAnswers)
		}
		s := st.Current
		if _, err := st.Answer(game.Answer{Scene: s.ID, Diagnosis: s.CallsFor, Choice: pick(s).ID}); err != nil {
			return nil, nil, err
		}
	}
	return st.Ending(), st.Steps, nil
}

// PolicyOutcomes names the outcome each policy reaches, for reports.
func PolicyOutcomes(sc *game.Scenario) []string {
	var out []string
	for _, pol := range Policies {
		end, _, err := Simulate(sc, pol.Pick)
		if err != nil {
			out = append(out, pol.Name+": "+err.Error())
			continue
		}
		o := string(end.Outcome)
		if o == "" {
			o = "no outcome"
		}
		out = append(out, fmt.Sprintf("%s: %s (%s)", strings.TrimPrefix(pol.Name, "always taking "), o, end.ID))
	}
	return out
}
