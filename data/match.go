package data

import (
	"strings"
)

// Agreement is how sure it is that two records are one person.
type Agreement int

// The agreements, weakest first.
const (
	// Strangers: nothing says they are one person.
	Strangers Agreement = iota
	// Possible: something is shared (a phone, an email, a name) but not
	// enough for a shop to accept without asking: shown as "possible
	// duplicate", never merged by itself.
	Possible
	// Same: the same email with a name that fits, the same phone with a
	// name that fits, or the same name with a phone, email or birthday that
	// agrees and none that disagrees.
	Same
)

// Likeness is the verdict on two records and the reason, in the shop's
// words ("same email", "same phone, different names").
type Likeness struct {
	Agreement Agreement
	Why       string
	NameOnly  bool // found on the name alone: nothing else agrees
}

// NameFit is how two people's names compare.
type NameFit int

// The ways two names compare, from disagreeing to agreeing.
const (
	NamesDiffer  NameFit = iota // a part of the name disagrees
	NamesSimilar                // first names one letter apart (Jon, John; but also Leo, Lea)
	NamesUnknown                // nothing to compare (one has no name)
	NamesFit                    // at least one part agrees, none disagrees
)

// firstNamesFit compares first names: the same, one an initial of the
// other ("J." and "John") or the start of the other ("Chris",
// "Christopher") fit; one letter apart ("Jon" and "John", but also the
// twins "Leo" and "Lea") are only similar: never enough to take two
// records for one person without asking.
func firstNamesFit(a, b string) NameFit {
	a, b = NameKey(a, ""), NameKey(b, "")
	switch {
	case a == "" || b == "":
		return NamesUnknown
	case a == b:
		return NamesFit
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	short, long := string(ra), string(rb)
	switch {
	case len(ra) == 1 && strings.HasPrefix(long, short):
		return NamesFit
	case len(ra) >= 3 && strings.HasPrefix(long, short):
		return NamesFit
	}
	// "Anne Marie" and "Anne": one of several given names.
	for _, w := range strings.Fields(long) {
		if w == short {
			return NamesFit
		}
	}
	if len(ra) >= 3 && OneEditApart(short, long) {
		return NamesSimilar
	}
	return NamesDiffer
}

// lastNamesFit compares last names: the same, or one a word of the other
// (a double-barrelled "García López" and "García").
func lastNamesFit(a, b string) NameFit {
	a, b = NameKey("", a), NameKey("", b)
	switch {
	case a == "" || b == "":
		return NamesUnknown
	case a == b:
		return NamesFit
	}
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	if len(wa) == 1 {
		for _, w := range wb {
			if w == wa[0] {
				return NamesFit
			}
		}
	}
	if strings.ReplaceAll(a, " ", "") == strings.ReplaceAll(b, " ", "") {
		return NamesFit // "Van der Berg" and "Vanderberg"
	}
	return NamesDiffer
}

// NamesOf compares the whole names of two clients. Two people without a
// first or last name are compared by company.
func NamesOf(a, b Client) NameFit {
	f, l := firstNamesFit(a.FirstName, b.FirstName), lastNamesFit(a.LastName, b.LastName)
	switch {
	case f == NamesDiffer || l == NamesDiffer:
		// "Emi Nakamura" written "Nakamura Emi" is still Emi Nakamura.
		if NameKey(a.FirstName, a.LastName) != "" && SortedKey(a) == SortedKey(b) {
			return NamesFit
		}
		return NamesDiffer
	case f == NamesSimilar:
		return NamesSimilar
	case f == NamesFit || l == NamesFit:
		return NamesFit
	}
	personA := strings.TrimSpace(a.FirstName+a.LastName) != ""
	personB := strings.TrimSpace(b.FirstName+b.LastName) != ""
	if !personA && !personB {
		ca, cb := NameKey(a.Company, ""), NameKey(b.Company, "")
		switch {
		case ca == "" || cb == "":
			return NamesUnknown
		case ca == cb:
			return NamesFit
		}
		return NamesDiffer
	}
	if personA != personB {
		return NamesDiffer // a person and a company
	}
	return NamesUnknown
}

// nameKey is what the matcher files a client under by name: the whole
// name, or a single name with the company ("Bob" of "Bob's Barbers"), so
// that a file with such a client imported twice does not add them twice.
func nameKey(c Client) string {
	k := SortedKey(c)
	switch {
	case strings.Contains(k, " "):
		return k
	case k != "" && NameKey(c.Company, "") != "":
		return k + "|" + NameKey(c.Company, "")
	case k == "" && NameKey(c.Company, "") != "":
		return "|" + NameKey(c.Company, "")
	}
	return ""
}

// SortedKey is the client's name key with its words in sorted order, so
// that a name written last name first ("Smith John") meets "John Smith".
func SortedKey(c Client) string {
	w := strings.Fields(NameKey(c.FirstName, c.LastName))
	for i := 1; i < len(w); i++ {
		for j := i; j > 0 && w[j] < w[j-1]; j-- {
			w[j], w[j-1] = w[j-1], w[j]
		}
	}
	return strings.Join(w, " ")
}

// fullName reports whether the client has both a first and a last name,
// so that a name alone says something.
func fullName(c Client) bool {
	return NameKey(c.FirstName, "") != "" && NameKey("", c.LastName) != ""
}

// agreement of one identifier: 1 agrees, -1 disagrees, 0 cannot tell.
func emailsAgree(a, b Client) int {
	ea, eb := strings.ToLower(strings.TrimSpace(a.Email)), strings.ToLower(strings.TrimSpace(b.Email))
	switch {
	case ea == "" || eb == "":
		return 0
	case ea == eb:
		return 1
	}
	// A client's other emails are theirs too.
	for _, x := range append([]string{a.Email}, a.OtherEmails...) {
		for _, y := range append([]string{b.Email}, b.OtherEmails...) {
			if x = strings.ToLower(strings.TrimSpace(x)); x != "" && x == strings.ToLower(strings.TrimSpace(y)) {
				return 1
			}
		}
	}
	return -1
}

func phonesAgree(a, b Client) int {
	ka, kb := PhoneKeys(a), PhoneKeys(b)
	if len(ka) == 0 || len(kb) == 0 {
		return 0
	}
	for _, x := range ka {
		for _, y := range kb {
			if x == y {
				return 1
			}
		}
	}
	return -1
}

func birthdaysAgree(a, b Client) int {
	ba, bb := a.Birthday, b.Birthday
	switch {
	case ba.IsZero() || bb.IsZero():
		return 0
	case ba.Month == bb.Month && ba.Day == bb.Day && (ba.Year == 0 || bb.Year == 0 || ba.Year == bb.Year):
		return 1
	}
	return -1
}

// Compare says whether two records are one person, the way a shop would
// decide: the same email with a name that fits; the same phone with a name
// that fits; the same full name with a phone, email or birthday that agrees
// and none that disagrees. Anything less that still shares something is
// Possible, and people whose names disagree are never Same: members of one
// household share a phone (and sometimes an email) and are two clients.
func Compare(a, b Client) Likeness {
	names := NamesOf(a, b)
	email, phone, bday := emailsAgree(a, b), phonesAgree(a, b), birthdaysAgree(a, b)
	// Different birthdays or a different name suffix (Jr, Sr, II) are two
	// people, whatever they share: a mother and a daughter of one name at
	// one phone and address are a household, never one client.
	if apart := bday < 0 || !sameSuffix(a, b); apart {
		if l := Compare(withoutApart(a), withoutApart(b)); l.Agreement == Same {
			return apartLikeness(a, b, l)
		}
	}
	sameName := NameKey(a.FirstName, a.LastName) == NameKey(b.FirstName, b.LastName) &&
		(fullName(a) && fullName(b) || nameKey(a) != "" && nameKey(a) == nameKey(b) && NameKey(a.Company, "") != "")
	switch {
	case email == 1 && names == NamesFit:
		return Likeness{Same, "same email", false}
	case email == 1 && names == NamesUnknown && phone >= 0 && bday >= 0:
		return Likeness{Same, "same email", false}
	case phone == 1 && names == NamesFit && email >= 0:
		return Likeness{Same, "same phone and name", false}
	case phone == 1 && names == NamesFit:
		return Likeness{Same, "same phone and name (another email)", false}
	case sameName && bday == 1 && email >= 0 && phone >= 0:
		return Likeness{Same, "same name and birthday", false}
	case email == 1 && names == NamesSimilar:
		return Likeness{Possible, "same email, similar names", false}
	case email == 1:
		return Likeness{Possible, "same email, different names", false}
	case phone == 1 && names == NamesUnknown:
		return Likeness{Possible, "same phone, no name to compare", false}
	case phone == 1 && names == NamesSimilar:
		return Likeness{Possible, "same phone, similar names", false}
	case phone == 1:
		return Likeness{Possible, "same phone, different names", false}
	case sameName && (email < 0 || phone < 0 || bday < 0):
		return Likeness{Possible, "same name, different " + differing(email, phone, bday), false}
	case sameName:
		return Likeness{Possible, "same name only", true}
	case names == NamesSimilar && fullName(a) && fullName(b) && NameKey("", a.LastName) == NameKey("", b.LastName) &&
		email >= 0 && phone >= 0 && bday >= 0:
		return Likeness{Possible, "similar names", true}
	}
	return Likeness{Strangers, "", false}
}

func differing(email, phone, bday int) string {
	var out []string
	if email < 0 {
		out = append(out, "email")
	}
	if phone < 0 {
		out = append(out, "phone")
	}
	if bday < 0 {
		out = append(out, "birthday")
	}
	return strings.Join(out, " and ")
}

// Match is the client an incoming person was matched with.
type Match struct {
	Client Client
	Likeness
}

// Matcher finds the client an incoming person is, by email, phone digits
// (every phone of a client) or name, without a query per person.
type Matcher struct {
	byEmail map[string][]int64
	byPhone map[string][]int64
	byName  map[string][]int64
	clients map[int64]Client
}

// NewMatcher returns a Matcher that knows no client yet; Add gives it the
// clients to find among (the Store's NewMatcher adds the whole book).
func NewMatcher() *Matcher {
	return &Matcher{byEmail: map[string][]int64{}, byPhone: map[string][]int64{}, byName: map[string][]int64{}, clients: map[int64]Client{}}
}

func phoneKey(p string) string {
	d := PhoneDigits(p)
	if len(d) < 7 {
		return ""
	}
	if len(d) > 9 {
		d = d[len(d)-9:]
	}
	return d
}

// maxCandidates bounds how many clients sharing one key are compared (an
// info@ address or a salon's own phone on hundreds of records says
// nothing).
const maxCandidates = 50

func addKey(idx map[string][]int64, k string, id int64) {
	for _, have := range idx[k] {
		if have == id {
			return
		}
	}
	if len(idx[k]) < maxCandidates {
		idx[k] = append(idx[k], id)
	}
}

// Add makes a client findable (also one planned to be added, with a
// negative ID, so that a file listing a person twice adds them once). A
// client added again replaces what was known of it.
func (m *Matcher) Add(c Client) {
	m.clients[c.ID] = c
	for _, e := range append([]string{c.Email}, c.OtherEmails...) {
		if e = strings.ToLower(strings.TrimSpace(e)); e != "" {
			addKey(m.byEmail, e, c.ID)
		}
	}
	for _, k := range PhoneKeys(c) {
		addKey(m.byPhone, k, c.ID)
	}
	if k := nameKey(c); k != "" {
		addKey(m.byName, k, c.ID)
	}
}

// Find returns the client c most likely is: the Same one when there is
// one, else the strongest Possible one; ok is false for strangers to the
// whole book.
func (m *Matcher) Find(c Client) (Match, bool) {
	var best Match
	seen := map[int64]bool{}
	try := func(ids []int64) {
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			other := m.clients[id]
			l := Compare(c, other)
			if l.Agreement > best.Agreement || (l.Agreement == best.Agreement && l.Agreement != Strangers && !l.NameOnly && best.NameOnly) {
				best = Match{Client: other, Likeness: l}
			}
		}
	}
	for _, e := range append([]string{c.Email}, c.OtherEmails...) {
		if e = strings.ToLower(strings.TrimSpace(e)); e != "" {
			try(m.byEmail[e])
		}
	}
	for _, k := range PhoneKeys(c) {
		try(m.byPhone[k])
	}
	if k := nameKey(c); k != "" {
		try(m.byName[k])
	}
	return best, best.Agreement != Strangers
}

// withoutApart is a client without what keeps two people of one name
// apart (birthday, name suffix), for Compare to ask what else agrees.
func withoutApart(c Client) Client {
	c.Birthday, c.NameSuffix = Birthday{}, ""
	return c
}

// sameSuffix reports whether two clients' name suffixes agree: both
// without, or the same one ("Jr" and "Jr.").
func sameSuffix(a, b Client) bool {
	k := func(s string) string { return strings.ToLower(strings.Trim(strings.TrimSpace(s), ".,")) }
	return k(a.NameSuffix) == k(b.NameSuffix)
}

// apartLikeness is what Compare says of two people whom everything but a
// birthday or a name suffix makes one: possibly one, never merged alone.
func apartLikeness(a, b Client, l Likeness) Likeness {
	why := "different birthdays"
	if !sameSuffix(a, b) {
		why = "different name suffixes"
	}
	return Likeness{Possible, l.Why + ", " + why + " (a household?)", false}
}
