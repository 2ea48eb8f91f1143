package settings

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/mailer"
	"regulars/app/words"
	"regulars/data"
	"regulars/data/store"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// Shell is what the Settings screen asks of the window around it.
type Shell interface {
	// ShowError tells the owner what went wrong.
	ShowError(err error)
	// Notify says what an action did, with an undo when undo is not nil.
	Notify(msg string, undo func() error)
	// ClientsRestored is told when clients came back from the trash, for
	// the client list to show them again.
	ClientsRestored()
	// CardsChanged is told when what the cards are written with changed
	// (the hand, the signature, the business, the currency).
	CardsChanged()
	// Restore puts the backup at path in place of the book.
	Restore(path string)
	// ChooseSharedBook asks for another book to open in the window.
	ChooseSharedBook()
	// OpenURL shows a file or a folder in the system's own program.
	OpenURL(u *url.URL) error
	// ThemeChoice is the window's theme as chosen (ThemeSystem…), and
	// ChooseTheme keeps another choice and shows it.
	ThemeChoice() string
	ChooseTheme(choice string) error
}

// needs is what the Settings screen and its forms are built with.
type needs struct {
	ctx    context.Context
	store  *store.Store
	win    fyne.Window
	forms  *form.Window
	mailer *mailer.Mailer
	shell  Shell
}

func (u *needs) showError(err error)                  { u.shell.ShowError(err) }
func (u *needs) notify(msg string, undo func() error) { u.shell.Notify(msg, undo) }

// Screen is the Settings tab: the days between contacts, the business,
// email, staff, the trash, the book and its backups, the window's theme.
// Its exported fields are what the shell and its tests use.
type Screen struct {
	u *needs
	// Content is the page, which scrolls.
	Content fyne.CanvasObject
	// Page is the page over the save bar: the tab.
	Page fyne.CanvasObject
	// Bar is the save bar pinned under the page.
	Bar *SaveBar

	// Staff is the staff list shown; NewStaff the field that adds one and
	// StaffErr why it could not.
	Staff     []data.Staff
	staffList *widget.List
	NewStaff  *form.Field
	StaffErr  *widget.Label
	// Trash is the deleted clients shown.
	Trash     []data.Client
	trashList *widget.List
	// BookInfo says where the book is and when it was backed up.
	BookInfo *widget.Label

	// IdealDays is the ideal days between contacts of every client;
	// CadenceRow holds it with its error.
	IdealDays, maxDays *form.Field
	CadenceRow         *form.Row
	tagName            *form.Field
	tagIdeal, tagMax   *form.Field
	tagRow             *form.Row
	tagCadences        *fyne.Container
	// ThanksWithin is the days after a visit that a thank-you follows
	// it; ThanksRow holds it with its error.
	ThanksWithin *form.Field
	ThanksRow    *form.Row

	// Business is the business's name on cards.
	Business, address *form.Field
	country           *form.Field
	font              *widget.Select
	fontPath          *form.Field
	signature         *form.Field
	cardRows          []*form.Row
	currency          *widget.SelectEntry
	cardSaved         *widget.Label
	// Email is the Email card.
	Email *EmailSettings
	// Guard holds the edits not saved yet, asked about on leaving.
	Guard form.Guard
}

// Section names of Settings, as the question about unsaved edits says them.
const (
	SectionCadence  = "the days between contacts"
	SectionThanks   = "the thank-you window"
	SectionBusiness = "your business details"
	SectionEmail    = "the email settings"
)

// New builds the Settings screen over store, in the window of forms; the
// mailer tests the email servers typed; shell is the window around it.
func New(ctx context.Context, store *store.Store, forms *form.Window, m *mailer.Mailer, shell Shell) *Screen {
	u := &needs{ctx: ctx, store: store, win: forms.Win, forms: forms, mailer: m, shell: shell}
	s := &Screen{u: u}
	s.NewStaff = form.NewField(u.forms, "Name of a staff member")
	s.NewStaff.OnSubmitted = func(string) { s.addStaff() }
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), s.addStaff)
	s.StaffErr = widget.NewLabel("")
	s.StaffErr.Importance = widget.DangerImportance
	s.StaffErr.Hide()
	s.staffList = widget.NewList(
		func() int { return len(s.Staff) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewButton("Signs…", nil), widget.NewCheck("Works here", nil)), widget.NewLabel("Staff name"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			st := s.Staff[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(st.Name)
			right := c.Objects[1].(*fyne.Container)
			right.Objects[0].(*widget.Button).OnTapped = func() { showSignOffForm(u, st) }
			check := right.Objects[1].(*widget.Check)
			check.OnChanged = nil
			check.SetChecked(st.Active)
			check.OnChanged = func(on bool) {
				if err := u.store.SetStaffActive(u.ctx, st.ID, on); err != nil {
					u.showError(err)
				}
				s.Reload()
			}
		})
	staffCard := widget.NewCard("Staff", "Who serves clients; offered when a visit is logged.",
		container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, add, s.NewStaff), s.StaffErr), nil, nil, nil, s.staffList))

	s.trashList = widget.NewList(
		func() int { return len(s.Trash) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("Restore", theme.HistoryIcon(), nil), widget.NewLabel("Client name"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := s.Trash[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s  ·  deleted %s", c.Name(), c.DeletedAt.In(time.Local).Format("2 Jan 2006")))
			box.Objects[1].(*widget.Button).OnTapped = func() {
				if err := u.store.RestoreClient(u.ctx, c.ID); err != nil {
					u.showError(err)
				}
				s.Reload()
				u.shell.ClientsRestored()
			}
		})
	trashCard := widget.NewCard("Trash", "Deleted clients, with their history.", s.trashList)

	s.IdealDays, s.maxDays = form.NewField(u.forms, "e.g. 60"), form.NewField(u.forms, "e.g. 90")
	s.CadenceRow = form.NewRow(data.FieldCadence, "Every client", container.NewGridWithColumns(5,
		widget.NewLabel("ideally every"), s.IdealDays, widget.NewLabel("days, at most"), s.maxDays,
		widget.NewButton("Save", func() { s.saveDefaultCadence() })))
	s.tagName, s.tagIdeal, s.tagMax = form.NewField(u.forms, "e.g. VIP"), form.NewField(u.forms, "e.g. 30"), form.NewField(u.forms, "e.g. 45")
	s.tagRow = form.NewRow(data.FieldTags, "A tag", container.NewGridWithColumns(6,
		s.tagName, widget.NewLabel("ideally"), s.tagIdeal, widget.NewLabel("at most"), s.tagMax,
		widget.NewButton("Set", s.saveTagCadence)))
	s.tagCadences = container.NewVBox()
	s.ThanksWithin = form.NewField(u.forms, "e.g. 30")
	s.ThanksWithin.OnSubmitted = func(string) { s.saveThanksWithin() }
	s.ThanksRow = form.NewRow(data.SettingThanksWithin, "Thank-you", container.NewGridWithColumns(3,
		widget.NewLabel("for a visit in the last"), s.ThanksWithin, container.NewHBox(widget.NewLabel("days"),
			widget.NewButton("Save", func() { s.saveThanksWithin() }))))
	cadenceCard := widget.NewCard("Keep in touch", "How often clients should hear from you; a client's own setting or tag comes first.",
		container.NewVBox(form.Grid(s.CadenceRow, s.tagRow, s.ThanksRow), s.tagCadences))

	s.Business = form.NewField(u.forms, "e.g. Blue Door Salon")
	s.address = form.NewMultiLineField(u.forms, "3 Mill Lane\nAustin, TX 78702")
	s.address.SetMinRowsVisible(2)
	s.country = form.NewField(u.forms, "e.g. United States: left off envelopes to clients there; sets how dates are typed")
	s.font = widget.NewSelect(append(pen.HandNames(), ownFont), nil)
	s.fontPath = form.NewField(u.forms, "your own hand: a .ttf, or the scan of the filled sample sheet (.png, .jpg)")
	s.signature = form.NewField(u.forms, "/path/to/signature.png (optional)")
	s.currency = widget.NewSelectEntry([]string{"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "JPY", "INR", "ZAR", "MXN", "BRL"})
	s.currency.PlaceHolder = "e.g. EUR"
	s.cardRows = []*form.Row{
		form.NewRow("business", "Business name", s.Business),
		form.NewRow("address", "Postal address", s.address),
		form.NewRow(data.SettingCountry, "Country", s.country),
		form.NewRow("font", "Hand-writing", container.NewBorder(nil, nil, s.font, container.NewHBox(
			widget.NewButtonWithIcon("Draw my hand…", theme.DocumentCreateIcon(), func() { showOwnHandForm(s.u, s.Reload) }),
			widget.NewButtonWithIcon("Sample sheet…", theme.DocumentPrintIcon(), s.sampleSheet)), s.fontPath)),
		form.NewRow("signature", "Signature", container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("Draw…", theme.DocumentCreateIcon(), func() {
			showSignatureForm(s.u, s.Reload)
		}), s.signature)),
		form.NewRow(data.SettingCurrency, "Currency", s.currency),
	}
	s.cardSaved = widget.NewLabel("")
	s.cardSaved.Importance = widget.SuccessImportance
	saveCards := widget.NewButton("Save", func() { s.saveCardSettings() })
	cardsCard := widget.NewCard("Your business", "On every card and envelope, and at the foot of every email (needed to email).",
		container.NewVBox(form.Grid(s.cardRows...), container.NewHBox(saveCards, s.cardSaved)))

	s.BookInfo = widget.NewLabel("")
	s.BookInfo.Wrapping = fyne.TextWrapWord
	backupNow := widget.NewButtonWithIcon("Back up now", theme.DocumentSaveIcon(), s.backupNow)
	restore := widget.NewButtonWithIcon("Restore…", theme.HistoryIcon(), s.chooseRestore)
	bookCard := widget.NewCard("Client book", "Backed up every day (14 daily and 12 monthly copies kept).",
		container.NewVBox(s.BookInfo, container.NewHBox(backupNow, restore, widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), s.showBookFolder),
			widget.NewButtonWithIcon("Open another book…", theme.FolderOpenIcon(), s.u.shell.ChooseSharedBook))))

	s.Email = newEmailSettings(u)
	s.Email.onSaved = func() { s.Guard.MarkOne(SectionEmail) }
	s.Guard.Sections = []form.Section{
		{Name: SectionCadence, Values: func() []string { return []string{s.IdealDays.Text, s.maxDays.Text} }, Save: s.saveDefaultCadence},
		{Name: SectionThanks, Values: func() []string { return []string{s.ThanksWithin.Text} }, Save: s.saveThanksWithin},
		{Name: SectionBusiness, Values: func() []string {
			return []string{s.Business.Text, s.address.Text, s.country.Text, s.font.Selected, s.fontPath.Text, s.signature.Text, s.currency.Text}
		}, Save: s.saveCardSettings},
		{Name: SectionEmail, Values: func() []string {
			e := s.Email
			return []string{e.FromName.Text, e.From.Text, e.SMTPHost.Text, e.SMTPPort.Text, e.SMTPUser.Text,
				e.IMAPHost.Text, e.IMAPPort.Text, e.IMAPUser.Text, e.SMTPSec.Selected, e.IMAPSec.Selected}
		}, Save: func() bool { return s.Email.save() }},
	}
	s.Content = container.NewVScroll(container.NewVBox(cadenceCard, cardsCard, s.Email.Content,
		container.NewGridWithColumns(2, tall(staffCard, 260), tall(trashCard, 260)), bookCard, newThemeCard(u)))
	s.Bar = newSaveBar(s)
	e := s.Email
	s.Bar.watch([]*widget.Entry{&s.IdealDays.Entry, &s.maxDays.Entry, &s.ThanksWithin.Entry, &s.Business.Entry, &s.address.Entry,
		&s.country.Entry, &s.fontPath.Entry, &s.signature.Entry, &s.currency.Entry, &e.FromName.Entry, &e.From.Entry,
		&e.SMTPHost.Entry, &e.SMTPPort.Entry, &e.SMTPUser.Entry, &e.IMAPHost.Entry, &e.IMAPPort.Entry, &e.IMAPUser.Entry},
		[]*widget.Select{s.font, e.SMTPSec, e.IMAPSec})
	s.Guard.OnMark = s.Bar.update
	s.Page = container.NewBorder(nil, container.NewPadded(s.Bar.content), nil, nil, s.Content)
	return s
}

// Reload reads the staff and the trash again.
func (s *Screen) Reload() {
	var err error
	if s.Staff, err = s.u.store.StaffList(s.u.ctx); err != nil {
		s.u.showError(err)
	}
	if s.Trash, err = s.u.store.DeletedClients(s.u.ctx); err != nil {
		s.u.showError(err)
	}
	s.staffList.Refresh()
	s.trashList.Refresh()
	s.showCadences()
	s.showThanksWithin()
	s.showCardSettings()
	s.Email.show()
	s.Guard.Mark()
	n, _ := s.u.store.ClientCount(s.u.ctx)
	s.BookInfo.SetText(fmt.Sprintf("%s clients in %s", words.Thousands(n), s.u.store.Path()))
}

// addStaff adds the typed name to the staff list.
func (s *Screen) addStaff() {
	_, err := s.u.store.AddStaff(s.u.ctx, s.NewStaff.Text)
	if err != nil {
		var ve data.ValidationError
		if errors.As(err, &ve) {
			err = ve
		}
		s.StaffErr.SetText(err.Error())
		s.StaffErr.Show()
		return
	}
	s.StaffErr.Hide()
	s.NewStaff.SetText("")
	s.Reload()
}

// showCadences fills the default cadence and lists the tag cadences.
func (s *Screen) showCadences() {
	p, err := s.u.store.CadencePolicy(s.u.ctx)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.IdealDays.SetText(strconv.Itoa(p.Default.Ideal))
	s.maxDays.SetText(strconv.Itoa(p.Default.Max))
	s.tagCadences.RemoveAll()
	var tags []string
	for t := range p.Tags {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	for _, t := range tags {
		t, c := t, p.Tags[t]
		l := widget.NewLabel(fmt.Sprintf("Tag %s: ideally every %d days, at most %d", t, c.Ideal, c.Max))
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			if err := s.u.store.RemoveTagCadence(s.u.ctx, t); err != nil {
				s.u.showError(err)
			}
			s.showCadences()
		})
		s.tagCadences.Add(container.NewBorder(nil, nil, nil, rm, l))
	}
}

// showThanksWithin fills the thank-you window from the book.
func (s *Screen) showThanksWithin() {
	n, err := s.u.store.ThanksWithin(s.u.ctx)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.ThanksWithin.SetText(strconv.Itoa(n))
}

// saveThanksWithin saves how many days after a visit a thank-you follows
// it: Today, the client list and the batches count by it.
func (s *Screen) saveThanksWithin() bool {
	n, err := data.ParseThanksWithin(s.ThanksWithin.Text)
	if err == nil {
		err = s.u.store.SetThanksWithin(s.u.ctx, n)
	}
	if !form.ShowErrors(err, s.ThanksRow) && err != nil {
		s.u.showError(err)
	}
	if err != nil {
		return false
	}
	s.showThanksWithin()
	s.Guard.MarkOne(SectionThanks)
	s.u.notify(fmt.Sprintf("A thank-you follows a visit of the last %d days", n), nil)
	return true
}

// readCadence reads two day counts typed in Settings.
func readCadence(ideal, max *form.Field) (data.Cadence, error) {
	i, err1 := strconv.Atoi(strings.TrimSpace(ideal.Text))
	m, err2 := strconv.Atoi(strings.TrimSpace(max.Text))
	if err1 != nil || err2 != nil {
		return data.Cadence{}, data.ValidationError{{Field: data.FieldCadence, Message: "Days must be whole numbers, like 60 and 90"}}
	}
	return data.Cadence{Ideal: i, Max: m}, nil
}

func (s *Screen) saveDefaultCadence() bool {
	c, err := readCadence(s.IdealDays, s.maxDays)
	if err == nil {
		err = s.u.store.SetDefaultCadence(s.u.ctx, c)
	}
	form.ShowErrors(err, s.CadenceRow)
	if err != nil {
		return false
	}
	s.showCadences()
	s.Guard.MarkOne(SectionCadence)
	s.u.notify(fmt.Sprintf("Every client: ideally every %d days, at most %d", c.Ideal, c.Max), nil)
	return true
}

func (s *Screen) saveTagCadence() {
	c, err := readCadence(s.tagIdeal, s.tagMax)
	if err == nil {
		err = s.u.store.SetTagCadence(s.u.ctx, s.tagName.Text, c)
	}
	var ve data.ValidationError
	if errors.As(err, &ve) {
		for i := range ve {
			ve[i].Field = data.FieldTags
		}
		err = ve
	}
	form.ShowErrors(err, s.tagRow)
	if err == nil {
		s.tagName.SetText("")
		s.showCadences()
	}
}

// ownFont is the font choice for the owner's own .ttf.
const ownFont = "My own font (.ttf)…"

// showCardSettings fills the card settings from the book.
func (s *Screen) showCardSettings() {
	get := func(k string) string { v, _ := s.u.store.Setting(s.u.ctx, k); return v }
	s.Business.SetText(get(data.SettingBusinessName))
	s.address.SetText(get(data.SettingBusinessAddress))
	s.country.SetText(get(data.SettingCountry))
	font := get(data.SettingHandFont)
	builtIn := false
	for _, n := range pen.HandNames() {
		builtIn = builtIn || n == font
	}
	switch {
	case font == "":
		s.font.SetSelected(pen.HandNames()[0])
	case builtIn:
		s.font.SetSelected(font)
	default:
		s.font.SetSelected(ownFont)
		s.fontPath.SetText(font)
	}
	s.signature.SetText(get(data.SettingSignature))
	cur, _ := s.u.store.Currency(s.u.ctx)
	s.currency.SetText(cur)
}

// saveCardSettings checks the font and signature files, then saves.
func (s *Screen) saveCardSettings() bool {
	s.cardSaved.SetText("")
	var errs data.ValidationError
	font := s.font.Selected
	if font == ownFont {
		font = strings.TrimSpace(s.fontPath.Text)
		if _, err := pen.LoadFace(font); err != nil {
			errs = append(errs, data.FieldError{Field: "font", Message: err.Error()})
		}
	}
	sig := strings.TrimSpace(s.signature.Text)
	if sig != "" {
		b, err := os.ReadFile(sig)
		if err == nil {
			err = paper.CheckPNG(b)
		}
		if err != nil {
			errs = append(errs, data.FieldError{Field: "signature", Message: fmt.Sprintf("%s: %v", sig, err)})
		}
	}
	if err := s.u.store.SetCurrency(s.u.ctx, s.currency.Text); err != nil {
		var ve data.ValidationError
		if errors.As(err, &ve) {
			errs = append(errs, ve...)
		}
	}
	if err := s.u.store.SetCountry(s.u.ctx, s.country.Text); err != nil {
		var ve data.ValidationError
		if !errors.As(err, &ve) {
			s.u.showError(err)
			return false
		}
		errs = append(errs, ve...)
	}
	form.ShowErrors(errs, s.cardRows...)
	if len(errs) > 0 {
		return false
	}
	for k, v := range map[string]string{data.SettingBusinessName: strings.TrimSpace(s.Business.Text), data.SettingBusinessAddress: strings.TrimSpace(s.address.Text),
		data.SettingHandFont: font, data.SettingSignature: sig} {
		if err := s.u.store.SetSetting(s.u.ctx, k, v); err != nil {
			s.u.showError(err)
			return false
		}
	}
	s.u.shell.CardsChanged()
	s.cardSaved.SetText("Saved")
	s.Guard.MarkOne(SectionBusiness)
	return true
}

// ShowOwnHand opens the pad to draw the owner's own hand, as the Draw my
// hand… button does; for the tests.
func (s *Screen) ShowOwnHand() { showOwnHandForm(s.u, s.Reload) }

// ShowSignature opens the pad to draw the owner's signature, as the
// Draw… button does; for the tests.
func (s *Screen) ShowSignature() { showSignatureForm(s.u, s.Reload) }

// ShowSignOff opens how staff member st signs the notes to the clients,
// as the Signs… button of the staff list does; for the tests.
func (s *Screen) ShowSignOff(st data.Staff) { showSignOffForm(s.u, st) }

// sampleSheet writes the sheet the owner fills in by hand, and opens it:
// its scan, chosen as the hand-writing, becomes the hand of the cards.
func (s *Screen) sampleSheet() {
	home, _ := os.UserHomeDir()
	dir := filepath.Join(home, "Documents", "Regulars cards")
	path := filepath.Join(dir, "sample-sheet.pdf")
	err := os.MkdirAll(dir, 0o755)
	var f *os.File
	if err == nil {
		f, err = os.Create(path)
	}
	if err == nil {
		err = pen.WriteSampleSheet(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		s.u.showError(fmt.Errorf("the sample sheet: %w", err))
		return
	}
	s.u.notify("Sample sheet written to "+path+": print it, write each letter in its boxes, scan it and choose the scan here", nil)
	_ = s.u.shell.OpenURL(&url.URL{Scheme: "file", Path: path})
}

// tall gives an object (a card with a list) a minimum height in a scroll.
func tall(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, h))
	return container.NewStack(spacer, o)
}
