package pen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"regulars/letters/paper"
	"regulars/letters/pen"
)

// caveat is the pen of the built-in hand, Caveat, in blue-black.
func caveat(t testing.TB) paper.Pen {
	t.Helper()
	f, err := pen.BuiltInFace("Caveat")
	if err != nil {
		t.Fatal(err)
	}
	return paper.Pen{Face: f, Fallback: pen.Fallback(), Ink: pen.BlueBlack}
}

const shortNote = "Dear Zoë,\n\nThank you for coming in on 14 November. See you soon!\n\nBea"

var longNote = strings.Repeat("Thank you so much for your visit and for being such a loyal client all these years. ", 6)

// pdfText is the text of a PDF as pdftotext reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed: make installs it")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(path, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// inch is 25.4 mm.
const inch = 25.4
