-- Version 5: what makes an email's fate knowable after a crash.
--
-- proof_to is the business's own address, given as a second recipient
-- of the very SMTP transaction that carries the message to the client:
-- the server accepts or refuses all recipients of one transaction
-- together, so the copy arriving in the business's own mailbox (found by
-- its Message-ID over IMAP) proves the client's copy was accepted too.
-- dot_at is when the final "." of the message was about to be sent: from
-- then until the server's reply is recorded, the message's fate is
-- unknown ("sending"); before it, the server has nothing to deliver.
ALTER TABLE outbox ADD COLUMN proof_to TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN dot_at TEXT;
