//go:build unix

package safefile

import (
	"errors"
	"syscall"
)

// ProcessAlive reports whether a process with the id exists.
func ProcessAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
