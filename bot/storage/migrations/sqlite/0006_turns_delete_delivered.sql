-- A row of the view may now also carry the ids of delivered replies (a JSON list): their
-- outbox rows are deleted in the statement that writes the turns of that moment, so that a
-- delivered reply costs no trip to the database of its own.
DROP TRIGGER turns_insert;
DROP VIEW turns;
CREATE VIEW turns AS SELECT
    NULL AS key, NULL AS state, NULL AS campaign, NULL AS conversation, NULL AS at,
    NULL AS channel, NULL AS lang, NULL AS event_campaign, NULL AS node, NULL AS kind,
    NULL AS value, NULL AS concepts, NULL AS reply_node, NULL AS event, NULL AS outcome,
    NULL AS update_id, NULL AS replies, NULL AS delivered
WHERE 0;
CREATE TRIGGER turns_insert INSTEAD OF INSERT ON turns BEGIN
    INSERT OR IGNORE INTO processed_updates (update_id, at)
    SELECT NEW.update_id, NEW.at WHERE NEW.update_id IS NOT NULL;
    INSERT INTO sessions (key, state, campaign, conversation, created_at, updated_at)
    SELECT NEW.key, NEW.state, NEW.campaign, NEW.conversation, NEW.at, NEW.at
    WHERE NEW.key IS NOT NULL AND NEW.state IS NOT NULL  -- (a row without: an event alone)
    ON CONFLICT (key) DO UPDATE SET
        state = excluded.state,
        campaign = COALESCE(excluded.campaign, sessions.campaign),
        conversation = COALESCE(excluded.conversation, sessions.conversation),
        updated_at = excluded.updated_at;
    INSERT INTO events (conversation, person, at, channel, lang, campaign, node, kind,
                        value, concepts, reply_node, event, outcome)
    SELECT (SELECT conversation FROM sessions WHERE key = NEW.key), NEW.key, NEW.at,
           NEW.channel, NEW.lang, NEW.event_campaign,
           NEW.node, NEW.kind, NEW.value, NEW.concepts, NEW.reply_node, NEW.event,
           NEW.outcome
    WHERE NEW.key IS NOT NULL AND NEW.kind IS NOT NULL;
    INSERT INTO outbox (id, chat_id, person, at, body)
    SELECT json_extract(value, '$.id'), json_extract(value, '$.chat_id'),
           json_extract(value, '$.person'), NEW.at, json_extract(value, '$.body')
    FROM json_each(NEW.replies) WHERE NEW.replies IS NOT NULL ORDER BY key;
    DELETE FROM outbox
    WHERE NEW.delivered IS NOT NULL AND id IN (SELECT value FROM json_each(NEW.delivered));
END;
