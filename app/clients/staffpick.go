package clients

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
	"regulars/internal/clock"
)

// typeAheadPause is how long after the last letter typing starts a new
// name rather than continuing the one typed.
const typeAheadPause = time.Second

// staffPicker chooses the staff member of a visit or contact. Typing the
// first letters of a name picks it ("be" for Bea Santos) without opening
// the list, and Enter saves the dialog, as in a text field.
type staffPicker struct {
	widget.Select
	u      *needs
	typed  string
	typeAt time.Time
}

// newStaffPicker offers "nobody in particular" and the active staff,
// starting on the last one used; ids maps names back to staff.
func newStaffPicker(u *needs) (*staffPicker, map[string]int64) {
	ids := map[string]int64{}
	options := []string{noStaff}
	staff, err := u.store.StaffList(u.ctx)
	if err != nil {
		u.showError(err)
	}
	for _, st := range staff {
		if st.Active {
			options = append(options, st.Name)
			ids[st.Name] = st.ID
		}
	}
	p := &staffPicker{u: u}
	p.Options = options
	p.ExtendBaseWidget(p)
	p.SetSelected(noStaff)
	if last, ok, _ := u.store.LastStaff(u.ctx); ok {
		p.SetSelected(last.Name)
	}
	return p, ids
}

// TypedRune picks the first name that starts with what was typed (accents
// and case aside); a second letter soon after narrows it.
func (p *staffPicker) TypedRune(r rune) {
	now := clock.Now()
	if now.Sub(p.typeAt) > typeAheadPause {
		p.typed = ""
	}
	p.typeAt = now
	p.typed += string(r)
	want := data.Fold(p.typed)
	for _, o := range p.Options[1:] {
		if strings.HasPrefix(data.Fold(o), want) {
			p.SetSelected(o)
			return
		}
	}
	// Then any word of the name ("san" for Bea Santos).
	for _, o := range p.Options[1:] {
		for _, w := range strings.Fields(data.Fold(o)) {
			if strings.HasPrefix(w, want) {
				p.SetSelected(o)
				return
			}
		}
	}
}

// TypedKey saves the dialog on Enter; other keys work as in a Select.
func (p *staffPicker) TypedKey(ev *fyne.KeyEvent) {
	if (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && p.u.forms.Open != nil {
		p.u.forms.Open.Submit()
		return
	}
	if ev.Name == fyne.KeyEscape && p.u.forms.Open != nil {
		p.u.forms.Open.Close()
		return
	}
	p.Select.TypedKey(ev)
}
