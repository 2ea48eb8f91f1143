package cards

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
func (c *Screen) showEmail(i int) {
	cl := c.Clients[i]
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.Batch.Template)
	if err != nil {
		c.Status.SetText(err.Error())
		return
	}
	mails, skipped, err := letters.PrepareEmails(c.u.ctx, c.u.store, c.Batch, tpl, []data.Client{cl}, c.texts)
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
	c.Preview.Hide()
	c.PreviewText.SetText(text)
	c.PreviewText.Show()
	c.PreviewInfo.SetText(fmt.Sprintf("Email %d of %d — %s", i+1, len(c.Clients), cl.Name()))
}

// SendEmails queues the chosen clients' emails and sends them, once the
// servers and their passwords are known.
func (c *Screen) SendEmails() {
	c.u.mailer.Sender(func(*mail.Sender) {
		c.queue(true)
	}, func(err error) { c.Status.SetText("Nothing was sent: " + err.Error()) })
}

// queue writes the batch's emails to the outbox and starts sending. An
// interrupted send is finished first (letters.PlanEmailBatch): its
// messages go out, then the batch is composed again for those still due
// (finish says whether that may still be done).
func (c *Screen) queue(finish bool) {
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.Batch.Template)
	if err != nil {
		c.Status.SetText(err.Error())
		return
	}
	plan, err := letters.PlanEmailBatch(c.u.ctx, c.u.store, letters.EmailRun{Batch: c.Batch, Template: tpl, Chosen: c.chosen(), Texts: c.texts, AsOf: clock.Now()})
	var left *letters.UnfinishedError
	if errors.As(err, &left) && finish {
		c.Status.SetText(fmt.Sprintf("Nothing of this batch is sent yet: %s. The batch follows when they are out (if one stays in doubt, settle it here, then send the batch again).", err.Error()))
		c.Tabs.SelectIndex(2)
		c.Outbox.then = func() { c.queue(false) }
		c.Outbox.send()
		return
	}
	if left != nil {
		c.Status.SetText("Nothing of this batch was sent: emails of an interrupted send are still in the outbox. Settle them there, then send the batch again.")
		return
	}
	if err != nil {
		c.Status.SetText("Nothing was sent: " + err.Error())
		return
	}
	if len(plan.Mails) == 0 && len(plan.Skipped) == 0 {
		c.Status.SetText("Nothing was sent: nobody chosen is still due (they were written to meanwhile, here or on another computer).")
		return
	}
	if len(plan.Mails) == 0 {
		c.Status.SetText("Nothing was sent: no email could be made (" + strings.Join(plan.Skipped, "; ") + ").")
		return
	}
	if err := plan.Queue(c.u.ctx, c.u.store); err != nil {
		c.u.showError(err)
		return
	}
	c.Batch, c.ownDraft = plan.Batch, false
	note := ""
	if len(plan.Skipped) > 0 {
		note = fmt.Sprintf(" (%d left out: %s)", len(plan.Skipped), strings.Join(plan.Skipped, "; "))
	}
	c.Status.SetText(fmt.Sprintf("%d emails are in the outbox and going out%s.", len(plan.Mails), note))
	c.PrintBtn.Disable()
	c.Clients = nil
	c.List.Refresh()
	c.Tabs.SelectIndex(2)
	c.Outbox.send()
}
