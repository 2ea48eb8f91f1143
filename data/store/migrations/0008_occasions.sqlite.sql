-- Version 8: every reason to write. A contact records the occasion of the
-- note (thanks, welcome, miss, birthday, sorry) and, for a make-it-right
-- note, the complaint it answers; a batch records its occasion; templates
-- may be for "sorry" too.

ALTER TABLE contacts ADD COLUMN occasion TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN complaint_id INTEGER REFERENCES complaints (id) ON DELETE SET NULL;

UPDATE contacts SET occasion = 'thanks' WHERE thank_you = 1;
UPDATE contacts SET occasion = (SELECT t.occasion FROM templates t WHERE t.name = contacts.template)
	WHERE occasion = '' AND kind IN ('card', 'email')
	AND EXISTS (SELECT 1 FROM templates t WHERE t.name = contacts.template AND t.occasion IN ('welcome', 'miss', 'birthday'));

CREATE INDEX contacts_occasion ON contacts (client_id, occasion, at) WHERE occasion <> '';
CREATE INDEX contacts_occasion_at ON contacts (occasion, at) WHERE occasion <> '';

ALTER TABLE batches ADD COLUMN occasion TEXT NOT NULL DEFAULT 'thanks';

CREATE TABLE templates_v8 (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
	occasion   TEXT NOT NULL DEFAULT 'thanks' CHECK (occasion IN ('thanks', 'welcome', 'miss', 'birthday', 'sorry', 'other')),
	subject    TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL,
	size       REAL NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
INSERT INTO templates_v8 SELECT id, name, occasion, subject, body, size, created_at, updated_at FROM templates;
DROP TABLE templates;
ALTER TABLE templates_v8 RENAME TO templates;

INSERT INTO templates (name, occasion, subject, body, created_at, updated_at)
SELECT 'We put it right', 'sorry', 'Thank you for telling us, {{.FirstName}}',
'Dear {{.FirstName}},

Thank you for telling us when something was not right{{if .Complaint}} ({{lower .Complaint}}){{end}}. We are sorry it happened.{{if .Resolution}} We hope we made it right ({{lower .Resolution}}).{{end}}

Your trust means a lot to us, and we look forward to seeing you again.

With warm regards,
{{.Business}}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
WHERE NOT EXISTS (SELECT 1 FROM templates WHERE name = 'We put it right');

-- The client's first visit is kept on the client row too, for welcomes
-- and for the owner's figure of first-time clients who came back.
ALTER TABLE clients ADD COLUMN first_visit_at TEXT;
UPDATE clients SET first_visit_at = (SELECT min(at) FROM visits WHERE client_id = clients.id);
CREATE INDEX clients_first_visit ON clients (first_visit_at) WHERE first_visit_at IS NOT NULL;

CREATE TRIGGER visits_first_after_insert AFTER INSERT ON visits BEGIN
	UPDATE clients SET first_visit_at = CASE WHEN first_visit_at IS NULL OR NEW.at < first_visit_at THEN NEW.at ELSE first_visit_at END
	WHERE id = NEW.client_id;
END;

CREATE TRIGGER visits_first_after_delete AFTER DELETE ON visits BEGIN
	UPDATE clients SET first_visit_at = (SELECT min(at) FROM visits WHERE client_id = OLD.client_id)
	WHERE id = OLD.client_id;
END;

CREATE TRIGGER visits_first_after_update AFTER UPDATE OF at, client_id ON visits BEGIN
	UPDATE clients SET first_visit_at = (SELECT min(at) FROM visits WHERE client_id = clients.id)
	WHERE id IN (OLD.client_id, NEW.client_id);
END;

-- A note is signed by the staff member the client knows: each can have
-- a sign-off line ("Bea") and a signature image.
ALTER TABLE staff ADD COLUMN sign_off TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN signature TEXT NOT NULL DEFAULT '';

-- A household: clients who live together can get one card between them.
CREATE TABLE households (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL CHECK (trim(name) <> ''),
	created_at TEXT NOT NULL
);
ALTER TABLE clients ADD COLUMN household_id INTEGER REFERENCES households (id) ON DELETE SET NULL;
CREATE INDEX clients_household ON clients (household_id) WHERE household_id IS NOT NULL;

-- A batch of one: a note written to one client at once. It does not move
-- the period the next monthly batch starts from.
ALTER TABLE batches ADD COLUMN single INTEGER NOT NULL DEFAULT 0;

-- A client's lifetime spend is kept on the client row too: the list shows
-- it and Today ranks who matters by it. A visit's amount of -1 is "none".
ALTER TABLE clients ADD COLUMN spent_cents INTEGER NOT NULL DEFAULT 0;
UPDATE clients SET spent_cents = coalesce((SELECT sum(amount_cents) FROM visits WHERE client_id = clients.id AND amount_cents > 0), 0);

CREATE TRIGGER visits_spent_after_insert AFTER INSERT ON visits WHEN NEW.amount_cents > 0 BEGIN
	UPDATE clients SET spent_cents = spent_cents + NEW.amount_cents WHERE id = NEW.client_id;
END;

CREATE TRIGGER visits_spent_after_delete AFTER DELETE ON visits WHEN OLD.amount_cents > 0 BEGIN
	UPDATE clients SET spent_cents = spent_cents - OLD.amount_cents WHERE id = OLD.client_id;
END;

CREATE TRIGGER visits_spent_after_update AFTER UPDATE OF amount_cents, client_id ON visits BEGIN
	UPDATE clients SET spent_cents = coalesce((SELECT sum(amount_cents) FROM visits WHERE client_id = clients.id AND amount_cents > 0), 0)
	WHERE id IN (OLD.client_id, NEW.client_id);
END;
