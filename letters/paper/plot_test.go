package paper

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPlotSVGAndGCode plots two cards and an envelope, parses the SVG and
// the G-code back, and checks that every stroke stays inside its page,
// that the SVG has a layer per plot and plain unfilled paths with no text,
// and that the G-code draws only with the pen down.
func TestPlotSVGAndGCode(t *testing.T) {
	pn := caveat(t)
	l := Layouts["a2"]
	var plots []Plot
	for i, n := range []string{"Zoë Whitfield", "Siobhán O'Brien"} {
		pl, err := pn.PlotCard(namedCard(i, n), l)
		if err != nil {
			t.Fatal(err)
		}
		if len(pl.Missing) > 0 || len(pl.Strokes) < 100 {
			t.Errorf("%s: %d strokes, missing %q", n, len(pl.Strokes), string(pl.Missing))
		}
		plots = append(plots, pl)
	}
	// Latin-1 only: a Polish name is told, not silently dropped.
	pl, err := pn.PlotCard(namedCard(1, "Łukasz Kowalczyk"), l)
	if err != nil {
		t.Fatal(err)
	}
	if string(pl.Missing) != "Ł" {
		t.Errorf("missing %q, want Ł", string(pl.Missing))
	}

	var svg bytes.Buffer
	if err := WriteSVG(&svg, plots); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
		ViewBox string `xml:"viewBox,attr"`
		Layers  []struct {
			Mode  string `xml:"groupmode,attr"`
			Fill  string `xml:"fill,attr"`
			Paths []struct {
				D    string `xml:"d,attr"`
				Fill string `xml:"fill,attr"`
			} `xml:"path"`
		} `xml:"g"`
		Text []struct{} `xml:"text"`
	}
	if err := xml.Unmarshal(svg.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Width != mm(l.W)+"mm" || doc.Height != mm(l.H)+"mm" || doc.ViewBox != "0 0 "+mm(l.W)+" "+mm(l.H) {
		t.Errorf("page %s × %s, viewBox %s", doc.Width, doc.Height, doc.ViewBox)
	}
	if len(doc.Layers) != len(plots) || len(doc.Text) > 0 || strings.Contains(svg.String(), "<text") {
		t.Errorf("%d layers for %d plots, %d texts", len(doc.Layers), len(plots), len(doc.Text))
	}
	for i, g := range doc.Layers {
		if g.Mode != "layer" || g.Fill != "none" || len(g.Paths) != countStrokes(plots[i]) {
			t.Errorf("layer %d: mode %q fill %q, %d paths for %d strokes", i, g.Mode, g.Fill, len(g.Paths), countStrokes(plots[i]))
		}
		for _, p := range g.Paths {
			f := strings.Fields(p.D)
			if p.Fill != "" || len(f) < 6 || f[0] != "M" || f[3] != "L" {
				t.Fatalf("path %q fill %q", p.D, p.Fill)
			}
			for _, v := range f {
				if v == "M" || v == "L" {
					continue
				}
				n, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("path %q: %v", p.D, err)
				}
				if n < 0 || n > l.H {
					t.Fatalf("a stroke leaves the card: %v", n)
				}
			}
		}
	}
	// Every point of every stroke, x and y, inside the writing area.
	box := l.Box()
	for _, pl := range plots {
		for _, s := range pl.Strokes {
			for _, p := range s {
				if p[0] < box.X-1 || p[0] > box.X+box.W+1 || p[1] < box.Y-1 || p[1] > box.Y+box.H+1 {
					t.Fatalf("%s: point %v outside the writing area %+v", pl.Name, p, box)
				}
			}
		}
	}

	var gc bytes.Buffer
	g := GCode{PenUp: "M280 P0 S90", PenDown: "M280 P0 S30", Feed: 2400}
	if err := WriteGCode(&gc, plots, g); err != nil {
		t.Fatal(err)
	}
	code := gc.String()
	down, strokes, draws := false, 0, 0
	sc := bufio.NewScanner(strings.NewReader(code))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == g.PenDown:
			down = true
			strokes++
		case line == g.PenUp:
			down = false
		case strings.HasPrefix(line, "G0 ") || strings.HasPrefix(line, "G1 "):
			if strings.HasPrefix(line, "G0") == down {
				t.Fatalf("%q with the pen %s", line, map[bool]string{true: "down", false: "up"}[down])
			}
			if strings.HasPrefix(line, "G1") {
				draws++
			}
			for _, f := range strings.Fields(line)[1:] {
				v, err := strconv.ParseFloat(f[1:], 64)
				if err != nil {
					t.Fatalf("%q: %v", line, err)
				}
				if (f[0] == 'X' && (v < 0 || v > l.W)) || (f[0] == 'Y' && (v < 0 || v > l.H)) || (f[0] == 'F' && v != 2400) {
					t.Fatalf("%q leaves the card", line)
				}
			}
		}
	}
	if want := countStrokes(plots[0]) + countStrokes(plots[1]); strokes != want || draws < strokes {
		t.Errorf("%d pen-downs and %d G1 moves for %d strokes", strokes, draws, want)
	}
	if !strings.Contains(code, "M0 (next card)") {
		t.Error("no pause between cards")
	}
	if _, err := pn.PlotEnvelope(namedCard(0, "Zoë Whitfield"), Envelopes["a2"], []string{"Blue Door Salon", "3 Mill Lane"}); err != nil {
		t.Error(err)
	}
	if dir := os.Getenv("REGULARS_CARDS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "plot.svg"), svg.Bytes(), 0o644)
		os.WriteFile(filepath.Join(dir, "plot.gcode"), []byte(code), 0o644)
	}
}

func countStrokes(pl Plot) int {
	n := 0
	for _, s := range pl.Strokes {
		if len(s) >= 2 {
			n++
		}
	}
	return n
}
