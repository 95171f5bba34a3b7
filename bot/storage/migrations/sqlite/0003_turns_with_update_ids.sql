-- The same view, now also carrying the id of a handled Telegram update: the turns of
-- several chats and the ids handled meanwhile go to the database in one statement
-- (a row may hold only an update id, and no session).
DROP TRIGGER turns_insert;
DROP VIEW turns;
CREATE VIEW turns AS SELECT
    NULL AS key, NULL AS state, NULL AS campaign, NULL AS conversation, NULL AS at,
    NULL AS channel, NULL AS lang, NULL AS event_campaign, NULL AS node, NULL AS kind,
    NULL AS value, NULL AS concepts, NULL AS reply_node, NULL AS event, NULL AS outcome,
    NULL AS update_id
WHERE 0;
CREATE TRIGGER turns_insert INSTEAD OF INSERT ON turns BEGIN
    INSERT OR IGNORE INTO processed_updates (update_id, at)
    SELECT NEW.update_id, NEW.at WHERE NEW.update_id IS NOT NULL;
    INSERT INTO sessions (key, state, campaign, conversation, created_at, updated_at)
    SELECT NEW.key, NEW.state, NEW.campaign, NEW.conversation, NEW.at, NEW.at
    WHERE NEW.key IS NOT NULL
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
END;
