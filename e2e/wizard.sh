#!/usr/bin/env bash
# Browser walk of the first-run wizard on a fresh install:  e2e/wizard.sh
#
# Builds `varotra` (debug), serves an EMPTY store (no shop, no account) on a free port
# with Meta faked by e2e/fake-graph.mjs, takes the one-time setup link that `serve`
# prints, and runs e2e/wizard.mjs with Debian's Chromium at 390 px: owner account →
# shop → WhatsApp number (a refused token, then a good one, checked against the fake)
# → starter catalogue → FAQ and messages → simulator, whose answer must quote a price
# of that catalogue. Stops every process it started. About 20 s once built.
# CHROMIUM=/path overrides the browser; E2E_KEEP=1 keeps the temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
E2E_LABEL="e2e wizard"
. e2e/harness.sh
(cd "$WORK" && "$BIN" migrate) >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }
(cd "$WORK" && exec "$BIN" serve) >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
link=""
for _ in $(seq 1 100); do
  link=$(grep -o "http://127.0.0.1:$PORT/setup?code=[A-Za-z0-9_-]*" "$WORK/serve.log" | head -n 1 || true)
  [ -n "$link" ] && curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  kill -0 "${PIDS[1]}" 2>/dev/null || break
  sleep 0.2
done
[ -n "$link" ] || { echo "serve printed no setup link"; exit 1; }
BASE_URL="http://127.0.0.1:$PORT" SETUP_URL="$link" WEBHOOK_APP_SECRET=e2e-secret \
  FAKE_GRAPH_URL="http://127.0.0.1:$GRAPH_PORT" timeout 120 node e2e/wizard.mjs &
PIDS+=($!)
wait $!
