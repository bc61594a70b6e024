package store

import (
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// PseudonymKeySize is the length in bytes of the key behind pseudonymised
// exports.
const PseudonymKeySize = 32

// pseudonymKeyMigration is the migration that makes the key's table.
const pseudonymKeyMigration = 3

func init() {
	// the key is made with its table, while the database is open for
	// writing: exports and the room view open it read-only
	migrationSteps[pseudonymKeyMigration] = func(s *Store, tx *sql.Tx) error {
		_, err := createPseudonymKey(tx)
		return err
	}
}

// PseudonymKey returns this database's secret pseudonym key: 32 bytes from
// crypto/rand, made once, when the database is created or upgraded to
// hold it. Pseudonymised exports derive every pseudonym and pseudonymous
// id from it with HMAC-SHA256, so they are the same in every export from
// this database and cannot be linked to the real ids without it; anyone
// holding a copy of the database (or of its backups) holds the key too.
// Should the key be missing, it is made now, in one transaction.
func (s *Store) PseudonymKey() ([]byte, error) {
	key, err := readPseudonymKey(s.db.QueryRow(`SELECT key FROM pseudonym_key WHERE id = 1`))
	if !errors.Is(err, sql.ErrNoRows) {
		if err != nil {
			return nil, fmt.Errorf("read the pseudonym key: %w", friendly(filepath.Dir(s.path), err))
		}
		return key, nil
	}
	// another process may make it at the same moment: whichever commits
	// first wins, and both return the stored key
	err = s.tx(func(tx *sql.Tx) error {
		key, err = createPseudonymKey(tx)
		return err
	})
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrReadonly {
		return nil, fmt.Errorf("create the pseudonym key: the progress file in %s has none and is open only for reading; open Two Hats once with a data folder it can write to, and it makes one: %w", filepath.Dir(s.path), err)
	}
	if err != nil {
		return nil, fmt.Errorf("create the pseudonym key: %w", friendly(filepath.Dir(s.path), err))
	}
	return key, nil
}

// createPseudonymKey stores a new random key unless one is stored, and
// returns the stored one.
func createPseudonymKey(tx *sql.Tx) ([]byte, error) {
	fresh := make([]byte, PseudonymKeySize)
	if _, err := io.ReadFull(rand.Reader, fresh); err != nil {
		return nil, fmt.Errorf("draw random bytes for the pseudonym key: %w", err)
	}
	if _, err := tx.Exec(`INSERT INTO pseudonym_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING`, fresh); err != nil {
		return nil, err
	}
	return readPseudonymKey(tx.QueryRow(`SELECT key FROM pseudonym_key WHERE id = 1`))
}

// readPseudonymKey scans the stored key and checks its length.
func readPseudonymKey(row *sql.Row) ([]byte, error) {
	var key []byte
	if err := row.Scan(&key); err != nil {
		return nil, err
	}
	if len(key) != PseudonymKeySize {
		return nil, fmt.Errorf("the stored pseudonym key is %d bytes long, not %d; the database has been altered", len(key), PseudonymKeySize)
	}
	return key, nil
}
