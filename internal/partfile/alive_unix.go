//go:build unix

package partfile

import (
	"errors"
	"time"

	"golang.org/x/sys/unix"
)

// Alive reports whether the process pid still runs (a signal 0
// reaches it, or it exists but belongs to someone else).
func Alive(pid int, _ time.Time) bool {
	if pid <= 0 {
		return false
	}
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}
