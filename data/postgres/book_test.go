package postgres

import "testing"

// TestPGVersionNumbers holds the two numberings of a book on a server to
// each other.
func TestPGVersionNumbers(t *testing.T) {
	for recorded, version := range map[int]int{0: 0, 1: 9, 2: 10, 11: 11, 12: 12} {
		if v, err := BookVersion(recorded); err != nil || v != version {
			t.Errorf("BookVersion(%d) = %d, %v; want %d", recorded, v, err, version)
		}
		if r := RecordedVersion(version); r != recorded {
			t.Errorf("RecordedVersion(%d) = %d, want %d", version, r, recorded)
		}
	}
	for _, recorded := range []int{3, 8} {
		if _, err := BookVersion(recorded); err == nil {
			t.Errorf("BookVersion(%d) is no error", recorded)
		}
	}
}
