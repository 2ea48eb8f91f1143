package data

import (
	"errors"
	"time"
)

// MailStatus is where a message stands in the outbox.
//
// A message is sent exactly once because every change of status is
// committed (synchronous=FULL) before the step it guards:
//
//   - queued: nothing of it has reached a server, or a server has it
//     without the final "." that ends an SMTP message, which makes the
//     server drop it. Sending it (again) is safe.
//   - sending: the final "." was about to go out (DotAt) and the server's
//     answer is not recorded yet. Only a crash or a broken line leaves a
//     message here; it is never sent again before its fate is known.
//   - unknown: a "sending" message looked into and not settled yet: the
//     proof of delivery (its copy to ProofTo) is awaited, or there is no
//     way to look for it (no IMAP server set) and the owner settles it.
//   - sent: the server accepted it; an email contact is logged in the same
//     transaction, once.
//   - failed: the server refused it, or it was tried MaxTries times.
type MailStatus string

// The outbox statuses.
const (
	MailQueued  MailStatus = "queued"
	MailSending MailStatus = "sending"
	MailSent    MailStatus = "sent"
	MailFailed  MailStatus = "failed"
	MailUnknown MailStatus = "unknown"
)

// ErrFateUnknown is returned when a message whose delivery is not known
// is to be sent again: it might reach the client twice.
var ErrFateUnknown = errors.New("it is not known yet whether this message reached the server")

// MaxTries is how many times a message is tried before it fails.
const MaxTries = 4

// Mail is one message in the outbox: written first, sent later.
type Mail struct {
	ID          int64
	ClientID    int64
	BatchID     int64
	Template    string
	MessageID   string
	Recipient   string
	Subject     string
	Raw         []byte
	Status      MailStatus
	Tries       int
	LastError   string
	ServerReply string
	Copied      bool // a copy is in the IMAP Sent folder
	// ProofTo is the business's own address, a second recipient of the
	// same SMTP transaction: its copy in the business's mailbox proves the
	// server accepted the message. Empty: no proof was asked for.
	ProofTo   string
	DotAt     time.Time // when the final "." was about to go out
	CreatedAt time.Time
	SentAt    time.Time
}
