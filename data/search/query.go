package search

import (
	"container/heap"
	"sort"
	"strings"
	"time"
	"unicode"

	"regulars/data"
)

// isJoiner reports whether r joins the parts of one word: the apostrophes
// of O'Brien and the hyphen of Mary-Jane.
func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == '-' || r == '‐'
}

// words splits folded text into search words. A word written with
// apostrophes or hyphens gives its joined form and its parts:
// "o'brien" → "obrien", "o", "brien".
func words(folded string) []string {
	var out []string
	for _, field := range strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !isJoiner(r)
	}) {
		parts := strings.FieldsFunc(field, isJoiner)
		if len(parts) == 0 {
			continue
		}
		if len(parts) > 1 {
			out = append(out, strings.Join(parts, ""))
		}
		out = append(out, parts...)
	}
	return out
}

// Query is a parsed search: the folded words typed, or the digits of a
// phone number. A Query with neither finds nothing.
type Query struct {
	Words  []string // the folded words typed, none empty
	Digits string   // set when the query is a phone number
}

// ParseQuery reads what was typed in the search field: any word prefix of
// the name (accents and case ignored), email, company or tag, or phone
// digits anywhere in the number.
func ParseQuery(q string) Query {
	q = strings.TrimSpace(q)
	if q == "" {
		return Query{}
	}
	if strings.Trim(q, "0123456789 +-().") == "" {
		if d := data.Digits(q); d != "" {
			return Query{Digits: d}
		}
	}
	// A word typed with an apostrophe or hyphen is searched in its joined
	// form ("o'bri" → "obri"), which the index holds beside the parts.
	return Query{Words: joinedWords(data.Fold(q))}
}

// joinedWords returns one search word per typed word: the joined form of
// a word with apostrophes or hyphens.
func joinedWords(folded string) []string {
	var out []string
	for _, field := range strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !isJoiner(r)
	}) {
		w := strings.Join(strings.FieldsFunc(field, isJoiner), "")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Match ranks, best first.
const (
	rankExact  = iota // the whole name, a name word or the whole phone number
	rankPrefix        // every word starts a name word; the number starts the phone
	rankOther         // found in email, company, tags or inside the phone number
)

// rankOf says how well a client matches the query, or -1 when it does
// not match at all.
func (q Query) rankOf(e *Entry) int {
	if q.Digits != "" {
		best := -1
		// The main phone's digits come first, then each other phone's.
		rest := e.Digits
		for i := 0; ; i++ {
			d, more, ok := strings.Cut(rest, " ")
			rank := -1
			switch {
			case d == "":
			case d == q.Digits || (len(q.Digits) >= 7 && strings.HasSuffix(d, q.Digits)):
				rank = rankExact
			case strings.HasPrefix(d, q.Digits):
				rank = rankPrefix
			case strings.Contains(d, q.Digits):
				rank = rankOther
			}
			if i > 0 && rank >= 0 && rank < rankOther {
				rank++ // another phone ranks after the main one
			}
			if rank >= 0 && (best < 0 || rank < best) {
				best = rank
			}
			if !ok {
				break
			}
			rest = more
		}
		return best
	}
	exact, prefix := true, true
	for _, w := range q.Words {
		e1, p1 := false, false
		for n, rest := nextWord(e.nameWords()); n != ""; n, rest = nextWord(rest) {
			if n == w {
				e1 = true
			}
			if strings.HasPrefix(n, w) {
				p1 = true
			}
		}
		if !p1 {
			found := false
			for o, rest := nextWord(e.otherWords()); o != ""; o, rest = nextWord(rest) {
				if strings.HasPrefix(o, w) {
					found = true
					break
				}
			}
			if !found {
				return -1
			}
		}
		exact = exact && e1
		prefix = prefix && p1
	}
	switch {
	case exact:
		return rankExact
	case prefix:
		return rankPrefix
	}
	return rankOther
}

// Find returns the clients that match q, or every client when everyone
// is set, that pass the filter f as of f.AsOf under pol: the best limit of
// them in order, as list rows with their standing, and how many passed.
// Those in the trash are left out. Best matches come first (exact, then
// prefix, then the rest), then the most recent visitors, then by name;
// with everyone and a status filter, the longest silence comes first.
// It is empty before Build.
func (x *Index) Find(q Query, everyone bool, f data.Filter, pol data.CadencePolicy, limit int) data.SearchResult {
	x.mu.Lock()
	defer x.mu.Unlock()
	found := x.find(q, everyone)
	kept := found[:0]
	if f.IsZero() {
		// No filter: rank first, then work out the standing of the rows
		// shown only.
		res := data.SearchResult{Total: len(found)}
		top := topHits(found, limit)
		for i := range top {
			st := data.StandingOf(top[i].e.Touch(), pol, f.AsOf, time.Local)
			top[i].status, top[i].thanks = st.Status, st.ThankYouDue
		}
		res.Clients = summaries(top)
		return res
	}
	for _, h := range found {
		st := data.StandingOf(h.e.Touch(), pol, f.AsOf, time.Local)
		if f.Status != "" && st.Status != f.Status || f.ThankYouDue && !st.ThankYouDue || f.Tag != "" && !hasTag(h.e.Tags, f.Tag) {
			continue
		}
		if everyone && f.Status != "" {
			h.rank = -st.DaysSince
		}
		h.status, h.thanks = st.Status, st.ThankYouDue
		kept = append(kept, h)
	}
	res := data.SearchResult{Total: len(kept)}
	res.Clients = topSummaries(kept, limit)
	return res
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// better orders search hits: by rank, then latest visit, then name.
func better(a, b *hit) bool {
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.e.LastVisit != b.e.LastVisit {
		return a.e.LastVisit > b.e.LastVisit
	}
	if c := compareSortNames(a.e, b.e); c != 0 {
		return c < 0
	}
	return a.e.ID < b.e.ID
}

// topSummaries returns the best limit hits in order, as list rows.
func topSummaries(hits []hit, limit int) []data.ClientSummary {
	return summaries(topHits(hits, limit))
}

// topHits returns the best limit hits in order. Only the hits that make
// the cut are sorted, so a short prefix matching thousands stays fast.
func topHits(hits []hit, limit int) []hit {
	if len(hits) > limit {
		// Select the best limit hits with a bounded max-heap of the worst kept.
		h := hitHeap(hits[:limit:limit])
		heap.Init(&h)
		for i := limit; i < len(hits); i++ {
			if better(&hits[i], &h[0]) {
				h[0] = hits[i]
				heap.Fix(&h, 0)
			}
		}
		hits = h
	}
	sort.Slice(hits, func(i, j int) bool { return better(&hits[i], &hits[j]) })
	return hits
}

// summaries turns hits into list rows.
func summaries(hits []hit) []data.ClientSummary {
	out := make([]data.ClientSummary, len(hits))
	for i := range hits {
		out[i] = hits[i].e.Summary()
		out[i].Status, out[i].ThankYouDue = hits[i].status, hits[i].thanks
	}
	return out
}

// hitHeap is a max-heap: the worst kept hit on top.
type hitHeap []hit

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return better(&h[j], &h[i]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(hit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// keepAlnum is a strings.Map function that drops all but letters and
// digits.
func keepAlnum(r rune) rune {
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return r
	}
	return -1
}
