package mail

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	gomail "github.com/emersion/go-message/mail"
)

// Mailbox is an open IMAP connection to the business's mailbox.
type Mailbox struct {
	c    *imapclient.Client
	sent string
	all  string // the \All folder (Gmail's "All Mail"), if the server has one
	// open is the folder selected read-only, so that a look in the same
	// folder again (one per message copied to Sent) needs no new SELECT.
	open string
}

// examine selects a folder read-only, unless it is selected already.
func (m *Mailbox) examine(folder string) error {
	if m.open == folder {
		return nil
	}
	m.open = ""
	if _, err := m.c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return err
	}
	m.open = folder
	return nil
}

// OpenMailbox connects to the IMAP server and finds the Sent folder (by
// its \Sent attribute, else by its name).
func OpenMailbox(s Server) (*Mailbox, error) {
	c, err := dialIMAP(s)
	if err != nil {
		return nil, errors.New(Plainly(err))
	}
	m := &Mailbox{c: c}
	boxes, err := c.List("", "*", &imap.ListOptions{ReturnSpecialUse: c.Caps().Has(imap.CapSpecialUse)}).Collect()
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("list the folders: %w", err)
	}
	for _, b := range boxes {
		for _, a := range b.Attrs {
			switch a {
			case imap.MailboxAttrSent:
				m.sent = b.Mailbox
			case imap.MailboxAttrAll:
				m.all = b.Mailbox
			}
		}
	}
	if m.sent == "" {
		for _, want := range []string{"Sent", "Sent Items", "Sent Messages", "INBOX.Sent", "Sent Mail"} {
			for _, b := range boxes {
				if strings.EqualFold(b.Mailbox, want) && m.sent == "" {
					m.sent = b.Mailbox
				}
			}
		}
	}
	if m.sent == "" {
		if err := c.Create("Sent", &imap.CreateOptions{SpecialUse: []imap.MailboxAttr{imap.MailboxAttrSent}}).Wait(); err != nil {
			if err := c.Create("Sent", nil).Wait(); err != nil {
				c.Close()
				return nil, fmt.Errorf("there is no Sent folder and it cannot be made: %w", err)
			}
		}
		m.sent = "Sent"
	}
	return m, nil
}

// Close logs out.
func (m *Mailbox) Close() error {
	m.c.Logout().Wait()
	return m.c.Close()
}

// SentFolder is the name of the Sent folder found.
func (m *Mailbox) SentFolder() string { return m.sent }

// AppendSent puts a copy of a sent message in the Sent folder, read.
func (m *Mailbox) AppendSent(raw []byte, at time.Time) error {
	cmd := m.c.Append(m.sent, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: at})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return fmt.Errorf("copy to %s: %w", m.sent, err)
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("copy to %s: %w", m.sent, err)
	}
	if _, err := cmd.Wait(); err != nil {
		return fmt.Errorf("copy to %s: %w", m.sent, err)
	}
	return nil
}

// InSent reports whether the Sent folder holds a message with this
// Message-ID (with its angle brackets).
func (m *Mailbox) InSent(messageID string) (bool, error) {
	return m.holds(m.sent, messageID)
}

// holds reports whether a folder holds a message with this Message-ID.
func (m *Mailbox) holds(folder, messageID string) (bool, error) {
	if err := m.examine(folder); err != nil {
		return false, fmt.Errorf("open %s: %w", folder, err)
	}
	res, err := m.c.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: messageID}}}, nil).Wait()
	if err != nil {
		return false, fmt.Errorf("search %s: %w", folder, err)
	}
	return len(res.AllUIDs()) > 0, nil
}

// Delivered reports whether the business's mailbox holds a message with
// this Message-ID in INBOX (where the proof copy addressed to the
// business itself arrives), in Sent (where Regulars copies a message only
// after the server accepted it, and where Gmail-like servers file what
// they accept) or in an \All folder (Gmail's "All Mail", where such a
// copy to oneself may go). Any of them proves the SMTP server accepted
// the transaction that carried the message.
func (m *Mailbox) Delivered(messageID string) (bool, error) {
	for _, f := range []string{"INBOX", m.sent, m.all} {
		if f == "" {
			continue
		}
		found, err := m.holds(f, messageID)
		if err != nil || found {
			return found, err
		}
	}
	return false, nil
}

// MarkProofsRead marks read the unread copies in INBOX of messages from
// the business's own address that ours says are sent: the proof copies,
// which the owner need not read (they stay, read, where they are).
func (m *Mailbox) MarkProofsRead(from string, sent func(messageID string) bool) (int, error) {
	m.open = ""
	if _, err := m.c.Select("INBOX", nil).Wait(); err != nil {
		return 0, fmt.Errorf("open INBOX: %w", err)
	}
	res, err := m.c.UIDSearch(&imap.SearchCriteria{
		NotFlag: []imap.Flag{imap.FlagSeen},
		Header:  []imap.SearchCriteriaHeaderField{{Key: "X-Mailer", Value: "Regulars"}, {Key: "From", Value: from}},
	}, nil).Wait()
	if err != nil {
		return 0, fmt.Errorf("search INBOX: %w", err)
	}
	uids := res.AllUIDs()
	if len(uids) == 0 {
		return 0, nil
	}
	msgs, err := m.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{Envelope: true, UID: true}).Collect()
	if err != nil {
		return 0, fmt.Errorf("read INBOX: %w", err)
	}
	var ours []imap.UID
	for _, msg := range msgs {
		if msg.Envelope == nil || msg.Envelope.MessageID == "" {
			continue
		}
		if sent("<" + strings.Trim(msg.Envelope.MessageID, "<>") + ">") {
			ours = append(ours, msg.UID)
		}
	}
	if len(ours) == 0 {
		return 0, nil
	}
	if err := m.c.Store(imap.UIDSetNum(ours...), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
		return 0, fmt.Errorf("mark read in INBOX: %w", err)
	}
	return len(ours), nil
}

// Reply is a message in the inbox from a client or answering one of ours.
type Reply struct {
	UID       imap.UID
	MessageID string
	From      string
	Subject   string
	Date      time.Time
	InReplyTo []string
}

// Inbox lists the messages in INBOX that arrived since a day, without
// touching their flags (an envelope fetch does not mark them read).
func (m *Mailbox) Inbox(since time.Time) ([]Reply, error) {
	if err := m.examine("INBOX"); err != nil {
		return nil, fmt.Errorf("open INBOX: %w", err)
	}
	crit := &imap.SearchCriteria{}
	if !since.IsZero() {
		crit.Since = since
	}
	res, err := m.c.UIDSearch(crit, nil).Wait()
	if err != nil {
		return nil, fmt.Errorf("search INBOX: %w", err)
	}
	uids := res.AllUIDs()
	if len(uids) == 0 {
		return nil, nil
	}
	msgs, err := m.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{Envelope: true, UID: true}).Collect()
	if err != nil {
		return nil, fmt.Errorf("read INBOX: %w", err)
	}
	var out []Reply
	for _, msg := range msgs {
		e := msg.Envelope
		if e == nil {
			continue
		}
		r := Reply{UID: msg.UID, MessageID: e.MessageID, Subject: e.Subject, Date: e.Date, InReplyTo: e.InReplyTo}
		if len(e.From) > 0 {
			r.From = e.From[0].Addr()
		}
		if r.MessageID != "" && !strings.HasPrefix(r.MessageID, "<") {
			r.MessageID = "<" + r.MessageID + ">"
		}
		out = append(out, r)
	}
	return out, nil
}

// OwnWords reads a message in INBOX without marking it read (BODY.PEEK)
// and returns what its writer typed: the plain text (or the HTML's text)
// above the quoted message they answered.
func (m *Mailbox) OwnWords(uid imap.UID) (string, error) {
	section := &imap.FetchItemBodySection{Peek: true}
	msgs, err := m.c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return "", fmt.Errorf("read message %d: %w", uid, err)
	}
	if len(msgs) == 0 {
		return "", nil
	}
	return ownWords(msgs[0].FindBodySection(section))
}

// ownWords finds the text part of a raw message and cuts it where the
// quoted message begins.
func ownWords(raw []byte) (string, error) {
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		return "", fmt.Errorf("read the reply: %w", err)
	}
	defer r.Close()
	var text, htmlText string
	for {
		p, err := r.NextPart()
		if err != nil {
			break
		}
		h, ok := p.Header.(*gomail.InlineHeader)
		if !ok {
			continue
		}
		ct, _, _ := h.ContentType()
		b, _ := io.ReadAll(io.LimitReader(p.Body, 64<<10))
		switch {
		case ct == "text/plain" && text == "":
			text = string(b)
		case ct == "text/html" && htmlText == "":
			htmlText = tags.ReplaceAllString(strings.ReplaceAll(string(b), "<br", "\n<br"), " ")
			htmlText = html.UnescapeString(htmlText)
		}
	}
	if text == "" {
		text = htmlText
	}
	var own []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, ">") || quoteHeader.MatchString(t) {
			break
		}
		own = append(own, line)
	}
	return strings.TrimSpace(strings.Join(own, "\n")), nil
}

var (
	tags = regexp.MustCompile(`<[^>]*>`)
	// quoteHeader is the line mail programs put above the message being
	// answered ("On 3 May, Blue Door wrote:", Outlook's "From:" block…).
	quoteHeader = regexp.MustCompile(`(?i)^(on .+ wrote:?|le .+ a écrit ?:|am .+ schrieb .+:|el .+ escribió:|-+ ?original message ?-+|from: .+|de : .+|von: .+)$`)
)
