//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestExportsAreTheOwnersOnly: an export holds every client; under the
// usual umask 022 it is readable by its owner only.
func TestExportsAreTheOwnersOnly(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ana", "--email", "ana@example.com")
	for _, format := range []string{"csv", "vcard", "visits"} {
		out := filepath.Join(t.TempDir(), "export."+format)
		mustRun(t, db, "export", "--format", format, "-o", out)
		if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s export: mode %v, %v; want -rw-------", format, fi.Mode().Perm(), err)
		}
	}
}
