#!/usr/bin/env bash
# Seeds the browser test's demo data into $VAROTRA__SERVER__DATA_DIR with the `varotra`
# CLI only, so the store stays encrypted (the default):
#   - shop "epicerie-rivo": owner $E2E_EMAIL, agent $E2E_AGENT_EMAIL, a Meta number
#     (phone_number_id 106540352242922), the epicerie catalogue fixture and, when
#     $E2E_BIG_CSV names one, a generated 20 000-product catalogue;
#   - shop "quincaillerie-fara": its own owner $E2E_OTHER_EMAIL and number (…923).
# Conversations and messages arrive later through signed webhooks (run.mjs), as they
# would from WhatsApp; the devis is created in the browser.
#
# usage: VAROTRA_BIN=target/debug/varotra e2e/seed.sh   (any directory)
set -euo pipefail
BIN=${VAROTRA_BIN:-varotra}
: "${VAROTRA__SERVER__DATA_DIR:?set VAROTRA__SERVER__DATA_DIR}"
EMAIL=${E2E_EMAIL:-rivo@example.mg}
AGENT_EMAIL=${E2E_AGENT_EMAIL:-vola@example.mg}
OTHER_EMAIL=${E2E_OTHER_EMAIL:-fara@example.mg}
PASSWORD=${E2E_PASSWORD:-mot-de-passe-demo}

"$BIN" migrate
"$BIN" shop add --slug epicerie-rivo --name "Epicerie Rivo" \
  --address "Lot IVG 12 Bis, Analakely, Antananarivo" --phone "+261 32 00 000 01" \
  --nif 4001234567 --stat "47111 11 2019 0 01234" --vat-rate 20
"$BIN" shop add --slug quincaillerie-fara --name "Quincaillerie Fara" \
  --address "Route de l'Université, Ankatso, Antananarivo" --no-vat
printf '%s\n' "$PASSWORD" | "$BIN" user add --email "$EMAIL" --shop epicerie-rivo --role owner
printf '%s\n' "$PASSWORD" | "$BIN" user add --email "$AGENT_EMAIL" --shop epicerie-rivo --role agent
printf '%s\n' "$PASSWORD" | "$BIN" user add --email "$OTHER_EMAIL" --shop quincaillerie-fara --role owner
VAROTRA_NUMBER_TOKEN=demo-token "$BIN" number add --shop epicerie-rivo --provider meta \
  --phone-number-id 106540352242922 --display-phone +261320000001
VAROTRA_NUMBER_TOKEN=demo-token-2 "$BIN" number add --shop quincaillerie-fara --provider meta \
  --phone-number-id 106540352242923 --display-phone +261320000002
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$BIN" catalog import --shop epicerie-rivo "$ROOT/tests/fixtures/catalog-epicerie.csv"
# A large catalogue for the devis editor's search (run.sh generates it).
if [ -n "${E2E_BIG_CSV:-}" ]; then "$BIN" catalog import --shop epicerie-rivo "$E2E_BIG_CSV"; fi
echo "seeded: $EMAIL (owner), $AGENT_EMAIL (agent), $OTHER_EMAIL (other shop) / $PASSWORD"
