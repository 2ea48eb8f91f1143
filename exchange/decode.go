package exchange

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// lineAt is the 1-based line of byte offset i in b.
func lineAt(b []byte, i int) int {
	return bytes.Count(b[:min(i, len(b))], []byte{'\n'}) + 1
}

// firstInvalidUTF8 is the offset of the first byte that is not UTF-8, or -1.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// hasUTF8Sequences reports whether b holds at least one well-formed
// multi-byte UTF-8 character: a file that does is UTF-8 with damage, not
// a Windows-1252 file.
func hasUTF8Sequences(b []byte) bool {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && n > 1 {
			return true
		}
		i += max(n, 1)
	}
	return false
}

// westernSingleByte checks that b reads as Windows-1252 text, as Outlook
// and Excel write on Western machines: no byte Windows-1252 leaves
// undefined, and letters outside ASCII mostly alone between ASCII ones
// ("Hélène", "Müller"). Shift-JIS, GBK or Big5 text puts its bytes in
// pairs and runs, which Windows-1252 would turn into mojibake. It returns
// the offset of the first byte that gives the file away, or -1.
func westernSingleByte(b []byte) int {
	high, inRuns, first := 0, 0, -1
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return i
		}
		high++
		if (i > 0 && b[i-1] >= 0x80) || (i+1 < len(b) && b[i+1] >= 0x80) {
			inRuns++
			if first < 0 {
				first = i
			}
		}
	}
	if high >= 4 && inRuns*2 > high {
		return first
	}
	return -1
}

// Decode turns the bytes of a text file into UTF-8: UTF-8 with or without
// a byte-order mark, UTF-16 (as Outlook writes), or Windows-1252 (as Excel
// and Outlook write on Western machines). Text that is none of them — a
// damaged UTF-8 file, Shift-JIS — stops the import with the line where it
// goes wrong, instead of filling the book with mojibake.
func Decode(b []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if i := firstInvalidUTF8(b); i >= 0 {
			return "", "", fmt.Errorf("line %d: the file says it is UTF-8 but this line is not; save the file again as UTF-8", lineAt(b, i))
		}
		return string(b), "UTF-8", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b, unicode.UseBOM)
	case len(b) >= 4 && b[1] == 0 && b[3] == 0 && b[0] != 0:
		return decodeUTF16(b, unicode.IgnoreBOM)
	}
	i := firstInvalidUTF8(b)
	if i < 0 {
		return string(b), "UTF-8", nil
	}
	if hasUTF8Sequences(b) {
		return "", "", fmt.Errorf("line %d is not valid UTF-8 text (the rest of the file is); the file is damaged or mixes encodings: save it again as UTF-8", lineAt(b, i))
	}
	if j := westernSingleByte(b); j >= 0 {
		return "", "", fmt.Errorf("line %d: the text cannot be read: it is neither UTF-8 nor Windows-1252 (perhaps Shift-JIS or another Asian encoding); save the file as UTF-8 and import it again", lineAt(b, j))
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", fmt.Errorf("the file's text encoding cannot be read: %w", err)
	}
	return string(out), "Windows-1252", nil
}

func decodeUTF16(b []byte, bom unicode.BOMPolicy) (string, string, error) {
	out, err := unicode.UTF16(unicode.LittleEndian, bom).NewDecoder().Bytes(b)
	if err != nil {
		return "", "", fmt.Errorf("the file is not valid UTF-16: %w", err)
	}
	if i := strings.IndexRune(string(out), utf8.RuneError); i >= 0 {
		return "", "", fmt.Errorf("line %d: the file is not valid UTF-16 text", strings.Count(string(out[:i]), "\n")+1)
	}
	return string(out), "UTF-16", nil
}

// charset finds the encoding a vCard's CHARSET parameter names.
func charset(name string) (encoding.Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return nil, nil
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return nil, fmt.Errorf("unknown character set %q", name)
	}
	return e, nil
}

// decodeCharset turns b, written in the character set named, into UTF-8.
func decodeCharset(b []byte, name string) (string, error) {
	e, err := charset(name)
	if err != nil {
		return "", err
	}
	if e == nil {
		if !utf8.Valid(b) {
			return "", fmt.Errorf("the text is not valid UTF-8")
		}
		return string(b), nil
	}
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("the text is not valid %s: %w", name, err)
	}
	if bytes.ContainsRune(out, utf8.RuneError) && !bytes.ContainsRune(b, utf8.RuneError) {
		return "", fmt.Errorf("the text is not valid %s", name)
	}
	return string(out), nil
}
