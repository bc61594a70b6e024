package game

import "testing"

func TestSceneGist(t *testing.T) {
	for _, c := range []struct {
		scene Scene
		max   int
		want  string
	}{
		{Scene{Ending: true, Title: "One Team", Text: "Release 5.2 went live."}, 40, "One Team"},
		{Scene{Text: "A beat before the first moment."}, 80, "A beat before the first moment."},
		// a sentence ending in the second half of the line ends it
		{Scene{Text: "Monday, 6:50. The canteen smells of filter coffee.\nSomebody has\nleft the radio on all night."}, 60,
			"Monday, 6:50. The canteen smells of filter coffee."},
		// else the line is cut at a word, with an ellipsis
		{Scene{Text: "Monday, 6:50. The canteen at Ashby Closures smells of filter coffee and warm polypropylene."}, 50,
			"Monday, 6:50. The canteen at Ashby Closures…"},
		// Markdown marks go; the words stay
		{Scene{Text: "*The Drowned Bell* goes out on **Switch** and PC.\n\n- one\n- two"}, 80,
			"The Drowned Bell goes out on Switch and PC. one two"},
	} {
		if got := c.scene.Gist(c.max); got != c.want {
			t.Errorf("Gist(%d) of %q = %q, want %q", c.max, c.scene.Text, got, c.want)
		}
	}
}
