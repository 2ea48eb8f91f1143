package data

import (
	"testing"
)

// TestThanksDue is the thank-you rule: a recent visit, after the last
// thanks, not thanked within the ideal days, reachable, not quiet.
func TestThanksDue(t *testing.T) {
	asOf := day("2026-11-23 09:00")
	cad := Cadence{60, 90}
	cases := []struct {
		name   string
		touch  Touch
		within int
		want   bool
	}{
		{"visited yesterday, never thanked", Touch{LastVisit: day("2026-11-22")}, 30, true},
		{"visited today", Touch{LastVisit: day("2026-11-23 08:00")}, 30, true},
		{"never visited", Touch{}, 30, false},
		{"visit 13 months ago (imported)", Touch{LastVisit: day("2025-10-20")}, 30, false},
		{"visit 31 days ago", Touch{LastVisit: day("2026-10-23")}, 30, false},
		{"visit 30 days ago: the window's last day", Touch{LastVisit: day("2026-10-24")}, 30, true},
		{"a wider window set by the owner", Touch{LastVisit: day("2026-10-23")}, 45, true},
		{"a narrower window", Touch{LastVisit: day("2026-11-13")}, 7, false},
		{"no window set: 30 days", Touch{LastVisit: day("2026-10-24")}, 0, true},
		{"thanked after the visit", Touch{LastVisit: day("2026-11-10"), LastThankYou: day("2026-11-12")}, 30, false},
		{"thanked today, visits again: not twice within the ideal", Touch{LastVisit: day("2026-11-23 08:00"), LastThankYou: day("2026-11-22")}, 30, false},
		{"thanked 59 days ago, visits again", Touch{LastVisit: day("2026-11-20"), LastThankYou: day("2026-09-25")}, 30, false},
		{"thanked 61 days ago, visits again", Touch{LastVisit: day("2026-11-20"), LastThankYou: day("2026-09-23")}, 30, true},
		{"do not contact", Touch{LastVisit: day("2026-11-20"), DoNotContact: true}, 30, false},
		{"in the trash", Touch{LastVisit: day("2026-11-20"), Deleted: true}, 30, false},
		{"snoozed", Touch{LastVisit: day("2026-11-20"), SnoozedUntil: day("2026-12-01")}, 30, false},
		{"snooze ended", Touch{LastVisit: day("2026-11-20"), SnoozedUntil: day("2026-11-23")}, 30, true},
		{"no address, no email", Touch{LastVisit: day("2026-11-20"), Unreachable: true}, 30, false},
	}
	for _, tc := range cases {
		if got := ThanksDue(tc.touch, cad, tc.within, asOf, testLoc); got != tc.want {
			t.Errorf("%s: due %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := ThanksFrom(30, asOf, testLoc); !got.Equal(day("2026-10-24")) {
		t.Errorf("window starts %s, want 2026-10-24", got)
	}
}
