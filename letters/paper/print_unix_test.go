//go:build !windows

package paper

import (
	"reflect"
	"testing"
)

func TestLpArgs(t *testing.T) {
	tests := []struct {
		job  Job
		want []string
	}{
		{Job{File: "/tmp/cards.pdf", Printer: "Office", Paper: Paper{W: 210, H: 297}, Title: "Cards"},
			[]string{"-d", "Office", "-o", "media=A4", "-o", "print-scaling=none", "-o", "fit-to-page=false", "-t", "Cards", "--", "/tmp/cards.pdf"}},
		{Job{File: "-odd name.pdf"},
			[]string{"-o", "print-scaling=none", "-o", "fit-to-page=false", "--", "-odd name.pdf"}},
		{Job{File: "e.pdf", Paper: Paper{W: 220, H: 110}},
			[]string{"-o", "media=Custom.110x220mm", "-o", "print-scaling=none", "-o", "fit-to-page=false", "--", "e.pdf"}},
	}
	for _, tt := range tests {
		if got := lpArgs(tt.job); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("lpArgs(%+v) = %q, want %q", tt.job, got, tt.want)
		}
	}
}

func TestParsePrinters(t *testing.T) {
	got := parsePrinters("Office_Laser\nRegularsPDF\n\n", parseDefault("system default destination: RegularsPDF\n"))
	want := []Printer{{Name: "Office_Laser"}, {Name: "RegularsPDF", Default: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parsePrinters = %v, want %v", got, want)
	}
	if d := parseDefault("no system default destination\n"); d != "" {
		t.Errorf("parseDefault(no default) = %q", d)
	}
}
