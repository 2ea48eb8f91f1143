package paper

import (
	"fmt"
	"io"
	"testing"

	"regulars/internal/cardtest"
)

// namedCard is the card of issue 14 to the i-th named client.
func namedCard(i int, name string) Card {
	return Card{Name: name, Seed: Seed(int64(i+1), 14), Text: cardtest.NamedNote(name)}
}

// countingWriter counts the bytes of the PDF.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkThousandCards renders 1,000 A2 cards and their A2 envelopes
// (target: 5 s and 40 MB in all).
func BenchmarkThousandCards(b *testing.B) {
	pn := caveat(b)
	cards := make([]Card, 1000)
	for i := range cards {
		name := []string{"Zoë", "José", "Łukasz", "Anna", "Søren", "Mary-Jane"}[i%6]
		cards[i] = Card{Name: name, Seed: Seed(int64(i), 1),
			Text:    fmt.Sprintf("Dear %s,\n\nThank you so much for coming in on 14 November for your cut and blow-dry. It was a real pleasure to see you, and Bea sends warm regards.\n\nWe hope to see you again soon!\n\nWith thanks,\nBlue Door Salon", name),
			Address: []string{name + " Kowalczyk", fmt.Sprintf("%d Oak Avenue", i+1), "Austin, TX 78701", "USA"}}
	}
	b.ResetTimer()
	var size int64
	for i := 0; i < b.N; i++ {
		var cw, ew countingWriter
		if err := pn.Cards(&cw, cards, Layouts["a2"], nil); err != nil {
			b.Fatal(err)
		}
		if err := pn.Envelopes(&ew, cards, Envelopes["a2"], []string{"Blue Door Salon", "3 Mill Lane", "Austin, TX 78702"}, nil); err != nil {
			b.Fatal(err)
		}
		size = cw.n + ew.n
	}
	b.ReportMetric(float64(size)/1e6, "MB")
	var _ io.Writer = &countingWriter{}
}

// BenchmarkPreview draws the window's preview of one A2 card with its
// signature at 72 dpi (target: 150 ms).
func BenchmarkPreview(b *testing.B) {
	pn := caveat(b)
	l := Layouts["a2"]
	card := namedCard(2, "Nguyễn Thị Hương")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		card.Seed = uint64(i) // a card not drawn before: its shapes may be new
		if _, err := pn.Preview(card, l, 72); err != nil {
			b.Fatal(err)
		}
	}
}
