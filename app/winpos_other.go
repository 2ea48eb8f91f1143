//go:build !windows && !linux && !freebsd && !openbsd && !netbsd

package app

// nativePosition is not known on this system.
func nativePosition(any) (x, y int, ok bool) { return 0, 0, false }

// nativeMove does nothing on this system: it places the window itself.
func nativeMove(any, int, int) {}

// nativeScreenSize is not known on this system.
func nativeScreenSize(any) (w, h int, ok bool) { return 0, 0, false }
