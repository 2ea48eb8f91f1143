package data

import (
	"errors"
	"regulars/internal/clock"
	"strings"
	"testing"
	"time"
)

func TestTemplateCheck(t *testing.T) {
	cases := []struct {
		name string
		body string
		line int
		msg  string
	}{
		{"good", "Dear {{.FirstName}},\nthanks for {{lower .LastVisitWhat}}.", 0, ""},
		{"unknown field", "Dear {{.FirstName}},\n\nSee you, {{.Frist}}", 3, "unknown field .Frist"},
		{"unknown field in a branch", "Hi{{if .Staff}} {{.Stafff}}{{end}}", 1, "unknown field .Stafff"},
		{"syntax error", "Dear {{.FirstName}\n", 1, "bad character"},
		{"unclosed if", "line one\n{{if .Staff}}Hello", 2, "unexpected EOF"},
		{"unknown function", "{{shout .FirstName}}", 1, `function "shout" not defined`},
		{"nested template", `{{template "x"}}`, 1, "cannot include"},
	}
	for _, tc := range cases {
		tpl := Template{Name: tc.name, Body: tc.body}
		err := tpl.Check()
		if tc.msg == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var te *TemplateError
		if !errors.As(err, &te) || te.Line != tc.line || !strings.Contains(te.Reason, tc.msg) {
			t.Errorf("%s: %v (line %v), want line %d and %q", tc.name, err, te, tc.line, tc.msg)
		}
	}
	bad := Template{Name: "x", Body: "ok", Subject: "Hi {{.Nope}}"}
	if err := bad.Check(); err == nil || !strings.Contains(err.Error(), "subject") {
		t.Errorf("subject not checked: %v", err)
	}
}

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
		m, _ := tpl.Merge(SampleMergeFields("Blue Door Salon"))
		if !strings.Contains(m.Body, "Zoë") || !strings.Contains(m.Body, "Blue Door Salon") {
			t.Errorf("%s merged:\n%s", tpl.Name, m.Body)
		}
	}
	tpl := Template{Name: "Spring", Body: "Hello {{.Nmae}}"}
	if err := s.SaveTemplate(ctx, &tpl); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("saved a bad template: %v", err)
	}
	tpl.Body = "Hello {{.FirstName}}"
	if err := s.SaveTemplate(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
	dup := Template{Name: "spring", Body: "x"}
	if err := s.SaveTemplate(ctx, &dup); err == nil {
		t.Error("two templates with one name")
	}
	got, err := s.TemplateByName(ctx, "SPRING")
	if err != nil || got.Body != "Hello {{.FirstName}}" {
		t.Errorf("by name: %+v %v", got, err)
	}
	if _, err := s.TemplateByName(ctx, "nope"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "We miss you") {
		t.Errorf("missing template: %v", err)
	}
}

func TestBatchRulesAndRerun(t *testing.T) {
	s := openTest(t)
	addr := Address{Street: "1 Main St", City: "Austin", Region: "TX", PostalCode: "78701"}
	mk := func(c Client, visit string) int64 {
		id := addClient(t, s, c)
		if visit != "" {
			at, _ := time.ParseInLocation("2006-01-02", visit, time.Local)
			if _, err := s.LogVisit(ctx, &Visit{ClientID: id, At: at.Add(10 * time.Hour), AmountCents: -1}); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	ok := mk(Client{FirstName: "Ok", Address: addr}, "2026-11-05")
	mk(Client{FirstName: "NoAddress"}, "2026-11-05")
	mk(Client{FirstName: "Unsubscribed", Address: addr, PostConsent: ConsentUnsubscribed}, "2026-11-06")
	mk(Client{FirstName: "DoNotContact", Address: addr, DoNotContact: true}, "2026-11-06")
	mk(Client{FirstName: "October", Address: addr}, "2026-10-30")
	mk(Client{FirstName: "Emailer", Address: addr, Email: "e@example.com", PreferredChannel: ChannelEmail}, "2026-11-07")
	gone := mk(Client{FirstName: "Deleted", Address: addr}, "2026-11-07")
	s.DeleteClient(ctx, gone)
	thanked := mk(Client{FirstName: "Thanked", Address: addr}, "2026-11-03")
	s.LogContact(ctx, &Contact{ClientID: thanked, At: time.Date(2026, 11, 8, 9, 0, 0, 0, time.Local), Kind: ContactCard, ThankYou: true})

	from, to, err := MonthPeriod("2026-11")
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.ThankYouCandidates(ctx, ChannelPost, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != ok {
		t.Fatalf("candidates: %v", names2(list))
	}
	emails, _ := s.ThankYouCandidates(ctx, ChannelEmail, from, to)
	if len(emails) != 1 || emails[0].FirstName != "Emailer" {
		t.Errorf("email candidates: %v", names2(emails))
	}
	b := Batch{Channel: ChannelPost, From: from, To: to, Template: "Thanks for your visit", Layout: "a2"}
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
	again, _ := s.ThankYouCandidates(ctx, ChannelPost, from, to)
	if len(again) != 0 {
		t.Errorf("re-running the period thanks again: %v", names2(again))
	}
	cs, _ := s.Contacts(ctx, ok)
	if cs[0].Kind != ContactCard || !cs[0].ThankYou || cs[0].BatchID != b.ID || cs[0].Template != "Thanks for your visit" {
		t.Errorf("contact logged: %+v", cs[0])
	}
	df, _, _ := s.DefaultPeriod(ctx, ChannelPost, time.Date(2026, 12, 15, 9, 0, 0, 0, time.Local))
	// A thank-you batch starts at the thank-you window (30 days), as Today
	// counts, whatever batch went before.
	if df.Format("2006-01-02") != "2026-11-15" {
		t.Errorf("default period starts %s, want the start of the thank-you window", df.Format("2006-01-02"))
	}
}

func names2(cs []Client) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name())
	}
	return out
}
