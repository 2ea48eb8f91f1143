//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// The Windows build is linked with -H=windowsgui so that opening it from
// Explorer shows no console window. Such a program has no console of its
// own: started from cmd or PowerShell with a command, it attaches to the
// terminal it was started from so that what it prints shows there. Output
// already sent to a file or a pipe is left where it goes.
func init() {
	if len(os.Args) < 2 {
		return // the window: no console wanted
	}
	attachConsole()
}

// attachParentProcess is ATTACH_PARENT_PROCESS ((DWORD)-1) of AttachConsole.
const attachParentProcess = ^uint32(0)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

func attachConsole() {
	out, errOut := stdHandle(windows.STD_OUTPUT_HANDLE), stdHandle(windows.STD_ERROR_HANDLE)
	if out && errOut {
		return
	}
	if r, _, _ := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return // started from Explorer or a shortcut: no terminal to attach to
	}
	con, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if !out {
		os.Stdout = con
		_ = windows.SetStdHandle(windows.STD_OUTPUT_HANDLE, windows.Handle(con.Fd()))
	}
	if !errOut {
		os.Stderr = con
		_ = windows.SetStdHandle(windows.STD_ERROR_HANDLE, windows.Handle(con.Fd()))
	}
}

// stdHandle reports whether a standard handle already goes somewhere.
func stdHandle(which uint32) bool {
	h, err := windows.GetStdHandle(which)
	return err == nil && h != 0 && h != windows.InvalidHandle
}
