-- Quotes and the mini-CRM (issue 6).
-- A devis can be opened by the customer through a random, expiring link (`/d/{token}`)
-- sent on WhatsApp; the token is random (32 bytes, hex), unique, and expires.
ALTER TABLE devis ADD COLUMN public_token TEXT;
ALTER TABLE devis ADD COLUMN public_token_expires_at TEXT;
ALTER TABLE devis ADD COLUMN sent_at TEXT;
ALTER TABLE devis ADD COLUMN accepted_at TEXT;
CREATE UNIQUE INDEX devis_public_token ON devis (public_token) WHERE public_token IS NOT NULL;
CREATE INDEX devis_shop_created ON devis (shop_id, id);
CREATE INDEX devis_lines_devis ON devis_lines (devis_id, position);

-- Prospects: how many messages the customer sent, for the board.
ALTER TABLE prospects ADD COLUMN messages INTEGER NOT NULL DEFAULT 0;
CREATE INDEX prospects_shop_status ON prospects (shop_id, status, last_contact_at);

-- Owner notifications: the email leg is sent by a background mailer; the address is
-- captured when the notification is written ('none' when the shop set no address).
ALTER TABLE notifications ADD COLUMN email_to TEXT;
ALTER TABLE notifications ADD COLUMN email_status TEXT NOT NULL DEFAULT 'none'
    CHECK (email_status IN ('none', 'pending', 'sent', 'failed'));
ALTER TABLE notifications ADD COLUMN email_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN email_error TEXT;
CREATE INDEX notifications_email_pending ON notifications (email_status) WHERE email_status = 'pending';
