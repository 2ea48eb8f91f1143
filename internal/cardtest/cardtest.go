// Package cardtest gives the tests of the letters packages what they
// share: the notes and clients the cards are written for, a book set up
// for cards and emails, the built-in hand, a signature image, and
// poppler's reading of the PDFs (text, page count, a rendered page).
//
// Only tests import it. It imports letters/pen but not letters/paper, so
// that paper's own (internal) tests can use it without an import cycle.
package cardtest

import (
	"bytes"
	"context"
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

	"regulars/data"
	"regulars/data/store"
	"regulars/letters/pen"
)

// ShortNote is a card's note that fits in a few lines.
const ShortNote = "Dear Zoë,\n\nThank you for coming in on 14 November. See you soon!\n\nBea"

// LongNote is a card's note long enough to wrap over many lines.
var LongNote = strings.Repeat("Thank you so much for your visit and for being such a loyal client all these years. ", 6)

// NamedClients are the six recipients of issue 14, one per script the
// hands must write.
var NamedClients = []string{"Zoë Whitfield", "Łukasz Kowalczyk", "Nguyễn Thị Hương", "Анна Иванова", "Ελένη Παπαδοπούλου", "Siobhán O'Brien"}

// NamedNote is the thank-you note of issue 14 to the client of that full
// name, greeted by the first name.
func NamedNote(name string) string {
	first := strings.Fields(name)[0]
	return "Dear " + first + ",\n\nThank you so much for coming in on 14 November for your cut and blow-dry. It was a real pleasure to see you, " + name + ", and Bea sends warm regards.\n\nWe hope to see you again soon!\n\nWith thanks,\nBlue Door Salon"
}

// Caveat is the built-in hand Caveat; the test fails if it does not load.
func Caveat(t testing.TB) *pen.Face {
	t.Helper()
	f, err := pen.BuiltInFace("Caveat")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Book is a new book in a temporary folder, closed at the end of the
// test, with the business's name, address and From address set, as the
// emails and cards need them.
func Book(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for k, v := range map[string]string{
		data.SettingBusinessName: "Blue Door Salon", data.SettingBusinessAddress: "3 Mill Lane\nAustin, TX 78702",
		data.SettingFromName: "Blue Door Salon", data.SettingFromAddress: "shop@example.com",
	} {
		s.SetSetting(context.Background(), k, v)
	}
	return s
}

// SignaturePNG is a small valid signature image: one dark blue stroke.
func SignaturePNG(t testing.TB) []byte {
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

// WriteTemp writes b into a file of a temporary folder and says its path,
// for the tools that read a PDF from a file.
func WriteTemp(t testing.TB, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// PDFText is the text of a PDF as pdftotext reads it.
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed: make installs it")
	}
	out, err := exec.Command("pdftotext", "-raw", WriteTemp(t, pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// PDFPages is how many pages pdfinfo counts in the PDF file at path.
func PDFPages(t testing.TB, path string) int {
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

// Render is the first page of a PDF as pdftoppm prints it in colour at
// dpi dots per inch: what a printer would put on paper.
func Render(t testing.TB, pdf []byte, dpi int) image.Image {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm (poppler-utils) is needed: make installs it")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "p.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-singlefile", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "p.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
