// Package mail writes and carries the business's email: it composes a
// message (Compose), sends the outbox over SMTP exactly once even when
// the program is killed (Sender), and reads the business's mailbox over
// IMAP (the copy in Sent, the proof of delivery, the clients' replies).
//
// It holds no client book: the servers, addresses and passwords come in
// as plain values (Server), and the outbox's rows through the small
// Outbox interface, which the book satisfies. What to send, and to whom,
// is decided in package letters.
package mail
