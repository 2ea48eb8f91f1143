//go:build !linux && !freebsd && !openbsd && !netbsd

package app

import "fyne.io/fyne/v2"

// watchSystemTheme notes that the system tells its light or dark choice:
// Fyne reads it itself on Windows and macOS.
func watchSystemTheme(fyne.App) { systemTold.Store(true) }
