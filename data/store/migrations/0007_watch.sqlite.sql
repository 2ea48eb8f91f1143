-- Version 7: the window catches up with changes made by another process
-- (a command run while it is open) by reading again the clients edited
-- since it last looked; this index keeps that look from reading every
-- client (Store.Changed).
CREATE INDEX IF NOT EXISTS clients_updated_at ON clients (updated_at);
