package store

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath is where the client book lives when none is named: the
// REGULARS_DB environment variable, else regulars.db in the user's data
// folder ($XDG_DATA_HOME/regulars, ~/.local/share/regulars on Linux,
// ~/Library/Application Support/regulars on macOS, %AppData%\regulars on
// Windows).
func DefaultPath() (string, error) {
	if p := os.Getenv("REGULARS_DB"); p != "" {
		return p, nil
	}
	dir, err := DataFolder()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "regulars.db"), nil
}

// DataFolder is the user's Regulars folder in their data folder, where the
// default book and the files of books on a server are kept.
func DataFolder() (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows", "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the data folder: %w", err)
		}
		dir = d
	default:
		if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
			dir = x
		} else {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("find the data folder: %w", err)
			}
			dir = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(dir, "regulars"), nil
}
