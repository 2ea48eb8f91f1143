-- Version 10: a client's history before Regulars, and visits from the till.
--
-- An import keeps the totals another system exported (Square's First
-- Visit, Last Visit, Transaction Count and Total Spend; Shopify's Total
-- Orders and Total Spent; a sheet's "Visits" and "Umsatz") as the client's
-- history: its source, first and last visit, visits and spend, as the file
-- said. No visit rows are made for it. What of the history is not already
-- in the visit log as sales from the same till (history_extra_visits,
-- history_extra_cents, kept by the program) counts in the figures the
-- triggers keep: visit_count, spent_cents, first_visit_at and
-- last_visit_at.
ALTER TABLE clients ADD COLUMN history_source TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN history_first_at TEXT;
ALTER TABLE clients ADD COLUMN history_last_at TEXT;
ALTER TABLE clients ADD COLUMN history_visits INTEGER NOT NULL DEFAULT 0 CHECK (history_visits >= 0);
ALTER TABLE clients ADD COLUMN history_spent_cents INTEGER NOT NULL DEFAULT 0 CHECK (history_spent_cents >= 0);
ALTER TABLE clients ADD COLUMN history_extra_visits INTEGER NOT NULL DEFAULT 0 CHECK (history_extra_visits >= 0);
ALTER TABLE clients ADD COLUMN history_extra_cents INTEGER NOT NULL DEFAULT 0 CHECK (history_extra_cents >= 0);

-- A name's prefix ("Dr.") and suffix ("Jr", "III"); the emails besides
-- the main one, one a line; the consent to text messages.
ALTER TABLE clients ADD COLUMN name_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN name_suffix TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN other_emails TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN sms_consent TEXT NOT NULL DEFAULT 'unknown' CHECK (sms_consent IN ('unknown', 'subscribed', 'unsubscribed'));

-- A visit made from a till's sale: "square:<transaction id>", so that the
-- same sale imported twice (or in an overlapping file) is one visit.
ALTER TABLE visits ADD COLUMN sale_key TEXT;
CREATE UNIQUE INDEX visits_sale_key ON visits (sale_key);

-- The refunds applied to sales from the till, each once: a refund in a
-- later file (Square writes one as a row of its own) lowers its sale's
-- visit, and the same file again lowers it no further.
CREATE TABLE sale_refunds (
	refund_key TEXT PRIMARY KEY,
	sale_key   TEXT NOT NULL,
	cents      INTEGER NOT NULL CHECK (cents >= 0),
	created_at TEXT NOT NULL
);

-- The till's own customer ID of a client (Square's Reference ID,
-- Shopify's Customer ID), kept from a contacts import, so that a sales
-- export finds its clients.
CREATE TABLE client_till_ids (
	source      TEXT NOT NULL CHECK (trim(source) <> ''),
	customer_id TEXT NOT NULL CHECK (trim(customer_id) <> ''),
	client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	PRIMARY KEY (source, customer_id)
);
CREATE INDEX client_till_ids_client ON client_till_ids (client_id);

-- The triggers that recount from the visit log add the history's share.
DROP TRIGGER visits_after_delete;
CREATE TRIGGER visits_after_delete AFTER DELETE ON visits BEGIN
	UPDATE clients SET
		last_visit_at = CASE WHEN history_last_at IS NOT NULL AND ((SELECT max(at) FROM visits WHERE client_id = OLD.client_id) IS NULL
				OR history_last_at > (SELECT max(at) FROM visits WHERE client_id = OLD.client_id))
			THEN history_last_at ELSE (SELECT max(at) FROM visits WHERE client_id = OLD.client_id) END,
		visit_count = visit_count - 1
	WHERE id = OLD.client_id;
END;

DROP TRIGGER visits_after_update_at;
CREATE TRIGGER visits_after_update_at AFTER UPDATE OF at, client_id ON visits BEGIN
	UPDATE clients SET
		last_visit_at = CASE WHEN history_last_at IS NOT NULL AND ((SELECT max(at) FROM visits WHERE client_id = clients.id) IS NULL
				OR history_last_at > (SELECT max(at) FROM visits WHERE client_id = clients.id))
			THEN history_last_at ELSE (SELECT max(at) FROM visits WHERE client_id = clients.id) END,
		visit_count = (SELECT count(*) FROM visits WHERE client_id = clients.id) + history_extra_visits
	WHERE id IN (OLD.client_id, NEW.client_id);
END;

DROP TRIGGER visits_first_after_delete;
CREATE TRIGGER visits_first_after_delete AFTER DELETE ON visits BEGIN
	UPDATE clients SET first_visit_at = CASE WHEN history_first_at IS NOT NULL AND ((SELECT min(at) FROM visits WHERE client_id = OLD.client_id) IS NULL
			OR history_first_at < (SELECT min(at) FROM visits WHERE client_id = OLD.client_id))
		THEN history_first_at ELSE (SELECT min(at) FROM visits WHERE client_id = OLD.client_id) END
	WHERE id = OLD.client_id;
END;

DROP TRIGGER visits_first_after_update;
CREATE TRIGGER visits_first_after_update AFTER UPDATE OF at, client_id ON visits BEGIN
	UPDATE clients SET first_visit_at = CASE WHEN history_first_at IS NOT NULL AND ((SELECT min(at) FROM visits WHERE client_id = clients.id) IS NULL
			OR history_first_at < (SELECT min(at) FROM visits WHERE client_id = clients.id))
		THEN history_first_at ELSE (SELECT min(at) FROM visits WHERE client_id = clients.id) END
	WHERE id IN (OLD.client_id, NEW.client_id);
END;

DROP TRIGGER visits_spent_after_update;
CREATE TRIGGER visits_spent_after_update AFTER UPDATE OF amount_cents, client_id ON visits BEGIN
	UPDATE clients SET spent_cents = coalesce((SELECT sum(amount_cents) FROM visits WHERE client_id = clients.id AND amount_cents > 0), 0) + history_extra_cents
	WHERE id IN (OLD.client_id, NEW.client_id);
END;
