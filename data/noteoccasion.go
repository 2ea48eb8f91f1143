package data

import (
	"context"
	"fmt"
	"time"
)

// noteOrder is the order in which a note to one client picks its
// occasion when several are due: put right what went wrong, welcome a
// newcomer, thank for a visit, wish a happy birthday, then win back.
var noteOrder = []Occasion{OccasionSorry, OccasionWelcome, OccasionThanks, OccasionBirthday, OccasionMiss}

// CanReceive reports whether a client can get a note on a channel at
// all, whatever they prefer: post needs a postal address (street and
// city) and no "unsubscribed" from post; email an email address and no
// "unsubscribed" from email. Nobody marked "do not contact" or in the
// trash can.
func CanReceive(c Client, ch Channel) bool {
	if c.DoNotContact || c.Deleted() {
		return false
	}
	switch ch {
	case ChannelPost:
		return c.Address.Street != "" && c.Address.City != "" && c.PostConsent != ConsentUnsubscribed
	case ChannelEmail:
		return c.Email != "" && c.EmailConsent != ConsentUnsubscribed
	}
	return false
}

// NoteChannels are the channels a note to the client can go by, the one
// they prefer first; none when they can get no note at all.
func NoteChannels(c Client) []Channel {
	var out []Channel
	for _, ch := range []Channel{ChannelPost, ChannelEmail} {
		if CanReceive(c, ch) {
			out = append(out, ch)
		}
	}
	if len(out) == 2 && c.PreferredChannel == ChannelEmail {
		out[0], out[1] = out[1], out[0]
	}
	return out
}

// NoteOccasion is the occasion a note to one client is for as of a day:
// the first they are due for (see noteOrder), by the same rules and
// periods as the batches, with the reason; ok is false when they are due
// for none.
func (s *Store) NoteOccasion(ctx context.Context, c Client, ch Channel, asOf time.Time) (o Occasion, why string, ok bool, err error) {
	for _, o := range noteOrder {
		from, to, err := s.OccasionPeriod(ctx, o, ch, asOf)
		if err != nil {
			return "", "", false, fmt.Errorf("what %s is due for: %w", c.Name(), err)
		}
		var due *DueClient
		if err := s.eachDue(ctx, o, ChannelAny, from, to, asOf, c.ID, func(d DueClient) { due = &d }); err != nil {
			return "", "", false, fmt.Errorf("what %s is due for: %w", c.Name(), err)
		}
		if due != nil {
			return o, due.Why, true, nil
		}
	}
	return "", "", false, nil
}
