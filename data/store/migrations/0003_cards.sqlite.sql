-- Version 3: thank-you templates and batches of cards (and later emails).

CREATE TABLE templates (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
	occasion   TEXT NOT NULL DEFAULT 'thanks' CHECK (occasion IN ('thanks', 'welcome', 'miss', 'birthday', 'other')),
	subject    TEXT NOT NULL DEFAULT '', -- for email
	body       TEXT NOT NULL,
	size       REAL NOT NULL DEFAULT 0,  -- points; 0: the layout's default
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

INSERT INTO templates (name, occasion, subject, body, created_at, updated_at) VALUES
('Thanks for your visit', 'thanks', 'Thank you, {{.FirstName}}!',
'Dear {{.FirstName}},

Thank you so much for coming in on {{.LastVisit}}{{if .LastVisitWhat}} for your {{lower .LastVisitWhat}}{{end}}. It was a real pleasure to see you{{if .Staff}}, and {{.Staff}} sends warm regards{{end}}.

We hope to see you again soon!

With thanks,
{{.Business}}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('Welcome', 'welcome', 'Welcome to {{.Business}}, {{.FirstName}}',
'Dear {{.FirstName}},

Thank you for choosing us for the first time. We loved meeting you, and we hope you felt at home.

If there is ever anything we can do better, just tell us. We look forward to your next visit!

Warmly,
{{.Business}}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('We miss you', 'miss', 'We miss you, {{.FirstName}}',
'Dear {{.FirstName}},

It has been a while since your last visit on {{.LastVisit}}, and we have been thinking of you.

You have been with us since {{.ClientSince}}{{if gt .Visits 1}} and visited {{.Visits}} times{{end}} — thank you for that. We would love to see you again whenever suits you.

All the best,
{{.Business}}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('Happy birthday', 'birthday', 'Happy birthday, {{.FirstName}}!',
'Dear {{.FirstName}},

Happy birthday from all of us at {{.Business}}! We hope your day is full of good things.

Thank you for being part of our little community.

With love,
{{.Business}}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

-- A batch of thank-yous: the period it covers, how it went out, and when
-- it was marked sent. Each card or email sent logs a contact with the
-- batch id.
CREATE TABLE batches (
	id          INTEGER PRIMARY KEY,
	channel     TEXT NOT NULL CHECK (channel IN ('post', 'email')),
	period_from TEXT NOT NULL, -- YYYY-MM-DD, inclusive
	period_to   TEXT NOT NULL, -- YYYY-MM-DD, exclusive
	template    TEXT NOT NULL,
	layout      TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	sent_at     TEXT
);

CREATE INDEX contacts_batch ON contacts (batch_id) WHERE batch_id IS NOT NULL;
