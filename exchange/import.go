package exchange

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits keep a wrong file from swamping the book.
const (
	MaxFileSize  = 200 << 20
	MaxFieldSize = 64 << 10 // a longer field (a 5 MB note) is cut, with a warning
)

// Table is a CSV file read into rows, after decoding and splitting.
type Table struct {
	Header   []string
	Rows     [][]string
	Lines    []int // the line of each row in the file
	Encoding string
	Comma    rune
	Warnings []string
}

// binaryBytes reports whether raw bytes are not text in any encoding:
// NUL bytes or control characters, as in a spreadsheet or an image.
func binaryBytes(b []byte) bool {
	n := min(len(b), 4096)
	bad := 0
	for _, c := range b[:n] {
		if c == 0 || (c < 32 && c != '\n' && c != '\r' && c != '\t') {
			bad++
		}
	}
	return bad > n/20+1
}

// looksBinary reports whether text is not a text file at all.
func looksBinary(s string) bool {
	n := len(s)
	if n > 4096 {
		n = 4096
	}
	bad := 0
	for _, r := range s[:n] {
		if r == 0 || r == utf8.RuneError || (r < 32 && r != '\n' && r != '\r' && r != '\t') {
			bad++
		}
	}
	return bad > n/20+1
}

// ReadTable reads a CSV file: any encoding above, comma, semicolon or tab.
func ReadTable(b []byte) (*Table, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("the file is empty")
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("the file is %d MB; Regulars reads files up to %d MB", len(b)>>20, MaxFileSize>>20)
	}
	text, enc, err := Decode(b)
	if err != nil {
		if binaryBytes(b) {
			return nil, fmt.Errorf("this is not a text file (it may be a spreadsheet or an image); save it as CSV first")
		}
		return nil, err
	}
	if looksBinary(text) {
		return nil, fmt.Errorf("this is not a text file (it may be a spreadsheet or an image); save it as CSV first")
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("the file has only blank lines: there is nothing to import")
	}
	t := &Table{Encoding: enc}
	firstLine := text
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		firstLine = text[:i]
	}
	t.Comma = ','
	best := strings.Count(firstLine, ",")
	for _, c := range []rune{';', '\t'} {
		if n := strings.Count(firstLine, string(c)); n > best {
			t.Comma, best = c, n
		}
	}
	if line, ok := runawayQuote(text, t.Comma); ok {
		return nil, fmt.Errorf("line %d: a quote (\") opens a field there and is never closed, so the lines after it would all become that one field; nothing was imported. Close the quote or remove it, and import the file again", line)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = t.Comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("the first line cannot be read: %w", err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	t.Header = header
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %v", pe.Line, pe.Err)
			}
			return nil, err
		}
		line, _ := r.FieldPos(0)
		if len(rec) > len(header) {
			extra := strings.TrimSpace(strings.Join(rec[len(header):], ""))
			if extra != "" {
				t.Warnings = append(t.Warnings, fmt.Sprintf("line %d has %d fields where the header has %d; the extra ones were ignored", line, len(rec), len(header)))
			}
		}
		for i, f := range rec {
			if len(f) > MaxFieldSize {
				rec[i] = f[:MaxFieldSize]
				t.Warnings = append(t.Warnings, fmt.Sprintf("line %d: the %s field is %d KB long and was cut to %d KB", line, colName(header, i), len(f)>>10, MaxFieldSize>>10))
			}
		}
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, line)
	}
	if len(t.Rows) == 0 {
		return nil, fmt.Errorf("the file has a header line but no rows")
	}
	return t, nil
}

// runawayQuote finds a quoted field that takes in the lines after it: one
// whose quote is never closed (it runs to the end of the file), or one
// that spans lines and holds a stray quote (a quote that is neither
// doubled nor the field's end), which is how a field whose quote was left
// open swallows rows until a later quote happens to close it. It reads
// the fields as encoding/csv does with LazyQuotes, and returns the line
// where that field starts.
func runawayQuote(text string, comma rune) (int, bool) {
	line := 1
	atFieldStart := true
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case atFieldStart && c == '"':
			start, stray, spans := line, false, false
			j := i + size
			closed := false
			for j < len(text) {
				d, dsize := utf8.DecodeRuneInString(text[j:])
				if d == '\n' {
					line++
					spans = true
				}
				if d != '"' {
					j += dsize
					continue
				}
				next, nsize := utf8.DecodeRuneInString(text[j+1:])
				switch {
				case j+1 < len(text) && next == '"':
					j += 1 + nsize // a doubled quote
				case j+1 >= len(text) || next == comma || next == '\n' || next == '\r':
					closed = true
				default:
					stray = true
					j++
				}
				if closed {
					break
				}
			}
			if !closed || (stray && spans) {
				return start, true
			}
			i = j + 1
			atFieldStart = false
		case c == comma:
			atFieldStart = true
			i += size
		case c == '\n':
			line++
			atFieldStart = true
			i += size
		default:
			atFieldStart = false
			i += size
		}
	}
	return 0, false
}

func colName(header []string, i int) string {
	if i < len(header) && header[i] != "" {
		return fmt.Sprintf("%q", header[i])
	}
	return fmt.Sprintf("column %d", i+1)
}
