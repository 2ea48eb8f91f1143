//go:build windows

package paper

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows/registry"
)

// ctx is the context of the tests.
var ctx = context.Background()

// TestWindowsPrintVerb hands a PDF to Windows' print verb with a "print"
// command registered for .pdf that copies the file, and checks the copy.
// It changes the computer's .pdf association, so it runs only under Wine
// in make test-windows (REGULARS_WINE_TEST=1), never on a real Windows.
func TestWindowsPrintVerb(t *testing.T) {
	if os.Getenv("REGULARS_WINE_TEST") != "1" {
		t.Skip("changes the .pdf association: run by make test-windows under Wine only")
	}
	// Not t.TempDir: Wine 8 cannot run the Go 1.26 os.RemoveAll ("Invalid
	// function" from its POSIX-semantics delete), which would fail the test.
	dir, err := os.MkdirTemp("", "regulars-print-")
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "cards 2026-11.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n%regulars\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Without a program for PDFs, the owner is told so.
	if _, err := Print(ctx, Job{File: pdf}); err == nil || !strings.Contains(err.Error(), "no program that prints PDFs") {
		t.Fatalf("print with no PDF program: %v", err)
	}
	printed := filepath.Join(dir, "printed.pdf")
	set := func(path, value string) {
		k, _, err := registry.CreateKey(registry.CLASSES_ROOT, path, registry.SET_VALUE)
		if err != nil {
			t.Fatal(err)
		}
		defer k.Close()
		if err := k.SetStringValue("", value); err != nil {
			t.Fatal(err)
		}
	}
	set(`.pdf`, "RegularsTest.PDF")
	set(`RegularsTest.PDF\shell\print\command`, `C:\windows\system32\cmd.exe /c copy "%1" "`+printed+`"`)
	said, err := Print(ctx, Job{File: pdf})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		if b, err := os.ReadFile(printed); err == nil && strings.Contains(string(b), "%regulars") {
			t.Logf("%s; the print command got %s", said, pdf)
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the print verb did not run the .pdf print command on %s", pdf)
}
