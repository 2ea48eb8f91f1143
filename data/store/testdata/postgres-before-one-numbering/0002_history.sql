-- The client book on PostgreSQL, version 2: SQLite's version 10 (see
-- migrations/sqlite/0010_history.sql): the history before Regulars, name
-- prefix and suffix, other emails, text-message consent, visits from the
-- till (sale_key) and the till's customer IDs. The functions of the
-- triggers that recount from the visit log add the history's share, as
-- SQLite's triggers of the same names do.

ALTER TABLE clients ADD COLUMN history_source TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN history_first_at TEXT COLLATE "C";
ALTER TABLE clients ADD COLUMN history_last_at TEXT COLLATE "C";
ALTER TABLE clients ADD COLUMN history_visits BIGINT NOT NULL DEFAULT 0 CHECK (history_visits >= 0);
ALTER TABLE clients ADD COLUMN history_spent_cents BIGINT NOT NULL DEFAULT 0 CHECK (history_spent_cents >= 0);
ALTER TABLE clients ADD COLUMN history_extra_visits BIGINT NOT NULL DEFAULT 0 CHECK (history_extra_visits >= 0);
ALTER TABLE clients ADD COLUMN history_extra_cents BIGINT NOT NULL DEFAULT 0 CHECK (history_extra_cents >= 0);

ALTER TABLE clients ADD COLUMN name_prefix TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN name_suffix TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN other_emails TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN sms_consent TEXT COLLATE "C" NOT NULL DEFAULT 'unknown' CHECK (sms_consent IN ('unknown', 'subscribed', 'unsubscribed'));

ALTER TABLE visits ADD COLUMN sale_key TEXT COLLATE "C";
CREATE UNIQUE INDEX visits_sale_key ON visits (sale_key);

CREATE TABLE sale_refunds (
	refund_key TEXT COLLATE "C" PRIMARY KEY,
	sale_key   TEXT COLLATE "C" NOT NULL,
	cents      BIGINT NOT NULL CHECK (cents >= 0),
	created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE client_till_ids (
	source      TEXT COLLATE "C" NOT NULL CHECK (trim(source) <> ''),
	customer_id TEXT COLLATE "C" NOT NULL CHECK (trim(customer_id) <> ''),
	client_id   BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	PRIMARY KEY (source, customer_id)
);
CREATE INDEX client_till_ids_client ON client_till_ids (client_id);

CREATE OR REPLACE FUNCTION visits_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE clients SET
		last_visit_at = CASE WHEN history_last_at IS NOT NULL AND ((SELECT max(at) FROM visits WHERE client_id = OLD.client_id) IS NULL
				OR history_last_at > (SELECT max(at) FROM visits WHERE client_id = OLD.client_id))
			THEN history_last_at ELSE (SELECT max(at) FROM visits WHERE client_id = OLD.client_id) END,
		visit_count = visit_count - 1
	WHERE id = OLD.client_id;
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION visits_after_update_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE clients SET
		last_visit_at = CASE WHEN history_last_at IS NOT NULL AND ((SELECT max(at) FROM visits WHERE client_id = clients.id) IS NULL
				OR history_last_at > (SELECT max(at) FROM visits WHERE client_id = clients.id))
			THEN history_last_at ELSE (SELECT max(at) FROM visits WHERE client_id = clients.id) END,
		visit_count = (SELECT count(*) FROM visits WHERE client_id = clients.id) + history_extra_visits
	WHERE id IN (OLD.client_id, NEW.client_id);
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION visits_first_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE clients SET first_visit_at = CASE WHEN history_first_at IS NOT NULL AND ((SELECT min(at) FROM visits WHERE client_id = OLD.client_id) IS NULL
			OR history_first_at < (SELECT min(at) FROM visits WHERE client_id = OLD.client_id))
		THEN history_first_at ELSE (SELECT min(at) FROM visits WHERE client_id = OLD.client_id) END
	WHERE id = OLD.client_id;
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION visits_first_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE clients SET first_visit_at = CASE WHEN history_first_at IS NOT NULL AND ((SELECT min(at) FROM visits WHERE client_id = clients.id) IS NULL
			OR history_first_at < (SELECT min(at) FROM visits WHERE client_id = clients.id))
		THEN history_first_at ELSE (SELECT min(at) FROM visits WHERE client_id = clients.id) END
	WHERE id IN (OLD.client_id, NEW.client_id);
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION visits_spent_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE clients SET spent_cents = coalesce((SELECT sum(amount_cents) FROM visits WHERE client_id = clients.id AND amount_cents > 0), 0) + history_extra_cents
	WHERE id IN (OLD.client_id, NEW.client_id);
	RETURN NULL;
END $$;
