-- Version 6: a client's other phones (home, work, a second mobile) besides
-- the main one in phone, one number a line, so that an import keeps every
-- phone column and matching, duplicates, search and export see them all.

ALTER TABLE clients ADD COLUMN other_phones TEXT NOT NULL DEFAULT '';
