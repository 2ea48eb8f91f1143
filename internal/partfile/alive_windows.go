//go:build windows

package partfile

import (
	"time"

	"golang.org/x/sys/windows"
)

// Alive reports whether the process pid still runs: a process that
// can be opened and has not exited. A backup's .part file left by a
// process that is gone is removed by the next backup.
func Alive(pid int, _ time.Time) bool {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil {
		return true
	}
	const stillActive = 259
	return code == stillActive
}
