package clock

import (
	"testing"
	"time"
)

func TestSetMovesNowAndRestores(t *testing.T) {
	want := time.Date(2027, 2, 28, 23, 59, 0, 0, time.UTC)
	before := Now()
	restore := Set(want)
	got := Now()
	if d := got.Sub(want); d < 0 || d > time.Second {
		t.Fatalf("Now after Set(%v) = %v", want, got)
	}
	time.Sleep(10 * time.Millisecond)
	if !Now().After(got) {
		t.Fatal("the moved clock does not run on")
	}
	restore()
	if d := Now().Sub(before); d < 0 || d > time.Second {
		t.Fatalf("restore left the clock %v off", d)
	}
}

func TestToday(t *testing.T) {
	defer Set(time.Date(2027, 3, 14, 12, 0, 0, 0, time.Local))()
	got := Today()
	if got.Hour() != 0 || got.Day() != 14 || got.Month() != 3 {
		t.Fatalf("Today = %v", got)
	}
}
