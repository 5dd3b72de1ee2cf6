-- Varotra initial schema. Never edit a migration once it has landed: add a new one.
-- Money columns are integers in the currency's minor unit (MGA: 1 = 1 Ar).
-- Times are RFC 3339 UTC text unless named *_ms (unix milliseconds).

-- A shop is a tenant (the seed schema calls it `users`).
CREATE TABLE shops (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    company_name  TEXT NOT NULL,
    email         TEXT,
    phone         TEXT,
    address       TEXT,
    nif           TEXT,
    stat          TEXT,
    rcs           TEXT,
    -- VAT rate in basis points (2000 = 20 %); NULL means "TVA non applicable".
    vat_rate_bp   INTEGER DEFAULT 2000 CHECK (vat_rate_bp IS NULL OR vat_rate_bp BETWEEN 0 AND 10000),
    plan          TEXT NOT NULL DEFAULT 'starter',
    timezone      TEXT NOT NULL DEFAULT 'Indian/Antananarivo',
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Login accounts, separate from shops.
CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('owner', 'agent', 'agency')),
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Which shops an account may act for (an agency manages several).
CREATE TABLE memberships (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, shop_id)
);

-- Admin browser sessions; the cookie holds the token, the table its sha256.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    shop_id     INTEGER REFERENCES shops(id) ON DELETE SET NULL,
    csrf_token  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- REST API bearer tokens (sha256 stored), expiring and revocable.
CREATE TABLE api_tokens (
    token_hash  TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    expires_at  TEXT NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A shop's WhatsApp numbers and how to reach them.
CREATE TABLE whatsapp_accounts (
    id               INTEGER PRIMARY KEY,
    shop_id          INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    wa_number        TEXT NOT NULL,
    provider         TEXT NOT NULL CHECK (provider IN ('meta', '360dialog', 'gupshup')),
    webhook_token    TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL DEFAULT 'active',
    phone_number_id  TEXT NOT NULL UNIQUE,
    token            TEXT NOT NULL,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE products (
    id           INTEGER PRIMARY KEY,
    shop_id      INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    sku          TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    price        INTEGER NOT NULL CHECK (price >= 0),
    currency     TEXT NOT NULL DEFAULT 'MGA',
    stock        INTEGER,
    image        TEXT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (shop_id, sku)
);

CREATE TABLE faq_items (
    id          INTEGER PRIMARY KEY,
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX faq_items_shop ON faq_items (shop_id);

-- Free-form per-shop settings (greetings, hours, payment numbers, synonyms...).
CREATE TABLE settings (
    shop_id  INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (shop_id, key)
);

-- One conversation per customer per shop number.
CREATE TABLE conversations (
    id                INTEGER PRIMARY KEY,
    shop_id           INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    wa_account_id     INTEGER REFERENCES whatsapp_accounts(id) ON DELETE SET NULL,
    customer_key      TEXT NOT NULL,          -- wa_id, or user_id when no phone is known
    customer_phone    TEXT,
    customer_name     TEXT,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'needs_human', 'closed')),
    bot_paused        INTEGER NOT NULL DEFAULT 0,
    language          TEXT,
    unsure_count      INTEGER NOT NULL DEFAULT 0,
    last_inbound_at   TEXT,
    last_message_at   TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (shop_id, customer_key)
);
CREATE INDEX conversations_shop_last ON conversations (shop_id, last_message_at);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    shop_id          INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    wamid            TEXT UNIQUE,            -- provider message id; NULL until sent for outgoing
    direction        TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kind             TEXT NOT NULL,          -- text, image, document, interactive, reaction, ...
    body             TEXT,
    media_id         TEXT,
    media_path       TEXT,
    payload          TEXT,                   -- the message object as received / sent (JSON)
    status           TEXT NOT NULL DEFAULT 'received',
    status_rank      INTEGER NOT NULL DEFAULT 0,
    error            TEXT,
    author           TEXT,                   -- 'customer', 'bot', 'agent:<account id>'
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_shop_created ON messages (shop_id, created_at);

-- Raw webhook deliveries, kept for audit and replay.
CREATE TABLE inbound_events (
    id           INTEGER PRIMARY KEY,
    provider     TEXT NOT NULL,
    shop_id      INTEGER REFERENCES shops(id) ON DELETE SET NULL,
    payload      BLOB NOT NULL,
    received_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Durable work queue (assistant replies, media downloads, notifications...).
CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    shop_id     INTEGER REFERENCES shops(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    run_after   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_error  TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX jobs_pending ON jobs (status, run_after);

-- Every outgoing WhatsApp message is a row here before it is sent.
CREATE TABLE outbox (
    id                   INTEGER PRIMARY KEY,
    shop_id              INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    wa_account_id        INTEGER NOT NULL REFERENCES whatsapp_accounts(id) ON DELETE CASCADE,
    message_id           INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    to_phone             TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    payload              TEXT NOT NULL,      -- provider-neutral message (JSON)
    status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    provider_message_id  TEXT,
    last_error           TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    sent_at              TEXT
);
CREATE INDEX outbox_pending ON outbox (status, next_attempt_at);

-- A prospect per customer per shop, moved through the pipeline.
CREATE TABLE prospects (
    id                INTEGER PRIMARY KEY,
    shop_id           INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    phone             TEXT NOT NULL,
    name              TEXT,
    status            TEXT NOT NULL DEFAULT 'nouveau'
                      CHECK (status IN ('nouveau', 'qualifie', 'devis_envoye', 'gagne', 'perdu')),
    notes             TEXT NOT NULL DEFAULT '',
    first_contact_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_contact_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (shop_id, phone)
);

-- Quotes. `number` is DEV-YYYY-NNNN, continuous per shop per year.
CREATE TABLE devis (
    id               INTEGER PRIMARY KEY,
    shop_id          INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    number           TEXT NOT NULL,
    year             INTEGER NOT NULL,
    seq              INTEGER NOT NULL,
    conversation_id  INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    prospect_id      INTEGER REFERENCES prospects(id) ON DELETE SET NULL,
    customer_name    TEXT,
    customer_phone   TEXT,
    status           TEXT NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'sent', 'accepted', 'refused', 'expired')),
    currency         TEXT NOT NULL DEFAULT 'MGA',
    vat_rate_bp      INTEGER,
    total_ht         INTEGER NOT NULL,
    tva              INTEGER NOT NULL,
    total_ttc        INTEGER NOT NULL,
    valid_until      TEXT NOT NULL,
    pdf_path         TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (shop_id, number),
    UNIQUE (shop_id, year, seq)
);

CREATE TABLE devis_lines (
    id           INTEGER PRIMARY KEY,
    devis_id     INTEGER NOT NULL REFERENCES devis(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    sku          TEXT NOT NULL,
    designation  TEXT NOT NULL,
    qty          INTEGER NOT NULL CHECK (qty > 0),
    unit_price   INTEGER NOT NULL,
    line_total   INTEGER NOT NULL
);

CREATE TABLE devis_counters (
    shop_id   INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    PRIMARY KEY (shop_id, year)
);

-- Owner notifications (lead qualified, devis accepted, hand-over).
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    read        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
