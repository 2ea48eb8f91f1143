//go:build linux || freebsd || openbsd || netbsd

package app

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>
#include <stdlib.h>

// regularsWindowPos reads where a top-level window is on the screen.
static int regularsWindowPos(unsigned long win, int *x, int *y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return 0;
	Window child;
	int ok = XTranslateCoordinates(d, (Window)win, DefaultRootWindow(d), 0, 0, x, y, &child);
	XCloseDisplay(d);
	return ok;
}

// regularsMoveWindow puts a window at a place on the screen.
static void regularsMoveWindow(unsigned long win, int x, int y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return;
	XMoveWindow(d, (Window)win, x, y);
	XFlush(d);
	XCloseDisplay(d);
}

// regularsScreenSize reads the size of the default screen in pixels.
static int regularsScreenSize(int *w, int *h) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return 0;
	int s = DefaultScreen(d);
	*w = DisplayWidth(d, s);
	*h = DisplayHeight(d, s);
	XCloseDisplay(d);
	return 1;
}
*/
import "C"

import "fyne.io/fyne/v2/driver"

// nativePosition reads a window's position from the X server.
func nativePosition(ctx any) (x, y int, ok bool) {
	w, is := ctx.(driver.X11WindowContext)
	if !is || w.WindowHandle == 0 {
		return 0, 0, false
	}
	var cx, cy C.int
	if C.regularsWindowPos(C.ulong(w.WindowHandle), &cx, &cy) == 0 {
		return 0, 0, false
	}
	return int(cx), int(cy), true
}

// nativeMove asks the X server to put the window at x, y.
func nativeMove(ctx any, x, y int) {
	if w, is := ctx.(driver.X11WindowContext); is && w.WindowHandle != 0 {
		C.regularsMoveWindow(C.ulong(w.WindowHandle), C.int(x), C.int(y))
	}
}

// nativeScreenSize reads the size of the screen, in pixels, from the X
// server.
func nativeScreenSize(ctx any) (w, h int, ok bool) {
	if _, is := ctx.(driver.X11WindowContext); !is {
		return 0, 0, false
	}
	var cw, ch C.int
	if C.regularsScreenSize(&cw, &ch) == 0 {
		return 0, 0, false
	}
	return int(cw), int(ch), true
}
