-- Devis lines beyond catalogue products (issue 19): a delivery fee, a free-text line
-- (work, an article not in the catalogue) and a discount (negative amounts). `sku` is
-- '' for them; a discount has qty 1 and a negative unit price and line total.
ALTER TABLE devis_lines ADD COLUMN kind TEXT NOT NULL DEFAULT 'product'
    CHECK (kind IN ('product', 'delivery', 'custom', 'discount'));
