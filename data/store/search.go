package store

import (
	"container/heap"
	"context"
	"fmt"
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

// query is a parsed search: the folded words typed, or the digits of a
// phone number.
type query struct {
	words  []string
	digits string // set when the query is a phone number
}

// parseQuery reads what was typed in the search field.
func parseQuery(q string) query {
	q = strings.TrimSpace(q)
	if q == "" {
		return query{}
	}
	if strings.Trim(q, "0123456789 +-().") == "" {
		if d := data.Digits(q); d != "" {
			return query{digits: d}
		}
	}
	// A word typed with an apostrophe or hyphen is searched in its joined
	// form ("o'bri" → "obri"), which the index holds beside the parts.
	return query{words: joinedWords(data.Fold(q))}
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
func (q query) rankOf(e *indexEntry) int {
	if q.digits != "" {
		best := -1
		// The main phone's digits come first, then each other phone's.
		rest := e.digits
		for i := 0; ; i++ {
			d, more, ok := strings.Cut(rest, " ")
			rank := -1
			switch {
			case d == "":
			case d == q.digits || (len(q.digits) >= 7 && strings.HasSuffix(d, q.digits)):
				rank = rankExact
			case strings.HasPrefix(d, q.digits):
				rank = rankPrefix
			case strings.Contains(d, q.digits):
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
	for _, w := range q.words {
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

// Search finds the clients that match what was typed: any word prefix of
// the name (accents and case ignored), phone digits anywhere in the number,
// email, company or tag. Best matches come first (exact, then prefix, then
// the rest), then the most recent visitors, then by name. An empty query
// lists everyone, most recent visitors first, then those without a visit
// by name. At most limit rows are
// returned (0 means 200). Deleted clients are left out.
//
// The first search builds the in-memory index (see WarmSearch); later ones
// do not touch the file.
func (s *Store) Search(ctx context.Context, text string, limit int) (data.SearchResult, error) {
	return s.FilteredSearch(ctx, text, data.Filter{}, limit)
}

// FilteredSearch is Search narrowed by a filter. With an empty text and a
// status filter, the longest silence comes first.
func (s *Store) FilteredSearch(ctx context.Context, text string, f data.Filter, limit int) (data.SearchResult, error) {
	if limit <= 0 {
		limit = 200
	}
	if f.AsOf.IsZero() {
		f.AsOf = s.Now()
	}
	empty := strings.TrimSpace(text) == ""
	if empty && f.IsZero() {
		res, err := s.recent(ctx, limit)
		if err == nil {
			s.annotate(ctx, res.Clients, f.AsOf)
		}
		return res, err
	}
	q := parseQuery(text)
	if !empty && q.digits == "" && len(q.words) == 0 {
		return data.SearchResult{}, nil // only punctuation typed: nothing to look for
	}
	pol, err := s.CadencePolicy(ctx)
	if err != nil {
		return data.SearchResult{}, fmt.Errorf("search %q: %w", text, err)
	}
	if err := s.index.build(ctx, s.db); err != nil {
		return data.SearchResult{}, fmt.Errorf("search %q: %w", text, err)
	}
	found := s.index.find(q, empty)
	// The hits point into the index: read them under its lock.
	s.index.mu.Lock()
	defer s.index.mu.Unlock()
	kept := found[:0]
	if f.IsZero() {
		// No filter: rank first, then work out the standing of the rows
		// shown only.
		res := data.SearchResult{Total: len(found)}
		top := topHits(found, limit)
		for i := range top {
			st := data.StandingOf(top[i].e.touch(), pol, f.AsOf, time.Local)
			top[i].status, top[i].thanks = st.Status, st.ThankYouDue
		}
		res.Clients = summaries(top)
		return res, nil
	}
	for _, h := range found {
		st := data.StandingOf(h.e.touch(), pol, f.AsOf, time.Local)
		if f.Status != "" && st.Status != f.Status || f.ThankYouDue && !st.ThankYouDue || f.Tag != "" && !hasTag(h.e.tags, f.Tag) {
			continue
		}
		if empty && f.Status != "" {
			h.rank = -st.DaysSince
		}
		h.status, h.thanks = st.Status, st.ThankYouDue
		kept = append(kept, h)
	}
	res := data.SearchResult{Total: len(kept)}
	res.Clients = topSummaries(kept, limit)
	return res, nil
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// annotate fills in the standing of listed clients when the index is
// built; it never waits for the index.
func (s *Store) annotate(ctx context.Context, cs []data.ClientSummary, asOf time.Time) {
	pol, err := s.CadencePolicy(ctx)
	if err != nil || !s.index.mu.TryLock() {
		return
	}
	defer s.index.mu.Unlock()
	if !s.index.built {
		return
	}
	for i := range cs {
		if p, ok := s.index.pos[cs[i].ID]; ok {
			st := data.StandingOf(s.index.entries[p].touch(), pol, asOf, time.Local)
			cs[i].Status, cs[i].ThankYouDue = st.Status, st.ThankYouDue
		}
	}
}

// better orders search hits: by rank, then latest visit, then name.
func better(a, b *hit) bool {
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.e.lastVisit != b.e.lastVisit {
		return a.e.lastVisit > b.e.lastVisit
	}
	if c := compareSortNames(a.e, b.e); c != 0 {
		return c < 0
	}
	return a.e.id < b.e.id
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
		out[i] = hits[i].e.summary()
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
