package export

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/twohats/twohats/game"
)

// pseudonymPrefix starts every pseudonym.
const pseudonymPrefix = "Participant "

// Pseudonym is the stable pseudonym that replaces a participant's name when
// exporting with Pseudonymise: "Participant " and eight characters from the
// join-code alphabet, derived from the profile's id alone. The same person
// gets the same pseudonym in every format and every export, on any machine,
// and the name cannot be recovered from it.
func Pseudonym(profileID string) string {
	return pseudonym(profileID, 8)
}

func pseudonym(profileID string, n int) string {
	sum := sha256.Sum256([]byte("twohats-pseudonym\x00" + profileID))
	b := make([]byte, 0, len(pseudonymPrefix)+n+1)
	b = append(b, pseudonymPrefix...)
	x := binary.BigEndian.Uint64(sum[:8])
	y := binary.BigEndian.Uint64(sum[8:16])
	for i := 0; i < n; i++ {
		if i == 4 {
			b = append(b, '-')
		}
		if i == 12 {
			x = y
		}
		b = append(b, game.CodeAlphabet[x%uint64(len(game.CodeAlphabet))])
		x /= uint64(len(game.CodeAlphabet))
	}
	return string(b)
}

// pseudonyms gives each profile id its pseudonym; in the one-in-a-billion
// case that two collide, both get longer ones, so every pseudonym in one
// export names one person.
func pseudonyms(ids []string) map[string]string {
	out := make(map[string]string, len(ids))
	byName := map[string][]string{}
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		p := Pseudonym(id)
		out[id] = p
		byName[p] = append(byName[p], id)
	}
	for _, same := range byName {
		if len(same) > 1 {
			for _, id := range same {
				out[id] = pseudonym(id, 16)
			}
		}
	}
	return out
}
