package letters

import (
	"context"
	"fmt"
	"strings"
	"time"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
	"regulars/letters/mail"
)

// wantsNoEmail reports whether a reply asks to stop emails: the word
// "unsubscribe" (our List-Unsubscribe link sets it as the subject) in its
// subject or in the client's own words, not in our quoted footer.
func wantsNoEmail(subject, own string) bool {
	for _, s := range []string{subject, own} {
		if strings.Contains(strings.ToLower(s), "unsubscribe") {
			return true
		}
	}
	return false
}

// Replies says what a check of the inbox found.
type Replies struct {
	Logged       int // new replies logged as contact
	Unsubscribed int // clients who asked for no more email
}

// String says it in words: "2 new replies logged; 1 client unsubscribed".
func (r Replies) String() string {
	s := fmt.Sprintf("%d new repl%s logged", r.Logged, map[bool]string{true: "y", false: "ies"}[r.Logged == 1])
	if r.Unsubscribed > 0 {
		s += fmt.Sprintf("; %d client%s asked for no more email (unsubscribed)", r.Unsubscribed, map[bool]string{true: "", false: "s"}[r.Unsubscribed == 1])
	}
	return s
}

// CheckReplies finds messages in INBOX since the last check from clients'
// addresses or answering our messages, and logs each once as an email
// reply; a reply asking to unsubscribe sets the client's email consent to
// "unsubscribed" (as the footer of every email promises). Flags on the
// server are left as they were.
func CheckReplies(ctx context.Context, st *store.Store, imapServer mail.Server) (Replies, error) {
	var res Replies
	mb, err := mail.OpenMailbox(imapServer)
	if err != nil {
		return res, err
	}
	defer mb.Close()
	var since time.Time
	if ms, _ := st.MailSettings(ctx); !ms.RepliesChecked.IsZero() {
		since = ms.RepliesChecked.AddDate(0, 0, -1) // SINCE is by day; ReplySeen keeps it once
	}
	started := clock.Now()
	msgs, err := mb.Inbox(since)
	if err != nil {
		return res, err
	}
	for _, r := range msgs {
		if r.MessageID == "" {
			continue
		}
		if known, err := st.ReplyKnown(ctx, r.MessageID); err != nil {
			return res, err
		} else if known {
			continue
		}
		// A message of ours (the proof copy to the business, or one sent to
		// its own address) is no reply.
		if _, ours, err := st.MailByMessageID(ctx, r.MessageID); err != nil {
			return res, err
		} else if ours {
			continue
		}
		var clientID int64
		for _, ref := range r.InReplyTo {
			if !strings.HasPrefix(ref, "<") {
				ref = "<" + ref + ">"
			}
			if m, ok, _ := st.MailByMessageID(ctx, ref); ok && m.ClientID != 0 {
				clientID = m.ClientID
			}
		}
		if clientID == 0 && r.From != "" {
			if c, ok, _ := st.ClientByEmail(ctx, r.From); ok {
				clientID = c.ID
			}
		}
		if clientID == 0 {
			continue
		}
		at := r.Date
		if at.IsZero() {
			at = clock.Now()
		}
		// Read first, so that a failure leaves the reply to the next check.
		own, err := mb.OwnWords(r.UID)
		if err != nil {
			return res, err
		}
		fresh, err := st.ReplySeen(ctx, r.MessageID, clientID, at, r.Subject)
		if err != nil {
			return res, err
		}
		if !fresh {
			continue
		}
		res.Logged++
		if wantsNoEmail(r.Subject, own) {
			changed, err := st.UnsubscribeEmail(ctx, clientID)
			if err != nil {
				return res, err
			}
			if changed {
				res.Unsubscribed++
			}
		}
	}
	if err := st.SetSetting(ctx, data.SettingRepliesChecked, started.Format(time.RFC3339)); err != nil {
		return res, err
	}
	return res, nil
}
