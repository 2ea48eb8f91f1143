// Package cards is the Cards screen of the window: the monthly batch of
// cards by post or emails (who is due, a review with each card previewed
// as it prints, printing, marking as sent), the template editor, the
// email outbox, and the single note to one client that the Clients screen
// opens. It is built with what it needs and asks the window around it
// through Shell.
package cards

import (
	"context"
	"image"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/mailer"
	"regulars/app/widgets"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/paper"
)

// Shell is what the Cards screen asks of the window around it.
type Shell interface {
	// ShowError tells the owner what went wrong.
	ShowError(err error)
	// Notify says what an action did, with an undo when undo is not nil.
	Notify(msg string, undo func() error)
	// OpenURL shows a file or a folder in the system's own program.
	OpenURL(u *url.URL) error
}

// needs is what the Cards screen, its panes and the note form are built
// with.
type needs struct {
	ctx    context.Context
	store  *store.Store
	win    fyne.Window
	forms  *form.Window
	mailer *mailer.Mailer
	shell  Shell
	cards  *Screen // the screen, for the note form's pen and outbox
}

func (u *needs) showError(err error)                  { u.shell.ShowError(err) }
func (u *needs) notify(msg string, undo func() error) { u.shell.Notify(msg, undo) }

// Screen is the Cards screen: the monthly batch of cards or emails, the
// Template editor and the email outbox.
type Screen struct {
	u *needs
	// Content is the screen, the tab.
	Content fyne.CanvasObject
	// Tabs are the batch, the templates and the outbox, in that order.
	Tabs *container.AppTabs

	// The template editor. Templates are the book's templates, listed in
	// TplList; Editing is the one open, with its Name, subject and Body;
	// tplErr says what is wrong with it as it is typed, tplSaved that it
	// was saved.
	Templates []data.Template
	// reselecting is set while the list's highlight is moved back by
	// hand, so that it does not open the template again.
	reselecting bool
	TplList     *widget.List
	Editing     data.Template
	Name        *form.Field
	subject     *form.Field
	Body        *form.Field
	tplErr      *widget.Label
	tplPic      *canvas.Image
	tplSaved    *widget.Label
	// tplFields inserts a merge field chosen by its plain name; TplMerged
	// shows the text filled in for a client of the book as it is typed,
	// read by scrolling TplMergedScroll.
	tplFields       *widget.Select
	tplTarget       *form.Field // where a field goes: the subject or the text, whichever was typed in last
	TplMerged       *widget.Label
	TplMergedScroll *container.Scroll
	tplClient       string            // whom tplMerged is filled in for
	tplFilled       *data.MergeFields // their fields, read when a template is opened

	// The batch's choices: the period From and To (inclusive), the
	// Template, the Occasion and the Channel; for cards by post the card
	// layout, the Envelope, the address Labels, the pen plot file (none,
	// svg or gcode), one card per household (Households) and the Folder
	// the PDFs go to.
	From, To   *form.Field
	Template   *widget.Select
	Occasion   *widget.Select
	Channel    *widget.Select
	layout     *widget.Select
	Envelope   *widget.Select
	Labels     *widget.Select
	plot       *widget.Select
	Households *widget.Check
	Folder     *form.Field

	// The batch listed: the Clients found, Why each is listed, whether
	// each is included, and the draft Batch they make.
	Clients    []data.Client
	Why        map[int64]string
	included   map[int64]bool
	printedIDs []int64               // the clients whose cards were written
	leftOut    []letters.CardProblem // who was left out of the print, and why
	texts      map[int64]string
	Batch      data.Batch
	ownDraft   bool // the draft batch was started when the clients were listed, and nothing is out yet
	pen        paper.Pen
	// List is the review list of the clients found.
	List    *widget.List
	current int
	// The card shown: its Preview as it prints (or PreviewText, for an
	// email), PreviewInfo ("Card 3 of 4 — name"), LargerBtn to show it
	// Larger (the dialog, for the tests) and IncludeShown, whether it is
	// sent.
	Preview      *canvas.Image
	PreviewText  *widget.Label
	PreviewInfo  *widgets.CutLabel
	LargerBtn    *widget.Button
	Larger       dialog.Dialog
	IncludeShown *widget.Check
	shownRow     *widget.Label // the whole row of the card shown
	// Status says what the batch found or did; PrintBtn prints (or sends)
	// it, MarkBtn marks the cards printed as sent.
	Status   *widget.Label
	PrintBtn *widget.Button
	MarkBtn  *widget.Button
	progress *widget.ProgressBar
	files    []string
	openBox  *fyne.Container
	buttons  *fyne.Container // print, print…, mark as sent: kept in reach on a small screen
	// Working counts the cards being written in the background, for the
	// tests to wait on.
	Working sync.WaitGroup

	postOnly  *fyne.Container // card, envelope and label choices
	folderRow *fyne.Container // where the PDFs go
	// Outbox is the email outbox's tab.
	Outbox *OutboxPane
}

// Channels of the batch, as the Channel choice names them.
const (
	ByPost  = "Cards by post"
	ByEmail = "Email to those who prefer it"
)

// emailing reports whether the batch goes by email.
func (c *Screen) emailing() bool { return c.Channel != nil && c.Channel.Selected == ByEmail }

const noneChoice = "none"

// New builds the Cards screen over store, in the window of forms, sending
// its emails through m; shell is the window around it.
func New(ctx context.Context, store *store.Store, forms *form.Window, m *mailer.Mailer, shell Shell) *Screen {
	u := &needs{ctx: ctx, store: store, win: forms.Win, forms: forms, mailer: m, shell: shell}
	c := &Screen{u: u, included: map[int64]bool{}, texts: map[int64]string{}}
	u.cards = c
	c.Outbox = newOutboxPane(u)
	c.Tabs = container.NewAppTabs(
		// Not in a scroll: the status line and the batch's buttons stay
		// in view on a 1024×600 screen; the review list takes the room
		// left.
		container.NewTabItem("Monthly batch", c.newBatchPane()),
		// In a scroll, so that the editor's height does not set the
		// window's smallest height: on a 1024×600 screen it shows whole.
		container.NewTabItem("Templates", container.NewVScroll(c.newTemplatePane())),
		container.NewTabItem("Email outbox", c.Outbox.Content),
	)
	c.Tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == c.Outbox.Content {
			c.Outbox.Reload()
		}
	}
	c.Content = c.Tabs
	return c
}

// Reload reads the templates and the settings again.
func (c *Screen) Reload() {
	var err error
	if c.Templates, err = c.u.store.Templates(c.u.ctx); err != nil {
		c.u.showError(err)
		return
	}
	c.TplList.Refresh()
	// The Templates tab never opens on an empty editor: with nothing in
	// it yet, the first template is shown (and its preview).
	if c.Editing.ID == 0 && c.Body.Text == "" && c.Name.Text == "" && len(c.Templates) > 0 {
		c.editTemplate(c.Templates[0])
		c.selectTemplateRow(c.Templates[0].ID)
	}
	c.fillTemplates()
	c.Template.Refresh()
	if c.From.Text == "" {
		from, to, err := c.u.store.DefaultPeriod(c.u.ctx, data.ChannelPost, clock.Now())
		if err == nil {
			c.From.SetText(from.Format("2006-01-02"))
			c.To.SetText(to.AddDate(0, 0, -1).Format("2006-01-02"))
		}
	}
}

// FocusFirst puts the cursor on the first choice of the Cards tab shown
// (the batch's occasion), for those who work from the keyboard.
func (c *Screen) FocusFirst() {
	if c.Tabs.SelectedIndex() == 0 {
		c.u.win.Canvas().Focus(c.Occasion)
		return
	}
	c.u.win.Canvas().Unfocus()
}

// --- The batch -----------------------------------------------------------

func (c *Screen) newBatchPane() fyne.CanvasObject {
	c.From, c.To = form.NewDateField(c.u.forms, time.Time{}), form.NewDateField(c.u.forms, time.Time{})
	c.Template = widget.NewSelect(nil, func(string) { c.ClearBatch() })
	var find *widget.Button
	c.Occasion = newOccasionChoice(func(string) {
		c.ClearBatch()
		c.fillTemplates()
		if c.Channel != nil {
			c.setPeriod()
		}
		if find != nil {
			for _, k := range OccasionLabels {
				if k.Occasion == c.ChosenOccasion() {
					find.SetText(k.Find)
				}
			}
		}
	})
	c.Occasion.SetSelected(OccasionLabels[0].Label)
	c.layout = widget.NewSelect(layoutChoices(), func(string) { c.ClearBatch() })
	selectPaper(c.layout, "a2")
	c.Envelope = widget.NewSelect(envelopeChoices(), nil)
	selectPaper(c.Envelope, "a2")
	c.Labels = widget.NewSelect(labelChoices(), nil)
	selectPaper(c.Labels, noneChoice)
	home, _ := os.UserHomeDir()
	c.Folder = form.NewField(c.u.forms, "Folder for the PDFs")
	c.Folder.SetText(filepath.Join(home, "Documents", "Regulars cards"))
	choose := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				c.Folder.SetText(u.Path())
			}
		}, c.u.win)
		d.Show()
	})
	c.Channel = widget.NewSelect([]string{ByPost, ByEmail}, func(string) {
		c.ClearBatch()
		if c.PrintBtn != nil {
			c.PrintBtn.SetText(map[bool]string{true: "Send emails", false: "Print to folder"}[c.emailing()])
			c.PrintBtn.SetIcon(map[bool]fyne.Resource{true: theme.MailSendIcon(), false: theme.DocumentPrintIcon()}[c.emailing()])
			c.setPeriod()
			c.MarkBtn.Hidden = c.emailing()
			c.MarkBtn.Refresh()
			c.buttons.Refresh() // the button's new words take their room
		}
		// Paper, envelopes, labels and the folder are for cards only.
		if c.postOnly != nil {
			c.postOnly.Hidden = c.emailing()
			c.folderRow.Hidden = c.emailing()
			c.postOnly.Refresh()
			c.folderRow.Refresh()
		}
	})
	find = widget.NewButtonWithIcon("Find who to thank", theme.SearchIcon(), c.Find)
	find.Importance = widget.HighImportance
	// Two rows of choices, three to a row, so that the review list and
	// the buttons under it fit a small screen.
	choices := container.NewGridWithColumns(3,
		form.Grid(form.NewRow("occasion", "Write", c.Occasion), form.NewRow("channel", "Send by", c.Channel)),
		form.Grid(form.NewRow("template", "Template", c.Template), form.NewRow("", "", find)),
		form.Grid(form.NewRow("from", "Period from", c.From), form.NewRow("to", "to (inclusive)", c.To)),
	)
	c.plot = widget.NewSelect(plotChoices(), nil)
	selectPaper(c.plot, noneChoice)
	c.postOnly = container.NewGridWithColumns(2,
		form.Grid(form.NewRow("layout", "Card", c.layout), form.NewRow("labels", "Address labels", c.Labels)),
		form.Grid(form.NewRow("envelope", "Envelopes", c.Envelope), form.NewRow("plot", "Pen plotter", c.plot)))
	c.Households = widget.NewCheck("One card per household", func(bool) { c.ClearBatch() })
	c.folderRow = container.NewBorder(nil, nil, widget.NewLabel("Save to"), container.NewHBox(choose, c.Households), c.Folder)
	top := container.NewVBox(choices, c.postOnly, c.folderRow)
	c.Channel.SetSelected(ByPost)

	c.List = widget.NewList(
		func() int { return len(c.Clients) },
		func() fyne.CanvasObject {
			name := widgets.NewCutLabel("Client name · city") // not under "Edit text…"
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), widget.NewButton("Edit text…", nil), name)
		},
		c.updateRow,
	)
	c.List.OnSelected = func(i widget.ListItemID) { c.showCard(i) }
	c.Preview = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	c.Preview.FillMode = canvas.ImageFillContain
	c.Preview.SetMinSize(fyne.NewSize(160, 40))
	// Centred in the room between the arrows, and cut with "…" rather
	// than pushing them off.
	c.PreviewInfo = widgets.NewCutLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	// The whole line of the client shown, as a narrow row cuts it.
	c.shownRow = widget.NewLabel("")
	c.shownRow.Wrapping = fyne.TextWrapWord
	c.shownRow.Importance = widget.LowImportance
	c.shownRow.Hide()
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.step(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.step(1) })
	c.PreviewText = widget.NewLabel("")
	c.PreviewText.Wrapping = fyne.TextWrapWord
	c.PreviewText.Hide()
	// "Send this one" leaves the card shown out (or back in) while the
	// owner steps through the cards, from the keyboard too.
	c.IncludeShown = widget.NewCheck("Send this one", func(on bool) {
		if c.current < 0 || c.current >= len(c.Clients) {
			return
		}
		c.included[c.Clients[c.current].ID] = on
		c.List.RefreshItem(c.current)
		c.count()
	})
	c.IncludeShown.Disable()
	// Over the card, the whole line of its client (a narrow row cuts it),
	// so the list keeps its height on a small screen.
	// On a small screen the card in the preview is small: "Larger"
	// shows it at its printed size to read.
	c.LargerBtn = widget.NewButtonWithIcon("Larger", theme.ZoomInIcon(), c.showLarger)
	c.LargerBtn.Disable()
	previewPane := container.NewBorder(c.shownRow, container.NewBorder(nil, nil, prev, container.NewHBox(c.LargerBtn, c.IncludeShown, next), c.PreviewInfo), nil, nil,
		container.NewStack(c.Preview, container.NewVScroll(c.PreviewText)))

	c.Status = widget.NewLabel("Choose the period and find who to thank.")
	c.Status.Wrapping = fyne.TextWrapWord
	c.progress = widget.NewProgressBar()
	c.progress.Hide()
	c.PrintBtn = widget.NewButtonWithIcon("Print to folder", theme.DocumentPrintIcon(), func() {
		if c.emailing() {
			c.SendEmails()
			return
		}
		c.Working.Add(1)
		go func() {
			defer c.Working.Done()
			c.print()
		}()
	})
	c.PrintBtn.Importance = widget.HighImportance
	c.PrintBtn.Disable()
	c.MarkBtn = widget.NewButtonWithIcon("Mark as sent", theme.ConfirmIcon(), c.ConfirmMarkSent)
	c.MarkBtn.Disable()
	c.openBox = container.NewHBox()
	printer := widget.NewButtonWithIcon("Print…", theme.DocumentPrintIcon(), c.printOnPrinter)
	// The buttons opening the PDFs scroll sideways rather than widen the
	// window.
	c.buttons = container.NewHBox(c.PrintBtn, printer, c.MarkBtn)
	bottom := container.NewVBox(c.progress, c.Status,
		container.NewBorder(nil, nil, c.buttons, nil, container.NewHScroll(c.openBox)))

	split := container.NewHSplit(c.List, previewPane)
	split.Offset = 0.5
	// Made in reading order, so that Tab goes from the choices to the
	// list, the preview and the buttons.
	head, foot := container.NewPadded(top), container.NewPadded(bottom)
	return container.New(layout.NewBorderLayout(head, foot, nil, nil), head, split, foot)
}

// StartBatch opens the batch on an occasion and a channel and lists who
// is due, as Today counted them.
func (c *Screen) StartBatch(o data.Occasion, ch data.Channel) {
	c.Tabs.SelectIndex(0)
	for _, k := range OccasionLabels {
		if k.Occasion == o {
			c.Occasion.SetSelected(k.Label)
		}
	}
	if ch == data.ChannelEmail {
		c.Channel.SetSelected(ByEmail)
	} else {
		c.Channel.SetSelected(ByPost)
	}
	c.Find()
}

// WriteNote opens the form of one note to cl, for the Clients screen's
// "Write a note…"; done runs once the note is written or queued.
func (c *Screen) WriteNote(cl data.Client, done func()) { showNoteForm(c.u, cl, done) }

// ForgetPen makes the next cards read the hand, the signature and the
// business afresh, after Settings changed them.
func (c *Screen) ForgetPen() { c.pen = paper.Pen{} }

// SendOutbox shows the outbox and sends the emails waiting in it.
func (c *Screen) SendOutbox() {
	c.Tabs.SelectIndex(2)
	c.Outbox.send()
}

// CheckReplies looks for clients' replies in the background, without
// asking for a password (the window's every-10-minutes check).
func (c *Screen) CheckReplies() { c.Outbox.CheckReplies(false) }
