package resultsfile_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	results "github.com/twohats/twohats/internal/resultsfile"
)

// rewrite loads a results file, lets f change it, and writes it to a new
// path: a well-formed file with hostile intent.
func rewrite(t *testing.T, path string, f func(m map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "forged.json")
	if err := os.WriteFile(dest, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return dest
}

// TestImportIsEvidence: results files are evidence, not instructions. Each
// case reproduces an attack that was accepted once; the file must be
// rejected whole with a sentence, and the database must not change.
func TestImportIsEvidence(t *testing.T) {
	lib := resLibrary(t)
	laptop := resOpen(t, 1)
	ana := participant(t, laptop, lib, "Ana", code)
	original := exportFile(t, laptop, ana, t.TempDir())

	facil := resOpen(t, 2)
	local, err := facil.CreateProfile("Fran", "")
	if err != nil {
		t.Fatal(err)
	}
	if r := results.Import(facil, lib.Get, []string{original}, nil); r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	before := dump(t, facil)

	cases := []struct {
		name string
		file func(t *testing.T) string
		want string
	}{
		{"an imported answer rewritten to the best choice", func(t *testing.T) string {
			return rewrite(t, original, func(m map[string]any) {
				answer(m, 1, 0)["choice"] = "plan"
				answer(m, 1, 0)["diagnosis"] = "manage"
			})
		}, "answer 1 of attempt"},
		{"an imported reading rewritten", func(t *testing.T) string {
			return rewrite(t, original, func(m map[string]any) { answer(m, 0, 1)["diagnosis"] = "both" })
		}, "differs from the one already on this machine"},
		{"a local profile's id, with another name", func(t *testing.T) string {
			return rewrite(t, original, func(m map[string]any) {
				m["profile"].(map[string]any)["id"] = local.ID
				m["attempts"] = []any{}
			})
		}, `belongs to "Fran" here`},
		{"a local profile's id and name, adding attempts", func(t *testing.T) string {
			return rewrite(t, original, func(m map[string]any) {
				p := m["profile"].(map[string]any)
				p["id"], p["name"] = local.ID, "Fran"
				for i, a := range m["attempts"].([]any) {
					a := a.(map[string]any)
					a["id"] = strings.Replace(a["id"].(string), a["id"].(string)[:8], "aaaaaaa"+string(rune('0'+i)), 1)
					for j, an := range a["answers"].([]any) {
						an := an.(map[string]any)
						an["id"] = strings.Replace(an["id"].(string), an["id"].(string)[:8], "bbbbbb"+string(rune('0'+i))+string(rune('0'+j)), 1)
					}
				}
			})
		}, `claims the profile id of "Fran", who was created on this machine`},
		{"an imported participant's id under another name", func(t *testing.T) string {
			return rewrite(t, original, func(m map[string]any) { m["profile"].(map[string]any)["name"] = "Mallory" })
		}, `names its participant "Mallory", but that profile id belongs to "Ana" here`},
		{"a finished attempt growing as scenario-changed", func(t *testing.T) string {
			return rewrite(t, original, func(m map[string]any) {
				a := attempt(m, 0)
				a["status"] = "scenario-changed"
				a["scenario_hash"] = "0000"
				last := answer(m, 0, 2)
				extra := map[string]any{}
				for k, v := range last {
					extra[k] = v
				}
				extra["id"] = "cccccccc-cccc-4ccc-8ccc-cccccccccccc"
				extra["seq"] = 4.0
				a["answers"] = append(a["answers"].([]any), extra)
			})
		}, "a closed attempt never grows"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.file(t)
			r := results.Import(facil, lib.Get, []string{path}, nil)
			if r[0].Err == nil {
				t.Fatalf("the forged file was accepted: %+v", r[0])
			}
			if msg := r[0].Err.Error(); !strings.Contains(msg, tc.want) || !strings.HasSuffix(msg, ".") {
				t.Errorf("the rejection is %q; want a sentence containing %q", msg, tc.want)
			}
			if after := dump(t, facil); after != before {
				t.Errorf("a rejected file changed the database:\n--- before\n%s\n--- after\n%s", before, after)
			}
		})
	}
	// the genuine file still imports as nothing new
	if r := results.Import(facil, lib.Get, []string{original}, nil); r[0].Err != nil || !r[0].Skipped {
		t.Errorf("re-importing the genuine file: %+v", r[0])
	}
	var got bytes.Buffer
	if err := results.Export(facil, ana.ID, &got); err != nil || !strings.Contains(got.String(), `"choice": "speech"`) {
		t.Errorf("the facilitator's copy of Ana's answers changed: %v\n%s", err, got.String())
	}
}
