package cli

import (
	"strings"
	"testing"

	"regulars/data"
)

// TestTemplateFields: `template fields` lists every field by its plain
// name with what to write, as "Insert field…" offers them.
func TestTemplateFields(t *testing.T) {
	db := newBook(t)
	out := mustRun(t, db, "template", "fields")
	for _, f := range data.MergeFieldChoices {
		if !strings.Contains(out, f.Label) || !strings.Contains(out, f.Insert) {
			t.Errorf("%q missing from:\n%s", f.Label, out)
		}
	}
	if !strings.Contains(out, "First name") || !strings.Contains(out, "{{.FirstName}}") {
		t.Errorf("fields:\n%s", out)
	}
}
