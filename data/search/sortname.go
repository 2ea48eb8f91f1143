package search

import "regulars/data"

// compareSortNames orders two entries by their folded last name, first
// name and company, as the list does among clients who last came at the
// same moment: -1, 0 or +1, without building a string.
func compareSortNames(a, b *Entry) int {
	i, j := a.sortName(), b.sortName()
	if c, ok := compareLowered(&i, &j); ok {
		return c
	}
	for {
		ca, oka := i.next()
		cb, okb := j.next()
		switch {
		case !oka && !okb:
			return 0
		case !oka:
			return -1
		case !okb:
			return 1
		case ca != cb:
			if ca < cb {
				return -1
			}
			return 1
		}
	}
}

// compareLowered is compareSortNames' quick way for two plain names:
// part by part, a byte at a time in one loop. It says ok only when the
// parts alone decide, and leaves the rest to the walk.
func compareLowered(a, b *sortNameBytes) (int, bool) {
	if a.n != 3 || b.n != 3 {
		return 0, false
	}
	for k := 0; k < 3; k++ {
		x, y := a.parts[k], b.parts[k]
		n := min(len(x), len(y))
		for i := 0; i < n; i++ {
			cx, cy := lowerASCII(x[i]), lowerASCII(y[i])
			if cx != cy {
				if cx < cy {
					return -1, true
				}
				return 1, true
			}
		}
		if len(x) == len(y) {
			continue
		}
		// The shorter part is followed by a space, or by nothing after
		// the last part; a space in the longer one needs the walk.
		if len(x) < len(y) {
			if c := lowerASCII(y[n]); k == 2 || ' ' < c {
				return -1, true
			} else if ' ' > c {
				return 1, true
			}
		} else {
			if c := lowerASCII(x[n]); k == 2 || ' ' < c {
				return 1, true
			} else if ' ' > c {
				return -1, true
			}
		}
		return 0, false
	}
	return 0, true
}

// lowerASCII lowers an ASCII capital letter.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// sortName walks the entry's folded "last first company": lowered as it
// goes when plain ASCII (nearly every name), else the folded form kept.
func (e *Entry) sortName() sortNameBytes {
	parts := [3]string{e.field(fieldLast), e.field(fieldFirst), e.field(fieldCompany)}
	switch {
	case e.sortFolded != "":
		return sortNameBytes{parts: [3]string{e.sortFolded}, n: 1}
	case e.terms == "" && !(isASCII(parts[0]) && isASCII(parts[1]) && isASCII(parts[2])):
		// Not tokenized yet (see foldSortName): fold now.
		return sortNameBytes{parts: [3]string{data.Fold(parts[0] + " " + parts[1] + " " + parts[2])}, n: 1}
	}
	return sortNameBytes{parts: parts, n: 3}
}

// foldSortName keeps the folded sort name of an entry whose name is not
// plain ASCII. It is done with the search words, off the way of Today,
// which never orders by name.
func foldSortName(e *Entry) {
	e.sortFolded = ""
	if k := e.field(fieldLast) + " " + e.field(fieldFirst) + " " + e.field(fieldCompany); !isASCII(k) {
		e.sortFolded = data.Fold(k)
	}
}

// sortNameBytes walks its first n parts lowered and joined by spaces, a
// byte at a time.
type sortNameBytes struct {
	parts [3]string
	n     int
	part  int
	at    int
}

func (w *sortNameBytes) next() (byte, bool) {
	for w.part < w.n {
		if w.at < len(w.parts[w.part]) {
			c := w.parts[w.part][w.at]
			w.at++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			return c, true
		}
		w.part++
		w.at = 0
		if w.part < w.n {
			return ' ', true
		}
	}
	return 0, false
}

// isASCII reports whether s is plain ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
