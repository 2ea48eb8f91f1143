-- Version 9: two seats (or a window and a command) may edit the same
-- client; each save of a client's details raises its version, and a save
-- made from an older version is refused instead of overwriting the other.
ALTER TABLE clients ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
