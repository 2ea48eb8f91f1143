package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"regulars/data"
)

// DemoOptions says how large a synthetic client book to make.
type DemoOptions struct {
	Clients int
	Visits  int    // about this many visits in all, spread over the clients
	Seed    uint64 // the same seed gives the same book
	// Progress, if set, is called now and then with the share done (0..1).
	Progress func(done float64)
	// Force adds made-up clients to a book that has real ones; without it
	// MakeDemo refuses such a book (ErrBookNotEmpty), so that sample data
	// never mixes into a shop's clients by accident.
	Force bool
}

// ErrBookNotEmpty is returned by MakeDemo for a book that already has
// clients (in the list or the trash).
var ErrBookNotEmpty = errors.New("the book already has clients")

// DemoStats says what MakeDemo added.
type DemoStats struct {
	Clients int
	Visits  int
	Staff   int
}

var (
	demoFirst = []string{
		"Ana", "José", "Zoë", "Łukasz", "Søren", "Anna", "María", "Renée", "Chloé", "Björn",
		"Noémie", "François", "Siobhán", "Seán", "Mary-Jane", "Jean-Luc", "Aoife", "Matthäus", "Ingrid", "Mei",
		"Hiroshi", "Priya", "Arjun", "Fatima", "Omar", "Yusuf", "Leila", "Kwame", "Amara", "Nguyễn",
		"Linh", "Thảo", "Olga", "Dmitri", "Agnieszka", "Małgorzata", "Tomás", "Inês", "João", "Giulia",
		"Marco", "Lucía", "Pablo", "Carmen", "Émile", "Hélène", "Zoltán", "Réka", "Eszter", "Jürgen",
		"Grace", "James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Mason",
		"Isabella", "Lucas", "Mia", "Oliver", "Amelia", "Elijah", "Harper", "Logan", "Evelyn", "Aiden",
		"Charlotte", "Henry", "Abigail", "Jack", "Emily", "Samuel", "Ella", "David", "Scarlett", "Joseph",
		"Margaret", "Robert", "Patricia", "Michael", "Linda", "William", "Barbara", "Richard", "Susan", "Thomas",
		"Dorothy", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Helen", "Mark",
		"Martin", "Marie", "Marta", "Mario", "Marcus", "Maya", "Nora", "Rosa", "Ruth", "Sam",
	}
	demoLast = []string{
		"Núñez", "O'Brien", "D'Angelo", "Smith-Jones", "Müller", "Øster", "García", "Martínez", "López", "González",
		"Rodríguez", "Hernández", "Pérez", "Sánchez", "Ramírez", "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk",
		"Nguyen", "Tran", "Le", "Pham", "Kim", "Lee", "Park", "Chen", "Wang", "Li",
		"Sato", "Suzuki", "Takahashi", "Tanaka", "Patel", "Singh", "Kumar", "Sharma", "Khan", "Ali",
		"Okafor", "Mensah", "Diallo", "Haddad", "Cohen", "Levi", "Ivanova", "Petrov", "Smirnov", "Novak",
		"Dubois", "Lefèvre", "Moreau", "Fontaine", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
		"Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch",
		"Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
		"Moore", "Jackson", "White", "Harris", "Martin", "Thompson", "Robinson", "Clark", "Lewis", "Walker",
		"Hall", "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
		"MacDonald", "McAllister", "van der Berg", "de la Cruz", "St. John", "Fitzgerald", "Kelly", "Murphy", "Byrne", "Ortiz",
	}
	demoCompanies = []string{"", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "Acme Florals", "Brightside Bakery", "Northwind Traders", "Blue Door Studio",
		"Harbour Dental", "Maple & Co.", "Greenleaf Garden Centre", "Café Lumière", "Riverside Books", "Städtler GmbH"}
	demoStreets = []string{"Main Street", "High Street", "Oak Avenue", "Maple Road", "Church Lane", "Station Road",
		"Rue de la Paix", "Calle Mayor", "Bahnhofstraße", "Park Place", "Elm Street", "Mill Lane", "Queen's Road"}
	demoCities = []struct{ city, region, country, postal string }{
		{"Springfield", "IL", "USA", "627%02d"}, {"Portland", "OR", "USA", "972%02d"}, {"Austin", "TX", "USA", "787%02d"},
		{"Burlington", "VT", "USA", "054%02d"}, {"Madison", "WI", "USA", "537%02d"}, {"Asheville", "NC", "USA", "288%02d"},
		{"Bristol", "", "UK", "BS%d 4DJ"}, {"York", "", "UK", "YO%d 7HH"}, {"Toronto", "ON", "Canada", "M5V %dK9"},
		{"Dublin", "", "Ireland", "D%02d X2Y3"},
	}
	demoServices = []struct {
		what  string
		cents int
	}{
		{"Haircut", 4500}, {"Cut and blow-dry", 6500}, {"Colour", 9500}, {"Highlights", 12000}, {"Beard trim", 2000},
		{"Manicure", 3500}, {"Pedicure", 4500}, {"Facial", 8000}, {"Gift voucher", 5000}, {"Hair treatment", 3000},
		{"Styling for a wedding", 15000}, {"Shampoo (bought)", 1800}, {"Kids' haircut", 2500}, {"Consultation", 0},
	}
	demoNotes = []string{"", "", "", "", "", "Prefers mornings", "Allergic to some hair dyes — patch test first",
		"Likes a cappuccino, no sugar", "Brings her dog Biscuit", "Referred by a friend", "Wants a reminder text the day before",
		"Left-handed; likes the chair by the window", "Usually books for the whole family"}
	demoTags  = []string{"VIP", "regular", "wedding", "family", "newsletter", "student", "referral", "corporate"}
	demoStaff = []string{"Alex Kim", "Bea Santos", "Chris Olsen", "Dana Whitfield", "Élodie Martin"}
)

// MakeDemo fills the book with a realistic synthetic clientele: names with
// accents and apostrophes, phones in several formats, emails, addresses,
// birthdays, tags, staff, and visit patterns with frequent regulars,
// occasional clients and clients who stopped coming. It writes in large
// transactions and is meant for trying Regulars out and for benchmarks.
func (s *Store) MakeDemo(ctx context.Context, opt DemoOptions) (DemoStats, error) {
	var st DemoStats
	if opt.Clients < 0 || opt.Visits < 0 {
		return st, fmt.Errorf("demo: the numbers of clients and visits cannot be negative")
	}
	if opt.Clients == 0 && opt.Visits > 0 {
		return st, fmt.Errorf("demo: visits need at least one client")
	}
	if !opt.Force {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&n); err != nil {
			return st, fmt.Errorf("demo: %w", err)
		}
		if n > 0 {
			return st, fmt.Errorf("demo: %w (%d); sample clients would mix with them", ErrBookNotEmpty, n)
		}
	}
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5eed))
	now := s.now()
	progress := func(f float64) {
		if opt.Progress != nil {
			opt.Progress(f)
		}
	}

	staffIDs, err := s.demoStaff(ctx)
	if err != nil {
		return st, err
	}
	st.Staff = len(staffIDs)

	// Every client gets a pattern and a share of the visits.
	type plan struct {
		weight float64
		first  time.Time // first visit
		last   time.Time // last visit
		staff  int64
	}
	plans := make([]plan, opt.Clients)
	total := 0.0
	for i := range plans {
		p := &plans[i]
		switch x := r.Float64(); {
		case x < 0.25: // regular: every few weeks, still coming
			p.weight = 6 + 10*r.Float64()
			p.first = now.AddDate(0, -6-r.IntN(42), 0)
			p.last = now.Add(-time.Duration(r.IntN(40*24)) * time.Hour)
		case x < 0.55: // occasional
			p.weight = 1 + 3*r.Float64()
			p.first = now.AddDate(0, -3-r.IntN(45), 0)
			p.last = now.Add(-time.Duration(r.IntN(200*24)) * time.Hour)
		case x < 0.80: // came regularly, then stopped
			p.weight = 2 + 6*r.Float64()
			p.last = now.AddDate(0, -4-r.IntN(20), -r.IntN(28))
			p.first = p.last.AddDate(0, -3-r.IntN(30), 0)
		default: // one visit or two
			p.weight = 0.3
			p.last = now.Add(-time.Duration(r.IntN(700*24)) * time.Hour)
			p.first = p.last.AddDate(0, 0, -r.IntN(60))
		}
		if p.first.After(p.last) {
			p.first = p.last
		}
		p.staff = staffIDs[r.IntN(len(staffIDs))]
		total += p.weight
	}

	defer s.index.reset()
	err = s.write(ctx, func(tx *sql.Tx) error {
		// A big transaction: on a file, a large page cache keeps its
		// pages in memory instead of spilling them to the journal.
		undo, err := s.eng.BulkWrite(ctx, tx)
		if err != nil {
			return err
		}
		defer undo()
		insClient, err := tx.PrepareContext(ctx, "INSERT INTO clients ("+editableColumns+", created_at, updated_at) VALUES ("+
			strings.TrimSuffix(strings.Repeat("?, ", len(strings.Split(editableColumns, ","))+2), ", ")+") RETURNING id")
		if err != nil {
			return err
		}
		insTag, err := tx.PrepareContext(ctx, "INSERT INTO client_tags (client_id, tag) VALUES (?, ?)")
		if err != nil {
			return err
		}
		insVisit, err := tx.PrepareContext(ctx, "INSERT INTO visits (client_id, at, staff_id, what, amount_cents, note, created_at) VALUES (?, ?, ?, ?, ?, '', ?) RETURNING id")
		if err != nil {
			return err
		}
		insContact, err := tx.PrepareContext(ctx, "INSERT INTO contacts (client_id, at, kind, visit_id, staff_id, created_at) VALUES (?, ?, 'visit', ?, ?, ?)")
		if err != nil {
			return err
		}
		insCard, err := tx.PrepareContext(ctx, "INSERT INTO contacts (client_id, at, kind, thank_you, template, created_at) VALUES (?, ?, 'card', 1, 'Thanks for your visit', ?)")
		if err != nil {
			return err
		}
		remaining := opt.Visits
		created := formatTime(now)
		for i := range plans {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				progress(float64(i) / float64(len(plans)))
			}
			c := demoClient(r)
			p := plans[i]
			c.CreatedAt = p.first.AddDate(0, 0, -r.IntN(10))
			args := append(clientArgs(&c), formatTime(c.CreatedAt), created)
			if err := insClient.QueryRowContext(ctx, args...).Scan(&c.ID); err != nil {
				return fmt.Errorf("demo client %s: %w", c.Name(), err)
			}
			for _, t := range c.Tags {
				if _, err := insTag.ExecContext(ctx, c.ID, t); err != nil {
					return err
				}
			}
			st.Clients++

			n := int(float64(opt.Visits)*p.weight/total + r.Float64())
			if n == 0 && opt.Visits >= opt.Clients {
				n = 1 // everyone in the book came at least once
			}
			if i == len(plans)-1 || n > remaining {
				n = remaining
			}
			remaining -= n
			times := demoVisitTimes(r, p.first, p.last, n)
			for _, at := range times {
				svc := demoServices[r.IntN(len(demoServices))]
				staff := p.staff
				if r.IntN(5) == 0 {
					staff = staffIDs[r.IntN(len(staffIDs))]
				}
				cents := svc.cents + 500*r.IntN(3)
				if svc.cents == 0 {
					cents = 0
				}
				var vid int64
				if err := insVisit.QueryRowContext(ctx, c.ID, formatTime(at), staff, svc.what, cents, created).Scan(&vid); err != nil {
					return err
				}
				if _, err := insContact.ExecContext(ctx, c.ID, formatTime(at), vid, staff, created); err != nil {
					return err
				}
				st.Visits++
			}
			// Most clients were thanked by card a few days after their last
			// visit, unless it was very recent.
			if n := len(times); n > 0 && now.Sub(times[n-1]) > 10*24*time.Hour && r.IntN(10) < 7 {
				card := times[n-1].Add(time.Duration(3+r.IntN(4)) * 24 * time.Hour)
				if _, err := insCard.ExecContext(ctx, c.ID, formatTime(card), created); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return DemoStats{}, fmt.Errorf("make demo book: %w", err)
	}
	progress(1)
	return st, nil
}

// demoStaff makes sure the demo staff exist and returns their ids.
func (s *Store) demoStaff(ctx context.Context) ([]int64, error) {
	var ids []int64
	for _, name := range demoStaff {
		st, err := s.StaffByName(ctx, name)
		if err == nil {
			ids = append(ids, st.ID)
			continue
		}
		id, err := s.AddStaff(ctx, name)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// demoVisitTimes spreads n visits between first and last, in opening
// hours, in order.
func demoVisitTimes(r *rand.Rand, first, last time.Time, n int) []time.Time {
	if n <= 0 {
		return nil
	}
	span := last.Sub(first)
	out := make([]time.Time, n)
	for i := range out {
		t := last
		if n > 1 && span > 0 {
			t = first.Add(time.Duration(r.Int64N(int64(span))))
		}
		if i == n-1 {
			t = last
		}
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
		out[i] = day.Add(time.Duration(9*60+r.IntN(9*60)) * time.Minute)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// demoClient makes up one client.
func demoClient(r *rand.Rand) data.Client {
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	c := data.Client{
		FirstName: pick(demoFirst),
		LastName:  pick(demoLast),
		Company:   pick(demoCompanies),
		Notes:     pick(demoNotes),
	}
	if r.IntN(10) < 8 {
		local := strings.ToLower(data.NameKey(c.FirstName, "")) + "." + strings.ReplaceAll(strings.ToLower(data.NameKey(c.LastName, "")), " ", "")
		if r.IntN(3) == 0 {
			local += fmt.Sprint(r.IntN(100))
		}
		domain := []string{"example.com", "example.org", "example.net", "mail.example.com"}[r.IntN(4)]
		c.Email = local + "@" + domain
	}
	if r.IntN(10) < 9 {
		a, b, d := 200+r.IntN(800), r.IntN(1000), r.IntN(10000)
		switch r.IntN(6) {
		case 0:
			c.Phone = fmt.Sprintf("(%03d) %03d-%04d", a, b, d)
		case 1:
			c.Phone = fmt.Sprintf("%03d-%03d-%04d", a, b, d)
		case 2:
			c.Phone = fmt.Sprintf("+1 %03d %03d %04d", a, b, d)
		case 3:
			c.Phone = fmt.Sprintf("%03d.%03d.%04d", a, b, d)
		case 4:
			c.Phone = fmt.Sprintf("+44 20 %04d %04d", r.IntN(10000), d)
		default:
			c.Phone = fmt.Sprintf("07%03d %06d", r.IntN(1000), r.IntN(1000000))
		}
	}
	if r.IntN(10) < 7 {
		city := demoCities[r.IntN(len(demoCities))]
		c.Address = data.Address{
			Street:     fmt.Sprintf("%d %s", 1+r.IntN(400), pick(demoStreets)),
			City:       city.city,
			Region:     city.region,
			Country:    city.country,
			PostalCode: fmt.Sprintf(city.postal, r.IntN(30)),
		}
	}
	if r.IntN(10) < 6 {
		c.Birthday = data.Birthday{Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(28)}
		if r.IntN(2) == 0 {
			c.Birthday.Year = 1940 + r.IntN(65)
		}
	}
	if r.IntN(3) == 0 {
		c.Tags = append(c.Tags, pick(demoTags))
		if r.IntN(4) == 0 {
			c.Tags = data.NormalizeTags(append(c.Tags, pick(demoTags)))
		}
	}
	c.EmailConsent = []data.Consent{data.ConsentUnknown, data.ConsentSubscribed, data.ConsentSubscribed, data.ConsentUnsubscribed}[r.IntN(4)]
	if c.Email != "" && c.EmailConsent != data.ConsentUnsubscribed && r.IntN(3) == 0 {
		c.PreferredChannel = data.ChannelEmail
	}
	c.PostConsent = []data.Consent{data.ConsentUnknown, data.ConsentSubscribed, data.ConsentSubscribed, data.ConsentSubscribed}[r.IntN(4)]
	c.DoNotContact = r.IntN(100) == 0
	c.Normalize()
	return c
}
