package store

import (
	"context"
	"fmt"
	"time"

	"regulars/data"
)

// noteOrder is the order in which a note to one client picks its
// occasion when several are due: put right what went wrong, welcome a
// newcomer, thank for a visit, wish a happy birthday, then win back.
var noteOrder = []data.Occasion{data.OccasionSorry, data.OccasionWelcome, data.OccasionThanks, data.OccasionBirthday, data.OccasionMiss}

// NoteOccasion is the occasion a note to one client is for as of a day:
// the first they are due for (see noteOrder), by the same rules and
// periods as the batches, with the reason; ok is false when they are due
// for none.
func (s *Store) NoteOccasion(ctx context.Context, c data.Client, ch data.Channel, asOf time.Time) (o data.Occasion, why string, ok bool, err error) {
	for _, o := range noteOrder {
		from, to, err := s.OccasionPeriod(ctx, o, ch, asOf)
		if err != nil {
			return "", "", false, fmt.Errorf("what %s is due for: %w", c.Name(), err)
		}
		var due *data.DueClient
		if err := s.eachDue(ctx, o, data.ChannelAny, from, to, asOf, c.ID, func(d data.DueClient) { due = &d }); err != nil {
			return "", "", false, fmt.Errorf("what %s is due for: %w", c.Name(), err)
		}
		if due != nil {
			return o, due.Why, true, nil
		}
	}
	return "", "", false, nil
}
