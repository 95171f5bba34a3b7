-- The whole schema as the SQLite migrations 1-5 left it, for PostgreSQL: JSONB for session
-- state and event data, a bot id on every row (several bots may share one database), a
-- version on every session (several instances of one bot write with optimistic checks),
-- and outbox ids from a sequence (not from any one process's memory).

-- one row per person and bot: where their conversation stands (engine state)
CREATE TABLE sessions (
    bot          TEXT NOT NULL DEFAULT '',   -- the bot's numeric id (its token's prefix)
    key          TEXT NOT NULL,              -- pseudonymous person id
    state        JSONB NOT NULL,
    campaign     TEXT,
    conversation TEXT,                       -- pseudonymous id of the current conversation
    created_at   DOUBLE PRECISION NOT NULL,
    updated_at   DOUBLE PRECISION NOT NULL,
    version      BIGINT NOT NULL DEFAULT 1,  -- +1 on every write: a stale writer is refused
    PRIMARY KEY (bot, key)
);
CREATE INDEX sessions_updated_at ON sessions (updated_at);

-- one row per turn, for the operators; free text is stored scrubbed, never raw
CREATE TABLE events (
    id           BIGSERIAL PRIMARY KEY,
    bot          TEXT NOT NULL DEFAULT '',
    conversation TEXT NOT NULL,
    person       TEXT NOT NULL,
    at           DOUBLE PRECISION NOT NULL,
    channel      TEXT NOT NULL,     -- telegram | terminal
    lang         TEXT,
    campaign     TEXT,
    node         TEXT,              -- the step the input answered
    kind         TEXT NOT NULL,     -- start | option | text | command | booking
    value        TEXT,              -- option id, command, or scrubbed text
    concepts     JSONB,             -- list of {id, score, negated, uncertain}
    reply_node   TEXT,              -- the step the bot went to
    event        TEXT,              -- asked | reask | outcome | emergency_rule | ...
    outcome      JSONB              -- {urgency, specialists, red_flags} on the last turn
);
CREATE INDEX events_person ON events (bot, person);
CREATE INDEX events_conversation ON events (conversation, id);
CREATE INDEX events_at ON events (at);

-- Telegram update ids already handled, per bot: a re-delivered update is not handled twice,
-- whichever instance it reaches
CREATE TABLE processed_updates (
    bot       TEXT NOT NULL DEFAULT '',
    update_id BIGINT NOT NULL,
    at        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (bot, update_id)
);
CREATE INDEX processed_updates_at ON processed_updates (at);

-- the reply outbox: the bot's words only, deleted once Telegram has accepted them
CREATE TABLE outbox (
    id       BIGSERIAL PRIMARY KEY,  -- in the order the replies were made, across instances
    bot      TEXT NOT NULL DEFAULT '',
    instance INTEGER,                -- the running process that sends it (see postgres.py)
    chat_id BIGINT NOT NULL,
    person  TEXT,
    at      DOUBLE PRECISION NOT NULL,
    body    JSONB NOT NULL
);
CREATE INDEX outbox_person ON outbox (bot, person);
CREATE INDEX outbox_instance ON outbox (bot, instance);

-- the operators' web console: accounts, and an append-only audit log
CREATE TABLE operators (
    name          TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at    DOUBLE PRECISION NOT NULL
);
CREATE TABLE audit_log (
    id       BIGSERIAL PRIMARY KEY,
    at       DOUBLE PRECISION NOT NULL,
    operator TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
