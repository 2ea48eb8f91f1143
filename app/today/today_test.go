package today

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/app/form"
	"regulars/data"
	"regulars/internal/booktest"
)

var ctx = context.Background()

// recorder is a Shell that keeps what the screen asked of it.
type recorder struct {
	errs   []string
	opened []int64
}

func (r *recorder) ShowError(err error) {
	if err != nil {
		r.errs = append(r.errs, err.Error())
	}
}
func (r *recorder) Busy()                                  {}
func (r *recorder) FindClient(string)                      {}
func (r *recorder) OpenClient(id int64)                    { r.opened = append(r.opened, id) }
func (r *recorder) ListThankYouDue()                       {}
func (r *recorder) ListDue()                               {}
func (r *recorder) StartBatch(data.Occasion, data.Channel) {}
func (r *recorder) Snooze(int64, time.Time) error          { return nil }
func (r *recorder) SnoozeUntil(int64, func())              {}
func (r *recorder) LogContact(data.Client, func())         {}
func (r *recorder) FinishFollowUp(data.FollowUp) error     { return nil }
func (r *recorder) Resolve(data.Complaint, func())         {}
func (r *recorder) Trace(string)                           {}

// newTestScreen shows the Today screen over a new book with these
// clients, in a test window.
func newTestScreen(t *testing.T, clients ...data.Client) (*Screen, fyne.Window, *recorder) {
	t.Helper()
	a := test.NewTempApp(t)
	s := booktest.New(t, clients...)
	w := a.NewWindow("Regulars")
	r := &recorder{}
	scr := New(ctx, s, &form.Window{Win: w}, false, r)
	w.SetContent(scr.Content)
	w.Resize(fyne.NewSize(1120, 740))
	w.Show()
	t.Cleanup(w.Close)
	scr.Reload()
	return scr, w, r
}

func TestReturnsText(t *testing.T) {
	got := returnsText(data.Returns{MissSent: 40, CameBack: 12, FirstTimers: 0})
	if !strings.Contains(got, "12 of 40 (30 %) came back within 60 days") || !strings.Contains(got, "First-time clients: none yet") {
		t.Errorf("%q", got)
	}
}

func TestDifferenceText(t *testing.T) {
	if got := differenceText(SecOverdue, "232", 129); !strings.Contains(got, "the other 103 clients silent for over a year") {
		t.Errorf("%q", got)
	}
	if got := differenceText(SecOverdue, "3", 3); got != "" {
		t.Errorf("no difference, yet %q", got)
	}
}

// TestTodayTilesWithTab: the tiles of Today are reached with Tab from the
// find field and chosen with Enter.
func TestTodayTilesWithTab(t *testing.T) {
	scr, w, _ := newTestScreen(t, booktest.Clients...)
	c := w.Canvas()
	c.Focus(scr.Find)
	c.FocusNext()
	first, ok := c.Focused().(*Tile)
	if !ok {
		t.Fatalf("Tab from the find field went to %T, want the first tile", c.Focused())
	}
	if !first.focused || first.bg.StrokeWidth == 0 {
		t.Fatal("the focused tile shows no focus ring")
	}
	c.FocusNext()
	second := c.Focused().(*Tile)
	second.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if scr.Current != SecFollowUps || !second.chosen || first.focused {
		t.Fatalf("Enter on the second tile: current %d", scr.Current)
	}
}
