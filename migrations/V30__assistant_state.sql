-- What the assistant remembers about a conversation between two messages: the last
-- products asked about (so "et en 5 litres ?" resolves) and a quote waiting for the
-- customer's "Valider le devis".
CREATE TABLE assistant_state (
    conversation_id  INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    shop_id          INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    last_intent      TEXT,
    last_words       TEXT NOT NULL DEFAULT '',      -- product words, space-separated
    last_skus        TEXT NOT NULL DEFAULT '[]',    -- JSON array
    pending_quote    TEXT,                          -- JSON [{"sku","qty"}] or NULL
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX assistant_state_shop ON assistant_state (shop_id);
