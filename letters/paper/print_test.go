package paper

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"regulars/internal/cardtest"
)

func TestParseOffset(t *testing.T) {
	tests := []struct {
		in      string
		want    Offset
		wantErr bool
	}{
		{"", Offset{}, false},
		{"0,0", Offset{}, false},
		{"1.5,-2", Offset{1.5, -2}, false},
		{" 1.5 , -2 ", Offset{1.5, -2}, false},
		{"1,5;-2", Offset{1.5, -2}, false},
		{"2mm,3 mm", Offset{2, 3}, false},
		{"20,-20", Offset{20, -20}, false},
		{"21,0", Offset{}, true},
		{"1", Offset{}, true},
		{"1,2,3", Offset{}, true},
		{"a,b", Offset{}, true},
		{"NaN,0", Offset{}, true},
		{"Inf,0", Offset{}, true},
	}
	for _, tt := range tests {
		got, err := ParseOffset(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseOffset(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err == nil {
			back, err := ParseOffset(got.String())
			if err != nil || back != got {
				t.Errorf("ParseOffset(%q.String() = %q) = %v, %v", tt.in, got.String(), back, err)
			}
		}
	}
}

func TestPaperMedia(t *testing.T) {
	tests := []struct {
		layout string
		want   string
	}{
		{"a4", "A4"},
		{"letter", "Letter"},
		{"a6", "A6"},
		{"a2", "Custom.108x139.7mm"},
		{"postcard", "Custom.101.6x152.4mm"}, // landscape card, portrait paper
		{"a7", "Custom.127x177.8mm"},
	}
	for _, tt := range tests {
		l := Layouts[tt.layout]
		if got := (Paper{W: l.W, H: l.H}).Media(); got != tt.want {
			t.Errorf("%s: Media() = %q, want %q", tt.layout, got, tt.want)
		}
	}
}

// pdfWords reads the position (points from the top-left) of every word of
// a PDF's first page with pdftotext -bbox.
func pdfWords(t *testing.T, pdf []byte) map[string][2]float64 {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed: make installs it")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	words := map[string][2]float64{}
	re := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>([^<]+)</word>`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		if _, seen := words[m[3]]; !seen {
			words[m[3]] = [2]float64{x, y}
		}
	}
	return words
}

func TestAlignmentPageAndOffset(t *testing.T) {
	env := Envelopes["a2"]
	for _, name := range []string{"a2", "postcard", "a4"} {
		l := Layouts[name]
		var plain, moved bytes.Buffer
		if err := AlignmentPage(&plain, l, &env); err != nil {
			t.Fatal(err)
		}
		l.Offset = Offset{X: 3, Y: -2}
		if err := AlignmentPage(&moved, l, &env); err != nil {
			t.Fatal(err)
		}
		path := cardtest.WriteTemp(t, plain.Bytes())
		if n := cardtest.PDFPages(t, path); n != 1 {
			t.Errorf("%s: alignment test has %d pages, want 1", name, n)
		}
		a, b := pdfWords(t, plain.Bytes()), pdfWords(t, moved.Bytes())
		for _, w := range []string{"alignment", "window"} {
			p, ok1 := a[w]
			q, ok2 := b[w]
			if !ok1 || !ok2 {
				t.Fatalf("%s: the word %q is missing from the alignment page: %v", name, w, a)
			}
			const pt = 72 / 25.4
			if math.Abs(q[0]-p[0]-3*pt) > 0.2 || math.Abs(q[1]-p[1]+2*pt) > 0.2 {
				t.Errorf("%s: %q moved by (%.2f, %.2f) pt, want (%.2f, %.2f)", name, w, q[0]-p[0], q[1]-p[1], 3*pt, -2*pt)
			}
		}
	}
}

func TestEnvelopesAndCardsFollowTheOffset(t *testing.T) {
	pn := caveat(t)
	cards := []Card{{Name: "Ruth", Text: "Dear Ruth, thank you!", Address: []string{"Ruth Fontaine", "12 Oak St"}, Seed: 3}, {Name: "Ana", Text: "Dear Ana, thank you!", Address: []string{"Ana Lima", "9 Elm Rd"}, Seed: 4}}
	env := Envelopes["dl"]
	var plain, moved bytes.Buffer
	if err := pn.Envelopes(&plain, cards, env, []string{"Blue Door Salon"}, nil); err != nil {
		t.Fatal(err)
	}
	env.Offset = Offset{X: -4, Y: 5}
	if err := pn.Envelopes(&moved, cards, env, []string{"Blue Door Salon"}, nil); err != nil {
		t.Fatal(err)
	}
	p, q := pdfWords(t, plain.Bytes())["Blue"], pdfWords(t, moved.Bytes())["Blue"]
	const pt = 72 / 25.4
	if math.Abs(q[0]-p[0]+4*pt) > 0.2 || math.Abs(q[1]-p[1]-5*pt) > 0.2 {
		t.Errorf("envelope return address moved by (%.2f, %.2f) pt, want (%.2f, %.2f)", q[0]-p[0], q[1]-p[1], -4*pt, 5*pt)
	}
	if n := cardtest.PDFPages(t, cardtest.WriteTemp(t, moved.Bytes())); n != 2 {
		t.Errorf("shifted envelopes: %d pages, want 2", n)
	}

	l := Layouts["a6"]
	plain.Reset()
	moved.Reset()
	if err := pn.Cards(&plain, cards, l, nil); err != nil {
		t.Fatal(err)
	}
	l.Offset = Offset{X: 2, Y: 2}
	if err := pn.Cards(&moved, cards, l, nil); err != nil {
		t.Fatal(err)
	}
	if n := cardtest.PDFPages(t, cardtest.WriteTemp(t, moved.Bytes())); n != 2 {
		t.Errorf("shifted cards: %d pages, want 2", n)
	}
	if cardtest.PDFText(t, plain.Bytes()) != cardtest.PDFText(t, moved.Bytes()) {
		t.Error("the offset changed the cards' text")
	}
}
