//go:build cups

package letters

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/data"
	"regulars/internal/cardtest"
	"regulars/letters/paper"
)

// The CUPS tests print to a real CUPS server's cups-pdf printer, started
// by scripts/printserver.sh (make test-print), and read back what it
// wrote.

func cupsPrinter(t *testing.T) (printer, out string) {
	t.Helper()
	printer, out = os.Getenv("REGULARS_IT_PRINTER"), os.Getenv("REGULARS_IT_PRINT_OUT")
	if printer == "" || out == "" {
		t.Fatal("REGULARS_IT_PRINTER and REGULARS_IT_PRINT_OUT are not set: run make test-print")
	}
	return printer, out
}

// waitForPDFs waits for n new PDFs in the printer's folder, each whole.
func waitForPDFs(t *testing.T, dir string, before map[string]bool, n int) []string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		var fresh []string
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if !before[e.Name()] && strings.HasSuffix(e.Name(), ".pdf") {
				fresh = append(fresh, filepath.Join(dir, e.Name()))
			}
		}
		if len(fresh) >= n {
			time.Sleep(time.Second) // cups-pdf renames the file when done; settle
			return fresh
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("the printer wrote fewer than %d PDFs in %s within 2 minutes (see /var/log/cups/error_log)", n, dir)
	return nil
}

func listed(dir string) map[string]bool {
	m := map[string]bool{}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		m[e.Name()] = true
	}
	return m
}

func TestCUPSPrintBatch(t *testing.T) {
	printer, out := cupsPrinter(t)
	ps, err := paper.Printers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range ps {
		found = found || p.Name == printer
	}
	if !found {
		t.Fatalf("lpstat does not list %s: %v", printer, ps)
	}

	s := cardtest.Book(t)
	pn := caveat(t)
	var cards []paper.Card
	for i, n := range []string{"Ruth Fontaine", "Ana Lima", "Zoë Brun", "José Núñez", "Søren Berg"} {
		cards = append(cards, paper.Card{ClientID: int64(i + 1), Name: n, Text: "Dear " + n + ",\n\nThank you for coming in!\n\nBea", Address: []string{n, "12 Oak St", "Austin, TX 78702"}, Seed: uint64(i)})
	}
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.Local)
	l := paper.Layouts["a2"]
	l.Offset = paper.Offset{X: 1, Y: -1}
	files, err := WriteBatch(ctx, s, pn, data.Batch{From: from, To: from.AddDate(0, 1, 0)}, cards,
		Output{Dir: t.TempDir(), Layout: l, Envelope: "a2", Labels: "5160"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("WriteBatch wrote %v, want cards, envelopes and labels", files)
	}
	alignment := filepath.Join(t.TempDir(), "alignment.pdf")
	f, err := os.Create(alignment)
	if err != nil {
		t.Fatal(err)
	}
	env := paper.Envelopes["a2"]
	if err := paper.AlignmentPage(f, l, &env); err != nil {
		t.Fatal(err)
	}
	f.Close()

	want := map[string]int{} // title → pages
	var jobs []paper.Job
	papers := []paper.Paper{{W: l.W, H: l.H}, {W: paper.Envelopes["a2"].W, H: paper.Envelopes["a2"].H}, {W: paper.LabelSheets["5160"].PageW, H: paper.LabelSheets["5160"].PageH}, {W: l.W, H: l.H}}
	for i, file := range append(files, alignment) {
		title := strings.TrimSuffix(filepath.Base(file), ".pdf")
		want[title] = cardtest.PDFPages(t, file)
		jobs = append(jobs, paper.Job{File: file, Printer: printer, Paper: papers[i], Title: title})
	}
	if want["alignment"] != 1 || want[strings.TrimSuffix(filepath.Base(files[0]), ".pdf")] != len(cards) {
		t.Fatalf("the PDFs to print have %v pages", want)
	}
	before := listed(out)
	said, err := paper.PrintFiles(ctx, jobs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range said {
		if !strings.Contains(s, "request id is "+printer) {
			t.Errorf("lp said %q", s)
		}
	}
	printed := waitForPDFs(t, out, before, len(jobs))
	got := map[string]int{}
	for _, p := range printed {
		name := filepath.Base(p)
		for title := range want {
			if strings.Contains(name, title) {
				got[title] = cardtest.PDFPages(t, p)
			}
		}
	}
	// The custom paper reached the printer: the cards come out 4¼ × 5½ in.
	for _, p := range printed {
		if strings.Contains(filepath.Base(p), "cards-") {
			info, err := exec.Command("pdfinfo", p).Output()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(info), "306 x 396 pts") {
				t.Errorf("the cards were printed on the wrong paper:\n%s", info)
			}
		}
	}
	for title, n := range want {
		if got[title] != n {
			t.Errorf("%s: the printer wrote %d pages, want %d (printed: %v)", title, got[title], n, printed)
		}
	}
}

func TestCUPSUnknownPrinter(t *testing.T) {
	cupsPrinter(t)
	file := cardtest.WriteTemp(t, []byte("%PDF-1.4\n"))
	_, err := paper.Print(ctx, paper.Job{File: file, Printer: "NoSuchPrinter"})
	if err == nil || !strings.Contains(err.Error(), "NoSuchPrinter") {
		t.Errorf("printing on a printer that does not exist: %v", err)
	}
}
