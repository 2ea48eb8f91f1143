-- Version 4: the email outbox and the replies already logged.
--
-- Every message is written here before it is sent. Its status moves
-- queued → sending → sent, or failed after a few tries, or unknown when
-- a crash or a dropped connection leaves it unclear whether the server
-- took it (the owner checks; it is never sent twice blindly).
CREATE TABLE outbox (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER REFERENCES clients (id) ON DELETE SET NULL,
	batch_id     INTEGER,
	template     TEXT NOT NULL DEFAULT '',
	message_id   TEXT NOT NULL UNIQUE,
	recipient    TEXT NOT NULL,
	subject      TEXT NOT NULL DEFAULT '',
	raw          BLOB NOT NULL,
	status       TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
	tries        INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT NOT NULL DEFAULT '',
	server_reply TEXT NOT NULL DEFAULT '',
	copied       INTEGER NOT NULL DEFAULT 0 CHECK (copied IN (0, 1)), -- appended to the Sent folder
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	sent_at      TEXT
);

CREATE INDEX outbox_status ON outbox (status, id);

-- Replies found in the inbox and logged, by their Message-ID, so that
-- each is logged once.
CREATE TABLE replies_seen (
	message_id TEXT PRIMARY KEY,
	client_id  INTEGER,
	logged_at  TEXT NOT NULL
) WITHOUT ROWID;
