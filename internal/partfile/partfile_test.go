package partfile

import (
	"os"
	"path/filepath"
	"regulars/internal/clock"
	"strings"
	"testing"
)

// TestCreateAndClean: a part is a hidden file beside its place that names
// this process; the parts a gone process left behind are removed by the
// next Create of the same name, and those of a running process (this
// one) and of other names stay.
func TestCreateAndClean(t *testing.T) {
	dir := t.TempDir()
	// A process id no process holds: beyond the largest pid Linux gives.
	gone := filepath.Join(dir, ".cards.pdf.99999999-123.part")
	other := filepath.Join(dir, ".labels.pdf.99999999-123.part")
	for _, p := range []string{gone, other} {
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f, err := Create(dir, "cards.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	name := filepath.Base(f.Name())
	if !strings.HasPrefix(name, ".cards.pdf.") || !strings.HasSuffix(name, ".part") || filepath.Dir(f.Name()) != dir {
		t.Errorf("the part is %s; want a hidden .cards.pdf.PID-*.part in %s", f.Name(), dir)
	}
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("the part of a gone process is still there (%v)", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("the part of another name went: %v", err)
	}
	Clean(dir, "cards.pdf")
	if _, err := os.Stat(f.Name()); err != nil {
		t.Errorf("this process's own part was removed: %v", err)
	}
	if !Alive(os.Getpid(), clock.Now()) {
		t.Error("this process reads as gone")
	}
}
