package data

import (
	"testing"
	"time"
)

func TestCameBackAfterAndShare(t *testing.T) {
	sent := day("2026-06-01")
	cases := []struct {
		next time.Time
		want bool
	}{
		{time.Time{}, false},
		{day("2026-06-20"), true},
		{day("2026-07-31"), true}, // 60 days
		{day("2026-08-02"), false},
		{day("2026-05-30"), false},
	}
	for _, k := range cases {
		if got := CameBackAfter(sent, k.next); got != k.want {
			t.Errorf("visit %v: %v", k.next, got)
		}
	}
	if Share(12, 40) != "12 of 40 (30 %)" || Share(0, 0) != "none yet" || Share(1, 3) != "1 of 3 (33 %)" {
		t.Errorf("share: %q %q %q", Share(12, 40), Share(0, 0), Share(1, 3))
	}
}
