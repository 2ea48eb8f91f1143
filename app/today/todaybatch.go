package today

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/words"
	"regulars/data"
	"regulars/internal/clock"
)

// sectionOccasion is the batch a Section of Today offers for its people.
var sectionOccasion = map[Section]data.Occasion{SecThanks: data.OccasionThanks, SecOverdue: data.OccasionMiss, SecBirthdays: data.OccasionBirthday}

// DueCounts are how many are due a note of an occasion, by how they can
// be reached: the same people the batch lists for each channel.
type DueCounts struct {
	Post, Email, Neither int
}

// Total is how many are due, however they can be reached.
func (d DueCounts) Total() int { return d.Post + d.Email + d.Neither }

// countDue counts those due a note of an occasion now, per channel, over
// the period each channel's batch would start with: one pass over the
// book when the two periods agree (they do unless one channel's batch was
// sent apart from the other's), else one per channel.
func (u *needs) countDue(o data.Occasion) (DueCounts, error) {
	var d DueCounts
	now := clock.Now()
	pf, pt, err := u.store.OccasionPeriod(u.ctx, o, data.ChannelPost, now)
	if err != nil {
		return d, err
	}
	ef, et, err := u.store.OccasionPeriod(u.ctx, o, data.ChannelEmail, now)
	if err != nil {
		return d, err
	}
	if pf.Equal(ef) && pt.Equal(et) {
		err := u.store.EachDue(u.ctx, o, data.ChannelAny, pf, pt, now, func(c data.DueClient) {
			switch {
			case data.Reachable(c.Client, data.ChannelPost):
				d.Post++
			case data.Reachable(c.Client, data.ChannelEmail):
				d.Email++
			default:
				d.Neither++
			}
		})
		return d, err
	}
	count := func(ch data.Channel, from, to time.Time) (int, error) {
		n := 0
		err := u.store.EachDue(u.ctx, o, ch, from, to, now, func(data.DueClient) { n++ })
		return n, err
	}
	if d.Post, err = count(data.ChannelPost, pf, pt); err != nil {
		return d, err
	}
	if d.Email, err = count(data.ChannelEmail, ef, et); err != nil {
		return d, err
	}
	all, err := count(data.ChannelAny, pf, pt)
	if err != nil {
		return d, err
	}
	if d.Neither = all - d.Post - d.Email; d.Neither < 0 {
		d.Neither = 0
	}
	return d, nil
}

// batchText says what the batch of a Section will do: "58 we-miss-you
// notes: 31 by post, 22 by email, 5 with neither address".
func batchText(o data.Occasion, d DueCounts) string {
	word := map[data.Occasion]string{data.OccasionThanks: "thank-you", data.OccasionMiss: "we-miss-you", data.OccasionBirthday: "birthday"}[o]
	if d.Total() == 0 {
		return "No " + word + " notes due now"
	}
	txt := fmt.Sprintf("%s: %d by post, %d by email", words.Count(d.Total(), word+" note", word+" notes"), d.Post, d.Email)
	if d.Neither > 0 {
		txt += fmt.Sprintf(", %d with neither address (or not wishing either)", d.Neither)
	}
	return txt
}

// differenceText explains why a Section lists more people than its batch
// writes to, so that the two counts never disagree without a word.
func differenceText(s Section, listed string, due int) string {
	n, err := strconv.Atoi(strings.ReplaceAll(listed, ",", ""))
	if err != nil || n <= due {
		return ""
	}
	why := map[Section]string{
		SecOverdue:   "silent for over a year, snoozed, or written to since they were last heard from",
		SecBirthdays: "have a birthday too soon for the post (cards go 7–21 days ahead) or had their card",
	}[s]
	if why == "" {
		return ""
	}
	return fmt.Sprintf(" · the other %s %s", words.Count(n-due, "client", "clients"), why)
}

// newBatchButton is the line under a section's heading that says what
// its batch will do, with the button that starts it; the line wraps at
// word breaks rather than widen the window, so its explanation is never
// cut off.
func (t *Screen) newBatchButton() *widget.Button {
	b := widget.NewButtonWithIcon("Write them…", theme.MailComposeIcon(), func() {
		if o, ok := sectionOccasion[t.Current]; ok {
			t.u.shell.StartBatch(o, data.ChannelPost)
		}
	})
	b.Importance = widget.HighImportance
	t.BatchLine = widget.NewLabel("")
	t.BatchLine.Wrapping = fyne.TextWrapWord
	t.BatchRow = container.NewBorder(nil, nil, nil, b, t.BatchLine)
	t.BatchRow.Hide()
	return b
}

// showBatch sets the section's batch button from the counts of the batch.
// Counting reads the book (a second or two on a book of 100,000 clients),
// so in the window it counts away from the screen and fills the line in
// when done; a count for a Section left meanwhile is dropped.
func (t *Screen) showBatch(s Section) {
	t.batchGen++
	o, ok := sectionOccasion[s]
	if !ok {
		t.BatchRow.Hide()
		return
	}
	if !t.CountInBackground {
		d, err := t.u.countDue(o)
		t.setBatch(s, o, d, err)
		return
	}
	gen := t.batchGen
	t.BatchLine.SetText("Counting who is due…")
	t.Batch.Disable()
	t.BatchRow.Show()
	t.Counting.Add(1)
	go func() {
		defer t.Counting.Done()
		d, err := t.u.countDue(o)
		fyne.Do(func() {
			if gen == t.batchGen {
				t.setBatch(s, o, d, err)
			}
		})
	}()
}

// setBatch shows the counts of a section's batch.
func (t *Screen) setBatch(s Section, o data.Occasion, d DueCounts, err error) {
	if err != nil {
		t.BatchRow.Hide()
		return
	}
	t.BatchCounts = d
	t.BatchLine.SetText(batchText(o, d) + differenceText(s, t.Tiles[s].Count.Text, d.Total()))
	if d.Post+d.Email == 0 {
		t.Batch.Disable()
	} else {
		t.Batch.Enable()
	}
	t.BatchRow.Show()
}
