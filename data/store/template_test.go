package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

func TestStarterTemplatesAndSave(t *testing.T) {
	s := openTest(t)
	all, err := s.Templates(ctx)
	if err != nil || len(all) != 5 {
		t.Fatalf("starter templates: %d, %v", len(all), err)
	}
	for _, tpl := range all {
		if err := tpl.Check(); err != nil {
			t.Errorf("starter %s: %v", tpl.Name, err)
		}
		m, _ := tpl.Merge(data.SampleMergeFields("Blue Door Salon"))
		if !strings.Contains(m.Body, "Zoë") || !strings.Contains(m.Body, "Blue Door Salon") {
			t.Errorf("%s merged:\n%s", tpl.Name, m.Body)
		}
	}
	tpl := data.Template{Name: "Spring", Body: "Hello {{.Nmae}}"}
	if err := s.SaveTemplate(ctx, &tpl); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("saved a bad template: %v", err)
	}
	tpl.Body = "Hello {{.FirstName}}"
	if err := s.SaveTemplate(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
	dup := data.Template{Name: "spring", Body: "x"}
	if err := s.SaveTemplate(ctx, &dup); err == nil {
		t.Error("two templates with one name")
	}
	got, err := s.TemplateByName(ctx, "SPRING")
	if err != nil || got.Body != "Hello {{.FirstName}}" {
		t.Errorf("by name: %+v %v", got, err)
	}
	if _, err := s.TemplateByName(ctx, "nope"); !errors.Is(err, data.ErrNotFound) || !strings.Contains(err.Error(), "We miss you") {
		t.Errorf("missing template: %v", err)
	}
}

func TestBatchRulesAndRerun(t *testing.T) {
	s := openTest(t)
	addr := data.Address{Street: "1 Main St", City: "Austin", Region: "TX", PostalCode: "78701"}
	mk := func(c data.Client, visit string) int64 {
		id := addClient(t, s, c)
		if visit != "" {
			at, _ := time.ParseInLocation("2006-01-02", visit, time.Local)
			if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: at.Add(10 * time.Hour), AmountCents: -1}); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	ok := mk(data.Client{FirstName: "Ok", Address: addr}, "2026-11-05")
	mk(data.Client{FirstName: "NoAddress"}, "2026-11-05")
	mk(data.Client{FirstName: "Unsubscribed", Address: addr, PostConsent: data.ConsentUnsubscribed}, "2026-11-06")
	mk(data.Client{FirstName: "DoNotContact", Address: addr, DoNotContact: true}, "2026-11-06")
	mk(data.Client{FirstName: "October", Address: addr}, "2026-10-30")
	mk(data.Client{FirstName: "Emailer", Address: addr, Email: "e@example.com", PreferredChannel: data.ChannelEmail}, "2026-11-07")
	gone := mk(data.Client{FirstName: "Deleted", Address: addr}, "2026-11-07")
	s.DeleteClient(ctx, gone)
	thanked := mk(data.Client{FirstName: "Thanked", Address: addr}, "2026-11-03")
	s.LogContact(ctx, &data.Contact{ClientID: thanked, At: time.Date(2026, 11, 8, 9, 0, 0, 0, time.Local), Kind: data.ContactCard, ThankYou: true})

	from, to, err := data.MonthPeriod("2026-11")
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.ThankYouCandidates(ctx, data.ChannelPost, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != ok {
		t.Fatalf("candidates: %v", names2(list))
	}
	emails, _ := s.ThankYouCandidates(ctx, data.ChannelEmail, from, to)
	if len(emails) != 1 || emails[0].FirstName != "Emailer" {
		t.Errorf("email candidates: %v", names2(emails))
	}
	b := data.Batch{Channel: data.ChannelPost, From: from, To: to, Template: "Thanks for your visit", Layout: "a2"}
	if err := s.CreateBatch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	n, err := s.MarkBatchSent(ctx, b, []int64{ok}, time.Date(2026, 11, 30, 12, 0, 0, 0, time.Local))
	if err != nil || n != 1 {
		t.Fatalf("mark sent: %d %v", n, err)
	}
	if n, _ := s.MarkBatchSent(ctx, b, []int64{ok}, clock.Now()); n != 0 {
		t.Errorf("marked twice: %d", n)
	}
	again, _ := s.ThankYouCandidates(ctx, data.ChannelPost, from, to)
	if len(again) != 0 {
		t.Errorf("re-running the period thanks again: %v", names2(again))
	}
	cs, _ := s.Contacts(ctx, ok)
	if cs[0].Kind != data.ContactCard || !cs[0].ThankYou || cs[0].BatchID != b.ID || cs[0].Template != "Thanks for your visit" {
		t.Errorf("contact logged: %+v", cs[0])
	}
	df, _, _ := s.DefaultPeriod(ctx, data.ChannelPost, time.Date(2026, 12, 15, 9, 0, 0, 0, time.Local))
	// A thank-you batch starts at the thank-you window (30 days), as Today
	// counts, whatever batch went before.
	if df.Format("2006-01-02") != "2026-11-15" {
		t.Errorf("default period starts %s, want the start of the thank-you window", df.Format("2006-01-02"))
	}
}

func names2(cs []data.Client) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name())
	}
	return out
}
