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
START=$(date +%s)
WORK=$(mktemp -d)
PIDS=()
finish() {
  rc=$?
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ] && [ -f "$WORK/serve.log" ]; then
    echo "--- last lines of the server log ---"; tail -n 30 "$WORK/serve.log"
  fi
  if [ -n "${E2E_KEEP:-}" ]; then echo "kept: $WORK (serve.log, seed.log, data)"; else rm -rf "$WORK"; fi
  if [ "$rc" -eq 0 ]; then echo "e2e: PASS in $(( $(date +%s) - START )) s"
  else echo "e2e: FAIL (exit $rc) after $(( $(date +%s) - START )) s"; fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

cargo build --quiet --bin varotra
# A copy of this build: a shared target dir may get another checkout's binary meanwhile.
cp "$(realpath "${CARGO_TARGET_DIR:-target}/debug/varotra")" "$WORK/varotra"
BIN="$WORK/varotra"
[ -d e2e/node_modules/playwright-core ] || (cd e2e && npm install --no-audit --no-fund)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "no Chromium at ${CHROMIUM:-/usr/bin/chromium}"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
GRAPH_PORT=$(free_port)
node e2e/fake-graph.mjs "$GRAPH_PORT" &
PIDS+=($!)
export VAROTRA__SERVER__DATA_DIR="$WORK/data" VAROTRA__STORAGE__KEY_FILE="$WORK/varotra.key" \
  VAROTRA__LLM__MODEL_PATH="" VAROTRA__SERVER__BIND="127.0.0.1:$PORT" \
  VAROTRA__SERVER__PUBLIC_URL="http://127.0.0.1:$PORT" VAROTRA__WHATSAPP__APP_SECRET=e2e-secret \
  VAROTRA__WHATSAPP__VERIFY_TOKEN=e2e-verify VAROTRA__WHATSAPP__GRAPH_API_BASE="http://127.0.0.1:$GRAPH_PORT/v21.0" \
  VAROTRA__WHATSAPP__PAIR_INTERVAL_MS=0
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
