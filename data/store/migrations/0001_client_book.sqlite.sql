-- Version 1: the client book, staff, the visit log and the contact log.
--
-- Instants are stored as UTC text "YYYY-MM-DDTHH:MM:SSZ" so that they sort
-- and compare as strings; dates without a time are "YYYY-MM-DD".

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE staff (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
	active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL
);

CREATE TABLE clients (
	id                INTEGER PRIMARY KEY,
	first_name        TEXT NOT NULL DEFAULT '',
	last_name         TEXT NOT NULL DEFAULT '',
	company           TEXT NOT NULL DEFAULT '',
	email             TEXT NOT NULL DEFAULT '',
	phone             TEXT NOT NULL DEFAULT '',
	phone_digits      TEXT NOT NULL DEFAULT '',
	street            TEXT NOT NULL DEFAULT '',
	city              TEXT NOT NULL DEFAULT '',
	region            TEXT NOT NULL DEFAULT '',
	postal_code       TEXT NOT NULL DEFAULT '',
	country           TEXT NOT NULL DEFAULT '',
	birth_year        INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1850 AND 2200),
	birth_month       INTEGER CHECK (birth_month IS NULL OR birth_month BETWEEN 1 AND 12),
	birth_day         INTEGER CHECK (birth_day IS NULL OR birth_day BETWEEN 1 AND 31),
	notes             TEXT NOT NULL DEFAULT '',
	preferred_channel TEXT NOT NULL DEFAULT 'post' CHECK (preferred_channel IN ('post', 'email')),
	post_consent      TEXT NOT NULL DEFAULT 'unknown' CHECK (post_consent IN ('unknown', 'subscribed', 'unsubscribed')),
	email_consent     TEXT NOT NULL DEFAULT 'unknown' CHECK (email_consent IN ('unknown', 'subscribed', 'unsubscribed')),
	do_not_contact    INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),
	cadence_ideal     INTEGER CHECK (cadence_ideal IS NULL OR cadence_ideal > 0),
	cadence_max       INTEGER CHECK (cadence_max IS NULL OR cadence_max > 0),
	snoozed_until     TEXT,
	name_key          TEXT NOT NULL DEFAULT '',
	last_visit_at     TEXT,
	last_contact_at   TEXT,
	visit_count       INTEGER NOT NULL DEFAULT 0,
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL,
	deleted_at        TEXT,
	CHECK (trim(first_name) <> '' OR trim(last_name) <> '' OR trim(company) <> ''),
	CHECK (cadence_ideal IS NULL OR cadence_max IS NULL OR cadence_max >= cadence_ideal),
	CHECK ((birth_month IS NULL) = (birth_day IS NULL))
);

CREATE INDEX clients_email ON clients (email COLLATE NOCASE) WHERE email <> '';
CREATE INDEX clients_phone_tail ON clients (substr(phone_digits, -9)) WHERE phone_digits <> '';
CREATE INDEX clients_name_key ON clients (name_key);
CREATE INDEX clients_recent ON clients (last_visit_at DESC, id DESC) WHERE deleted_at IS NULL;

CREATE TABLE client_tags (
	client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	tag       TEXT NOT NULL COLLATE NOCASE CHECK (trim(tag) <> ''),
	PRIMARY KEY (client_id, tag)
) WITHOUT ROWID;

CREATE INDEX client_tags_tag ON client_tags (tag, client_id);

CREATE TABLE visits (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	at           TEXT NOT NULL,
	staff_id     INTEGER REFERENCES staff (id) ON DELETE SET NULL,
	what         TEXT NOT NULL DEFAULT '',
	amount_cents INTEGER CHECK (amount_cents IS NULL OR amount_cents >= 0),
	note         TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL
);

CREATE INDEX visits_client_at ON visits (client_id, at);
CREATE INDEX visits_at ON visits (at);

-- Every touch with a client: a visit, a card, an email, a reply, a call, a
-- text, a meeting in person or anything else. A visit has its contact row
-- (visit_id), written in the same transaction as the visit.
CREATE TABLE contacts (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	at         TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('visit', 'card', 'email', 'reply', 'call', 'text', 'meeting', 'other')),
	visit_id   INTEGER UNIQUE REFERENCES visits (id) ON DELETE CASCADE,
	staff_id   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
	thank_you  INTEGER NOT NULL DEFAULT 0 CHECK (thank_you IN (0, 1)),
	batch_id   INTEGER,
	template   TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	CHECK ((kind = 'visit') = (visit_id IS NOT NULL))
);

CREATE INDEX contacts_client_at ON contacts (client_id, at);

-- The client's latest visit and latest contact are kept on the client row so
-- that the list and the keep-in-touch rules never scan the whole log.
CREATE TRIGGER visits_after_insert AFTER INSERT ON visits BEGIN
	UPDATE clients SET
		last_visit_at = CASE WHEN last_visit_at IS NULL OR NEW.at > last_visit_at THEN NEW.at ELSE last_visit_at END,
		visit_count = visit_count + 1
	WHERE id = NEW.client_id;
END;

CREATE TRIGGER visits_after_delete AFTER DELETE ON visits BEGIN
	UPDATE clients SET
		last_visit_at = (SELECT max(at) FROM visits WHERE client_id = OLD.client_id),
		visit_count = visit_count - 1
	WHERE id = OLD.client_id;
END;

CREATE TRIGGER visits_after_update_at AFTER UPDATE OF at, client_id ON visits BEGIN
	UPDATE clients SET
		last_visit_at = (SELECT max(at) FROM visits WHERE client_id = clients.id),
		visit_count = (SELECT count(*) FROM visits WHERE client_id = clients.id)
	WHERE id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER contacts_after_insert AFTER INSERT ON contacts BEGIN
	UPDATE clients SET
		last_contact_at = CASE WHEN last_contact_at IS NULL OR NEW.at > last_contact_at THEN NEW.at ELSE last_contact_at END
	WHERE id = NEW.client_id;
END;

CREATE TRIGGER contacts_after_delete AFTER DELETE ON contacts BEGIN
	UPDATE clients SET last_contact_at = (SELECT max(at) FROM contacts WHERE client_id = OLD.client_id)
	WHERE id = OLD.client_id;
END;

CREATE TRIGGER contacts_after_update_at AFTER UPDATE OF at, client_id ON contacts BEGIN
	UPDATE clients SET last_contact_at = (SELECT max(at) FROM contacts WHERE client_id = clients.id)
	WHERE id IN (OLD.client_id, NEW.client_id);
END;
