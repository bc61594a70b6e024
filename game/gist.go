package game

import (
	"strings"
	"unicode/utf8"
)

// Gist is a scene in one short line, for lists such as the path through
// an attempt: an ending's title, or else the opening of the scene's text
// with its Markdown marks removed, cut at a sentence end or a word and
// never longer than max characters (an ellipsis shows a cut mid-sentence).
func (s *Scene) Gist(max int) string {
	if s.Ending && s.Title != "" {
		return s.Title
	}
	text := plainText(s.Text)
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	r := []rune(text)
	cut := r[:max-1]
	// a sentence that ends in the second half of the line ends it
	for i := len(cut) - 1; i >= max/2; i-- {
		if (cut[i] == '.' || cut[i] == '?' || cut[i] == '!') && i+1 < len(r) && r[i+1] == ' ' {
			return string(cut[:i+1])
		}
	}
	if i := strings.LastIndexByte(string(cut), ' '); i > 0 {
		return strings.TrimRight(string(cut)[:i], " ,;:—-") + "…"
	}
	return string(cut) + "…"
}

// plainText is Markdown prose as one line of plain text: no emphasis
// marks, headings, quotes or list markers, and single spaces.
func plainText(md string) string {
	var words []string
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimLeft(line, "#> ")
		if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") || strings.HasPrefix(line, "+ ") {
			line = line[2:]
		}
		line = strings.NewReplacer("**", "", "*", "", "`", "").Replace(line)
		words = append(words, strings.Fields(line)...)
	}
	return strings.Join(words, " ")
}
