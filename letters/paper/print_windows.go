//go:build windows

package paper

import (
	"context"
	"fmt"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// Printers on Windows is the system's default printer only: the print
// verb hands the PDF to the program that opens PDFs, which prints it on
// the default printer with its own paper and scaling settings.
func Printers(ctx context.Context) ([]Printer, error) {
	return []Printer{{Name: "", Default: true}}, nil
}

// Print hands the PDF to Windows' "print" verb (ShellExecute), as
// Explorer's Print does. The owner's PDF reader chooses the paper; it is
// told nothing of actual size, so the alignment page matters here.
func Print(ctx context.Context, j Job) (string, error) {
	file, err := filepath.Abs(j.File)
	if err != nil {
		return "", fmt.Errorf("print %s: %w", j.File, err)
	}
	verb, _ := windows.UTF16PtrFromString("print")
	path, err := windows.UTF16PtrFromString(file)
	if err != nil {
		return "", fmt.Errorf("print %s: %w", file, err)
	}
	dir, _ := windows.UTF16PtrFromString(filepath.Dir(file))
	if err := windows.ShellExecute(0, verb, path, nil, dir, windows.SW_HIDE); err != nil {
		return "", fmt.Errorf("print %s: Windows has no program that prints PDFs (install a PDF reader): %w", file, err)
	}
	return "sent to the default printer", nil
}
