package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"regulars/internal/clock"
)

// Visit is one time a client came in: when, who served them, what was done
// or bought, for how much.
type Visit struct {
	ID          int64
	ClientID    int64
	At          time.Time
	StaffID     int64  // 0 when nobody is recorded
	StaffName   string // filled in when read back
	What        string
	AmountCents int64 // -1 when no amount was recorded
	Note        string
	// SaleKey is the till's sale the visit was made from ("square:" and
	// its transaction ID), or "" for a visit logged in Regulars.
	SaleKey   string
	CreatedAt time.Time
}

// HasAmount reports whether an amount was recorded.
func (v Visit) HasAmount() bool { return v.AmountCents >= 0 }

// Amount formats the amount as "12.50", or "" when none was recorded.
func (v Visit) Amount() string {
	if !v.HasAmount() {
		return ""
	}
	return FormatCents(v.AmountCents)
}

// FormatCents writes an amount in cents as "1234.50".
func FormatCents(c int64) string {
	return fmt.Sprintf("%d.%02d", c/100, c%100)
}

// ParseAmount reads an amount typed by a person: "12", "12.5", "12,50",
// "$12.50", "1,234.50". "" means no amount (-1).
func ParseAmount(s string) (int64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimLeft(t, "$€£¥ ")
	t = strings.TrimRight(t, "$€£¥ ")
	if t == "" {
		if strings.TrimSpace(s) != "" {
			return 0, fmt.Errorf("amount %q has no number", s)
		}
		return -1, nil
	}
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("amount %q cannot be negative", s)
	}
	// "12,50" is a decimal comma; "1,234.50" has a thousands comma.
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") && len(t)-strings.IndexByte(t, ',') <= 3 {
		t = strings.Replace(t, ",", ".", 1)
	}
	t = strings.ReplaceAll(t, ",", "")
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("amount %q is not a number (like 12.50)", s)
	}
	if f > 10_000_000 {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	if i := strings.IndexByte(t, '.'); i >= 0 && len(t)-i-1 > 2 {
		return 0, fmt.Errorf("amount %q has more than two decimals", s)
	}
	return int64(math.Round(f * 100)), nil
}

// Validate checks the visit before it is saved.
func (v *Visit) Validate() error {
	v.What = strings.TrimSpace(v.What)
	v.Note = strings.TrimSpace(v.Note)
	var errs ValidationError
	if v.ClientID <= 0 {
		errs = append(errs, FieldError{FieldClient, "Choose the client who visited"})
	}
	if v.At.IsZero() {
		errs = append(errs, FieldError{FieldAt, "The date and time of the visit are required"})
	} else if err := CheckPastDate("visit", v.At, clock.Now()); err != nil {
		errs = append(errs, FieldError{FieldAt, Capitalize(err.Error())})
	}
	if msg := CheckLine("What was done", v.What); msg != "" {
		errs = append(errs, FieldError{"what", msg})
	}
	if msg := CheckLines("The note", v.Note); msg != "" {
		errs = append(errs, FieldError{"note", msg})
	}
	if v.AmountCents < -1 {
		errs = append(errs, FieldError{FieldAmount, "The amount cannot be negative"})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// ContactKind is the kind of a touch with a client.
type ContactKind string

// The kinds of contact.
const (
	ContactVisit   ContactKind = "visit"
	ContactCard    ContactKind = "card"
	ContactEmail   ContactKind = "email"
	ContactReply   ContactKind = "reply"
	ContactCall    ContactKind = "call"
	ContactText    ContactKind = "text"
	ContactMeeting ContactKind = "meeting"
	ContactOther   ContactKind = "other"
)

// Contact is one touch with a client: a visit, a card or email sent, a
// reply received, a call, a text, a meeting. The latest one is the client's
// last contact.
type Contact struct {
	ID        int64
	ClientID  int64
	At        time.Time
	Kind      ContactKind
	VisitID   int64
	StaffID   int64
	StaffName string
	ThankYou  bool // a card or email that thanked the client
	BatchID   int64
	Template  string
	Note      string
	// Occasion is the reason of a card or email (thanks, welcome, miss,
	// birthday, sorry); ComplaintID the complaint a make-it-right note
	// answers.
	Occasion    Occasion
	ComplaintID int64
}
