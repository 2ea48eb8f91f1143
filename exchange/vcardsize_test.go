package exchange

import (
	"strings"
	"testing"
	"time"

	"regulars/data"
)

// TestVCardOfManyPhonesReadsQuickly reads one card of 100,000 lines, most
// of them different phone numbers (20,000 took over two minutes when each
// number was compared with all before it): it reads in seconds, keeps the
// phone and data.MaxOtherPhones others, and says how many were left out.
func TestVCardOfManyPhonesReadsQuickly(t *testing.T) {
	card := oneHugeCard(100_000)
	done := make(chan []Person, 1)
	go func() {
		people, err := ReadVCards(card)
		if err != nil {
			t.Error(err)
		}
		done <- people
	}()
	var people []Person
	select {
	case people = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("one card of 100,000 lines is still being read after 20 seconds")
	}
	if len(people) != 1 {
		t.Fatalf("%d people", len(people))
	}
	p := people[0]
	if p.Client.Phone == "" || len(p.Client.OtherPhones) != data.MaxOtherPhones {
		t.Errorf("phone %q and %d others, want one and %d others", p.Client.Phone, len(p.Client.OtherPhones), data.MaxOtherPhones)
	}
	if w := strings.Join(p.Warnings, "\n"); !strings.Contains(w, "more phone lines left out") {
		t.Errorf("warnings: %.300s", w)
	}
	if p.Client.Email != "ana99997@example.com" {
		t.Errorf("email %q, want the last one marked preferred", p.Client.Email)
	}
}
