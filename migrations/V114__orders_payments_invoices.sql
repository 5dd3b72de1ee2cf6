-- Orders, stock reservations, payments and invoices (issue 20).
--
-- An order is born from an accepted devis in the acceptance's transaction (one order per
-- devis); its number is the devis number, which is also the mobile-money payment
-- reference the customer is given. `status` walks a_payer -> paye -> en_preparation ->
-- en_livraison -> livre, or annule. The invoice number FAC-YYYY-NNNN is drawn when the
-- order is paid, continuous per shop per year like the devis.
CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    shop_id          INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    devis_id         INTEGER NOT NULL REFERENCES devis(id) ON DELETE CASCADE,
    number           TEXT NOT NULL,
    conversation_id  INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    customer_name    TEXT,
    customer_phone   TEXT,
    status           TEXT NOT NULL DEFAULT 'a_payer'
                     CHECK (status IN ('a_payer', 'paye', 'en_preparation', 'en_livraison',
                                       'livre', 'annule')),
    total_ttc        INTEGER NOT NULL,
    currency         TEXT NOT NULL DEFAULT 'MGA',
    -- How it was paid (mvola, orange_money, airtel_money, especes) and the provider's
    -- transaction reference, once confirmed.
    paid_by          TEXT,
    paid_ref         TEXT,
    paid_at          TEXT,
    -- The reference the customer pasted, waiting for the owner's "Paiement reçu".
    claimed_by       TEXT,
    claimed_ref      TEXT,
    claimed_at       TEXT,
    invoice_number   TEXT,
    invoice_year     INTEGER,
    invoice_seq      INTEGER,
    invoice_pdf      TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (shop_id, devis_id),
    UNIQUE (shop_id, number),
    UNIQUE (shop_id, invoice_number),
    UNIQUE (shop_id, invoice_year, invoice_seq)
);
CREATE INDEX orders_by_status ON orders (shop_id, status, created_at);

-- Each step an order took, for the admin's detail page.
CREATE TABLE order_events (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX order_events_by_order ON order_events (order_id, id);

-- Stock held for an unpaid order: `products.stock` stays the goods on the shelf, the
-- available stock is it minus the held quantities. Payment takes the goods off the
-- shelf and drops the hold; a cancel or an expiry drops the hold alone.
CREATE TABLE stock_holds (
    order_id  INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    shop_id   INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    sku       TEXT NOT NULL,
    qty       INTEGER NOT NULL CHECK (qty > 0),
    PRIMARY KEY (order_id, sku)
);
CREATE INDEX stock_holds_by_sku ON stock_holds (shop_id, sku);

-- Mobile-money merchant-pay requests (MVola...): one row per request, keyed by the
-- provider's correlation id, so a repeated or late callback finds the row it already
-- settled and changes nothing.
CREATE TABLE payment_requests (
    id               INTEGER PRIMARY KEY,
    shop_id          INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    order_id         INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    provider         TEXT NOT NULL,
    correlation_id   TEXT NOT NULL,
    client_ref       TEXT NOT NULL,
    amount           INTEGER NOT NULL,
    debit_msisdn     TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'completed', 'failed')),
    transaction_ref  TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    settled_at       TEXT,
    UNIQUE (provider, correlation_id)
);
CREATE INDEX payment_requests_pending ON payment_requests (status, created_at);

CREATE TABLE invoice_counters (
    shop_id   INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    PRIMARY KEY (shop_id, year)
);
