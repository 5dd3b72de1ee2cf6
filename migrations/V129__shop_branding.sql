-- White-label branding of a shop's devis and factures (issue 21): its logo, checked
-- and re-encoded as PNG at upload (at most 600 x 240 px), its accent colour
-- (`#rrggbb`) and a footer line. Shown only when the shop's plan has white-label.
CREATE TABLE shop_branding (
    shop_id     INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    logo_png    BLOB,
    accent      TEXT,
    footer      TEXT,
    updated_at  TEXT NOT NULL
);
