package data

// Staff is a person who serves clients; visits record who did.
type Staff struct {
	ID     int64
	Name   string
	Active bool // inactive staff stay on old visits but are not offered for new ones
}
