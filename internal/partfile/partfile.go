// Package partfile writes a file whole or not at all: it is written to a
// hidden ".NAME.PID-RANDOM.part" beside its place and renamed into place
// when complete, and the parts that killed processes left behind are
// removed by the next writer. The cards' PDFs and the book's backups are
// written this way.
package partfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Create creates the temporary file that a file called name, in dir,
// is written to before it is renamed into place when whole: a hidden
// ".NAME.PID-RANDOM.part", readable by its owner only. The parts of the
// same name that processes killed midway left behind (their process no
// longer runs) are removed first, so that kills leave nothing for good.
func Create(dir, name string) (*os.File, error) {
	Clean(dir, name)
	f, err := os.CreateTemp(dir, fmt.Sprintf(".%s.%d-*.part", name, os.Getpid()))
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Clean removes from dir the parts of name (see Create) whose
// process no longer runs, and those of older versions, which were named
// ".NAME.RANDOM.part".
func Clean(dir, name string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + name + "."
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, ".part") || !e.Type().IsRegular() {
			continue
		}
		mid := strings.TrimSuffix(strings.TrimPrefix(n, prefix), ".part")
		pidText, _, _ := strings.Cut(mid, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() {
			continue
		}
		if info, err := e.Info(); err == nil && !Alive(pid, info.ModTime()) {
			os.Remove(filepath.Join(dir, n))
		}
	}
}
