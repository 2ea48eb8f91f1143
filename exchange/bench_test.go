package exchange

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"regulars/data"
)

// BenchmarkImport100k reads, plans and imports a 100,000-row CSV into an
// empty book (target: 10 s).
func BenchmarkImport100k(b *testing.B) {
	var csv bytes.Buffer
	csv.WriteString("First Name,Last Name,Email,Phone,Street,City,Postal Code,Birthday,Labels,Notes\n")
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&csv, "Name%d,Family%d,person%d@example.com,+1 555 %03d %04d,%d Main Street,Springfield,62701,1980-%02d-%02d,VIP,Likes coffee\n",
			i, i%5000, i, i/10000, i%10000, i+1, i%12+1, i%28+1)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := data.Open(filepath.Join(b.TempDir(), "import.db"))
		if err != nil {
			b.Fatal(err)
		}
		people, _, _, err := ReadFile(csv.Bytes(), FormatAuto)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := Plan(ctx, s, people)
		if err != nil {
			b.Fatal(err)
		}
		added, _, _, err := s.ApplyImport(ctx, rows)
		if err != nil || added != 100_000 {
			b.Fatalf("%d added, %v", added, err)
		}
		s.Close()
	}
}
