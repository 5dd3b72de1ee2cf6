#!/usr/bin/env bash
# Browser test of the admin in one command:  e2e/run.sh
#
# Builds `varotra` (debug), seeds two demo shops with the CLI (e2e/seed.sh) in a temp
# dir — the store stays encrypted, as in production — serves it on a random free port,
# runs e2e/run.mjs with Debian's Chromium (apt-get install -y chromium
# fonts-noto-color-emoji; npm install is run in e2e/ when needed), then stops every
# process it started. About 60 s on the 2-core dev machine once built.
# WhatsApp is faked by e2e/fake-graph.mjs (Meta's Graph API on another free port):
# conversations arrive as signed webhooks, and the agent's reply must reach the fake.
# Screenshots land in docs/screenshots/. CHROMIUM=/path overrides the browser.
# E2E_KEEP=1 keeps the temp dir (server log, data) for a look afterwards.
# Exit status 0 only when every check passed; the last line says PASS or FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
E2E_LABEL="e2e"
. e2e/harness.sh
export E2E_EMAIL=rivo@example.mg E2E_AGENT_EMAIL=vola@example.mg E2E_OTHER_EMAIL=fara@example.mg \
  E2E_PASSWORD=mot-de-passe-demo WEBHOOK_APP_SECRET=e2e-secret
# 20 000 more products, so the devis editor is tried on a real catalogue's size.
python3 - "$WORK/catalogue-20000.csv" <<'PY'
import sys
goods = ["Savon", "Bougie", "Cahier", "Stylo", "Biscuit", "Lait concentré", "Sel fin", "Thé vert",
         "Farine", "Pâtes", "Sardines", "Allumettes", "Piles AA", "Lampe torche", "Seau", "Cuvette"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("sku;title;price;stock\n")
    for i in range(20000):
        g = goods[i % len(goods)]
        f.write(f"GEN-{i:05d};{g} modèle {i // len(goods)} lot de {i % 12 + 1};{500 + (i % 97) * 250};{i % 40}\n")
PY
export E2E_BIG_CSV="$WORK/catalogue-20000.csv"
SEEDED=$(date +%s)
(cd "$WORK" && VAROTRA_BIN="$BIN" bash "$ROOT/e2e/seed.sh") >"$WORK/seed.log" 2>&1 \
  || { cat "$WORK/seed.log"; exit 1; }
echo "e2e: seeded in $(( $(date +%s) - SEEDED )) s (two shops, 20 030 products)"
(cd "$WORK" && exec "$BIN" serve) >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
up=0
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && { up=1; break; }
  kill -0 "${PIDS[1]}" 2>/dev/null || break
  sleep 0.2
done
[ "$up" = 1 ] || { echo "the server did not answer /healthz on port $PORT"; exit 1; }
# In the background and waited for, so an INT/TERM reaches the trap at once (and the
# browser test is stopped with the rest) instead of after the foreground job.
BROWSER=$(date +%s)
BASE_URL="http://127.0.0.1:$PORT" FAKE_GRAPH_URL="http://127.0.0.1:$GRAPH_PORT" \
  timeout 150 node e2e/run.mjs &
PIDS+=($!)
wait $!
echo "e2e: browser walk in $(( $(date +%s) - BROWSER )) s"
