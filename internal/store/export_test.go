package store

import "database/sql"

// DB exposes the handle to this package's tests only: the store is closed
// to everyone else.
func (s *Store) DB() *sql.DB { return s.db }
