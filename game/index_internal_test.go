package game

import "testing"

// TestSceneLookupNeverWrites: Scene once built the index lazily, so two
// replays of one scenario built in code raced on it (shown with -race).
// A lookup must leave the scenario as it was.
func TestSceneLookupNeverWrites(t *testing.T) {
	sc := &Scenario{Scenes: []*Scene{{ID: "a"}, {ID: "b"}}}
	if s := sc.Scene("b"); s == nil || s.ID != "b" {
		t.Fatalf("Scene(b) = %v", s)
	}
	if sc.Scene("zzz") != nil {
		t.Error("Scene found a scene that does not exist")
	}
	if sc.byID != nil {
		t.Error("a lookup built the index: concurrent replays of this scenario would race")
	}
	sc.Index()
	if s := sc.Scene("a"); s == nil || s.ID != "a" {
		t.Errorf("after Index, Scene(a) = %v", s)
	}
}
