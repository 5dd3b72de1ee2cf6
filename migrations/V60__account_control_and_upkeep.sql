-- Account control (issue 18): one-time links to set a password, sent by email or
-- handed over by the owner. Only the sha256 of the link's token is stored; a link
-- works once (used_at) and until it expires.
CREATE TABLE password_links (
    token_hash  TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX password_links_account ON password_links (account_id);

-- When each account last changed its password (shown on the team page).
ALTER TABLE accounts ADD COLUMN password_changed_at TEXT;

