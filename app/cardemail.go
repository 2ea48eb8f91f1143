package app

import (
	"fmt"
	"strings"

	"regulars/data"
	"regulars/letters"
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
		if text, err = letters.Readable(mails[0].Raw); err != nil {
			text = err.Error()
		}
	}
	c.preview.Hide()
	c.previewText.SetText(text)
	c.previewText.Show()
	c.previewInfo.SetText(fmt.Sprintf("Email %d of %d — %s", i+1, len(c.clients), cl.Name()))
}

// sendEmails queues the chosen clients' emails and sends them.
func (c *cardsScreen) sendEmails() {
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.batch.Template)
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	mails, skipped, err := letters.PrepareEmails(c.u.ctx, c.u.store, c.batch, tpl, c.chosen(), c.texts)
	if err != nil {
		c.status.SetText("Nothing was sent: " + err.Error())
		return
	}
	c.u.mailSettings(needSMTP|needIMAP, true, func(letters.Server, *letters.Server, string) {
		c.queue(mails, skipped)
	}, func(err error) { c.status.SetText("Nothing was sent: " + err.Error()) })
}

// queue writes the batch's emails to the outbox and starts sending.
func (c *cardsScreen) queue(mails []data.Mail, skipped []string) {
	if _, err := c.u.store.Enqueue(c.u.ctx, mails); err != nil {
		c.u.showError(err)
		return
	}
	if err := c.u.store.MarkBatchQueued(c.u.ctx, c.batch); err != nil {
		c.u.showError(err)
		return
	}
	note := ""
	if len(skipped) > 0 {
		note = fmt.Sprintf(" (%d left out: %s)", len(skipped), strings.Join(skipped, "; "))
	}
	c.status.SetText(fmt.Sprintf("%d emails are in the outbox and going out%s.", len(mails), note))
	c.printBtn.Disable()
	c.clients = nil
	c.list.Refresh()
	c.tabs.SelectIndex(2)
	c.outbox.send()
}
