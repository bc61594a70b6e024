//go:build windows

package safefile

import "os"

// ProcessAlive reports whether a process with the id exists: on Windows,
// finding a process opens a handle to it, which fails when there is none.
func ProcessAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
