package exchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-vcard"

	"regulars/data"
	"regulars/data/store"
)

var ctx = context.Background()

func book(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestExports(t *testing.T) {
	s := book(t)
	c := data.Client{FirstName: "Zoë", LastName: "O'Brien, Jr.", Company: "Blue \"Door\"", Email: "zoe@example.com", Phone: "+1 555 123 4567",
		Address:  data.Address{Street: "12 Oak Avenue\nApt 3", City: "Austin", Region: "TX", PostalCode: "78701", Country: "USA"},
		Birthday: data.Birthday{Month: 2, Day: 29}, Notes: "Line one\nline two; with, commas", Tags: []string{"VIP", "wedding"}}
	if _, err := s.AddClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: time.Date(2026, 11, 1, 10, 0, 0, 0, time.Local), What: "Cut, colour", AmountCents: 9550})

	var buf bytes.Buffer
	if n, err := ExportClientsCSV(ctx, s, &buf); err != nil || n != 1 {
		t.Fatalf("%d %v", n, err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 2 || len(rows[0]) != len(ClientColumns) {
		t.Fatalf("csv: %v %v", rows, err)
	}
	got := map[string]string{}
	for i, col := range rows[0] {
		got[col] = rows[1][i]
	}
	if got["last_name"] != "O'Brien, Jr." || got["company"] != `Blue "Door"` || got["street"] != "12 Oak Avenue\nApt 3" ||
		got["birthday"] != "'--02-29" || got["phone"] != "'+1 555 123 4567" || got["tags"] != "VIP; wedding" || got["notes"] != c.Notes || got["visit_count"] != "1" {
		t.Errorf("exported %v", got)
	}

	buf.Reset()
	if n, err := ExportVisitsCSV(ctx, s, &buf); err != nil || n != 1 || !strings.Contains(buf.String(), `"Cut, colour"`) || !strings.Contains(buf.String(), "95.50") {
		t.Errorf("visits: %d %v\n%s", n, err, buf.String())
	}

	// A visit note a spreadsheet would run as a formula is written as text.
	s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: time.Date(2026, 11, 2, 10, 0, 0, 0, time.Local), What: "=HYPERLINK(\"http://x\",\"y\")", AmountCents: -1})
	buf.Reset()
	ExportVisitsCSV(ctx, s, &buf)
	if !strings.Contains(buf.String(), `"'=HYPERLINK(""http://x"",""y"")"`) {
		t.Errorf("visits: a formula written as it was:\n%s", buf.String())
	}

	buf.Reset()
	if _, err := ExportVCard(ctx, s, &buf); err != nil {
		t.Fatal(err)
	}
	card, err := vcard.NewDecoder(&buf).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if card.Value(vcard.FieldVersion) != "4.0" || card.Value(vcard.FieldBirthday) != "--0229" || card.Name().FamilyName != "O'Brien, Jr." ||
		card.Address().Locality != "Austin" || strings.Join(card.Categories(), ",") != "VIP,wedding" || card.Value(vcard.FieldNote) != c.Notes {
		t.Errorf("vcard: %+v", card)
	}
}
