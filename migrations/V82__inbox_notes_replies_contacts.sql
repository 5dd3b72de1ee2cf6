-- Internal notes in a thread (never sent), the shop's quick replies (`/raccourci`, in
-- French and Malagasy) and what the shop knows about a contact (tags, opt-out).
CREATE TABLE conversation_notes (
    id               INTEGER PRIMARY KEY,
    shop_id          INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    author_id        INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    author_email     TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX conversation_notes_conv ON conversation_notes (conversation_id, id);

CREATE TABLE quick_replies (
    id          INTEGER PRIMARY KEY,
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    shortcut    TEXT NOT NULL,               -- without the slash, lowercase
    body_fr     TEXT NOT NULL,
    body_mg     TEXT NOT NULL DEFAULT '',    -- '' = the French text is used
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (shop_id, shortcut)
);

CREATE TABLE contact_profiles (
    shop_id       INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    customer_key  TEXT NOT NULL,             -- conversations.customer_key
    tags          TEXT NOT NULL DEFAULT '',  -- comma-separated, lowercase
    opted_out_at  TEXT,                      -- the customer asked for no more messages
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (shop_id, customer_key)
);
