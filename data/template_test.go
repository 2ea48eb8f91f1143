package data

import (
	"errors"
	"strings"
	"testing"
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
