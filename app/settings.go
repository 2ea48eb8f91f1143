package app

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
)

// settingsScreen holds the staff list, the trash and where the book is.
type settingsScreen struct {
	u       *ui
	content fyne.CanvasObject

	staff     []data.Staff
	staffList *widget.List
	newStaff  *field
	staffErr  *widget.Label
	trash     []data.Client
	trashList *widget.List
	bookInfo  *widget.Label
}

func newSettingsScreen(u *ui) *settingsScreen {
	s := &settingsScreen{u: u}
	s.newStaff = newField(u, "Name of a staff member")
	s.newStaff.OnSubmitted = func(string) { s.addStaff() }
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), s.addStaff)
	s.staffErr = widget.NewLabel("")
	s.staffErr.Importance = widget.DangerImportance
	s.staffErr.Hide()
	s.staffList = widget.NewList(
		func() int { return len(s.staff) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewCheck("Works here", nil), widget.NewLabel("Staff name"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			st := s.staff[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(st.Name)
			check := c.Objects[1].(*widget.Check)
			check.OnChanged = nil
			check.SetChecked(st.Active)
			check.OnChanged = func(on bool) {
				if err := u.store.SetStaffActive(u.ctx, st.ID, on); err != nil {
					u.showError(err)
				}
				s.reload()
			}
		})
	staffCard := widget.NewCard("Staff", "Who serves clients. Visits record who did; the last one is the default for the next visit.",
		container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, add, s.newStaff), s.staffErr), nil, nil, nil, s.staffList))

	s.trashList = widget.NewList(
		func() int { return len(s.trash) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("Restore", theme.HistoryIcon(), nil), widget.NewLabel("Client name"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := s.trash[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s  ·  deleted %s", c.Name(), c.DeletedAt.In(time.Local).Format("2 Jan 2006")))
			box.Objects[1].(*widget.Button).OnTapped = func() {
				if err := u.store.RestoreClient(u.ctx, c.ID); err != nil {
					u.showError(err)
				}
				s.reload()
				u.book.reload()
			}
		})
	trashCard := widget.NewCard("Trash", "Deleted clients keep all their history until restored.", s.trashList)

	s.bookInfo = widget.NewLabel("")
	s.bookInfo.Wrapping = fyne.TextWrapWord
	bookCard := widget.NewCard("Client book", "", s.bookInfo)

	s.content = container.NewBorder(nil, bookCard, nil, nil, container.NewGridWithColumns(2, staffCard, trashCard))
	return s
}

// reload reads the staff and the trash again.
func (s *settingsScreen) reload() {
	var err error
	if s.staff, err = s.u.store.StaffList(s.u.ctx); err != nil {
		s.u.showError(err)
	}
	if s.trash, err = s.u.store.DeletedClients(s.u.ctx); err != nil {
		s.u.showError(err)
	}
	s.staffList.Refresh()
	s.trashList.Refresh()
	n, _ := s.u.store.ClientCount(s.u.ctx)
	s.bookInfo.SetText(fmt.Sprintf("%s clients in %s", thousands(n), s.u.store.Path()))
}

// addStaff adds the typed name to the staff list.
func (s *settingsScreen) addStaff() {
	_, err := s.u.store.AddStaff(s.u.ctx, s.newStaff.Text)
	if err != nil {
		var ve data.ValidationError
		if errors.As(err, &ve) {
			err = ve
		}
		s.staffErr.SetText(err.Error())
		s.staffErr.Show()
		return
	}
	s.staffErr.Hide()
	s.newStaff.SetText("")
	s.reload()
}
