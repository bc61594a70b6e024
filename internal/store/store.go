// Package store keeps players' progress in one SQLite file: profiles,
// workshops, attempts and their answer logs. Every answer is committed
// durably before the caller goes on; a damaged database is moved aside, never
// deleted; rolling backups are kept beside it.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/google/uuid"
	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/safefile"
)

// FileName is the database's name inside the data folder.
const FileName = "twohats.db"

// DefaultBackups is how many rolling backups are kept.
const DefaultBackups = 5

//go:embed migrations/*.sql
var migrations embed.FS

// migrationSteps are Go steps that complete a migration, by version: run
// in the migration's transaction after its SQL (pseudokey.go registers
// one, which draws a random key).
var migrationSteps = map[int]func(*Store, *sql.Tx) error{}

// Options inject what varies between runs, so tests are deterministic.
type Options struct {
	Now     func() time.Time // defaults to time.Now
	NewID   func() string    // defaults to random UUIDs
	Backups int              // rolling backups kept; 0 means DefaultBackups, -1 none
	// QuickCheck opens with PRAGMA quick_check instead of the full
	// integrity_check: for commands that only read, where the check's index
	// cross-referencing would cost more than the work itself. Damage it
	// finds is handled the same way.
	QuickCheck bool
	// BusyTimeout is how long a write waits for another process's; 0
	// means 5 seconds.
	BusyTimeout time.Duration
	// ReadOnly opens for commands that only read (export, room, history):
	// nothing is written — no migration, no backup, no moving aside — so
	// they work on a read-only data folder and never wait for a writer.
	ReadOnly bool
}

// Store is an open database.
type Store struct {
	db    *sql.DB
	path  string
	now   func() time.Time
	newID func() string
}

// Notice is something the player must be told about opening the store, in
// plain words, such as a damaged database that was moved aside.
type Notice string

// DSN is the connection string every connection uses: WAL, full sync,
// foreign keys and a busy timeout.
func DSN(path string) string { return dsn(path, busyTimeout) }

func dsn(path string, busy time.Duration) string {
	return "file:" + uriPath(path) + "?_journal_mode=WAL&_synchronous=FULL&_foreign_keys=on&_busy_timeout=" + strconv.FormatInt(busy.Milliseconds(), 10) + "&_txlock=immediate"
}

// ErrDiskFull is wrapped by every error that comes of a full disk, so
// callers can stop rather than try the next thing.
var ErrDiskFull = game.ErrDiskFull

// busyTimeout is how long a write waits for another process's by default.
const busyTimeout = 5 * time.Second

// uriPath escapes what a file: URI would otherwise read as a query, a
// fragment or an escape, so a data folder may have any name.
func uriPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// Open opens (or creates) the database in dir. A file that is not a
// database, or fails the integrity check, is renamed to
// twohats.db.corrupt-<UTC time> and a fresh one started; the returned notice
// says so. It also takes a rolling backup.
func Open(dir string, opts Options) (*Store, Notice, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.NewID == nil {
		opts.NewID = func() string { return uuid.NewString() }
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", fmt.Errorf("create the data folder: %w", friendly(dir, err))
	}
	path := filepath.Join(dir, FileName)
	var notice Notice
	if opts.ReadOnly {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("there is no progress file in %s yet, so there is nothing to read; check the folder given with --data", dir)
		}
		s, err := open(path, opts)
		if err != nil {
			return nil, "", err
		}
		return s, "", nil
	}
	s, err := open(path, opts)
	if err != nil && isCorrupt(err) {
		moved, merr := moveAside(path, opts.Now())
		if merr != nil {
			return nil, "", fmt.Errorf("move the damaged database aside: %w", friendly(dir, merr))
		}
		notice = Notice(fmt.Sprintf("Your progress file could not be read (%v), so Two Hats started a new one. Nothing was deleted: the old file is at %s.", shortErr(err), moved))
		// the backups hold the last good data: take them out of the rotation,
		// or copies of the fresh database would push them out
		if n := keepBackups(dir); n > 0 {
			notice += Notice(fmt.Sprintf(" Its %s kept beside it, renamed to end in %s.", game.Count(n, "backup")+" "+game.Were(n), keptSuffix))
		}
		s, err = open(path, opts)
	}
	if err != nil {
		return nil, "", err
	}
	keep := opts.Backups
	if keep == 0 {
		keep = DefaultBackups
	}
	if keep > 0 {
		if err := s.backup(keep); err != nil {
			s.Close()
			return nil, "", err
		}
	}
	return s, notice, nil
}

func open(path string, opts Options) (*Store, error) {
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = busyTimeout
	}
	dsn := dsn(path, opts.BusyTimeout)
	if opts.ReadOnly {
		dsn += "&mode=ro"
		// WAL needs its shared-memory file; in a folder nobody can write
		// to, and with none left over, nobody can be writing: read the
		// file as it is
		if _, err := os.Stat(path + "-shm"); err != nil && !writable(filepath.Dir(path)) {
			dsn += "&immutable=1"
		}
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open the database %s: %w", path, err)
	}
	// one connection: every write is serialised and the WAL stays simple
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path, now: opts.Now, newID: opts.NewID}
	if err := s.check(opts.QuickCheck); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(opts.ReadOnly); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// writable reports whether a file can be created in dir.
func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".twohats-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// errCorrupt marks a database that is damaged or is not a database.
var errCorrupt = errors.New("the database is damaged")

type corruptError struct{ detail string }

func (e *corruptError) Error() string { return e.detail }
func (e *corruptError) Unwrap() error { return errCorrupt }

func isCorrupt(err error) bool { return errors.Is(err, errCorrupt) }

func shortErr(err error) string {
	var c *corruptError
	if errors.As(err, &c) {
		return c.detail
	}
	return err.Error()
}

func (s *Store) check(quick bool) error {
	pragma := "PRAGMA integrity_check"
	if quick {
		pragma = "PRAGMA quick_check"
	}
	var result string
	err := s.db.QueryRow(pragma).Scan(&result)
	if err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
			return &corruptError{detail: se.Error()}
		}
		return fmt.Errorf("check the database %s: %w", s.path, friendly(filepath.Dir(s.path), err))
	}
	if result != "ok" {
		return &corruptError{detail: "integrity check: " + firstLine(result)}
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// moveAside renames the database (and its WAL and shared-memory files) to
// twohats.db.corrupt-<UTC timestamp> and returns the new path.
func moveAside(path string, now time.Time) (string, error) {
	stamp := now.UTC().Format("20060102T150405Z")
	dest := path + ".corrupt-" + stamp
	for i := 2; ; i++ {
		if _, err := os.Stat(dest); errors.Is(err, fs.ErrNotExist) {
			break
		}
		dest = fmt.Sprintf("%s.corrupt-%s-%d", path, stamp, i)
	}
	if err := os.Rename(path, dest); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			if err := os.Rename(path+suffix, dest+suffix); err != nil {
				return "", err
			}
		}
	}
	return dest, nil
}

// keptSuffix ends the name of a backup taken out of the rotation.
const keptSuffix = ".kept"

// keepBackups renames the rolling backups in dir so that rotation no longer
// sees them (twohats-backup-<time>.db → twohats-backup-<time>.db.kept) and
// returns how many it renamed.
func keepBackups(dir string) int {
	old, _ := filepath.Glob(filepath.Join(dir, "twohats-backup-*.db"))
	n := 0
	for _, f := range old {
		if os.Rename(f, f+keptSuffix) == nil {
			n++
		}
	}
	return n
}

// friendly turns the errors a player can meet on their own machine into
// sentences that say what to do.
func friendly(dir string, err error) error {
	var se sqlite3.Error
	switch {
	case errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked):
		return fmt.Errorf("the progress file in %s stayed busy: another Two Hats (the app, an import or another command) was writing to it for too long; try again when it has finished: %w", dir, err)
	case errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "database or disk is full"):
		return fmt.Errorf("the disk holding %s is full (%w); free some space and try again: %w", dir, ErrDiskFull, err)
	case errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES) || errors.Is(err, fs.ErrPermission) ||
		strings.Contains(err.Error(), "readonly database") || strings.Contains(err.Error(), "unable to open database file"):
		return fmt.Errorf("cannot write to %s; choose a folder you can write to with --data DIR: %w", dir, err)
	}
	return err
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now().UTC() }

// NewID makes a new id with the store's generator.
func (s *Store) NewID() string { return s.newID() }

func (s *Store) migrate(readOnly bool) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	// migrations are known by their numbers, not counted: a number may be
	// missing (reserved for a change that lands later), and a database
	// holding a migration this build does not know is from a newer build
	known := map[int]bool{}
	newestKnown := 0
	for _, name := range names {
		base := filepath.Base(name)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s has no version number", base)
		}
		known[v] = true
		newestKnown = max(newestKnown, v)
	}
	// which migrations are pending is read first, without the write lock,
	// so opening a database another process is busy writing does not wait
	// for it (or fail) when nothing needs applying
	applied, newest, err := s.applied()
	if err != nil {
		return fmt.Errorf("read the progress file's version: %w", friendly(filepath.Dir(s.path), err))
	}
	for v := range applied {
		if !known[v] {
			return fmt.Errorf("this progress file was written by a newer version of Two Hats (schema %d, this version knows up to %d); update Two Hats", max(v, newest), newestKnown)
		}
	}
	if len(applied) == len(known) {
		return nil
	}
	if readOnly {
		return fmt.Errorf("the progress file in %s is from an older Two Hats and needs an upgrade before it can be read; open Two Hats once with a data folder it can write to", filepath.Dir(s.path))
	}
	if _, err := s.db.Exec(`CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("prepare migrations: %w", friendly(filepath.Dir(s.path), err))
	}
	for _, name := range names {
		base := filepath.Base(name)
		v, _ := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if applied[v] {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		// whether it is still pending is read again inside the migration's
		// own (immediate) transaction, so two processes opening the
		// database at once never both apply it
		if err := s.tx(func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRow(`SELECT count(*) FROM migrations WHERE version = ?`, v).Scan(&n); err != nil {
				return fmt.Errorf("read migrations: %w", err)
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.Exec(string(body)); err != nil {
				return err
			}
			if step := migrationSteps[v]; step != nil {
				if err := step(s, tx); err != nil {
					return err
				}
			}
			_, err := tx.Exec(`INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)`, v, base, s.stamp(s.now()))
			return err
		}); err != nil {
			return fmt.Errorf("apply migration %s: %w", base, friendly(filepath.Dir(s.path), err))
		}
	}
	return nil
}

// applied reads which migrations the database has, and the newest.
func (s *Store) applied() (map[int]bool, int, error) {
	out := map[int]bool{}
	var exists int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).Scan(&exists); err != nil || exists == 0 {
		return out, 0, err
	}
	rows, err := s.db.Query(`SELECT version FROM migrations`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	newest := 0
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, 0, err
		}
		out[v] = true
		newest = max(newest, v)
	}
	return out, newest, rows.Err()
}

// tx runs fn in a transaction, committing when it returns nil.
func (s *Store) tx(fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Timestamps are stored as UTC RFC 3339 with milliseconds, which sort as text.
const timeLayout = game.StampLayout

func (s *Store) stamp(t time.Time) string { return t.UTC().Format(timeLayout) }

// isUnique reports whether err is SQLite refusing a row that breaks a
// UNIQUE constraint, by its extended error code rather than its text.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// FormatTime is how the store writes times.
func FormatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// ParseTime reads a time the store wrote.
func ParseTime(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	return time.Parse(timeLayout, v)
}

// backup copies the live database with SQLite's online backup API to
// twohats-backup-<UTC time>.db beside it, and keeps the newest keep copies.
func (s *Store) backup(keep int) error {
	dir := filepath.Dir(s.path)
	// another process making a backup right now: skip ours rather than race
	// it (the next start takes one), and clear partials left by processes
	// that died mid-backup
	busy := false
	partials, _ := filepath.Glob(filepath.Join(dir, "twohats-backup-*.db.partial*"))
	for _, f := range partials {
		switch pid := partialPID(f); {
		case pid == os.Getpid():
		case pid > 0 && safefile.ProcessAlive(pid) && fresh(f):
			busy = true
		default:
			os.Remove(f)
		}
	}
	if busy {
		return nil
	}
	dest := filepath.Join(dir, "twohats-backup-"+s.now().UTC().Format("20060102T150405.000Z")+".db")
	// write under a name of our own and rename when whole, so a backup cut
	// short by a killed process never counts as one of the kept copies and
	// no other process mistakes ours for a leftover
	partial := fmt.Sprintf("%s.partial-%d", dest, os.Getpid())
	if err := s.BackupTo(partial); err != nil {
		os.Remove(partial)
		os.Remove(partial + "-journal")
		return fmt.Errorf("make a backup: %w", friendly(dir, err))
	}
	if err := os.Rename(partial, dest); err != nil {
		os.Remove(partial)
		return fmt.Errorf("make a backup: %w", friendly(dir, err))
	}
	old, _ := filepath.Glob(filepath.Join(dir, "twohats-backup-*.db"))
	sort.Strings(old)
	for len(old) > keep {
		os.Remove(old[0])
		// a backup cut short by a killed process has its journal beside it
		os.Remove(old[0] + "-journal")
		old = old[1:]
	}
	return nil
}

// partialPID reads the process id from a partial backup's name
// (twohats-backup-<time>.db.partial-<pid>, or -journal after it), or 0.
func partialPID(name string) int {
	i := strings.LastIndex(name, ".partial-")
	if i < 0 {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSuffix(name[i+len(".partial-"):], "-journal"))
	if err != nil {
		return 0
	}
	return pid
}

// fresh reports whether a file changed in the last ten minutes: a partial
// older than that belongs to a process id that has since been reused.
func fresh(name string) bool {
	st, err := os.Stat(name)
	return err == nil && time.Since(st.ModTime()) < 10*time.Minute
}

// BackupTo writes a consistent copy of the database to dest.
func (s *Store) BackupTo(dest string) error {
	destDB, err := sql.Open("sqlite3", "file:"+uriPath(dest))
	if err != nil {
		return err
	}
	defer destDB.Close()
	ctx := context.Background()
	dconn, err := destDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer dconn.Close()
	sconn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer sconn.Close()
	return dconn.Raw(func(d any) error {
		return sconn.Raw(func(src any) error {
			b, err := d.(*sqlite3.SQLiteConn).Backup("main", src.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return err
			}
			if _, err := b.Step(-1); err != nil {
				b.Close()
				return err
			}
			return b.Close()
		})
	})
}

// Backups lists the rolling backups beside the database, oldest first.
func (s *Store) Backups() []string {
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(s.path), "twohats-backup-*.db"))
	sort.Strings(old)
	return old
}
