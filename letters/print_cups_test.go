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
	ps, err := Printers(ctx)
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

	s := mailBook(t)
	pn := caveat(t)
	var cards []Card
	for i, n := range []string{"Ruth Fontaine", "Ana Lima", "Zoë Brun", "José Núñez", "Søren Berg"} {
		cards = append(cards, Card{ClientID: int64(i + 1), Name: n, Text: "Dear " + n + ",\n\nThank you for coming in!\n\nBea", Address: []string{n, "12 Oak St", "Austin, TX 78702"}, Seed: uint64(i)})
	}
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.Local)
	l := Layouts["a2"]
	l.Offset = Offset{X: 1, Y: -1}
	files, err := pn.WriteBatch(ctx, s, data.Batch{From: from, To: from.AddDate(0, 1, 0)}, cards,
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
	env := Envelopes["a2"]
	if err := AlignmentPage(f, l, &env); err != nil {
		t.Fatal(err)
	}
	f.Close()

	want := map[string]int{} // title → pages
	var jobs []Job
	papers := []Paper{{l.W, l.H}, {Envelopes["a2"].W, Envelopes["a2"].H}, {LabelSheets["5160"].PageW, LabelSheets["5160"].PageH}, {l.W, l.H}}
	for i, file := range append(files, alignment) {
		title := strings.TrimSuffix(filepath.Base(file), ".pdf")
		want[title] = pdfPages(t, file)
		jobs = append(jobs, Job{File: file, Printer: printer, Paper: papers[i], Title: title})
	}
	if want["alignment"] != 1 || want[strings.TrimSuffix(filepath.Base(files[0]), ".pdf")] != len(cards) {
		t.Fatalf("the PDFs to print have %v pages", want)
	}
	before := listed(out)
	said, err := PrintFiles(ctx, jobs)
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
				got[title] = pdfPages(t, p)
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
	file := writeTemp(t, []byte("%PDF-1.4\n"))
	_, err := Print(ctx, Job{File: file, Printer: "NoSuchPrinter"})
	if err == nil || !strings.Contains(err.Error(), "NoSuchPrinter") {
		t.Errorf("printing on a printer that does not exist: %v", err)
	}
}
