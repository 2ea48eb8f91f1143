package data

// SignOff is how a staff member signs a note: the line under it ("Bea")
// and, when they gave one, the path of their signature image.
type SignOff struct {
	StaffID   int64
	Line      string
	Signature string
}
