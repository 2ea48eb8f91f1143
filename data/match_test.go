package data

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestCompare(t *testing.T) {
	emi := Client{FirstName: "Emi", LastName: "Nakamura", Email: "emi@example.jp", Phone: "+81 90 1234 5678", Birthday: Birthday{1990, 4, 12}}
	cases := []struct {
		name string
		a, b Client
		want Agreement
		why  string
	}{
		{"same email, same name", emi, Client{FirstName: "Emi", LastName: "Nakamura", Email: "EMI@example.jp"}, Same, "same email"},
		{"same email, no name parts agree", emi, Client{FirstName: "Kenji", LastName: "Sato", Email: "emi@example.jp"}, Possible, "same email, different names"},
		{"same phone, same name written last first", emi, Client{FirstName: "Nakamura", LastName: "Emi", Phone: "090-1234-5678"}, Same, "same phone and name"},
		{"same phone, initial", emi, Client{FirstName: "E.", LastName: "Nakamura", Phone: "090 1234 5678"}, Same, "same phone and name"},
		{"household: mother and daughter share a phone", emi, Client{FirstName: "Yui", LastName: "Nakamura", Phone: "+81 90 1234 5678"}, Possible, "same phone, different names"},
		{"the stranger: last 9 digits only", emi, Client{FirstName: "Oliver", LastName: "Brown", Email: "oliver@example.co.uk", Phone: "+44 90 1234 5678",
			Address: Address{Country: "UK"}}, Possible, "same phone, different names"},
		{"same name and birthday", emi, Client{FirstName: "Emi", LastName: "Nakamura", Birthday: Birthday{0, 4, 12}}, Same, "same name and birthday"},
		{"same name, other birthday", emi, Client{FirstName: "Emi", LastName: "Nakamura", Birthday: Birthday{1991, 4, 12}}, Possible, "same name, different birthday"},
		{"same name only", Client{FirstName: "Maria", LastName: "Garcia"}, Client{FirstName: "María", LastName: "García"}, Possible, "same name only"},
		{"same name, other email", emi, Client{FirstName: "Emi", LastName: "Nakamura", Email: "emi@work.example"}, Possible, "same name, different email"},
		{"double-barrelled last name and phone", Client{FirstName: "Ana", LastName: "García López", Phone: "600 123 456"},
			Client{FirstName: "Ana", LastName: "García", Phone: "+34 600 123 456"}, Same, "same phone and name"},
		{"particles written together", Client{FirstName: "Joost", LastName: "van der Berg", Phone: "06 1234 5678"},
			Client{FirstName: "Joost", LastName: "Vanderberg", Phone: "+31 6 1234 5678"}, Same, "same phone and name"},
		{"company and person share a phone", Client{Company: "Blue Door Salon", Phone: "555 123 4567"},
			Client{FirstName: "Ana", LastName: "Silva", Phone: "555 123 4567"}, Possible, "same phone, different names"},
		{"nothing shared", emi, Client{FirstName: "Ana", LastName: "Silva"}, Strangers, ""},
		{"twins one letter apart share the family phone", Client{FirstName: "Leo", LastName: "Rossi", Phone: "333 123 4567"},
			Client{FirstName: "Lea", LastName: "Rossi", Phone: "+39 333 123 4567"}, Possible, "same phone, similar names"},
		{"a typo and the same email", Client{FirstName: "Jon", LastName: "Smith", Email: "jsmith@example.com"},
			Client{FirstName: "John", LastName: "Smith", Email: "jsmith@example.com"}, Possible, "same email, similar names"},
		{"similar names alone", Client{FirstName: "Jon", LastName: "Smith"}, Client{FirstName: "John", LastName: "Smith"}, Possible, "similar names"},
		{"a spelling and the same email", Client{FirstName: "Ana", LastName: "López", Email: "ana@example.com"},
			Client{FirstName: "Anna", LastName: "Lopez", Email: "ANA@example.com"}, Possible, "same email, similar names"},
		{"a short form", Client{FirstName: "Chris", LastName: "Lee", Phone: "555 123 4567"},
			Client{FirstName: "Christopher", LastName: "Lee", Phone: "555-123-4567"}, Same, "same phone and name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, pair := range [][2]Client{{tc.a, tc.b}, {tc.b, tc.a}} {
				got := Compare(pair[0], pair[1])
				if got.Agreement != tc.want || got.Why != tc.why {
					t.Errorf("Compare = %+v, want %v %q", got, tc.want, tc.why)
				}
			}
		})
	}
}

var (
	firstNames = []string{"Emi", "Yui", "Yue", "Leo", "Lea", "Ana", "Anna", "John", "Jon", "Maria", "Mary", "Oliver", "Olivia", "Chris", "Christine",
		"Zoë", "Zoe", "Lukas", "Luca", "Sofia", "Sophie", "Mohammed", "Ahmed", "Ji-woo", "Hana", "Léa", "Leo", "J."}
	lastNames = []string{"Nakamura", "Sato", "García", "García López", "Smith", "Smyth", "Brown", "van der Berg", "de la Cruz",
		"O'Brien", "Müller", "Mueller", "Kim", "Lee", "Dubois", "Silva", "Rossi", "Nguyen"}
	domains = []string{"example.com", "example.jp", "mail.example", "example.co.uk"}
)

func randomPerson(r *rand.Rand, phone string) Client {
	c := Client{FirstName: firstNames[r.IntN(len(firstNames))], LastName: lastNames[r.IntN(len(lastNames))]}
	c.Email = fmt.Sprintf("%s.%d@%s", strings.ToLower(NameKey(c.FirstName, "")), r.IntN(1000), domains[r.IntN(len(domains))])
	if r.IntN(4) == 0 {
		c.Email = "" // not everyone gives one
	}
	c.Phone = phone
	if r.IntN(3) == 0 {
		c.OtherPhones = []string{fmt.Sprintf("+1 555 %03d %04d", r.IntN(1000), r.IntN(10000))}
	}
	if r.IntN(2) == 0 {
		c.Birthday = Birthday{1950 + r.IntN(60), time.Month(1 + r.IntN(12)), 1 + r.IntN(28)}
	}
	return c
}

// TestStrangersNeverSame: for random pairs of people whose names disagree
// (first names one letter apart included: Leo and Lea) and whose emails
// differ, whatever their phones share (the same number, the
// same last nine digits with another country code, one of the other phones),
// the matcher never takes them for one person, neither by Compare nor
// through the Matcher's indexes nor in the duplicates list as sure.
func TestStrangersNeverSame(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2026))
	tried := 0
	for i := 0; i < 20000; i++ {
		phone := fmt.Sprintf("%d %03d %04d", 200+r.IntN(800), r.IntN(1000), r.IntN(10000))
		a := randomPerson(r, "+1 "+phone)
		b := randomPerson(r, phone)
		switch r.IntN(3) {
		case 0:
			b.Phone = "+44 " + phone // only the last nine digits agree
		case 1:
			b.Phone, b.OtherPhones = "", []string{"+1 " + phone}
		}
		if fit := NamesOf(a, b); fit != NamesDiffer && fit != NamesSimilar || (a.Email != "" && strings.EqualFold(a.Email, b.Email)) {
			continue // the property is about people whose names and emails differ
		}
		tried++
		if l := Compare(a, b); l.Agreement == Same {
			t.Fatalf("%+v and %+v taken for one person: %+v", a, b, l)
		}
		m := &Matcher{byEmail: map[string][]int64{}, byPhone: map[string][]int64{}, byName: map[string][]int64{}, clients: map[int64]Client{}}
		a.ID = 1
		m.Add(a)
		if got, ok := m.Find(b); ok && got.Agreement == Same {
			t.Fatalf("the matcher took %+v for %+v: %+v", b, a, got)
		}
	}
	if tried < 5000 {
		t.Fatalf("only %d pairs of strangers tried", tried)
	}
}
