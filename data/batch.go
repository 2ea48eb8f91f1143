package data

import (
	"errors"
	"fmt"
	"time"
)

// Batch is one round of thank-yous: the period of visits it covers, the
// channel, the template and layout, and when it was marked sent.
type Batch struct {
	ID        int64
	Occasion  Occasion // thanks when empty
	Single    bool     // a note to one client now, not a round of the period
	Channel   Channel
	From, To  time.Time // local days; visits from From (inclusive) to To (exclusive)
	Template  string
	Layout    string
	CreatedAt time.Time
	SentAt    time.Time
}

// MonthPeriod returns the first day of a month and of the next, from
// "2026-11".
func MonthPeriod(month string) (from, to time.Time, err error) {
	from, err = time.ParseInLocation("2006-01", month, time.Local)
	if err != nil {
		return from, to, fmt.Errorf("period %q: write the month as YYYY-MM", month)
	}
	return from, from.AddDate(0, 1, 0), nil
}

// ErrBatchSent is returned by MarkBatchSent when the batch (or another of
// the same occasion, channel and period, drafted at the same time on
// another seat) was marked sent already: its clients are logged, and
// marking it again would log them twice. Nothing was changed.
var ErrBatchSent = errors.New("already marked sent")

// BatchSentError says when the batch was marked sent elsewhere.
type BatchSentError struct {
	At time.Time
}

// Error says so in the shop's words.
func (e *BatchSentError) Error() string {
	return fmt.Sprintf("these cards were already marked sent at %s (on another computer, or by a command); their clients are logged, so nothing was changed", e.At.Local().Format("2 Jan 15:04"))
}

// Unwrap makes errors.Is(err, ErrBatchSent) true.
func (e *BatchSentError) Unwrap() error { return ErrBatchSent }
