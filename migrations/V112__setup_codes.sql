-- One-time codes that open the first-run setup wizard (/setup). Only the sha256 of a
-- code is stored; a code works once, until it expires, and only while no account exists.
CREATE TABLE setup_codes (
    code_hash  TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
