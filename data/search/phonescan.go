package search

import (
	"slices"
	"strings"
)

// phoneScan finds, for a search by phone digits, every client with those
// digits anywhere in one of their phones. Looking in each client's digits
// in turn reads a hundred thousand scattered strings (3–8 ms on a book of
// 100,000); the digits of everyone laid end to end, one client a line,
// are one string that strings.Index goes through at memory speed.
//
// The string is made on the first search by phone and kept; a client
// whose digits change afterwards (an edit, another seat's) is marked
// stale and looked at on their own, as are clients added since, until
// there are enough of them to make the string again.
type phoneScan struct {
	blob  string   // every entry's digits, each followed by '\n'
	ends  []uint32 // ends[p] is where entry p's line ends, just past its '\n'
	stale []bool   // per entry in blob: its digits changed since
	marks []int32  // the entries marked stale, to look at on their own
}

// maxStale is how many stale entries make the scan start afresh.
const maxStale = 2000

// forget drops the scan; the next search by phone makes it again.
func (ps *phoneScan) forget() { *ps = phoneScan{} }

// changed notes that entry p's digits are now digits (from old).
func (ps *phoneScan) changed(p int32, old, digits string) {
	if ps.ends == nil || int(p) >= len(ps.ends) || old == digits || ps.stale[p] {
		return
	}
	ps.stale[p] = true
	ps.marks = append(ps.marks, p)
	if len(ps.marks) > maxStale {
		ps.forget()
	}
}

// make lays out the digits of entries.
func (ps *phoneScan) make(entries []Entry) {
	n := 0
	for i := range entries {
		n += len(entries[i].Digits) + 1
	}
	var b strings.Builder
	b.Grow(n)
	ps.ends = make([]uint32, len(entries))
	for i := range entries {
		b.WriteString(entries[i].Digits)
		b.WriteByte('\n')
		ps.ends[i] = uint32(b.Len())
	}
	ps.blob = b.String()
	ps.stale = make([]bool, len(entries))
	ps.marks = nil
}

// find calls hit with every entry whose digits hold d (which has no
// spaces or line breaks, so a match never spans two phones or clients),
// each once.
func (ps *phoneScan) find(entries []Entry, d string, hit func(p int32)) {
	if ps.ends == nil {
		ps.make(entries)
	}
	for off := 0; off < len(ps.blob); {
		i := strings.Index(ps.blob[off:], d)
		if i < 0 {
			break
		}
		at := uint32(off + i)
		p, _ := slices.BinarySearch(ps.ends, at+1) // the first line ending past the match
		if !ps.stale[p] {
			hit(int32(p))
		}
		off = int(ps.ends[p])
	}
	for _, p := range ps.marks {
		if strings.Contains(entries[p].Digits, d) {
			hit(p)
		}
	}
	for p := len(ps.ends); p < len(entries); p++ {
		if strings.Contains(entries[p].Digits, d) {
			hit(int32(p))
		}
	}
}
