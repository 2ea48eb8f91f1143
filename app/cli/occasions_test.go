package cli

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"regulars/internal/clock"
	"regulars/internal/mailtest"
)

// TestWeMissYouByCard: due-for lists a client who drifted away, with why;
// cards --occasion miss prints their card and --mark-sent logs it, so the
// next run lists nobody.
func TestWeMissYouByCard(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane")
	mustRun(t, db, "add-client", "--first", "Dana", "--last", "Drift", "--street", "1 Elm St", "--city", "Austin")
	mustRun(t, db, "add-client", "--first", "Rita", "--last", "Regular", "--street", "2 Elm St", "--city", "Austin")
	long := clock.Now().AddDate(0, 0, -130).Format("2006-01-02")
	mustRun(t, db, "log-visit", "dana", "--at", long)
	mustRun(t, db, "log-visit", "rita")

	var due []dueForJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "due-for", "miss", "--json")), &due); err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Name != "Dana Drift" || !strings.Contains(due[0].Why, "overdue by 40 days") {
		t.Fatalf("due-for miss: %+v", due)
	}
	out := t.TempDir()
	res := mustRun(t, db, "cards", "--occasion", "miss", "-o", out, "--mark-sent")
	if !strings.Contains(res, "1 card") || !strings.Contains(res, "We miss you") || !strings.Contains(res, "marked 1 client as sent a we-miss-you card") {
		t.Fatalf("cards --occasion miss:\n%s", res)
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(pdfs) == 0 {
		t.Fatal("no PDF written")
	}
	if fi, err := os.Stat(pdfs[0]); err != nil || fi.Size() == 0 {
		t.Fatalf("PDF %v", err)
	}
	if res := mustRun(t, db, "due-for", "miss"); !strings.Contains(res, "nobody is due a we-miss-you note") {
		t.Errorf("after the batch: %s", res)
	}
	// The thank-you is its own occasion: Rita (and Dana) are still due one.
	if res := mustRun(t, db, "due-for", "thanks", "--period", clock.Now().Format("2006-01")); !strings.Contains(res, "Rita Regular") {
		t.Errorf("thanks after a we-miss-you: %s", res)
	}
	for _, k := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"due-for", "party"}, 2, "unknown occasion"},
		{[]string{"due-for"}, 2, "name one occasion"},
		{[]string{"due-for", "miss", "--channel", "fax"}, 2, "post or email"},
		{[]string{"cards", "--occasion", "party", "-o", out}, 2, "unknown occasion"},
	} {
		before := sum(t, db)
		code, _, errs := run(t, db, k.args...)
		if code != k.code || !strings.Contains(errs, k.msg) {
			t.Errorf("%v: exit %d %q", k.args, code, errs)
		}
		if sum(t, db) != before {
			t.Errorf("%v changed the book", k.args)
		}
	}
}

// TestOneNoteNow: a make-it-right card for one client the day the
// complaint is put right, with the complaint in its text, logged once.
func TestOneNoteNow(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane")
	mustRun(t, db, "add-client", "--first", "Uma", "--last", "Unhappy", "--street", "1 Elm St", "--city", "Austin")
	id := strings.TrimSpace(mustRun(t, db, "complaint", "uma", "--what", "The colour came out too dark"))
	out := t.TempDir()
	if code, _, errs := run(t, db, "note", "uma", "--occasion", "sorry", "-o", out); code != 1 || !strings.Contains(errs, "no complaint put right") {
		t.Fatalf("a sorry note before the complaint is resolved: %d %q", code, errs)
	}
	mustRun(t, db, "resolve", id, "--how", "Redone for free")
	res := mustRun(t, db, "note", "uma", "--occasion", "sorry", "-o", out)
	if !strings.Contains(res, "a make-it-right card for Uma Unhappy") || !strings.Contains(res, "We put it right") {
		t.Fatalf("note: %s", res)
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "note-Uma-Unhappy-sorry-*.pdf"))
	if len(pdfs) != 2 {
		t.Fatalf("files %v", pdfs)
	}
	if text := pdfText(t, pdfs[0]); !strings.Contains(text, "too dark") || !strings.Contains(text, "redone for free") {
		t.Errorf("the card does not say what was put right:\n%s", text)
	}
	var c clientJSON
	json.Unmarshal([]byte(mustRun(t, db, "client", "uma", "--json")), &c)
	if c.LastContactAt == nil {
		t.Error("the note was not logged")
	}
	if res := mustRun(t, db, "due-for", "sorry"); !strings.Contains(res, "nobody is due") {
		t.Errorf("after the note, due-for sorry: %s", res)
	}
	leftovers, _ := filepath.Glob(filepath.Join(out, ".*.part"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// pdfText is the text poppler reads from a PDF.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestSignedByTheStaffTheyKnow: {{.SignedBy}} is the sign-off of the staff
// member of the client's last visit, else the business.
func TestSignedByTheStaffTheyKnow(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane")
	mustRun(t, db, "add-staff", "Bea Santos")
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "López", "--street", "1 Elm St", "--city", "Austin")
	mustRun(t, db, "add-client", "--first", "Walk", "--last", "In", "--street", "2 Elm St", "--city", "Austin")
	mustRun(t, db, "log-visit", "ana", "--staff", "Bea Santos")
	body := filepath.Join(t.TempDir(), "body.txt")
	os.WriteFile(body, []byte("Dear {{.FirstName}},\nthank you!\n{{.SignedBy}}"), 0o644)
	mustRun(t, db, "template", "set", "Signed", "--body-file", body)
	out := t.TempDir()
	mustRun(t, db, "note", "ana", "--template", "Signed", "--envelope", "none", "-o", out)
	pdfs, _ := filepath.Glob(filepath.Join(out, "note-Ana-*.pdf"))
	if len(pdfs) != 1 || !strings.Contains(pdfText(t, pdfs[0]), "Bea") {
		t.Fatalf("not signed by Bea: %v", pdfs)
	}
	sigPath := filepath.Join(t.TempDir(), "bea.png")
	sigImg := image.NewNRGBA(image.Rect(0, 0, 120, 40))
	for x := 10; x < 110; x++ {
		sigImg.Set(x, 20+x%7, color.NRGBA{0, 0, 80, 255})
	}
	var sigBuf bytes.Buffer
	png.Encode(&sigBuf, sigImg)
	os.WriteFile(sigPath, sigBuf.Bytes(), 0o644)
	mustRun(t, db, "staff-sign", "Bea Santos", "--line", "Bea & the team", "--signature", sigPath)
	mustRun(t, db, "note", "ana", "--template", "Signed", "--envelope", "none", "-o", out)
	latest, _ := filepath.Glob(filepath.Join(out, "note-Ana-*.pdf"))
	imgs, err := exec.Command("pdfimages", "-list", latest[len(latest)-1]).Output()
	if err != nil || strings.Count(string(imgs), "\n") < 3 {
		t.Errorf("Bea's signature is not on her card: %v\n%s", err, imgs)
	}
	pdfs, _ = filepath.Glob(filepath.Join(out, "note-Ana-*.pdf"))
	found := false
	for _, p := range pdfs {
		found = found || strings.Contains(pdfText(t, p), "Bea & the team")
	}
	if !found {
		t.Error("the sign-off line is not on the card")
	}
	mustRun(t, db, "note", "walk in", "--template", "Signed", "--envelope", "none", "-o", out)
	walk, _ := filepath.Glob(filepath.Join(out, "note-Walk-In-*.pdf"))
	if len(walk) != 1 || !strings.Contains(pdfText(t, walk[0]), "Blue Door Salon") {
		t.Errorf("a client with no staff is not signed by the business: %v", walk)
	}
	if code, _, errs := run(t, db, "staff-sign", "Nobody", "--line", "x"); code != 1 || !strings.Contains(errs, "no staff member is called") {
		t.Errorf("unknown staff: %d %q", code, errs)
	}
}

// TestOneCardPerHousehold: Ada and Chidi, linked as "The Okafors", get
// one card naming them both; their neighbour gets her own; marking sent
// logs all three.
func TestOneCardPerHousehold(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane")
	for _, first := range []string{"Ada", "Chidi"} {
		mustRun(t, db, "add-client", "--first", first, "--last", "Okafor", "--street", "7 Elm St", "--city", "Austin", "--force")
	}
	mustRun(t, db, "add-client", "--first", "Nell", "--last", "Next", "--street", "9 Elm St", "--city", "Austin")
	for _, c := range []string{"ada", "chidi", "nell"} {
		mustRun(t, db, "log-visit", c)
	}
	if out := mustRun(t, db, "household", "ada", "chidi", "--name", "The Okafors"); !strings.Contains(out, "The Okafors: Ada Okafor, Chidi Okafor") {
		t.Fatalf("household: %s", out)
	}
	out := t.TempDir()
	res := mustRun(t, db, "cards", "--households", "--period", clock.Now().Format("2006-01"), "--envelopes", "a2", "-o", out, "--mark-sent")
	if !strings.Contains(res, "2 cards") || !strings.Contains(res, "marked 3 clients") {
		t.Fatalf("cards --households:\n%s", res)
	}
	cards, _ := filepath.Glob(filepath.Join(out, "cards-*.pdf"))
	envs, _ := filepath.Glob(filepath.Join(out, "envelopes-*.pdf"))
	if len(cards) != 1 || len(envs) != 1 {
		t.Fatalf("files %v %v", cards, envs)
	}
	if text := pdfText(t, cards[0]); !strings.Contains(text, "Ada and Chidi") || !strings.Contains(text, "Nell") {
		t.Errorf("cards say:\n%s", text)
	}
	if text := pdfText(t, envs[0]); !strings.Contains(text, "The Okafors") {
		t.Errorf("envelopes say:\n%s", text)
	}
	for _, k := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"household", "ada"}, 2, "two or more clients"},
		{[]string{"household", "ada", "nell", "--name", ""}, 1, "needs a name"},
		{[]string{"household", "ada", "nobody", "--name", "X"}, 1, "no client matches"},
	} {
		before := sum(t, db)
		if code, _, errs := run(t, db, k.args...); code != k.code || !strings.Contains(errs, k.msg) {
			t.Errorf("%v: exit %d %q", k.args, code, errs)
		}
		if sum(t, db) != before {
			t.Errorf("%v changed the book", k.args)
		}
	}
	mustRun(t, db, "household", "chidi", "--leave")
	var c clientJSON
	json.Unmarshal([]byte(mustRun(t, db, "client", "ada", "--json")), &c)
}

// TestOccasionsByEmail: a we-miss-you batch by email and a make-it-right
// note by email, through real in-process servers; each is logged once
// with its occasion, and the next run lists nobody.
func TestOccasionsByEmail(t *testing.T) {
	db := newBook(t)
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	t.Setenv("REGULARS_SMTP_PASSWORD", "")
	t.Setenv("REGULARS_IMAP_PASSWORD", imapSrv.Password)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane", "--address", "Austin, TX 78702")
	mustRun(t, db, "mail", "--from-name", "Blue Door Salon", "--from", "shop@example.com",
		"--smtp-host", smtpSrv.Host, "--smtp-port", strconv.Itoa(smtpSrv.Port), "--smtp-security", "none",
		"--imap-host", imapSrv.Host, "--imap-port", strconv.Itoa(imapSrv.Port), "--imap-security", "none", "--imap-user", imapSrv.User)
	mustRun(t, db, "add-client", "--first", "Dana", "--last", "Drift", "--email", "dana@example.com", "--channel", "email")
	mustRun(t, db, "add-client", "--first", "Uma", "--last", "Unhappy", "--email", "uma@example.com", "--channel", "email")
	mustRun(t, db, "log-visit", "dana", "--at", clock.Now().AddDate(0, 0, -130).Format("2006-01-02"))
	mustRun(t, db, "log-visit", "uma")
	if out := mustRun(t, db, "send", "--occasion", "miss"); !strings.Contains(out, "dana@example.com") || !strings.Contains(out, "sent 1, failed 0") {
		t.Fatalf("send --occasion miss: %s", out)
	}
	if out := mustRun(t, db, "due-for", "miss", "--channel", "email"); !strings.Contains(out, "nobody is due") {
		t.Errorf("after the batch: %s", out)
	}
	id := strings.TrimSpace(mustRun(t, db, "complaint", "uma", "--what", "The colour came out too dark"))
	mustRun(t, db, "resolve", id, "--how", "Redone for free")
	if out := mustRun(t, db, "note", "uma", "--occasion", "sorry", "--email"); !strings.Contains(out, "a make-it-right email to Uma Unhappy") || !strings.Contains(out, "sent 1, failed 0") {
		t.Fatalf("note --email: %s", out)
	}
	var got []string
	for _, m := range smtpSrv.Received() {
		got = append(got, string(m))
	}
	all := strings.Join(got, "\n")
	if !strings.Contains(all, "We miss you, Dana") || !strings.Contains(all, "too dark") {
		t.Errorf("the server got:\n%.2000s", all)
	}
	if out := mustRun(t, db, "due-for", "sorry", "--channel", "email"); !strings.Contains(out, "nobody is due") {
		t.Errorf("after the note: %s", out)
	}
	// The monthly batch still starts where it did: a note moves nothing.
	if out := mustRun(t, db, "send", "--dry-run"); !strings.Contains(out, "uma@example.com") {
		t.Errorf("the thank-you batch after a note: %s", out)
	}
}

// TestPlotterFiles: cards --plot svg and --plot gcode write single-stroke
// files whose every stroke stays on the card.
func TestPlotterFiles(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane")
	mustRun(t, db, "add-client", "--first", "Zoë", "--last", "Whitfield", "--street", "1 Elm St", "--city", "Austin")
	mustRun(t, db, "add-client", "--first", "Łukasz", "--last", "Kowalczyk", "--street", "2 Elm St", "--city", "Austin")
	mustRun(t, db, "log-visit", "zoe")
	mustRun(t, db, "log-visit", "lukasz")
	out := t.TempDir()
	code, res, errs := run(t, db, "cards", "--period", clock.Now().Format("2006-01"), "--envelopes", "a2", "--plot", "svg", "-o", out)
	if code != 0 || !strings.Contains(res, ".svg") {
		t.Fatalf("cards --plot svg: %d %s %s", code, res, errs)
	}
	if !strings.Contains(errs, "Ł") {
		t.Errorf("the missing Ł is not said: %q", errs)
	}
	svgs, _ := filepath.Glob(filepath.Join(out, "plot-*-cards.svg"))
	envs, _ := filepath.Glob(filepath.Join(out, "plot-*-envelopes.svg"))
	if len(svgs) != 1 || len(envs) != 1 {
		t.Fatalf("files %v %v", svgs, envs)
	}
	svg, _ := os.ReadFile(svgs[0])
	if !strings.Contains(string(svg), "<path") || strings.Contains(string(svg), "<text") || !strings.Contains(string(svg), "mm\"") {
		t.Errorf("not a plotter SVG:\n%.500s", svg)
	}
	mustRun(t, db, "cards", "--period", clock.Now().Format("2006-01"), "--plot", "gcode", "--pen-up", "M280 P0 S90", "-o", out)
	gc, _ := filepath.Glob(filepath.Join(out, "plot-*-cards.gcode"))
	if len(gc) != 1 {
		t.Fatalf("no G-code: %v", gc)
	}
	g, _ := os.ReadFile(gc[0])
	if !strings.Contains(string(g), "M280 P0 S90") || !strings.Contains(string(g), "G1 ") || !strings.Contains(string(g), "G0 ") {
		t.Errorf("G-code:\n%.400s", g)
	}
	if code, _, errs := run(t, db, "cards", "--plot", "hpgl", "-o", out); code != 2 || !strings.Contains(errs, "svg or gcode") {
		t.Errorf("--plot hpgl: %d %q", code, errs)
	}
}
