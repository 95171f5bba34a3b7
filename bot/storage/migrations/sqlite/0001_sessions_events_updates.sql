-- one row per person: where their conversation stands (engine state as JSON)
CREATE TABLE sessions (
    key          TEXT PRIMARY KEY,  -- pseudonymous person id
    state        TEXT NOT NULL,
    campaign     TEXT,
    conversation TEXT,              -- pseudonymous id of the current conversation
    created_at   REAL NOT NULL,
    updated_at   REAL NOT NULL
);
-- one row per turn, for the operators; free text is stored scrubbed, never raw
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    conversation TEXT NOT NULL,
    person       TEXT NOT NULL,
    at           REAL NOT NULL,
    channel      TEXT NOT NULL,     -- telegram | terminal
    lang         TEXT,
    campaign     TEXT,
    node         TEXT,              -- the step the input answered
    kind         TEXT NOT NULL,     -- start | option | text | command | booking
    value        TEXT,              -- option id, command, or scrubbed text
    concepts     TEXT,              -- JSON list of {id, score, negated}
    reply_node   TEXT,              -- the step the bot went to
    event        TEXT,              -- asked | reask | outcome | emergency_rule | ...
    outcome      TEXT               -- JSON {urgency, specialists, red_flags} on the last turn
);
CREATE INDEX events_person ON events (person);
CREATE INDEX events_conversation ON events (conversation, id);
CREATE INDEX events_at ON events (at);
-- Telegram update ids already handled, so that a re-delivered update is not handled twice
CREATE TABLE processed_updates (
    update_id INTEGER PRIMARY KEY,
    at        REAL NOT NULL
);
