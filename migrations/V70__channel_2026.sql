-- The channel as shops use WhatsApp in 2026 (issue 17) and exactly-once sends (issue 18).
-- The runner turns foreign keys off around migrations (db::migrations), so a table can
-- be rebuilt the way SQLite documents it without its referencing rows being touched.

-- 1. Messages are unique per (number, wamid), not on wamid across the store: one
--    tenant's delivery must never suppress another's. A column's UNIQUE cannot be
--    dropped in SQLite, hence the rebuild. The new columns:
--    wa_account_id     the number the message came to or left from
--    context_wamid     the message the customer quoted (context.id)
--    transcript        a voice note's text, from the [stt] server
--    media_state       pending | stored | too_large | failed | expired (NULL: no media)
--    media_note        why a media could not be stored, shown in the thread
--    edited_at         the sender edited the message (body holds the new text)
--    revoked_at        the sender deleted it: hidden in the admin
--    pricing_category  statuses' pricing.category (service, utility, marketing...)
--    billable          statuses' pricing.billable
CREATE TABLE messages_v70 (
    id                INTEGER PRIMARY KEY,
    shop_id           INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    conversation_id   INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    wa_account_id     INTEGER REFERENCES whatsapp_accounts(id) ON DELETE SET NULL,
    wamid             TEXT,
    direction         TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kind              TEXT NOT NULL,
    body              TEXT,
    media_id          TEXT,
    media_path        TEXT,
    payload           TEXT,
    status            TEXT NOT NULL DEFAULT 'received',
    status_rank       INTEGER NOT NULL DEFAULT 0,
    error             TEXT,
    author            TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    context_wamid     TEXT,
    transcript        TEXT,
    media_state       TEXT,
    media_note        TEXT,
    edited_at         TEXT,
    revoked_at        TEXT,
    pricing_category  TEXT,
    billable          INTEGER
);
INSERT INTO messages_v70 (id, shop_id, conversation_id, wa_account_id, wamid, direction, kind,
        body, media_id, media_path, payload, status, status_rank, error, author, created_at,
        media_state)
    SELECT m.id, m.shop_id, m.conversation_id,
           (SELECT c.wa_account_id FROM conversations c WHERE c.id = m.conversation_id),
           m.wamid, m.direction, m.kind, m.body, m.media_id, m.media_path, m.payload, m.status,
           m.status_rank, m.error, m.author, m.created_at,
           CASE WHEN m.media_path IS NOT NULL THEN 'stored'
                WHEN m.media_id IS NOT NULL THEN 'pending' END
    FROM messages m;
DROP TABLE messages;
ALTER TABLE messages_v70 RENAME TO messages;
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_shop_created ON messages (shop_id, created_at);
CREATE INDEX messages_conversation_created ON messages (conversation_id, direction, created_at);
CREATE UNIQUE INDEX messages_number_wamid ON messages (wa_account_id, wamid) WHERE wamid IS NOT NULL;
CREATE INDEX messages_wamid ON messages (wamid) WHERE wamid IS NOT NULL;

-- 2. One customer identity per conversation: the phone (wa_id, `customer_phone`) and the
--    business-scoped user id (BSUID) with the username, linked on first sight of both.
--    `owner_paused_until`: the owner answered from the phone app; the bot waits.
ALTER TABLE conversations ADD COLUMN customer_user_id TEXT;
ALTER TABLE conversations ADD COLUMN customer_username TEXT;
ALTER TABLE conversations ADD COLUMN owner_paused_until TEXT;
CREATE UNIQUE INDEX conversations_shop_user ON conversations (shop_id, customer_user_id)
    WHERE customer_user_id IS NOT NULL;
CREATE INDEX conversations_shop_phone ON conversations (shop_id, customer_phone);

-- 3. Numbers: the WhatsApp Business Account (templates live there), coexistence with the
--    Business app (lower throughput), a per-number send rate, the history back-fill.
ALTER TABLE whatsapp_accounts ADD COLUMN waba_id TEXT;
ALTER TABLE whatsapp_accounts ADD COLUMN coexistence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE whatsapp_accounts ADD COLUMN messages_per_second INTEGER;
ALTER TABLE whatsapp_accounts ADD COLUMN history_progress INTEGER;
ALTER TABLE whatsapp_accounts ADD COLUMN history_note TEXT;

-- 4. Outbox: what a row is for (owner_alert, devis_follow_up, order_update, human_reply;
--    NULL for a reply inside the conversation) and the values a template for that purpose
--    is filled with outside the 24-hour window. `held_until`: a row found mid-send after
--    a crash waits for its status webhook (it carries the row id as
--    biz_opaque_callback_data) until then, and only then is sent again.
ALTER TABLE outbox ADD COLUMN purpose TEXT;
ALTER TABLE outbox ADD COLUMN template_values TEXT;
ALTER TABLE outbox ADD COLUMN held_until TEXT;
ALTER TABLE outbox ADD COLUMN conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL;
CREATE INDEX outbox_provider_id ON outbox (wa_account_id, provider_message_id);

-- 5. Statuses that arrive before the send call returned their wamid (Meta may send
--    `sent` first): kept here and applied when the wamid is recorded.
CREATE TABLE pending_statuses (
    id                INTEGER PRIMARY KEY,
    shop_id           INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    wa_account_id     INTEGER NOT NULL REFERENCES whatsapp_accounts(id) ON DELETE CASCADE,
    wamid             TEXT NOT NULL,
    status            TEXT NOT NULL,
    error             TEXT,
    pricing_category  TEXT,
    billable          INTEGER,
    received_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX pending_statuses_wamid ON pending_statuses (wa_account_id, wamid);

-- 6. Approved message templates, synced from the provider and kept current by
--    message_template_status_update. `params`: the body parameter names as JSON ("1",
--    "2"... for positional templates).
CREATE TABLE wa_templates (
    id                INTEGER PRIMARY KEY,
    shop_id           INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    wa_account_id     INTEGER NOT NULL REFERENCES whatsapp_accounts(id) ON DELETE CASCADE,
    provider_id       TEXT,
    name              TEXT NOT NULL,
    language          TEXT NOT NULL,
    category          TEXT NOT NULL,
    status            TEXT NOT NULL,
    parameter_format  TEXT NOT NULL DEFAULT 'POSITIONAL',
    params            TEXT NOT NULL DEFAULT '[]',
    body              TEXT NOT NULL DEFAULT '',
    reason            TEXT,
    synced_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (wa_account_id, name, language)
);
CREATE INDEX wa_templates_shop ON wa_templates (shop_id, status);

-- 7. The owner's address book on the Business app (smb_app_state_sync): the name the
--    owner knows a customer by, applied to their conversation.
CREATE TABLE wa_contacts (
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    phone       TEXT NOT NULL,
    full_name   TEXT,
    first_name  TEXT,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (shop_id, phone)
);

-- 8. A devis follow-up is sent once.
ALTER TABLE devis ADD COLUMN followed_up_at TEXT;
