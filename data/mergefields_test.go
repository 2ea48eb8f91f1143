package data

import (
	"strings"
	"testing"
)

// TestMergeFieldChoices: every merge field is offered once in plain
// words, and every choice is a template that can be filled in.
func TestMergeFieldChoices(t *testing.T) {
	offered := map[string]int{}
	for _, c := range MergeFieldChoices {
		if strings.Contains(c.Label, "{{") || c.Label == "" {
			t.Errorf("label %q is not plain words", c.Label)
		}
		tpl := Template{Body: c.Insert}
		m, err := tpl.Merge(SampleMergeFields("Blue Door"))
		if err != nil || m.Body == "" {
			t.Errorf("%s: %q %v", c.Label, m.Body, err)
		}
		for _, n := range MergeFieldNames() {
			if c.Insert == "{{."+n+"}}" {
				offered[n]++
			}
		}
	}
	for _, n := range MergeFieldNames() {
		if offered[n] != 1 {
			t.Errorf("field %s offered %d times", n, offered[n])
		}
	}
}
