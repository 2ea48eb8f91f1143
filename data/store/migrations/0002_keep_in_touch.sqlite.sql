-- Version 2: keep in touch. Cadences per tag, the last thank-you of each
-- client, follow-ups (promised call-backs), complaints, and the number of
-- visits per month for the dashboard chart.

ALTER TABLE clients ADD COLUMN last_thank_you_at TEXT;
ALTER TABLE clients ADD COLUMN last_contact_kind TEXT;

UPDATE clients SET last_contact_kind =
	(SELECT kind FROM contacts WHERE contacts.client_id = clients.id ORDER BY at DESC, id DESC LIMIT 1);

-- The kind of the latest contact is kept beside its time.
DROP TRIGGER contacts_after_insert;
DROP TRIGGER contacts_after_delete;
DROP TRIGGER contacts_after_update_at;

CREATE TRIGGER contacts_after_insert AFTER INSERT ON contacts BEGIN
	UPDATE clients SET
		last_contact_kind = CASE WHEN last_contact_at IS NULL OR NEW.at >= last_contact_at THEN NEW.kind ELSE last_contact_kind END,
		last_contact_at = CASE WHEN last_contact_at IS NULL OR NEW.at > last_contact_at THEN NEW.at ELSE last_contact_at END
	WHERE id = NEW.client_id;
END;

CREATE TRIGGER contacts_after_delete AFTER DELETE ON contacts BEGIN
	UPDATE clients SET
		last_contact_at = (SELECT max(at) FROM contacts WHERE client_id = OLD.client_id),
		last_contact_kind = (SELECT kind FROM contacts WHERE client_id = OLD.client_id ORDER BY at DESC, id DESC LIMIT 1)
	WHERE id = OLD.client_id;
END;

CREATE TRIGGER contacts_after_update_at AFTER UPDATE OF at, client_id, kind ON contacts BEGIN
	UPDATE clients SET
		last_contact_at = (SELECT max(at) FROM contacts WHERE client_id = clients.id),
		last_contact_kind = (SELECT kind FROM contacts WHERE client_id = clients.id ORDER BY at DESC, id DESC LIMIT 1)
	WHERE id IN (OLD.client_id, NEW.client_id);
END;

UPDATE clients SET last_thank_you_at =
	(SELECT max(at) FROM contacts WHERE contacts.client_id = clients.id AND thank_you = 1);

CREATE TRIGGER contacts_thank_you_after_insert AFTER INSERT ON contacts WHEN NEW.thank_you = 1 BEGIN
	UPDATE clients SET
		last_thank_you_at = CASE WHEN last_thank_you_at IS NULL OR NEW.at > last_thank_you_at THEN NEW.at ELSE last_thank_you_at END
	WHERE id = NEW.client_id;
END;

CREATE TRIGGER contacts_thank_you_after_delete AFTER DELETE ON contacts WHEN OLD.thank_you = 1 BEGIN
	UPDATE clients SET last_thank_you_at =
		(SELECT max(at) FROM contacts WHERE client_id = OLD.client_id AND thank_you = 1)
	WHERE id = OLD.client_id;
END;

CREATE TRIGGER contacts_thank_you_after_update AFTER UPDATE OF at, client_id, thank_you ON contacts BEGIN
	UPDATE clients SET last_thank_you_at =
		(SELECT max(at) FROM contacts WHERE client_id = clients.id AND thank_you = 1)
	WHERE id IN (OLD.client_id, NEW.client_id);
END;

-- A tag's cadence, e.g. VIP: ideally every 30 days, at most 45.
CREATE TABLE tag_cadences (
	tag   TEXT PRIMARY KEY COLLATE NOCASE CHECK (trim(tag) <> ''),
	ideal INTEGER NOT NULL CHECK (ideal BETWEEN 1 AND 3650),
	max   INTEGER NOT NULL CHECK (max BETWEEN 1 AND 3650),
	CHECK (max >= ideal)
);

-- A promised call-back: "call Mrs Ortiz back by Friday about the order".
CREATE TABLE follow_ups (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	what       TEXT NOT NULL CHECK (trim(what) <> ''),
	due        TEXT NOT NULL, -- YYYY-MM-DD
	staff_id   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
	created_at TEXT NOT NULL,
	done_at    TEXT
);

CREATE INDEX follow_ups_open ON follow_ups (due) WHERE done_at IS NULL;
CREATE INDEX follow_ups_client ON follow_ups (client_id);

-- An issue a client raised, and how it was made right.
CREATE TABLE complaints (
	id          INTEGER PRIMARY KEY,
	client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	raised_on   TEXT NOT NULL, -- YYYY-MM-DD
	description TEXT NOT NULL CHECK (trim(description) <> ''),
	resolution  TEXT NOT NULL DEFAULT '',
	resolved_on TEXT,          -- YYYY-MM-DD, NULL while open
	created_at  TEXT NOT NULL
);

CREATE INDEX complaints_open ON complaints (raised_on) WHERE resolved_on IS NULL;
CREATE INDEX complaints_client ON complaints (client_id);

-- Visits per calendar month (UTC), kept by triggers so that the chart of
-- the last twelve months never scans the visit log.
CREATE TABLE visit_months (
	month  TEXT PRIMARY KEY, -- YYYY-MM
	visits INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO visit_months (month, visits) SELECT substr(at, 1, 7), count(*) FROM visits GROUP BY 1;

CREATE TRIGGER visit_months_after_insert AFTER INSERT ON visits BEGIN
	INSERT INTO visit_months (month, visits) VALUES (substr(NEW.at, 1, 7), 1)
	ON CONFLICT (month) DO UPDATE SET visits = visits + 1;
END;

CREATE TRIGGER visit_months_after_delete AFTER DELETE ON visits BEGIN
	UPDATE visit_months SET visits = visits - 1 WHERE month = substr(OLD.at, 1, 7);
END;

CREATE TRIGGER visit_months_after_update AFTER UPDATE OF at ON visits BEGIN
	UPDATE visit_months SET visits = visits - 1 WHERE month = substr(OLD.at, 1, 7);
	INSERT INTO visit_months (month, visits) VALUES (substr(NEW.at, 1, 7), 1)
	ON CONFLICT (month) DO UPDATE SET visits = visits + 1;
END;
