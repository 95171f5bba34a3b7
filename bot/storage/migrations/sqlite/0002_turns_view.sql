-- A turn is written with ONE statement: inserting into this view stores the session and
-- (when kind is given) its event, atomically. One statement is one trip to aiosqlite's
-- thread instead of three (upsert, insert, commit), which is most of a turn's cost.
CREATE VIEW turns AS SELECT
    NULL AS key, NULL AS state, NULL AS campaign, NULL AS conversation, NULL AS at,
    NULL AS channel, NULL AS lang, NULL AS event_campaign, NULL AS node, NULL AS kind,
    NULL AS value, NULL AS concepts, NULL AS reply_node, NULL AS event, NULL AS outcome
WHERE 0;
CREATE TRIGGER turns_insert INSTEAD OF INSERT ON turns BEGIN
    INSERT INTO sessions (key, state, campaign, conversation, created_at, updated_at)
    VALUES (NEW.key, NEW.state, NEW.campaign, NEW.conversation, NEW.at, NEW.at)
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
    WHERE NEW.kind IS NOT NULL;
END;
