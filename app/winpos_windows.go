//go:build windows

package app

import (
	"unsafe"

	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

var (
	user32            = windows.NewLazySystemDLL("user32.dll")
	procGetWindowRect = user32.NewProc("GetWindowRect")
	procSetWindowPos  = user32.NewProc("SetWindowPos")
	procGetMetrics    = user32.NewProc("GetSystemMetrics")
)

// nativePosition reads a window's position from Windows.
func nativePosition(ctx any) (x, y int, ok bool) {
	w, is := ctx.(driver.WindowsWindowContext)
	if !is || w.HWND == 0 {
		return 0, 0, false
	}
	var r struct{ Left, Top, Right, Bottom int32 }
	if ret, _, _ := procGetWindowRect.Call(w.HWND, uintptr(unsafe.Pointer(&r))); ret == 0 {
		return 0, 0, false
	}
	return int(r.Left), int(r.Top), true
}

// nativeMove puts the window at x, y, keeping its size and order.
func nativeMove(ctx any, x, y int) {
	const swpNoSize, swpNoZOrder = 0x0001, 0x0004
	if w, is := ctx.(driver.WindowsWindowContext); is && w.HWND != 0 {
		procSetWindowPos.Call(w.HWND, 0, uintptr(x), uintptr(y), 0, 0, swpNoSize|swpNoZOrder)
	}
}

// nativeScreenSize reads the room a window has on the main screen, in
// pixels: the screen less the task bar and a title bar.
func nativeScreenSize(ctx any) (w, h int, ok bool) {
	const smCxFullScreen, smCyFullScreen = 16, 17
	if _, is := ctx.(driver.WindowsWindowContext); !is {
		return 0, 0, false
	}
	cx, _, _ := procGetMetrics.Call(smCxFullScreen)
	cy, _, _ := procGetMetrics.Call(smCyFullScreen)
	if cx == 0 || cy == 0 {
		return 0, 0, false
	}
	return int(cx), int(cy), true
}
