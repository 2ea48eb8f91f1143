package search

import "time"

// Stamp is a moment to the second, in 8 bytes instead of a time.Time's 24:
// the seconds since the zero time, so that 0 is the zero time ("never").
type Stamp int64

// zeroUnix is the zero time.Time in Unix seconds.
const zeroUnix = -62135596800

// StampOf is the stamp of a moment; the book stores whole seconds.
func StampOf(t time.Time) Stamp {
	if t.IsZero() {
		return 0
	}
	return Stamp(t.Unix() - zeroUnix)
}

// UTC is the moment of a stamp in UTC, as the book's moments are read.
func (s Stamp) UTC() time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(int64(s)+zeroUnix, 0).UTC()
}

// Local is the moment of a stamp in local time, as dates are read.
func (s Stamp) Local() time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(int64(s)+zeroUnix, 0)
}
