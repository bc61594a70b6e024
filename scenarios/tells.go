package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/twohats/twohats/game"
)

// LengthRanks counts, for moments with the same number of choices, how
// often the key sits at each length rank (0 = longest). A key tied with
// another choice takes the more telling (lower) rank.
type LengthRanks map[int][]int

// LengthRankTable ranks the key of every moment in the library.
func LengthRankTable(lib []*game.Scenario) LengthRanks {
	t := LengthRanks{}
	for _, sc := range lib {
		for _, s := range sc.Moments() {
			n := len(s.Choices)
			if t[n] == nil {
				t[n] = make([]int, n)
			}
			if r := keyRank(s); r >= 0 {
				t[n][r]++
			}
		}
	}
	return t
}

// keyRank is the length rank of the moment's first key, or -1.
func keyRank(s *game.Scene) int {
	for _, c := range s.Choices {
		if IsKey(s, c) {
			return lengthRank(s, c)
		}
	}
	return -1
}

// lengthRank is how many choices of the moment are strictly longer.
func lengthRank(s *game.Scene, c *game.Choice) int {
	n, r := utf8.RuneCountInString(c.Text), 0
	for _, o := range s.Choices {
		if utf8.RuneCountInString(o.Text) > n {
			r++
		}
	}
	return r
}

// MinRankMoments is the fewest moments with the same number of choices
// that the length-rank rule judges; below it a share says nothing.
const MinRankMoments = 12

// rankLimit is the share of moments one rank may hold: 35%, or a little
// over chance where chance itself is near that (three choices).
func rankLimit(n int) float64 { return math.Max(LengthRankLimit, 1/float64(n)+0.05) }

// String draws the table: one line per number of choices.
func (t LengthRanks) String() string {
	var ns []int
	for n := range t {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	var b strings.Builder
	for _, n := range ns {
		total := 0
		for _, c := range t[n] {
			total += c
		}
		fmt.Fprintf(&b, "  %d choices, %3d moments:", n, total)
		for r, c := range t[n] {
			fmt.Fprintf(&b, "  %s %d (%.0f%%)", rankName(r, n), c, 100*float64(c)/math.Max(1, float64(total)))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func rankName(r, n int) string {
	switch {
	case r == 0:
		return "longest"
	case r == n-1:
		return "shortest"
	}
	return fmt.Sprintf("#%d", r+1)
}

// Patterns whose share must not differ between keys and other choices.
var (
	justifyRE  = regexp.MustCompile(`(?i)(, so\b|\bso that\b|\bso nobody\b|\bin case\b)`)
	absoluteRE = regexp.MustCompile(`(?i)\b(every|all|everyone|always|never|completely)\b`)
)

// ClauseShares are the shares of keys and of other choices that contain a
// pattern, library-wide.
type ClauseShares struct {
	Name               string
	Keys, Others       int
	KeyShare, Outshare float64
}

// Clauses measures justification clauses and absolutes across the library.
func Clauses(lib []*game.Scenario) []ClauseShares {
	out := []ClauseShares{{Name: "justification clauses (\", so\", \"so that\", \"so nobody\", \"in case\")"}, {Name: "absolutes (every, all, everyone, always, never, completely)"}}
	for i, re := range []*regexp.Regexp{justifyRE, absoluteRE} {
		var kHit, oHit int
		for _, sc := range lib {
			for _, s := range sc.Moments() {
				for _, c := range s.Choices {
					hit := re.MatchString(c.Text)
					if IsKey(s, c) {
						out[i].Keys++
						if hit {
							kHit++
						}
					} else {
						out[i].Others++
						if hit {
							oHit++
						}
					}
				}
			}
		}
		out[i].KeyShare = float64(kHit) / math.Max(1, float64(out[i].Keys))
		out[i].Outshare = float64(oHit) / math.Max(1, float64(out[i].Others))
	}
	return out
}

// ShallowReport is what the shallow reader — a word classifier trained on
// the other scenarios — finds in a library.
type ShallowReport struct {
	Hits, Moments int
	Chance        float64 // expected hits of a blind guess, summed over moments
	PerScenario   map[string][2]int
	Telling       []TellingWord
}

// HitRate is the share of moments whose key the classifier found.
func (r ShallowReport) HitRate() float64 { return float64(r.Hits) / math.Max(1, float64(r.Moments)) }

// ChanceRate is the share a blind guess finds.
func (r ShallowReport) ChanceRate() float64 { return r.Chance / math.Max(1, float64(r.Moments)) }

// TellingWord is a word that marks keys (Weight > 0) or other choices.
type TellingWord struct {
	Word         string
	Weight       float64 // log-odds of being in a key
	Keys, Others int     // choices containing it
}

// nbModel is a Bernoulli naive Bayes over the words of a choice plus its
// length rank: it scores how much a choice looks like a key.
type nbModel struct {
	keys, others   int
	inKey, inOther map[string]int
}

func newModel() *nbModel { return &nbModel{inKey: map[string]int{}, inOther: map[string]int{}} }

func (m *nbModel) train(sc *game.Scenario) {
	for _, s := range sc.Moments() {
		for _, c := range s.Choices {
			key := IsKey(s, c)
			if key {
				m.keys++
			} else {
				m.others++
			}
			for f := range features(s, c) {
				if key {
					m.inKey[f]++
				} else {
					m.inOther[f]++
				}
			}
		}
	}
}

func (m *nbModel) weight(f string) float64 {
	pk := (float64(m.inKey[f]) + 1) / (float64(m.keys) + 2)
	po := (float64(m.inOther[f]) + 1) / (float64(m.others) + 2)
	return math.Log(pk/(1-pk)) - math.Log(po/(1-po))
}

func (m *nbModel) score(s *game.Scene, c *game.Choice) float64 {
	sum := 0.0
	for f := range features(s, c) {
		sum += m.weight(f)
	}
	return sum
}

// features are the lower-cased words of the choice's text and its length
// rank: everything a reader who skims without thinking could use.
func features(s *game.Scene, c *game.Choice) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(c.Text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if w = strings.Trim(w, "'"); w != "" {
			out[w] = true
		}
	}
	switch r := lengthRank(s, c); {
	case r == 0:
		out["(the longest)"] = true
	case r == len(s.Choices)-1:
		out["(the shortest)"] = true
	default:
		out["(middle length)"] = true
	}
	return out
}

// ShallowReader trains the classifier on all scenarios but one and tests it
// on the one left out, for each scenario in turn. At each moment it picks
// the choice that looks most like a key (ties broken by the shuffled order
// a player would see).
func ShallowReader(lib []*game.Scenario) ShallowReport {
	r := ShallowReport{PerScenario: map[string][2]int{}}
	for i, held := range lib {
		m := newModel()
		for j, sc := range lib {
			if j != i {
				m.train(sc)
			}
		}
		hits, moments := 0, 0
		for _, s := range held.Moments() {
			var pick *game.Choice
			best := math.Inf(-1)
			keys := 0
			for _, c := range game.ShuffledChoices(s, 1) {
				if IsKey(s, c) {
					keys++
				}
				if v := m.score(s, c); v > best {
					best, pick = v, c
				}
			}
			moments++
			r.Chance += float64(keys) / float64(len(s.Choices))
			if pick != nil && IsKey(s, pick) {
				hits++
			}
		}
		r.Hits += hits
		r.Moments += moments
		r.PerScenario[held.ID] = [2]int{hits, moments}
	}
	all := newModel()
	for _, sc := range lib {
		all.train(sc)
	}
	for f := range union(all.inKey, all.inOther) {
		if all.inKey[f]+all.inOther[f] < 4 {
			continue
		}
		r.Telling = append(r.Telling, TellingWord{Word: f, Weight: all.weight(f), Keys: all.inKey[f], Others: all.inOther[f]})
	}
	sort.Slice(r.Telling, func(i, j int) bool {
		a, b := math.Abs(r.Telling[i].Weight), math.Abs(r.Telling[j].Weight)
		if a != b {
			return a > b
		}
		return r.Telling[i].Word < r.Telling[j].Word
	})
	if len(r.Telling) > 20 {
		r.Telling = r.Telling[:20]
	}
	return r
}

func union(a, b map[string]int) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// lintTells applies rules 1–3 across a library.
func lintTells(where string, lib []*game.Scenario) Problems {
	var ps Problems
	add := func(rule, format string, args ...any) {
		ps = append(ps, Problem{Path: where, Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	ranks := LengthRankTable(lib)
	var ns []int
	for n := range ranks {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	for _, n := range ns {
		total := 0
		for _, c := range ranks[n] {
			total += c
		}
		if n < 3 || total < MinRankMoments {
			continue // two choices: one of two ranks always holds half; few moments: too few to judge
		}
		for r, c := range ranks[n] {
			if share := float64(c) / float64(total); share > rankLimit(n) {
				add(RuleLengthRank, "across the library the key is the %s of %d choices in %d of %d such moments (%.0f%%); no length rank may hold it in more than %.0f%%.", rankName(r, n), n, c, total, 100*share, 100*rankLimit(n))
			}
		}
	}
	if len(lib) > 1 {
		if rep := ShallowReader(lib); rep.HitRate() > ShallowReaderLimit {
			add(RuleShallowReader, "a word classifier trained on the other scenarios finds the key in %d of %d moments (%.0f%%, chance %.0f%%); at most %.0f%% may be found without reading for meaning. The most telling words: %s.",
				rep.Hits, rep.Moments, 100*rep.HitRate(), 100*rep.ChanceRate(), 100*ShallowReaderLimit, tellingList(rep.Telling, 8))
		}
	}
	for _, cs := range Clauses(lib) {
		if gap := math.Abs(cs.KeyShare - cs.Outshare); gap > ClauseGapLimit {
			add(RuleClauses, "%s appear in %.0f%% of keys but %.0f%% of other choices; the gap may be at most %.0f points.", cs.Name, 100*cs.KeyShare, 100*cs.Outshare, 100*ClauseGapLimit)
		}
	}
	return ps
}

func tellingList(ws []TellingWord, n int) string {
	var parts []string
	for i, w := range ws {
		if i == n {
			break
		}
		side := "keys"
		if w.Weight < 0 {
			side = "others"
		}
		parts = append(parts, fmt.Sprintf("%q (%s)", w.Word, side))
	}
	return strings.Join(parts, ", ")
}

// Report is the library's judgement numbers, printed by `validate --strict`
// and the shipped library's test so authors can see what gives keys away.
func Report(lib []*game.Scenario) string {
	var b strings.Builder
	moments, count := 0, map[game.Hat]int{}
	for _, sc := range lib {
		for _, s := range sc.Moments() {
			moments++
			count[s.CallsFor]++
		}
	}
	fmt.Fprintf(&b, "%d scenarios, %d moments: manage %d, lead %d, both %d\n", len(lib), moments, count[game.Manage], count[game.Lead], count[game.Both])
	b.WriteString("where the key sits by length:\n")
	b.WriteString(LengthRankTable(lib).String())
	if len(lib) > 1 {
		rep := ShallowReader(lib)
		fmt.Fprintf(&b, "shallow reader (leave one scenario out): %d of %d moments, %.1f%% (chance %.1f%%)\n", rep.Hits, rep.Moments, 100*rep.HitRate(), 100*rep.ChanceRate())
		for _, sc := range lib {
			hm := rep.PerScenario[sc.ID]
			fmt.Fprintf(&b, "  %-32s %d of %d\n", sc.ID, hm[0], hm[1])
		}
		b.WriteString("the twenty most telling words (log-odds; + marks keys, - other choices; in keys/others):\n")
		for _, w := range rep.Telling {
			fmt.Fprintf(&b, "  %+.2f  %-18s %d/%d\n", w.Weight, w.Word, w.Keys, w.Others)
		}
	}
	for _, cs := range Clauses(lib) {
		fmt.Fprintf(&b, "%s: keys %.0f%%, others %.0f%%\n", cs.Name, 100*cs.KeyShare, 100*cs.Outshare)
	}
	b.WriteString("where each way of playing ends:\n")
	for _, sc := range lib {
		fmt.Fprintf(&b, "  %s\n", sc.ID)
		for _, line := range PolicyOutcomes(sc) {
			fmt.Fprintf(&b, "    %s\n", line)
		}
	}
	return b.String()
}
