package game

import (
	"fmt"
	"strconv"
)

// Cond is a parsed branch condition.
type Cond interface {
	Eval(meters Levels, flags map[string]bool) bool
	String() string
}

// CondError is a problem in a condition, at a 0-based byte offset into it.
type CondError struct {
	Offset int
	Msg    string
}

func (e *CondError) Error() string { return e.Msg }

// Names tells the condition parser which names exist.
type Names struct {
	IsMeter func(string) bool
	IsFlag  func(string) bool
}

// ParseCond parses a condition such as `morale < 40 and not spoke-too-soon`.
// Meters must be compared with a number; flags stand alone. `not` binds
// tightest, then `and`, then `or`. Unknown names are errors.
func ParseCond(src string, names Names) (Cond, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &condParser{src: src, toks: toks, names: names}
	c, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, &CondError{t.off, fmt.Sprintf("unexpected %q in the condition; join tests with and, or", t.text)}
	}
	return c, nil
}

type tokKind int

const (
	tEOF tokKind = iota
	tName
	tNum
	tOp
	tLParen
	tRParen
)

type token struct {
	kind tokKind
	text string
	off  int
}

func isNameByte(b byte) bool {
	return b == '-' || b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func lex(src string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(src) {
		b := src[i]
		switch {
		case b == ' ' || b == '\t':
			i++
		case b == '(':
			toks = append(toks, token{tLParen, "(", i})
			i++
		case b == ')':
			toks = append(toks, token{tRParen, ")", i})
			i++
		case b == '<' || b == '>' || b == '=' || b == '!':
			j := i + 1
			if j < len(src) && src[j] == '=' {
				j++
			}
			op := src[i:j]
			if op == "=" || op == "!" {
				return nil, &CondError{i, fmt.Sprintf("%q is not an operator; use ==, !=, <, <=, > or >=, and not for negation", op)}
			}
			toks = append(toks, token{tOp, op, i})
			i = j
		case b >= '0' && b <= '9' && startsName(src[i:]):
			// a flag may start with a digit (2am-call): lex it as a name
			j := i
			for j < len(src) && isNameByte(src[j]) {
				j++
			}
			toks = append(toks, token{tName, src[i:j], i})
			i = j
		case b >= '0' && b <= '9' || (b == '-' || b == '+') && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i + 1
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				j++
			}
			if j < len(src) && isNameByte(src[j]) && src[j] != '-' {
				return nil, &CondError{i, fmt.Sprintf("%q is not a number or a name", src[i:j+1])}
			}
			toks = append(toks, token{tNum, src[i:j], i})
			i = j
		case isNameByte(b):
			j := i
			for j < len(src) && isNameByte(src[j]) {
				j++
			}
			toks = append(toks, token{tName, src[i:j], i})
			i = j
		default:
			return nil, &CondError{i, fmt.Sprintf("unexpected character %q in the condition", string([]rune(src[i:])[0]))}
		}
	}
	return append(toks, token{tEOF, "", len(src)}), nil
}

// startsName reports whether src starts with a run of name bytes that
// holds a letter or an underscore, such as 2am-call, rather than a number.
func startsName(src string) bool {
	for i := 0; i < len(src) && isNameByte(src[i]); i++ {
		if b := src[i]; b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' {
			return true
		}
	}
	return false
}

type condParser struct {
	src   string
	toks  []token
	pos   int
	names Names
}

func (p *condParser) peek() token { return p.toks[p.pos] }
func (p *condParser) next() token { t := p.toks[p.pos]; p.pos++; return t }

func (p *condParser) or() (Cond, error) {
	left, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tName && p.peek().text == "or" {
		p.next()
		right, err := p.and()
		if err != nil {
			return nil, err
		}
		left = orCond{left, right}
	}
	return left, nil
}

func (p *condParser) and() (Cond, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tName && p.peek().text == "and" {
		p.next()
		right, err := p.unary()
		if err != nil {
			return nil, err
		}
		left = andCond{left, right}
	}
	return left, nil
}

func (p *condParser) unary() (Cond, error) {
	if t := p.peek(); t.kind == tName && t.text == "not" {
		p.next()
		c, err := p.unary()
		if err != nil {
			return nil, err
		}
		return notCond{c}, nil
	}
	return p.primary()
}

func (p *condParser) primary() (Cond, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		c, err := p.or()
		if err != nil {
			return nil, err
		}
		if r := p.next(); r.kind != tRParen {
			return nil, &CondError{r.off, "a ( is not closed with )"}
		}
		return parenCond{c}, nil
	case tName:
		switch t.text {
		case "and", "or", "not":
			return nil, &CondError{t.off, fmt.Sprintf("%q needs a test before it", t.text)}
		}
		if p.names.IsMeter != nil && p.names.IsMeter(t.text) {
			op := p.next()
			if op.kind != tOp {
				return nil, &CondError{t.off, fmt.Sprintf("the meter %q must be compared with a number, as in %s < 40", t.text, t.text)}
			}
			num := p.next()
			if num.kind == tName && num.text[0] >= '0' && num.text[0] <= '9' {
				return nil, &CondError{num.off, fmt.Sprintf("%q is not a whole number", num.text)}
			}
			if num.kind != tNum {
				return nil, &CondError{num.off, fmt.Sprintf("%s needs a number after it", op.text)}
			}
			n, err := strconv.Atoi(num.text)
			if err != nil {
				return nil, &CondError{num.off, fmt.Sprintf("%q is not a whole number", num.text)}
			}
			if n < 0 || n > 100 {
				return nil, &CondError{num.off, fmt.Sprintf("meters run from 0 to 100, so comparing %s with %d is always true or always false", t.text, n)}
			}
			return cmpCond{t.text, op.text, n}, nil
		}
		if p.names.IsFlag != nil && p.names.IsFlag(t.text) {
			if op := p.peek(); op.kind == tOp {
				return nil, &CondError{op.off, fmt.Sprintf("the flag %q is true or false and cannot be compared; write %s or not %s", t.text, t.text, t.text)}
			}
			return flagCond(t.text), nil
		}
		if c := t.text[0]; c >= '0' && c <= '9' {
			return nil, &CondError{t.off, fmt.Sprintf("%q is not a number, a meter or a flag set by any choice", t.text)}
		}
		return nil, &CondError{t.off, fmt.Sprintf("%q is neither a meter (stability, morale, trust) nor a flag set by any choice", t.text)}
	case tEOF:
		return nil, &CondError{t.off, "the condition ends where a test was expected"}
	default:
		return nil, &CondError{t.off, fmt.Sprintf("unexpected %q where a meter, a flag or ( was expected", t.text)}
	}
}

type cmpCond struct {
	meter string
	op    string
	n     int
}

func (c cmpCond) Eval(m Levels, _ map[string]bool) bool {
	v := m.Get(c.meter)
	switch c.op {
	case "<":
		return v < c.n
	case "<=":
		return v <= c.n
	case ">":
		return v > c.n
	case ">=":
		return v >= c.n
	case "==":
		return v == c.n
	case "!=":
		return v != c.n
	}
	return false
}
func (c cmpCond) String() string { return fmt.Sprintf("%s %s %d", c.meter, c.op, c.n) }

type flagCond string

func (c flagCond) Eval(_ Levels, f map[string]bool) bool { return f[string(c)] }
func (c flagCond) String() string                        { return string(c) }

type notCond struct{ c Cond }

func (c notCond) Eval(m Levels, f map[string]bool) bool { return !c.c.Eval(m, f) }
func (c notCond) String() string                        { return "not " + c.c.String() }

type andCond struct{ l, r Cond }

func (c andCond) Eval(m Levels, f map[string]bool) bool { return c.l.Eval(m, f) && c.r.Eval(m, f) }
func (c andCond) String() string                        { return c.l.String() + " and " + c.r.String() }

type orCond struct{ l, r Cond }

func (c orCond) Eval(m Levels, f map[string]bool) bool { return c.l.Eval(m, f) || c.r.Eval(m, f) }
func (c orCond) String() string                        { return c.l.String() + " or " + c.r.String() }

type parenCond struct{ c Cond }

func (c parenCond) Eval(m Levels, f map[string]bool) bool { return c.c.Eval(m, f) }
func (c parenCond) String() string                        { return "(" + c.c.String() + ")" }

// CondMentions reports the meters and flags a condition tests.
func CondMentions(c Cond) (meters, flags []string) {
	var walk func(Cond)
	walk = func(c Cond) {
		switch c := c.(type) {
		case cmpCond:
			meters = append(meters, c.meter)
		case flagCond:
			flags = append(flags, string(c))
		case notCond:
			walk(c.c)
		case parenCond:
			walk(c.c)
		case andCond:
			walk(c.l)
			walk(c.r)
		case orCond:
			walk(c.l)
			walk(c.r)
		}
	}
	if c != nil {
		walk(c)
	}
	return meters, flags
}
