package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"regulars/data"
)

func TestAddUpdateClient(t *testing.T) {
	s := openTest(t)
	c := data.Client{
		FirstName: " Siobhán ", LastName: "O'Brien", Company: "Blue Door Studio",
		Email: "siobhan@example.com", Phone: "+353 1 555 0199",
		Address:  data.Address{Street: "12 Quay St", City: "Galway", PostalCode: "H91", Country: "Ireland"},
		Birthday: data.Birthday{Month: 3, Day: 17}, Notes: "Tea, no milk",
		Tags: []string{"VIP", "vip", " wedding "}, PreferredChannel: data.ChannelEmail,
		EmailConsent: data.ConsentSubscribed, Cadence: data.Cadence{Ideal: 30, Max: 45},
	}
	id := addClient(t, s, c)
	got, err := s.Client(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.FirstName != "Siobhán" || got.Birthday != (data.Birthday{Month: 3, Day: 17}) || got.Cadence != (data.Cadence{Ideal: 30, Max: 45}) ||
		got.PreferredChannel != data.ChannelEmail || got.EmailConsent != data.ConsentSubscribed || got.PostConsent != data.ConsentUnknown ||
		got.Address != c.Address || !reflect.DeepEqual(got.Tags, []string{"VIP", "wedding"}) {
		t.Errorf("read back %+v", got)
	}
	got.LastName = "Ó Briain"
	got.Tags = []string{"regular"}
	got.Email = "not an email"
	if err := s.UpdateClient(ctx, &got); err == nil {
		t.Fatal("saved a bad email")
	}
	again, _ := s.Client(ctx, id)
	if again.LastName != "O'Brien" {
		t.Errorf("a refused edit was half saved: %q", again.LastName)
	}
	got.Email = "siobhan@example.org"
	if err := s.UpdateClient(ctx, &got); err != nil {
		t.Fatal(err)
	}
	again, _ = s.Client(ctx, id)
	if again.LastName != "Ó Briain" || !reflect.DeepEqual(again.Tags, []string{"regular"}) {
		t.Errorf("after update: %+v", again)
	}
	if res, _ := s.Search(ctx, "briain", 10); len(res.Clients) != 1 {
		t.Errorf("search index not updated: %+v", res)
	}
	if res, _ := s.Search(ctx, "wedding", 10); len(res.Clients) != 0 {
		t.Errorf("old tag still found: %+v", res)
	}
}

func TestSearch(t *testing.T) {
	s := openTest(t)
	ids := map[string]int64{}
	for _, c := range []data.Client{
		{FirstName: "José", LastName: "Núñez", Phone: "(555) 123-4567", Email: "jose@example.com"},
		{FirstName: "Josephine", LastName: "Baker", Phone: "+1 555-123-4567"},
		{FirstName: "Mary-Jane", LastName: "O'Brien", Company: "Blue Door Studio", Tags: []string{"VIP"}},
		{FirstName: "Søren", LastName: "Kierkegaard", Email: "soren@philosophy.example.org"},
		{FirstName: "Łukasz", LastName: "Wiśniewski", Phone: "+48 601 555 900"},
		{FirstName: "Anna", LastName: "Jonas", Email: "anna.jose@example.net"},
		{FirstName: "Zoë", LastName: "Ortiz", Tags: []string{"wedding"}},
	} {
		ids[c.FirstName] = addClient(t, s, c)
	}
	// Josephine visited more recently than José: among equal ranks the
	// recent visitor comes first.
	s.LogVisit(ctx, &data.Visit{ClientID: ids["Josephine"], At: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), AmountCents: -1})
	s.LogVisit(ctx, &data.Visit{ClientID: ids["José"], At: time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC), AmountCents: -1})

	cases := []struct {
		query string
		want  []string // first names, in order
	}{
		{"jose", []string{"José", "Josephine", "Anna"}}, // exact name word, then prefix, then email
		{"JOS", []string{"Josephine", "José", "Anna"}},  // both prefixes: recent visitor first
		{"nun", []string{"José"}},
		{"núñez", []string{"José"}},
		{"jose nu", []string{"José"}},
		{"5551234", []string{"José", "Josephine"}},
		{"555-123-4567", []string{"Josephine", "José"}}, // both the whole number: recent first
		{"4567", []string{"Josephine", "José"}},
		{"o'brien", []string{"Mary-Jane"}},
		{"obrien", []string{"Mary-Jane"}},
		{"brien", []string{"Mary-Jane"}},
		{"mary jane", []string{"Mary-Jane"}},
		{"blue door", []string{"Mary-Jane"}},
		{"vip", []string{"Mary-Jane"}},
		{"soren", []string{"Søren"}},
		{"philosophy", []string{"Søren"}},
		{"lukasz wis", []string{"Łukasz"}},
		{"zoe", []string{"Zoë"}},
		{"wedd", []string{"Zoë"}},
		{"xyz", nil},
		{`"*)(`, nil},
		{"AND OR NOT", nil},
	}
	for _, tc := range cases {
		res, err := s.Search(ctx, tc.query, 10)
		if err != nil {
			t.Errorf("search %q: %v", tc.query, err)
			continue
		}
		var got []string
		for _, c := range res.Clients {
			got = append(got, c.FirstName)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("search %q = %v, want %v", tc.query, got, tc.want)
		}
	}
	all, _ := s.Search(ctx, "", 3)
	if all.Total != 7 || len(all.Clients) != 3 || all.Clients[0].FirstName != "Josephine" {
		t.Errorf("empty search: %+v", all)
	}
}

func TestDuplicates(t *testing.T) {
	s := openTest(t)
	ana := addClient(t, s, data.Client{FirstName: "Ana", LastName: "López", Email: "Ana@Example.com", Phone: "(555) 123-4567"})
	cases := []struct {
		name   string
		c      data.Client
		reason string
	}{
		{"same email other case", data.Client{FirstName: "A", Email: "ana@example.COM"}, "same email"},
		{"same phone with country code", data.Client{FirstName: "B", Phone: "+1 555.123.4567"}, "same phone"},
		{"same name without accent", data.Client{FirstName: "ana", LastName: "LOPEZ"}, "same name"},
		{"different person", data.Client{FirstName: "Ana", LastName: "Lopes", Phone: "555 123 4568"}, ""},
	}
	for _, tc := range cases {
		d, err := s.Duplicates(ctx, tc.c)
		if err != nil {
			t.Fatal(err)
		}
		if tc.reason == "" {
			if len(d) != 0 {
				t.Errorf("%s: found %+v", tc.name, d)
			}
			continue
		}
		if len(d) != 1 || d[0].Client.ID != ana || d[0].Reason != tc.reason {
			t.Errorf("%s: %+v, want client %d for %s", tc.name, d, ana, tc.reason)
		}
	}
	// A client is not a duplicate of itself, and the trash does not count.
	self, _ := s.Client(ctx, ana)
	if d, _ := s.Duplicates(ctx, self); len(d) != 0 {
		t.Errorf("duplicate of itself: %+v", d)
	}
	s.DeleteClient(ctx, ana)
	if d, _ := s.Duplicates(ctx, cases[0].c); len(d) != 0 {
		t.Errorf("deleted client reported: %+v", d)
	}
}

func TestSoftDeleteAndRestore(t *testing.T) {
	s := openTest(t)
	id := addClient(t, s, data.Client{FirstName: "Renée", LastName: "Dubois"})
	if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: s.Now(), What: "Colour", AmountCents: 9500}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteClient(ctx, id); err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Search(ctx, "renee", 10); len(res.Clients) != 0 {
		t.Error("deleted client still found")
	}
	if n, _ := s.ClientCount(ctx); n != 0 {
		t.Errorf("count %d", n)
	}
	del, _ := s.DeletedClients(ctx)
	if len(del) != 1 || del[0].ID != id || !del[0].Deleted() {
		t.Errorf("trash: %+v", del)
	}
	if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: s.Now(), AmountCents: -1}); err == nil || !strings.Contains(err.Error(), "trash") {
		t.Errorf("visit for a deleted client: %v", err)
	}
	if err := s.RestoreClient(ctx, id); err != nil {
		t.Fatal(err)
	}
	res, _ := s.Search(ctx, "renee", 10)
	if len(res.Clients) != 1 || res.Clients[0].VisitCount != 1 {
		t.Errorf("after restore: %+v", res)
	}
	if v, _ := s.Visits(ctx, id, 0); len(v) != 1 || v[0].What != "Colour" {
		t.Errorf("history lost: %+v", v)
	}
	if err := s.DeleteClient(ctx, 9999); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("delete missing: %v", err)
	}
}

func TestConstraints(t *testing.T) {
	s := openTest(t)
	id := addClient(t, s, data.Client{FirstName: "Ana"})
	db := s.DB()
	bad := []struct {
		name, sql string
		args      []any
	}{
		{"client without a name", "INSERT INTO clients (created_at, updated_at) VALUES ('x', 'x')", nil},
		{"bad channel", "UPDATE clients SET preferred_channel = 'fax' WHERE id = ?", []any{id}},
		{"bad consent", "UPDATE clients SET email_consent = 'maybe' WHERE id = ?", []any{id}},
		{"cadence max below ideal", "UPDATE clients SET cadence_ideal = 60, cadence_max = 30 WHERE id = ?", []any{id}},
		{"visit for nobody", "INSERT INTO visits (client_id, at, created_at) VALUES (424242, 'x', 'x')", nil},
		{"negative amount", "INSERT INTO visits (client_id, at, amount_cents, created_at) VALUES (?, 'x', -5, 'x')", []any{id}},
		{"unknown contact kind", "INSERT INTO contacts (client_id, at, kind, created_at) VALUES (?, 'x', 'pigeon', 'x')", []any{id}},
		{"visit contact without visit", "INSERT INTO contacts (client_id, at, kind, created_at) VALUES (?, 'x', 'visit', 'x')", []any{id}},
		{"same staff twice", "INSERT INTO staff (name, created_at) VALUES ('Bea', 'x'), ('BEA', 'x')", nil},
		{"birthday month without day", "UPDATE clients SET birth_month = 3, birth_day = NULL WHERE id = ?", []any{id}},
	}
	for _, tc := range bad {
		if _, err := db.Exec(tc.sql, tc.args...); err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
}

func TestLogVisit(t *testing.T) {
	s := openTest(t)
	id := addClient(t, s, data.Client{FirstName: "Chloé"})
	bea, err := s.AddStaff(ctx, "Bea Santos")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddStaff(ctx, "bea  santos"); err == nil {
		t.Error("same staff name twice accepted")
	}
	if _, ok, _ := s.LastStaff(ctx); ok {
		t.Error("a last staff member before any visit")
	}
	at1 := time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC)
	at2 := time.Date(2026, 11, 20, 16, 15, 0, 0, time.UTC)
	for _, v := range []data.Visit{
		{ClientID: id, At: at2, StaffID: bea, What: "Highlights", AmountCents: 12000, Note: "loved it"},
		{ClientID: id, At: at1, What: "Consultation", AmountCents: -1},
	} {
		if _, err := s.LogVisit(ctx, &v); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := s.Visits(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || !vs[0].At.Equal(at2) || vs[0].StaffName != "Bea Santos" || vs[0].Amount() != "120.00" || vs[1].HasAmount() {
		t.Errorf("visits: %+v", vs)
	}
	c, _ := s.Client(ctx, id)
	if !c.LastVisitAt.Equal(at2) || !c.LastContactAt.Equal(at2) || c.VisitCount != 2 {
		t.Errorf("client after visits: last visit %v, last contact %v, count %d", c.LastVisitAt, c.LastContactAt, c.VisitCount)
	}
	contacts, _ := s.Contacts(ctx, id)
	if len(contacts) != 2 || contacts[0].Kind != data.ContactVisit || contacts[0].VisitID != vs[0].ID {
		t.Errorf("contacts: %+v", contacts)
	}
	if st, ok, _ := s.LastStaff(ctx); !ok || st.ID != bea {
		t.Errorf("last staff %+v %v", st, ok)
	}
	if err := s.DeleteVisit(ctx, vs[0].ID); err != nil {
		t.Fatal(err)
	}
	c, _ = s.Client(ctx, id)
	if !c.LastVisitAt.Equal(at1) || !c.LastContactAt.Equal(at1) || c.VisitCount != 1 {
		t.Errorf("after delete: last visit %v, last contact %v, count %d", c.LastVisitAt, c.LastContactAt, c.VisitCount)
	}
	// Bad visits are refused and save nothing.
	for _, v := range []data.Visit{
		{ClientID: 0, At: at1, AmountCents: -1},
		{ClientID: id, AmountCents: -1},
		{ClientID: id, At: at1, AmountCents: -500},
		{ClientID: 777, At: at1, AmountCents: -1},
	} {
		if _, err := s.LogVisit(ctx, &v); err == nil {
			t.Errorf("visit %+v accepted", v)
		}
	}
	if vs, _ := s.Visits(ctx, id, 0); len(vs) != 1 {
		t.Errorf("%d visits after refusals", len(vs))
	}
}

func names(r data.SearchResult) []string {
	var out []string
	for _, c := range r.Clients {
		out = append(out, c.Name())
	}
	return out
}

// TestSearchFollowsWrites builds the search index first, then changes the
// book: every change must show in the next search.
func TestSearchFollowsWrites(t *testing.T) {
	s := openTest(t)
	ana := addClient(t, s, data.Client{FirstName: "Ana", LastName: "Silva", Phone: "555 010 2030"})
	if err := s.WarmSearch(ctx); err != nil {
		t.Fatal(err)
	}
	find := func(q string) []string {
		t.Helper()
		res, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		return names(res)
	}
	addClient(t, s, data.Client{FirstName: "Anabela", LastName: "Costa", Tags: []string{"florist"}})
	if got := find("ana"); !reflect.DeepEqual(got, []string{"Ana Silva", "Anabela Costa"}) {
		t.Errorf("after add: %v", got)
	}
	c, _ := s.Client(ctx, ana)
	c.LastName, c.Phone = "Souza", "555 999 8877"
	if err := s.UpdateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if got := find("silva"); len(got) != 0 {
		t.Errorf("old name still found: %v", got)
	}
	if got := find("0102030"); len(got) != 0 {
		t.Errorf("old phone still found: %v", got)
	}
	if got := find("souza"); !reflect.DeepEqual(got, []string{"Ana Souza"}) {
		t.Errorf("new name: %v", got)
	}
	// A visit moves Anabela ahead among equal matches.
	anabela := find("florist")
	if len(anabela) != 1 {
		t.Fatalf("tag: %v", anabela)
	}
	res, _ := s.Search(ctx, "costa", 1)
	s.LogVisit(ctx, &data.Visit{ClientID: res.Clients[0].ID, At: s.Now(), AmountCents: -1})
	if got := find("an"); !reflect.DeepEqual(got, []string{"Anabela Costa", "Ana Souza"}) {
		t.Errorf("after a visit: %v", got)
	}
	s.DeleteClient(ctx, res.Clients[0].ID)
	if got := find("an"); !reflect.DeepEqual(got, []string{"Ana Souza"}) {
		t.Errorf("after delete: %v", got)
	}
	s.RestoreClient(ctx, res.Clients[0].ID)
	if got := find("florist"); len(got) != 1 {
		t.Errorf("after restore: %v", got)
	}
}

// TestListOrderWithoutVisits: the whole list shows the latest visitors
// first, then the clients without a visit by name (last, first, company),
// not by when they were added; a tag filter (the index) agrees, and so
// does the whole list once the index is built.
func TestListOrderWithoutVisits(t *testing.T) {
	s := openTest(t)
	for _, c := range []data.Client{
		{FirstName: "Zed", LastName: "Adams", Tags: []string{"new"}},
		{FirstName: "Carl", LastName: "young", Tags: []string{"new"}},
		{Company: "Acme Florists", Tags: []string{"new"}},
		{FirstName: "Amy", LastName: "Brown", Tags: []string{"new"}},
		{FirstName: "Al", LastName: "Brown", Tags: []string{"new"}},
	} {
		addClient(t, s, c)
	}
	regular := addClient(t, s, data.Client{FirstName: "Rita", LastName: "Zimmer", Tags: []string{"new"}})
	if _, err := s.LogVisit(ctx, &data.Visit{ClientID: regular, At: s.Now().Add(-time.Hour), AmountCents: -1}); err != nil {
		t.Fatal(err)
	}
	want := "Rita Zimmer|Acme Florists|Zed Adams|Al Brown|Amy Brown|Carl young"
	for _, q := range []struct {
		name string
		f    data.Filter
	}{{"everyone, from the book", data.Filter{}}, {"tag", data.Filter{Tag: "new"}}, {"everyone, from the index", data.Filter{}}} {
		res, err := s.FilteredSearch(ctx, "", q.f, 50)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range res.Clients {
			names = append(names, c.Name())
		}
		if got := strings.Join(names, "|"); got != want {
			t.Errorf("%s: %s\nwant %s", q.name, got, want)
		}
	}
}
