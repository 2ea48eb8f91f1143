package letters

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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

// writeTemp writes b into a file of a temporary folder.
func writeTemp(t *testing.T, b []byte) string {
	p := filepath.Join(t.TempDir(), "f.pdf")
	os.WriteFile(p, b, 0o644)
	return p
}

// pdfPages is how many pages pdfinfo counts in a PDF.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in %s", path, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// signaturePNG is a small valid signature image.
func signaturePNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 12))
	for x := 0; x < 40; x++ {
		img.Set(x, 6, color.NRGBA{0, 0, 80, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
