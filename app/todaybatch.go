package app

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

// sectionOccasion is the batch a section of Today offers for its people.
var sectionOccasion = map[section]data.Occasion{secThanks: data.OccasionThanks, secOverdue: data.OccasionMiss, secBirthdays: data.OccasionBirthday}

// DueCounts are how many are due a note of an occasion, by how they can
// be reached: the same people the batch lists for each channel.
type dueCounts struct {
	post, email, neither int
}

func (d dueCounts) total() int { return d.post + d.email + d.neither }

// countDue counts those due a note of an occasion now, per channel, over
// the period each channel's batch would start with: one pass over the
// book when the two periods agree (they do unless one channel's batch was
// sent apart from the other's), else one per channel.
func (u *ui) countDue(o data.Occasion) (dueCounts, error) {
	var d dueCounts
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
				d.post++
			case data.Reachable(c.Client, data.ChannelEmail):
				d.email++
			default:
				d.neither++
			}
		})
		return d, err
	}
	count := func(ch data.Channel, from, to time.Time) (int, error) {
		n := 0
		err := u.store.EachDue(u.ctx, o, ch, from, to, now, func(data.DueClient) { n++ })
		return n, err
	}
	if d.post, err = count(data.ChannelPost, pf, pt); err != nil {
		return d, err
	}
	if d.email, err = count(data.ChannelEmail, ef, et); err != nil {
		return d, err
	}
	all, err := count(data.ChannelAny, pf, pt)
	if err != nil {
		return d, err
	}
	if d.neither = all - d.post - d.email; d.neither < 0 {
		d.neither = 0
	}
	return d, nil
}

// batchText says what the batch of a section will do: "58 we-miss-you
// notes: 31 by post, 22 by email, 5 with neither address".
func batchText(o data.Occasion, d dueCounts) string {
	word := map[data.Occasion]string{data.OccasionThanks: "thank-you", data.OccasionMiss: "we-miss-you", data.OccasionBirthday: "birthday"}[o]
	if d.total() == 0 {
		return "No " + word + " notes due now"
	}
	txt := fmt.Sprintf("%s: %d by post, %d by email", words.Count(d.total(), word+" note", word+" notes"), d.post, d.email)
	if d.neither > 0 {
		txt += fmt.Sprintf(", %d with neither address (or not wishing either)", d.neither)
	}
	return txt
}

// differenceText explains why a section lists more people than its batch
// writes to, so that the two counts never disagree without a word.
func differenceText(s section, listed string, due int) string {
	n, err := strconv.Atoi(strings.ReplaceAll(listed, ",", ""))
	if err != nil || n <= due {
		return ""
	}
	why := map[section]string{
		secOverdue:   "silent for over a year, snoozed, or written to since they were last heard from",
		secBirthdays: "have a birthday too soon for the post (cards go 7–21 days ahead) or had their card",
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
func (t *todayScreen) newBatchButton() *widget.Button {
	b := widget.NewButtonWithIcon("Write them…", theme.MailComposeIcon(), func() {
		if o, ok := sectionOccasion[t.current]; ok {
			t.u.startBatch(o, data.ChannelPost)
		}
	})
	b.Importance = widget.HighImportance
	t.batchLine = widget.NewLabel("")
	t.batchLine.Wrapping = fyne.TextWrapWord
	t.batchRow = container.NewBorder(nil, nil, nil, b, t.batchLine)
	t.batchRow.Hide()
	return b
}

// showBatch sets the section's batch button from the counts of the batch.
// Counting reads the book (a second or two on a book of 100,000 clients),
// so in the window it counts away from the screen and fills the line in
// when done; a count for a section left meanwhile is dropped.
func (t *todayScreen) showBatch(s section) {
	t.batchGen++
	o, ok := sectionOccasion[s]
	if !ok {
		t.batchRow.Hide()
		return
	}
	if !t.countInBackground {
		d, err := t.u.countDue(o)
		t.setBatch(s, o, d, err)
		return
	}
	gen := t.batchGen
	t.batchLine.SetText("Counting who is due…")
	t.batch.Disable()
	t.batchRow.Show()
	t.counting.Add(1)
	go func() {
		defer t.counting.Done()
		d, err := t.u.countDue(o)
		fyne.Do(func() {
			if gen == t.batchGen {
				t.setBatch(s, o, d, err)
			}
		})
	}()
}

// setBatch shows the counts of a section's batch.
func (t *todayScreen) setBatch(s section, o data.Occasion, d dueCounts, err error) {
	if err != nil {
		t.batchRow.Hide()
		return
	}
	t.batchCounts = d
	t.batchLine.SetText(batchText(o, d) + differenceText(s, t.tiles[s].count.Text, d.total()))
	if d.post+d.email == 0 {
		t.batch.Disable()
	} else {
		t.batch.Enable()
	}
	t.batchRow.Show()
}

// startBatch opens the Cards screen on a batch of an occasion and lists
// who is due, as Today counted them.
func (u *ui) startBatch(o data.Occasion, ch data.Channel) {
	u.tabs.Select(u.cardstab)
	c := u.cards
	c.tabs.SelectIndex(0)
	for _, k := range occasionLabels {
		if k.o == o {
			c.occasion.SetSelected(k.label)
		}
	}
	if ch == data.ChannelEmail {
		c.channel.SetSelected(byEmail)
	} else {
		c.channel.SetSelected(byPost)
	}
	c.find()
}
