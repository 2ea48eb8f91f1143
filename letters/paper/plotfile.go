package paper

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// PlotFormats are the plotter files Regulars writes.
var PlotFormats = []string{"svg", "gcode"}

// WritePlotFiles writes the cards (and their envelopes, when envelope is
// not "") as single-stroke plotter files named after base in dir: SVG
// with a layer per card, or G-code. It returns the files and the letters
// the stroke font cannot write, which the owner should know of.
func (p Pen) WritePlotFiles(dir, base, format string, cards []Card, l Layout, envelope string, returnAddress []string, g GCode) (files []string, missing []rune, err error) {
	if format != "svg" && format != "gcode" {
		return nil, nil, fmt.Errorf("plotter format %q: write svg or gcode", format)
	}
	var cardPlots, envPlots []Plot
	seen := map[rune]bool{}
	note := func(pl Plot) {
		for _, r := range pl.Missing {
			seen[r] = true
		}
	}
	for _, c := range cards {
		pl, err := p.PlotCard(c, l)
		if err != nil {
			return nil, nil, fmt.Errorf("plot the card of %s: %w", c.Name, err)
		}
		note(pl)
		cardPlots = append(cardPlots, pl)
	}
	if envelope != "" {
		env, err := FindEnvelope(envelope)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range cards {
			pl, err := p.PlotEnvelope(c, env, returnAddress)
			if err != nil {
				return nil, nil, fmt.Errorf("plot the envelope of %s: %w", c.Name, err)
			}
			note(pl)
			envPlots = append(envPlots, pl)
		}
	}
	for r := range seen {
		missing = append(missing, r)
	}
	sort.Slice(missing, func(i, j int) bool { return missing[i] < missing[j] })
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("output folder: %w", err)
	}
	write := func(name string, plots []Plot) error {
		var buf bytes.Buffer
		var err error
		if format == "svg" {
			err = WriteSVG(&buf, plots)
		} else {
			err = WriteGCode(&buf, plots, g)
		}
		if err != nil {
			return err
		}
		path := filepath.Join(dir, name)
		tmp := path + ".part"
		if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("write %s: %w", path, err)
		}
		files = append(files, path)
		return nil
	}
	if err := write(base+"-cards."+format, cardPlots); err != nil {
		return files, missing, err
	}
	if len(envPlots) > 0 {
		if err := write(base+"-envelopes."+format, envPlots); err != nil {
			return files, missing, err
		}
	}
	return files, missing, nil
}

// MissingText writes the letters a plotter font lacks, for a message.
func MissingText(rs []rune) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, string(r))
	}
	return strings.Join(parts, " ")
}
