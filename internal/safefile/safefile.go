// Package safefile writes files the way a careful desktop program does:
// a regular file is replaced whole or not at all, never left half written;
// a device such as /dev/null is written through, never replaced by a
// regular file; a FIFO or socket is refused with a sentence (opening one
// could wait forever); a symbolic link is followed to the file it names,
// which is replaced, and the link is kept. Temporary files carry the
// writer's process id, and those of processes that have died are removed
// the next time something is written to the same folder.
package safefile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Write writes path with what fill produces.
func Write(path string, fill func(io.Writer) error) (err error) {
	target, err := resolve(path)
	if err != nil {
		return err
	}
	if st, err := os.Stat(target); err == nil {
		switch m := st.Mode(); {
		case m.IsDir():
			return fmt.Errorf("%s is a folder; name a file to write", path)
		case m&os.ModeCharDevice != 0:
			return writeThrough(path, target, fill)
		case !m.IsRegular():
			return fmt.Errorf("%s is not a regular file (a named pipe, socket or device), so nothing was written to it; name an ordinary file", path)
		}
	}
	dir := filepath.Dir(target)
	sweep(dir)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".twohats-"+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := fill(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	for _, step := range []func() error{bw.Flush, func() error { return tmp.Chmod(0o644) }, tmp.Sync, tmp.Close} {
		if err := step(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// resolve follows a symbolic link at path to the file it names (which may
// not exist yet); any other path is returned as it is.
func resolve(path string) (string, error) {
	st, err := os.Lstat(path)
	if err != nil || st.Mode()&os.ModeSymlink == 0 {
		return path, nil
	}
	for i := 0; i < 40; i++ {
		dest, err := os.Readlink(path)
		if err != nil {
			return "", fmt.Errorf("read the link %s: %w", path, err)
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		st, err := os.Lstat(dest)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && st.Mode()&os.ModeSymlink == 0) {
			return dest, nil
		}
		if err != nil {
			return "", fmt.Errorf("follow the link %s: %w", path, err)
		}
		path = dest
	}
	return "", fmt.Errorf("%s is a chain of links that does not end; name a file", path)
}

// writeThrough writes to a device in place: replacing /dev/null with a
// regular file is the one thing never to do.
func writeThrough(path, target string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := fill(bw); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// sweep removes temporary files in dir left by writers that died: their
// process is gone, or the file is a day old (its process id reused).
func sweep(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, ".*.twohats-*.tmp"))
	for _, m := range matches {
		pid := tmpPID(filepath.Base(m))
		if pid == os.Getpid() {
			continue
		}
		st, err := os.Lstat(m)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		if pid <= 0 || !ProcessAlive(pid) || time.Since(st.ModTime()) > 24*time.Hour {
			os.Remove(m)
		}
	}
}

// tmpPID reads the process id from .NAME.twohats-PID-RANDOM.tmp, or 0.
func tmpPID(name string) int {
	i := strings.LastIndex(name, ".twohats-")
	if i < 0 {
		return 0
	}
	rest := name[i+len(".twohats-"):]
	j := strings.IndexByte(rest, '-')
	if j < 0 {
		return 0
	}
	pid, err := strconv.Atoi(rest[:j])
	if err != nil {
		return 0
	}
	return pid
}
