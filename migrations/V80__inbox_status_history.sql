-- The owner's inbox (issue 19): every status change of a conversation with who made it,
-- what is unread, who is on it, and which conversations are only the bot's sandbox.
--
-- The history is written by triggers, so every writer (ingest, the bot's hand-over, the
-- admin, the API, a future tool) is recorded the same way without calling anything.
-- A writer that knows who acts sets `conversations.status_by` in the same UPDATE as
-- `status`; the trigger copies it into the history row and clears it (a one-shot slot,
-- so a later change by someone else is never credited to the previous actor).

CREATE TABLE conversation_status_history (
    id               INTEGER PRIMARY KEY,
    shop_id          INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    from_status      TEXT,           -- NULL: the conversation was created
    to_status        TEXT NOT NULL,
    actor            TEXT,           -- 'agent:<account id>', 'customer'; NULL = the bot or the system
    at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX conversation_status_history_conv ON conversation_status_history (conversation_id, id);
CREATE INDEX conversation_status_history_shop ON conversation_status_history (shop_id, to_status, at);

ALTER TABLE conversations ADD COLUMN status_by TEXT;
-- Inbound messages not yet seen in the admin (reset when an agent opens the thread).
ALTER TABLE conversations ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN assigned_to INTEGER REFERENCES accounts(id) ON DELETE SET NULL;
-- The admin simulator's and `varotra chat`'s conversations: never in the inbox, the
-- contacts, the prospects or the KPIs.
ALTER TABLE conversations ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;
UPDATE conversations SET simulated = 1 WHERE customer_key = 'simulateur';
CREATE INDEX conversations_unread ON conversations (shop_id) WHERE unread > 0;
CREATE INDEX conversations_assigned ON conversations (shop_id, assigned_to) WHERE assigned_to IS NOT NULL;

-- What existed before this migration: created then, closed at its last message.
INSERT INTO conversation_status_history (shop_id, conversation_id, from_status, to_status, at)
SELECT shop_id, id, NULL, status,
       CASE WHEN status = 'closed' THEN COALESCE(last_message_at, created_at) ELSE created_at END
FROM conversations;

CREATE TRIGGER conversations_status_created AFTER INSERT ON conversations
BEGIN
    INSERT INTO conversation_status_history (shop_id, conversation_id, from_status, to_status, actor, at)
    VALUES (NEW.shop_id, NEW.id, NULL, NEW.status, NEW.status_by,
            CASE WHEN NEW.status = 'closed' THEN COALESCE(NEW.last_message_at, NEW.created_at)
                 ELSE NEW.created_at END);
    UPDATE conversations SET status_by = NULL WHERE id = NEW.id AND status_by IS NOT NULL;
END;

CREATE TRIGGER conversations_status_changed AFTER UPDATE OF status ON conversations
WHEN OLD.status IS NOT NEW.status
BEGIN
    INSERT INTO conversation_status_history (shop_id, conversation_id, from_status, to_status, actor)
    VALUES (NEW.shop_id, NEW.id, OLD.status, NEW.status, NEW.status_by);
    UPDATE conversations SET status_by = NULL WHERE id = NEW.id AND status_by IS NOT NULL;
END;

-- A customer writing again reopens a closed conversation (a message older than the
-- closing, such as a back-filled history, does not), and every inbound message is
-- unread until someone opens the thread.
CREATE TRIGGER messages_inbound_unread AFTER INSERT ON messages
WHEN NEW.direction = 'in'
BEGIN
    UPDATE conversations SET unread = unread + 1,
        status_by = CASE WHEN status = 'closed' AND NEW.created_at >= COALESCE(
                (SELECT max(h.at) FROM conversation_status_history h
                 WHERE h.conversation_id = NEW.conversation_id AND h.to_status = 'closed'), '')
            THEN 'customer' ELSE status_by END,
        status = CASE WHEN status = 'closed' AND NEW.created_at >= COALESCE(
                (SELECT max(h.at) FROM conversation_status_history h
                 WHERE h.conversation_id = NEW.conversation_id AND h.to_status = 'closed'), '')
            THEN 'open' ELSE status END
    WHERE id = NEW.conversation_id;
END;
