package exchange

import (
	"strconv"
	"strings"
	"testing"
)

// TestUnclosedQuote: a quote left open in a CSV no longer turns the rows
// after it into one client's note; the file is refused, naming the line
// where the quote opens. Quotes that are closed, doubled or inside an
// unquoted field still read.
func TestUnclosedQuote(t *testing.T) {
	cases := []struct {
		name, csv string
		line      int // 0: reads
		rows      int
	}{
		{"open to the end", "Name,Email,Notes\nAna,ana@example.com,\"likes tea\nBo,bo@example.com,\nCy,cy@example.com,\n", 2, 0},
		{"open on the last line", "Name,Email,Notes\nAna,ana@example.com,ok\nBo,bo@example.com,\"never closed", 3, 0},
		{"closed by a later stray quote", "Name,Email,Notes\nAna,ana@example.com,\"likes tea\nBo,bo@example.com,\"VIP\" client\nCy,cy@example.com,\n", 2, 0},
		{"semicolons", "Name;Email;Notes\nAna;ana@example.com;\"likes tea\nBo;bo@example.com;\n", 2, 0},
		{"a note on two lines", "Name,Email,Notes\nAna,ana@example.com,\"likes tea,\nno sugar\"\nBo,bo@example.com,\n", 0, 2},
		{"doubled quotes", "Name,Email,Notes\nAna,ana@example.com,\"says \"\"hi\"\"\"\nBo,bo@example.com,\n", 0, 2},
		{"a quote inside a field", "Name,Email,Notes\nAna,ana@example.com,5\" heels\nBo,bo@example.com,\n", 0, 2},
		{"a stray quote on one line", "Name,Email,Notes\nAna,ana@example.com,\"5\" heels\"\nBo,bo@example.com,\n", 0, 2},
		{"CRLF", "Name,Email,Notes\r\nAna,ana@example.com,\"tea\r\nBo,bo@example.com,\r\n", 2, 0},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			tb, err := ReadTable([]byte(k.csv))
			if k.line == 0 {
				if err != nil || len(tb.Rows) != k.rows {
					t.Fatalf("%v; want %d rows", err, k.rows)
				}
				return
			}
			want := "line " + strconv.Itoa(k.line) + ": a quote"
			if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "nothing was imported") {
				t.Fatalf("%v; want %q", err, want)
			}
		})
	}
}
