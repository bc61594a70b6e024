package export

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"

	"github.com/google/uuid"

	"github.com/twohats/twohats/game"
)

// pseudonymPrefix starts every pseudonym.
const pseudonymPrefix = "Participant "

// The labels that keep the two uses of the key apart: a pseudonym cannot be
// computed from a pseudonymous id, nor the reverse.
const (
	nameLabel = "twohats-pseudonym\x00"
	idLabel   = "twohats-pseudonymous-id\x00"
)

// keyed is HMAC-SHA256 of label and id under key.
func keyed(key []byte, label, id string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label))
	m.Write([]byte(id))
	return m.Sum(nil)
}

// Pseudonym is the pseudonym that replaces a participant's name when
// exporting with Pseudonymise: "Participant " and eight characters from the
// join-code alphabet, derived with HMAC-SHA256 from the profile's id under
// the database's secret key (store.PseudonymKey). The same person gets the
// same pseudonym in every format and every export from one database; without
// the key it cannot be computed from the id, nor the id from it.
func Pseudonym(key []byte, profileID string) string {
	return pseudonym(key, profileID, 8)
}

func pseudonym(key []byte, profileID string, n int) string {
	sum := keyed(key, nameLabel, profileID)
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

// PseudonymousID is the UUID that replaces a profile, attempt or answer id
// in a pseudonymised export: HMAC-SHA256 of the id under the database's
// secret key, cut to 128 bits with the version-4 and variant bits set. Equal
// ids give equal UUIDs and different ids different ones (but for a 2^-122
// chance), so pseudonymised exports still join with each other and xAPI
// statement ids stay unique and stable, but without the key they do not
// join with anything holding the real ids.
func PseudonymousID(key []byte, id string) string {
	var u uuid.UUID
	copy(u[:], keyed(key, idLabel, id))
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u.String()
}

// pseudonyms gives each profile id its pseudonym; in the one-in-a-billion
// case that two collide, both get longer ones, so every pseudonym in one
// export names one person.
func pseudonyms(key []byte, ids []string) map[string]string {
	out := make(map[string]string, len(ids))
	byName := map[string][]string{}
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		p := Pseudonym(key, id)
		out[id] = p
		byName[p] = append(byName[p], id)
	}
	for _, same := range byName {
		if len(same) > 1 {
			for _, id := range same {
				out[id] = pseudonym(key, id, 16)
			}
		}
	}
	return out
}
