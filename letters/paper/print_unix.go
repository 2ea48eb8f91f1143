//go:build !windows

package paper

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Printers lists the printers CUPS knows (lpstat -e), the system's
// default first marked as such (lpstat -d).
func Printers(ctx context.Context) ([]Printer, error) {
	out, err := lpstat(ctx, "-e")
	if err != nil {
		return nil, err
	}
	def, _ := lpstat(ctx, "-d") // no default is not an error
	return parsePrinters(out, parseDefault(def)), nil
}

// lpstat runs lpstat with its messages in English, to be read.
func lpstat(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "lpstat", args...)
	cmd.Env = append(cmd.Environ(), "LC_ALL=C", "LANG=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if errors.Is(err, exec.ErrNotFound) {
		return "", fmt.Errorf("no printing system here: install CUPS (lpstat was not found)")
	}
	if err != nil {
		return "", fmt.Errorf("lpstat %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// parsePrinters reads lpstat -e: one destination a line.
func parsePrinters(out, def string) []Printer {
	var ps []Printer
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name == "" || strings.ContainsAny(name, " \t") {
			continue
		}
		ps = append(ps, Printer{Name: name, Default: name == def})
	}
	return ps
}

// parseDefault reads lpstat -d: "system default destination: NAME", or
// "no system default destination".
func parseDefault(out string) string {
	const prefix = "system default destination:"
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}

// lpArgs are the lp arguments of a job: the printer, the paper, actual
// size (print-scaling=none, and fit-to-page off for older CUPS) and a
// title the queue shows.
func lpArgs(j Job) []string {
	var args []string
	if j.Printer != "" {
		args = append(args, "-d", j.Printer)
	}
	if j.Paper.W > 0 && j.Paper.H > 0 {
		args = append(args, "-o", "media="+j.Paper.Media())
	}
	args = append(args, "-o", "print-scaling=none", "-o", "fit-to-page=false")
	if j.Title != "" {
		args = append(args, "-t", j.Title)
	}
	return append(args, "--", j.File)
}

// Print sends one PDF to a CUPS printer with lp and returns what lp said
// ("request id is Printer-12 (1 file(s))").
func Print(ctx context.Context, j Job) (string, error) {
	cmd := exec.CommandContext(ctx, "lp", lpArgs(j)...)
	cmd.Env = append(cmd.Environ(), "LC_ALL=C", "LANG=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if errors.Is(err, exec.ErrNotFound) {
		return "", fmt.Errorf("no printing system here: install CUPS (lp was not found)")
	}
	if err != nil {
		return "", fmt.Errorf("print %s on %s: %w: %s", j.File, printerName(j.Printer), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

func printerName(p string) string {
	if p == "" {
		return "the default printer"
	}
	return p
}
