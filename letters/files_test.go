package letters

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/cardtest"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// TestBatchFilesAreTheOwnersOnly: the card PDFs hold clients' names and
// addresses, so they are readable by their owner only, whatever the umask;
// and the temporary file a killed run left is removed by the next run.
func TestBatchFilesAreTheOwnersOnly(t *testing.T) {
	face, err := pen.BuiltInFace("Caveat")
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, _ := paper.FindLayout("a2")
	dir := t.TempDir()
	b := data.Batch{ID: 1, From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.Local), To: time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local)}
	// What a run killed midway leaves: process 999999999 runs no more.
	stale := filepath.Join(dir, ".cards-2026-11-a2.pdf.999999999-123.part")
	older := filepath.Join(dir, ".cards-2026-11-a2.pdf.2147483646.part")
	for _, f := range []string{stale, older} {
		os.WriteFile(f, nil, 0o600)
	}
	p := paper.Pen{Face: face, Fallback: pen.Fallback()}
	cards := []paper.Card{{Name: "Ana", Text: "Thank you!", Address: []string{"Ana Lima", "3 Mill Lane", "Austin"}}}
	files, err := WriteBatch(context.Background(), s, p, b, cards, Output{Dir: dir, Layout: l, Envelope: "a2", Labels: "5160"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("files written: %v", files)
	}
	if runtime.GOOS != "windows" {
		for _, f := range files {
			if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v (%v), want -rw------- (owner only)", filepath.Base(f), fi.Mode().Perm(), err)
			}
		}
	}
	for _, f := range []string{stale, older} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s, left by a killed run, is still there", filepath.Base(f))
		}
	}
}

// TestWriteBatchNeverLeavesAPartialPDF makes the PDF fail midway (a
// signature that was never checked) over the PDF of an earlier run: the
// earlier PDF stays as it was and no temporary file is left.
func TestWriteBatchNeverLeavesAPartialPDF(t *testing.T) {
	face, err := pen.BuiltInFace("Caveat")
	if err != nil {
		t.Fatal(err)
	}
	l, _ := paper.FindLayout("a2")
	dir := t.TempDir()
	b := data.Batch{ID: 1, From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.Local), To: time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local)}
	final := filepath.Join(dir, "cards-2026-11-a2.pdf")
	earlier := []byte("%PDF-1.4 the earlier run")
	if err := os.WriteFile(final, earlier, 0o644); err != nil {
		t.Fatal(err)
	}
	good := cardtest.SignaturePNG(t)
	broken := good[:bytes.Index(good, []byte("IDAT"))+12]
	p := paper.Pen{Face: face, Fallback: pen.Fallback(), Signature: broken}
	cards := []paper.Card{{Name: "Ana", Text: "Thank you!"}, {Name: "Bo", Text: "Thank you!"}}
	if _, err := WriteBatch(context.Background(), nil, p, b, cards, Output{Dir: dir, Layout: l}, nil); err == nil {
		t.Fatal("a broken signature printed")
	}
	if got, _ := os.ReadFile(final); !bytes.Equal(got, earlier) {
		t.Errorf("the earlier PDF was replaced by %d bytes", len(got))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in the folder: %v", entries)
	}
}
