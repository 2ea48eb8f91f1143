package store

import (
	"time"
)

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, testLoc)
	if err != nil {
		t, err = time.ParseInLocation("2006-01-02", s, testLoc)
	}
	if err != nil {
		panic(err)
	}
	return t
}

// testLoc is a fixed zone east of UTC, so that local and UTC days differ.
var testLoc = time.FixedZone("UTC+2", 2*3600)
