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
  if [ -n "${E2E_KEEP:-}" ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
  if [ "$rc" -eq 0 ]; then echo "e2e wizard: PASS in $(( $(date +%s) - START )) s"
  else echo "e2e wizard: FAIL (exit $rc) after $(( $(date +%s) - START )) s"; fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

cargo build --quiet --bin varotra
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
