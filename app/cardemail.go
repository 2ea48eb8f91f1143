package app

import (
	"errors"
	"fmt"
	"strings"

	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/mail"
)

// showEmail previews client i's email as it will be read: composed like
// the real one and read back, footer included.
func (c *cardsScreen) showEmail(i int) {
	cl := c.clients[i]
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.batch.Template)
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	mails, skipped, err := letters.PrepareEmails(c.u.ctx, c.u.store, c.batch, tpl, []data.Client{cl}, c.texts)
	text := ""
	switch {
	case err != nil:
		text = "This email cannot be made: " + err.Error()
	case len(mails) == 0:
		text = "Not emailed: " + strings.Join(skipped, "; ")
	default:
		if text, err = mail.Readable(mails[0].Raw); err != nil {
			text = err.Error()
		}
	}
	c.preview.Hide()
	c.previewText.SetText(text)
	c.previewText.Show()
	c.previewInfo.SetText(fmt.Sprintf("Email %d of %d — %s", i+1, len(c.clients), cl.Name()))
}

// sendEmails queues the chosen clients' emails and sends them, once the
// servers and their passwords are known.
func (c *cardsScreen) sendEmails() {
	c.u.mailer.Sender(func(*mail.Sender) {
		c.queue(true)
	}, func(err error) { c.status.SetText("Nothing was sent: " + err.Error()) })
}

// queue writes the batch's emails to the outbox and starts sending. An
// interrupted send is finished first (letters.PlanEmailBatch): its
// messages go out, then the batch is composed again for those still due
// (finish says whether that may still be done).
func (c *cardsScreen) queue(finish bool) {
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.batch.Template)
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	plan, err := letters.PlanEmailBatch(c.u.ctx, c.u.store, letters.EmailRun{Batch: c.batch, Template: tpl, Chosen: c.chosen(), Texts: c.texts, AsOf: clock.Now()})
	var left *letters.UnfinishedError
	if errors.As(err, &left) && finish {
		c.status.SetText(fmt.Sprintf("Nothing of this batch is sent yet: %s. The batch follows when they are out (if one stays in doubt, settle it here, then send the batch again).", err.Error()))
		c.tabs.SelectIndex(2)
		c.outbox.then = func() { c.queue(false) }
		c.outbox.send()
		return
	}
	if left != nil {
		c.status.SetText("Nothing of this batch was sent: emails of an interrupted send are still in the outbox. Settle them there, then send the batch again.")
		return
	}
	if err != nil {
		c.status.SetText("Nothing was sent: " + err.Error())
		return
	}
	if len(plan.Mails) == 0 && len(plan.Skipped) == 0 {
		c.status.SetText("Nothing was sent: nobody chosen is still due (they were written to meanwhile, here or on another computer).")
		return
	}
	if len(plan.Mails) == 0 {
		c.status.SetText("Nothing was sent: no email could be made (" + strings.Join(plan.Skipped, "; ") + ").")
		return
	}
	if err := plan.Queue(c.u.ctx, c.u.store); err != nil {
		c.u.showError(err)
		return
	}
	c.batch, c.ownDraft = plan.Batch, false
	note := ""
	if len(plan.Skipped) > 0 {
		note = fmt.Sprintf(" (%d left out: %s)", len(plan.Skipped), strings.Join(plan.Skipped, "; "))
	}
	c.status.SetText(fmt.Sprintf("%d emails are in the outbox and going out%s.", len(plan.Mails), note))
	c.printBtn.Disable()
	c.clients = nil
	c.list.Refresh()
	c.tabs.SelectIndex(2)
	c.outbox.send()
}
