package letters

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"regulars/data"
)

// TestReturnAddressByHand: the return address is hand-written like the
// client's, in the top-left corner, in the pen's ink, not printed in a
// computer font.
func TestReturnAddressByHand(t *testing.T) {
	pn := caveat(t)
	e := Envelopes["c6"]
	card := Card{Name: "Anna", Seed: 3, Address: []string{"Anna Kowalczyk", "12 Oak Avenue", "Austin, TX 78701"}}
	ret := []string{"Blue Door Salon", "3 Mill Lane", "Austin, TX 78702"}
	gs, err := pn.envelope(card, e, ret)
	if err != nil {
		t.Fatal(err)
	}
	rb := e.ReturnBox()
	inCorner, words := 0, []string{}
	for _, g := range gs {
		if g.X >= rb.X-1 && g.X <= rb.X+rb.W && g.Y >= rb.Y-1 && g.Y <= rb.Y+rb.H {
			inCorner++
			if g.Face != pn.Face {
				t.Errorf("a return-address glyph in %s, not the hand", g.Face.Name)
			}
			if g.Text != "" {
				words = append(words, g.Text)
			}
		}
	}
	if inCorner < 30 || !slices.Contains(words, "Blue") || !slices.Contains(words, "Mill") {
		t.Fatalf("%d glyphs in the return corner, words %q", inCorner, words)
	}

	// On paper: the corner carries blue-black ink, as the address does.
	var buf bytes.Buffer
	if err := pn.Envelopes(&buf, []Card{card}, e, ret, nil); err != nil {
		t.Fatal(err)
	}
	if txt := pdfText(t, buf.Bytes()); !bytes.Contains([]byte(txt), []byte("Blue Door Salon")) {
		t.Errorf("the return address does not extract: %q", txt)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "e.pdf")
	os.WriteFile(pdf, buf.Bytes(), 0o644)
	if out, err := exec.Command("pdftoppm", "-png", "-r", "150", "-singlefile", pdf, filepath.Join(dir, "e")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "e.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	px := 150 / inch
	corner := img.Bounds()
	corner.Max.X, corner.Max.Y = int((rb.X+rb.W)*px), int((rb.Y+rb.H)*px)
	ink, n := inkOf(subImage(img, corner))
	if n < 200 || ink[2]-ink[0] < 25 {
		t.Errorf("the return corner has %d dark pixels of ink %.0f: not the pen's blue-black", n, ink)
	}
}

// TestCountryLineOnlyAbroad: an envelope to a client at home has no
// country line; one abroad keeps it.
func TestCountryLineOnlyAbroad(t *testing.T) {
	s, err := data.Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetSetting(ctx, data.SettingCountry, "United States"); err != nil {
		t.Fatal(err)
	}
	home := data.Client{ID: 1, FirstName: "Ann", LastName: "Home", Address: data.Address{Street: "12 Oak Avenue", City: "Austin", Region: "TX", PostalCode: "78701", Country: "USA"}}
	abroad := data.Client{ID: 2, FirstName: "Bea", LastName: "Away", Address: data.Address{Street: "5 Rue Haute", City: "Lyon", PostalCode: "69001", Country: "France"}}
	tpl := data.Template{Name: "T", Body: "Dear {{.FirstName}}, thank you!"}
	cards, err := PrepareCards(ctx, s, data.Batch{Occasion: data.OccasionThanks}, tpl, []data.Client{home, abroad}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := cards[0].Address; slices.Contains(got, "USA") || len(got) != 3 {
		t.Errorf("at home: %q, want no country line", got)
	}
	if got := cards[1].Address; got[len(got)-1] != "France" {
		t.Errorf("abroad: %q, want the country last", got)
	}
	// No country set: every country line stays.
	if err := s.SetSetting(ctx, data.SettingCountry, ""); err != nil {
		t.Fatal(err)
	}
	cards, _ = PrepareCards(ctx, s, data.Batch{Occasion: data.OccasionThanks}, tpl, []data.Client{home}, nil)
	if got := cards[0].Address; got[len(got)-1] != "USA" {
		t.Errorf("no home country: %q", got)
	}
}
