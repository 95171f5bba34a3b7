-- The operators' web console (bot/console): accounts, and an audit log of every page
-- viewed and every export, which nobody can change through SQL (the triggers refuse).
CREATE TABLE operators (
    name          TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,    -- argon2id, never the password
    created_at    REAL NOT NULL
);
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       REAL NOT NULL,
    operator TEXT NOT NULL,
    action   TEXT NOT NULL,         -- view | export | sign_in | refused | sign_out | suggest
    target   TEXT NOT NULL          -- the page and its filters: ids and settings, no text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
