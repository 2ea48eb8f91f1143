package data

import (
	"testing"
)

func TestMergeClient(t *testing.T) {
	base := Client{ID: 1, FirstName: "Marco", LastName: "Park", Email: "marco@example.org", Phone: "555 0100", Notes: "left-handed", Version: 3}
	theirs := base
	theirs.Email, theirs.Notes, theirs.Version = "marco@new.example", "Saturdays", 4
	own := base
	own.Phone, own.Notes = "555 0199", "likes the window chair"
	m := MergeClient(base, theirs, own)
	if m.Merged.Email != "marco@new.example" || m.Merged.Phone != "555 0199" || m.Merged.Notes != "likes the window chair" || m.Merged.Version != 4 {
		t.Errorf("merged %+v", m.Merged)
	}
	if len(m.TheirChanges) != 1 || m.TheirChanges[0].Field != "Email" {
		t.Errorf("their changes %+v", m.TheirChanges)
	}
	if len(m.BothChanged) != 1 || m.BothChanged[0] != (Difference{Field: "Notes", Theirs: "Saturdays", Own: "likes the window chair"}) {
		t.Errorf("both changed %+v", m.BothChanged)
	}
	// The same change on both sides is no conflict.
	own.Notes = "Saturdays"
	if m := MergeClient(base, theirs, own); len(m.BothChanged) != 0 {
		t.Errorf("the same change counted as a conflict: %+v", m.BothChanged)
	}
}
