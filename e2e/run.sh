#!/usr/bin/env bash
# Browser test of the admin in one command:  e2e/run.sh
#
# Builds `varotra` (debug), seeds a demo shop (e2e/seed.sh) in a temp dir with
# encryption off, serves it on a free port, then runs e2e/run.mjs with Debian's
# Chromium (apt-get install -y chromium fonts-noto-color-emoji; npm install is run
# in e2e/ when needed) and stops the server. About 45 s on the 2-core dev machine.
# WhatsApp is faked by e2e/fake-graph.mjs (Meta's Graph API on a local port): the
# test delivers a signed webhook, and checks the agent's reply reaches the fake.
# Screenshots land in docs/screenshots/. CHROMIUM=/path overrides the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --bin varotra
BIN=$(realpath "${CARGO_TARGET_DIR:-target}/debug/varotra")
[ -d e2e/node_modules/playwright-core ] || (cd e2e && npm install --no-audit --no-fund)

WORK=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
GRAPH_PORT=$(free_port)
node e2e/fake-graph.mjs "$GRAPH_PORT" &
GRAPH=$!
export VAROTRA__SERVER__DATA_DIR="$WORK/data" VAROTRA__STORAGE__ENCRYPT=false \
  VAROTRA__LLM__MODEL_PATH="" VAROTRA__SERVER__BIND="127.0.0.1:$PORT" \
  VAROTRA__SERVER__PUBLIC_URL="http://127.0.0.1:$PORT" VAROTRA__WHATSAPP__APP_SECRET=e2e-secret \
  VAROTRA__WHATSAPP__VERIFY_TOKEN=e2e-verify VAROTRA__WHATSAPP__GRAPH_API_BASE="http://127.0.0.1:$GRAPH_PORT/v21.0"
export E2E_EMAIL=rivo@example.mg E2E_PASSWORD=mot-de-passe-demo WEBHOOK_APP_SECRET=e2e-secret
(cd "$WORK" && VAROTRA_BIN="$BIN" bash "$OLDPWD/e2e/seed.sh") >/dev/null
"$BIN" serve >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER $GRAPH 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
BASE_URL="http://127.0.0.1:$PORT" FAKE_GRAPH_URL="http://127.0.0.1:$GRAPH_PORT" node e2e/run.mjs
