package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/widgets"
	"regulars/app/words"
	"regulars/data"
)

// newEventRow is the template of a timeline row: an icon, a bold line
// (when and what), a quieter line of details, the amount and a bin.
func newEventRow() fyne.CanvasObject {
	icon := widget.NewIcon(theme.HistoryIcon())
	amount := widget.NewLabelWithStyle("€120.00", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	remove.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, container.NewCenter(icon), container.NewHBox(amount, container.NewCenter(remove)),
		widgets.TwoLines("Mon 23 Nov 2026, 14:05 · Visit: Cut and blow-dry", "with Bea Santos · “likes it short”"))
}

// eventText is what a timeline row says: a title line and a detail line.
func eventText(e data.Event) (icon fyne.Resource, title, detail string) {
	day := e.At.In(time.Local).Format("Mon 2 Jan 2006")
	when := e.At.In(time.Local).Format("Mon 2 Jan 2006, 15:04")
	if l := e.At.In(time.Local); l.Hour() == 0 && l.Minute() == 0 && l.Second() == 0 {
		when = day // logged for a day, not a time
	}
	var parts []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	switch e.Kind {
	case data.EventVisit:
		v := e.Visit
		icon, title = theme.AccountIcon(), when+" · Visit"
		if v.What != "" {
			title += ": " + v.What
		}
		if v.StaffName != "" {
			add("with " + v.StaffName)
		}
		if v.Note != "" {
			add("“" + v.Note + "”")
		}
	case data.EventContact:
		k := e.Contact
		icon, title = contactIcon(k.Kind), when+" · "+contactTitle(k)
		if k.Kind == data.ContactCard || k.Kind == data.ContactEmail {
			if k.Template != "" {
				add("template “" + k.Template + "”")
			}
			if k.BatchID != 0 {
				add(fmt.Sprintf("batch #%d", k.BatchID))
			}
		}
		if k.StaffName != "" {
			add("by " + k.StaffName)
		}
		if k.Note != "" {
			add("“" + k.Note + "”")
		}
	case data.EventFollowUp:
		f := e.FollowUp
		icon, title = theme.ContentAddIcon(), when+" · Follow-up promised: "+f.What
		add("by " + f.Due.Format("Mon 2 Jan 2006"))
		if f.StaffName != "" {
			add(f.StaffName)
		}
		if f.Done() {
			add("done")
		} else {
			add("open")
		}
	case data.EventFollowUpDone:
		f := e.FollowUp
		icon, title = theme.ConfirmIcon(), when+" · Follow-up done: "+f.What
	case data.EventComplaint:
		k := e.Complaint
		icon, title = theme.WarningIcon(), day+" · Complaint: "+k.Description
		if k.Open() {
			add("not resolved yet")
		} else {
			add("resolved " + k.ResolvedOn.Format("2 Jan 2006"))
		}
	case data.EventComplaintResolved:
		k := e.Complaint
		icon, title = theme.ConfirmIcon(), day+" · Complaint put right: "+k.Resolution
		add("raised " + k.RaisedOn.Format("2 Jan") + ": " + k.Description)
	case data.EventAdded:
		icon, title = theme.ContentAddIcon(), day+" · Added to the book"
	case data.EventHistory:
		icon, title = theme.HistoryIcon(), day+" · "+e.History.Describe(e.Currency)
	}
	return icon, title, strings.Join(parts, "  ·  ")
}

// contactTitle names a contact as the timeline shows it.
func contactTitle(k data.Contact) string {
	what := occasionWord(k.Occasion)
	if what == "" && k.ThankYou {
		what = "Thank-you"
	}
	switch k.Kind {
	case data.ContactCard:
		if what != "" {
			return what + " card sent"
		}
		return "Card sent"
	case data.ContactEmail:
		if what != "" {
			return what + " email sent"
		}
		return "Email sent"
	case data.ContactReply:
		return "Reply received"
	}
	return contactLabel(k.Kind)
}

// occasionWord names an occasion before "card" or "email", capitalised.
func occasionWord(o data.Occasion) string {
	return words.Occasion(o)
}

// contactIcon is the icon of a kind of contact.
func contactIcon(k data.ContactKind) fyne.Resource {
	switch k {
	case data.ContactCard:
		return theme.DocumentIcon()
	case data.ContactEmail:
		return theme.MailSendIcon()
	case data.ContactReply:
		return theme.MailReplyIcon()
	case data.ContactCall:
		return theme.VolumeUpIcon()
	case data.ContactText:
		return theme.MailComposeIcon()
	}
	return theme.InfoIcon()
}

// updateEventRow fills a timeline row. Visits and contacts logged by hand
// have a bin to remove one logged by mistake.
func (p *clientPane) updateEventRow(o fyne.CanvasObject, e data.Event) {
	c := o.(*fyne.Container)
	lines := c.Objects[0].(*fyne.Container)
	icon := c.Objects[1].(*fyne.Container).Objects[0].(*widget.Icon)
	right := c.Objects[2].(*fyne.Container)
	if e.Kind == data.EventHistory {
		e.Currency = p.u.currencyCode()
	}
	res, title, detail := eventText(e)
	icon.SetResource(res)
	lines.Objects[0].(*widgets.CutLabel).SetText(title)
	lines.Objects[1].(*widgets.CutLabel).SetText(detail)
	amount := right.Objects[0].(*widget.Label)
	remove := right.Objects[1].(*fyne.Container).Objects[0].(*widget.Button)
	amount.SetText("")
	remove.Hide()
	switch {
	case e.Kind == data.EventVisit:
		if e.Visit.HasAmount() {
			amount.SetText(p.u.money(e.Visit.AmountCents))
		}
		v := e.Visit
		remove.OnTapped = func() { p.deleteVisit(v) }
		remove.Show()
	case e.Kind == data.EventContact && e.Contact.BatchID == 0:
		k := e.Contact
		remove.OnTapped = func() { p.deleteContact(k) }
		remove.Show()
	}
}

// deleteContact removes a contact logged by mistake, after asking.
func (p *clientPane) deleteContact(k data.Contact) {
	dialog.ShowConfirm("Remove this entry?",
		fmt.Sprintf("%s on %s will be removed from %s's history.", contactTitle(k), k.At.In(time.Local).Format("2 Jan 2006 at 15:04"), p.client.Name()),
		func(ok bool) {
			if !ok {
				return
			}
			if err := p.u.store.DeleteContact(p.u.ctx, k.ID); err != nil {
				p.u.showError(err)
				return
			}
			p.refresh()
			p.u.notify(contactTitle(k)+" removed from "+p.client.Name()+"'s history", func() error {
				k.ID = 0
				_, err := p.u.store.LogContact(p.u.ctx, &k)
				return err
			})
		}, p.u.win)
}
