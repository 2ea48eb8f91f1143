// Package search is the in-memory index of a client book's clients: what
// the search field finds as the owner types, and what Today and the
// keep-in-touch rules read of every client without going to the book.
// The Store reads the clients from the book and gives them to the index;
// the index never sees the database.
package search

import (
	"slices"
	"strings"
	"sync"
	"time"

	"regulars/data"
)

// Index is the in-memory index behind the Store's Search. Typing in the
// search field must answer within a few milliseconds on a book of 100,000
// clients, where a short prefix like "mar" matches ten thousand of them;
// SQLite's full-text index needs several times that just to list the
// matching rows. The index holds, per client, the folded words of the name
// and of the email, company and tags, the phone digits and what the list
// shows.
//
// It is built on first use from the book (Build) and kept current by the
// Store's own writes: each write that touches a client calls Refresh after
// its commit, which reads the client's row back. A word no longer on a
// client may stay in the word lists; every hit is checked against the
// client's current words, so such a left-over never shows.
//
// The zero Index is empty and not built; an Index must not be copied.
type Index struct {
	mu      sync.Mutex
	built   bool
	entries []Entry
	pos     map[int64]int32 // client id → entry
	// words are the search words of every client, sorted, for prefix
	// ranges; lists[i] are the entries that had words[i]. Two sorted
	// slices rather than a map: a book of 100,000 clients has about as
	// many distinct words (each email gives one), and a map of them costs
	// twice the memory.
	words  []string
	lists  [][]int32
	seen   []uint32 // per entry: the search that last collected it
	stamp  uint32
	phones phoneScan // the searches by phone digits
}

// nameWords and otherWords are the entry's search words, space-separated.
func (e *Entry) nameWords() string  { return e.terms[:e.nameEnd] }
func (e *Entry) otherWords() string { return e.terms[e.nameEnd:] }

// nextWord cuts the first space-separated word off s.
func nextWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// hit is a matching client and how well it matched.
type hit struct {
	e      *Entry
	rank   int
	status data.Status
	thanks bool
}

// A Loader fills the index while Build reads the book.
type Loader struct {
	x *Index
}

// Expect makes room for n clients (and a few more before the entries are
// copied); it is called before the first Add.
func (l *Loader) Expect(n int) {
	l.x.entries = make([]Entry, 0, n+n/32+16)
	l.x.pos = make(map[int64]int32, n)
}

// Add puts a client in the index.
func (l *Loader) Add(e Entry) {
	x := l.x
	x.pos[e.ID] = int32(len(x.entries))
	x.entries = append(x.entries, e)
}

// Tag adds a tag to the client with the given id, if added.
func (l *Loader) Tag(id int64, tag string) {
	if p, ok := l.x.pos[id]; ok {
		e := &l.x.entries[p]
		e.Tags = append(e.Tags, tag)
	}
}

// Build reads the whole book into the index, once: the first call runs
// read with the index locked, which gives the index every client and tag
// through the Loader; later calls do nothing until Reset or a failed
// Refresh. An error of read is returned as is, and the index stays unbuilt.
func (x *Index) Build(read func(l *Loader) error) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.built {
		return nil
	}
	x.entries, x.pos = nil, map[int64]int32{}
	if err := read(&Loader{x: x}); err != nil {
		return err
	}
	x.seen = make([]uint32, len(x.entries))
	x.lists, x.words = nil, nil
	x.phones.forget()
	x.built = true
	return nil
}

// Warm lists the search words of every client and lays out their phone
// digits now, so that the first search does not wait for them.
func (x *Index) Warm() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.ensureWords()
	if x.phones.ends == nil {
		x.phones.make(x.entries)
	}
}

// ensureWords lists the words of every client, the first time a search
// needs them; the keep-in-touch rules never do, so `regulars due` skips
// this work. The caller holds x.mu.
func (x *Index) ensureWords() {
	if x.words != nil {
		return
	}
	// Gather the lists in a map, then lay them out sorted, every list in
	// one shared array cut to its length (a refresh that adds to a list
	// copies it out).
	at := make(map[string]int32, len(x.entries))
	var lists [][]int32
	total := 0
	for p := range x.entries {
		e := &x.entries[p]
		tokenize(e)
		for w, rest := nextWord(e.terms); w != ""; w, rest = nextWord(rest) {
			i, ok := at[w]
			if !ok {
				i = int32(len(lists))
				at[w] = i
				lists = append(lists, nil)
			}
			if l := lists[i]; len(l) == 0 || l[len(l)-1] != int32(p) {
				lists[i] = append(l, int32(p))
				total++
			}
		}
	}
	x.words = make([]string, 0, len(at))
	for w := range at {
		x.words = append(x.words, w)
	}
	slices.Sort(x.words)
	x.lists = make([][]int32, len(x.words))
	arena := make([]int32, 0, total)
	for i, w := range x.words {
		l := lists[at[w]]
		from := len(arena)
		arena = append(arena, l...)
		x.lists[i] = arena[from:len(arena):len(arena)]
	}
}

// tokenize prepares the search words of an entry.
func tokenize(e *Entry) {
	var b strings.Builder
	add := func(ws []string) {
		for _, w := range ws {
			b.WriteString(w)
			b.WriteByte(' ')
		}
	}
	add(words(data.Fold(e.field(fieldFirst) + " " + e.field(fieldLast))))
	nameEnd := b.Len()
	for _, email := range append([]string{e.field(fieldEmail)}, splitLines(e.OtherEmails)...) {
		if email == "" {
			continue
		}
		em := data.Fold(email)
		add(words(strings.NewReplacer(".", " ", "_", " ", "+", " ", "@", " ").Replace(em)))
		if at := strings.IndexByte(em, '@'); at > 0 {
			if local := strings.Map(keepAlnum, em[:at]); local != "" {
				add([]string{local})
			}
		}
	}
	add(words(data.Fold(e.field(fieldCompany))))
	for _, tag := range e.Tags {
		add(words(data.Fold(tag)))
	}
	e.terms, e.nameEnd = b.String(), uint32(nameEnd)
	foldSortName(e)
}

// splitLines splits text of one value a line, dropping empty lines.
func splitLines(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// listWords adds entry p to the list of each of its words (the caller
// holds x.mu and the words are listed).
func (x *Index) listWords(p int32, e *Entry) {
	for w, rest := nextWord(e.terms); w != ""; w, rest = nextWord(rest) {
		i, found := slices.BinarySearch(x.words, w)
		if !found {
			x.words = slices.Insert(x.words, i, w)
			x.lists = slices.Insert(x.lists, i, nil)
		}
		if l := x.lists[i]; len(l) == 0 || l[len(l)-1] != p {
			x.lists[i] = append(l, p)
		}
	}
}

// Refresh reads the given clients back from the book after a write: read
// gives each client as it is now, with its tags, or ok false when it was
// erased for good. It does nothing before the index is built (the build
// will read them). An error of read is returned as is, and leaves the
// index to be built again on the next search, as it may now be stale.
func (x *Index) Refresh(ids []int64, read func(id int64) (e Entry, ok bool, err error)) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.built {
		return nil
	}
	for _, id := range ids {
		e, ok, err := read(id)
		if err != nil {
			x.built = false
			return err
		}
		if !ok {
			// Erased for good: keep the slot, never show it.
			if p, ok := x.pos[id]; ok {
				x.entries[p].Deleted = true
			}
			continue
		}
		p, ok := x.pos[id]
		if !ok {
			p = int32(len(x.entries))
			x.entries = append(x.entries, Entry{})
			x.seen = append(x.seen, 0)
			x.pos[id] = p
		}
		x.phones.changed(p, x.entries[p].Digits, e.Digits)
		x.entries[p] = e
		if x.words != nil {
			tokenize(&x.entries[p])
			x.listWords(p, &x.entries[p])
		}
	}
	return nil
}

// Reset forgets everything, so that the next search rebuilds the index;
// for bulk writes such as the demo book or an import.
func (x *Index) Reset() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.built = false
	x.entries, x.pos, x.lists, x.words, x.seen = nil, nil, nil, nil, nil
	x.phones.forget()
}

// Built reports whether the index holds the book: built, and neither
// reset nor failed to refresh since.
func (x *Index) Built() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.built
}

// Len is how many clients the index holds, those in the trash included.
func (x *Index) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.entries)
}

// View calls fn with the index locked and its clients, those in the trash
// included, in an order that stays put until the next Build or Reset: for
// Today, which judges every client. fn must not change them, nor keep
// them once it returns.
func (x *Index) View(fn func(entries []Entry)) {
	x.mu.Lock()
	defer x.mu.Unlock()
	fn(x.entries)
}

// find returns every client (not deleted) that matches q, unordered; all
// of them when everyone is set. The caller holds x.mu.
func (x *Index) find(q Query, everyone bool) []hit {
	var hits []hit
	if everyone {
		for p := range x.entries {
			if e := &x.entries[p]; !e.Deleted {
				hits = append(hits, hit{e: e})
			}
		}
		return hits
	}
	x.ensureWords()
	check := func(p int32) {
		e := &x.entries[p]
		if e.Deleted {
			return
		}
		if r := q.rankOf(e); r >= 0 {
			hits = append(hits, hit{e: e, rank: r})
		}
	}
	if q.Digits != "" {
		x.phones.find(x.entries, q.Digits, check)
		return hits
	}
	// Walk the lists of the words that start with the longest typed word
	// (the most selective), then check each client against all of them.
	key := q.Words[0]
	for _, w := range q.Words[1:] {
		if len(w) > len(key) {
			key = w
		}
	}
	x.stamp++
	if x.stamp == 0 { // wrapped: clear the marks
		clear(x.seen)
		x.stamp = 1
	}
	i, _ := slices.BinarySearch(x.words, key)
	for ; i < len(x.words) && strings.HasPrefix(x.words[i], key); i++ {
		for _, p := range x.lists[i] {
			if x.seen[p] == x.stamp {
				continue
			}
			x.seen[p] = x.stamp
			check(p)
		}
	}
	return hits
}

// Annotate fills in the standing of listed clients as of asOf under pol
// when the index is built; it never waits for the index.
func (x *Index) Annotate(cs []data.ClientSummary, pol data.CadencePolicy, asOf time.Time) {
	if !x.mu.TryLock() {
		return
	}
	defer x.mu.Unlock()
	if !x.built {
		return
	}
	for i := range cs {
		if p, ok := x.pos[cs[i].ID]; ok {
			st := data.StandingOf(x.entries[p].Touch(), pol, asOf, time.Local)
			cs[i].Status, cs[i].ThankYouDue = st.Status, st.ThankYouDue
		}
	}
}

// UnvisitedByName lists the first k clients without a visit in name
// order (as the search orders them), when the index is built and free;
// ok is false otherwise, never waiting for it.
func (x *Index) UnvisitedByName(k int) (out []data.ClientSummary, ok bool) {
	if !x.mu.TryLock() {
		return nil, false
	}
	defer x.mu.Unlock()
	if !x.built {
		return nil, false
	}
	var hits []hit
	for p := range x.entries {
		if e := &x.entries[p]; !e.Deleted && e.LastVisit == 0 {
			hits = append(hits, hit{e: e})
		}
	}
	return summaries(topHits(hits, k)), true
}
