#!/usr/bin/env bash
# Seeds a demo shop for the browser test into $VAROTRA__SERVER__DATA_DIR.
#
# The shop, its owner and its WhatsApp number are created with the `varotra` CLI.
# Conversations, messages, prospects and a devis have no CLI (they arrive through
# webhooks and the bot), so they are written with sqlite3: this only works on a demo
# store with encryption off (VAROTRA__STORAGE__ENCRYPT=false), which run.sh sets.
#
# usage: VAROTRA_BIN=target/debug/varotra e2e/seed.sh
set -euo pipefail
BIN=${VAROTRA_BIN:-varotra}
: "${VAROTRA__SERVER__DATA_DIR:?set VAROTRA__SERVER__DATA_DIR}"
EMAIL=${E2E_EMAIL:-rivo@example.mg}
PASSWORD=${E2E_PASSWORD:-mot-de-passe-demo}

"$BIN" migrate
"$BIN" shop add --slug epicerie-rivo --name "Epicerie Rivo" \
  --address "Lot IVG 12 Bis, Analakely, Antananarivo" --phone "+261 32 00 000 01" \
  --nif 4001234567 --stat "47111 11 2019 0 01234" --vat-rate 20
printf '%s\n' "$PASSWORD" | "$BIN" user add --email "$EMAIL" --shop epicerie-rivo --role owner
VAROTRA_NUMBER_TOKEN=demo-token "$BIN" number add --shop epicerie-rivo --provider meta \
  --phone-number-id 106540352242922 --display-phone +261320000001

DB="$VAROTRA__SERVER__DATA_DIR/varotra.db"
sqlite3 "$DB" <<'SQL'
PRAGMA foreign_keys = ON;
-- Times relative to now, so the dashboard's "today" and chart have something to show.
CREATE TEMP TABLE seed_conv (key TEXT, name TEXT, status TEXT, paused INT);
INSERT INTO seed_conv VALUES
  ('261341234567', 'Rasoa', 'needs_human', 0),
  ('261331111111', 'Hery', 'closed', 0),
  ('261320000003', 'Tiana', 'open', 0),
  ('261340000004', 'Fara', 'open', 0);
INSERT INTO conversations (shop_id, wa_account_id, customer_key, customer_phone, customer_name, status, bot_paused, created_at, last_message_at)
  SELECT s.id, w.id, c.key, c.key, c.name, c.status, c.paused,
         strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-3 hours'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 minutes')
  FROM seed_conv c, shops s JOIN whatsapp_accounts w ON w.shop_id = s.id WHERE s.slug = 'epicerie-rivo';

-- One message pair per day over the last 30 days gives the chart its shape.
WITH RECURSIVE d(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM d WHERE n < 29)
INSERT INTO messages (shop_id, conversation_id, direction, kind, body, status, author, created_at)
  SELECT c.shop_id, c.id, dir, 'text', CASE dir WHEN 'in' THEN 'Misy vary ve ?' ELSE 'Oui, le riz 5 kg est à 18 000 Ar.' END,
         CASE dir WHEN 'in' THEN 'received' ELSE 'read' END, CASE dir WHEN 'in' THEN 'customer' ELSE 'bot' END,
         strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || n || ' days', '-' || (n % 5) || ' hours')
  FROM d, conversations c, (SELECT 'in' AS dir UNION ALL SELECT 'out')
  WHERE c.customer_key = '261331111111' AND (n % 3 != 0 OR dir = 'in');

INSERT INTO messages (shop_id, conversation_id, direction, kind, body, status, author, created_at)
  SELECT c.shop_id, c.id, m.dir, 'text', m.body, m.status, m.author, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', m.ago)
  FROM conversations c JOIN (
    SELECT '261341234567' k, 'in' dir, 'Bonjour, ohatrinona ny vary 5 kg ?' body, 'received' status, 'customer' author, '-40 minutes' ago
    UNION ALL SELECT '261341234567', 'out', 'Le riz 5 kg est à 18 000 Ar. Souhaitez-vous un devis ?', 'read', 'bot', '-39 minutes'
    UNION ALL SELECT '261341234567', 'in', 'Mila olona aho azafady, te hiresaka amin''ny tompony', 'received', 'customer', '-12 minutes'
    UNION ALL SELECT '261320000003', 'in', 'Avez-vous du savon de Marseille ?', 'received', 'customer', '-25 minutes'
    UNION ALL SELECT '261320000003', 'out', 'Oui : savon 400 g à 2 500 Ar, 40 en stock.', 'delivered', 'bot', '-24 minutes'
    UNION ALL SELECT '261340000004', 'in', 'Misy huile 1 L ve ?', 'received', 'customer', '-15 minutes'
    UNION ALL SELECT '261340000004', 'out', 'Oui, huile 1 L à 9 500 Ar.', 'sent', 'bot', '-14 minutes'
  ) m ON m.k = c.customer_key;

INSERT INTO prospects (shop_id, phone, name, status)
  SELECT c.shop_id, c.customer_key, c.customer_name,
         CASE c.customer_name WHEN 'Rasoa' THEN 'devis_envoye' WHEN 'Hery' THEN 'gagne' WHEN 'Tiana' THEN 'qualifie' ELSE 'nouveau' END
  FROM conversations c;
INSERT INTO devis (shop_id, number, year, seq, conversation_id, prospect_id, customer_name, customer_phone, status, total_ht, tva, total_ttc, valid_until)
  SELECT p.shop_id, 'DEV-2026-0001', 2026, 1, c.id, p.id, p.name, p.phone, 'sent', 15000, 3000, 18000, '2026-12-31'
  FROM prospects p JOIN conversations c ON c.customer_key = p.phone WHERE p.name = 'Rasoa';
SQL
echo "seeded: $EMAIL / $PASSWORD"
