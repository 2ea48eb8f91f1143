package exchange

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"regulars/data/store"
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
		s, err := store.Open(filepath.Join(b.TempDir(), "import.db"))
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

// bigVCard is a vCard file of about size bytes in Apple's style: folded
// lines, grouped properties, birthdays without a year, and photos when
// asked (few cards, long folded lines) or not (many cards).
func bigVCard(size int, photos bool) []byte {
	var b bytes.Buffer
	photo := strings.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", 40)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Family%d;Given%d;;;\r\nFN:Given%d Family%d\r\n", i, i, i, i)
		fmt.Fprintf(&b, "EMAIL;type=INTERNET;type=pref:person%d@example.com\r\nTEL;type=CELL;type=pref:+1 555 %03d %04d\r\n", i, i/10000%1000, i%10000)
		fmt.Fprintf(&b, "item1.TEL:+1 556 %03d %04d\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n", i/10000%1000, i%10000)
		fmt.Fprintf(&b, "item2.ADR;type=HOME:;;%d Main Street;Springfield;IL;62701;USA\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-%02d-%02d\r\n", i, i%12+1, i%28+1)
		fmt.Fprintf(&b, "NOTE:A long note that Apple folds over several lines because it is longer than\r\n  seventy-five characters\\, with commas\\; and semicolons and a line\\nbreak.\r\n")
		if photos {
			b.WriteString("PHOTO;ENCODING=b;TYPE=JPEG:")
			for j := 0; j < len(photo); j += 74 {
				if j > 0 {
					b.WriteString("\r\n ")
				}
				b.WriteString(photo[j:min(j+74, len(photo))])
			}
			b.WriteString("\r\n")
		}
		b.WriteString("END:VCARD\r\n")
	}
	return b.Bytes()
}

// BenchmarkImportVCard10MB reads, plans and imports a 10 MB vCard file with
// folded lines into an empty book (target: under 5 s): with photos (about
// 5,000 cards) and without (about 20,000).
func BenchmarkImportVCard10MB(b *testing.B) {
	b.Run("photos", func(b *testing.B) { benchImportVCard(b, bigVCard(10<<20, true)) })
	b.Run("no photos", func(b *testing.B) { benchImportVCard(b, bigVCard(10<<20, false)) })
}

func benchImportVCard(b *testing.B, vcf []byte) {
	b.SetBytes(int64(len(vcf)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := store.Open(filepath.Join(b.TempDir(), "import.db"))
		if err != nil {
			b.Fatal(err)
		}
		people, _, _, err := ReadFile(vcf, FormatAuto)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := Plan(ctx, s, people)
		if err != nil {
			b.Fatal(err)
		}
		added, _, _, err := s.ApplyImport(ctx, rows)
		if err != nil || added != len(people) {
			b.Fatalf("%d of %d added, %v", added, len(people), err)
		}
		s.Close()
	}
	b.ReportMetric(float64(bytes.Count(vcf, []byte("BEGIN:VCARD"))), "cards")
}

// BenchmarkReadVCard10MB reads a 10 MB vCard file alone (the reader used to
// join folded lines in quadratic time).
func BenchmarkReadVCard10MB(b *testing.B) {
	vcf := bigVCard(10<<20, true)
	b.SetBytes(int64(len(vcf)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ReadVCards(vcf); err != nil {
			b.Fatal(err)
		}
	}
}

// oneHugeCard is a single vCard of about n lines: TEL lines, each a
// different number, with some emails and notes among them.
func oneHugeCard(n int) []byte {
	var b bytes.Buffer
	b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lima;Ana;;;\r\nFN:Ana Lima\r\n")
	for i := 0; i < n; i++ {
		switch i % 10 {
		case 7:
			fmt.Fprintf(&b, "EMAIL;TYPE=pref:ana%d@example.com\r\n", i)
		case 8:
			fmt.Fprintf(&b, "NOTE:line %d\r\n", i)
		default:
			fmt.Fprintf(&b, "TEL;TYPE=CELL:+1 555 %03d %04d\r\n", i/10000%1000, i%10000)
		}
	}
	b.WriteString("END:VCARD\r\n")
	return b.Bytes()
}

// BenchmarkVCardMillionLines reads one vCard of 1,000,000 lines (a hostile
// file: most of them phone numbers): the time grows with the file's size,
// not with its square.
func BenchmarkVCardMillionLines(b *testing.B) {
	card := oneHugeCard(1_000_000)
	b.SetBytes(int64(len(card)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		people, err := ReadVCards(card)
		if err != nil || len(people) != 1 {
			b.Fatalf("%d people, %v", len(people), err)
		}
	}
}
