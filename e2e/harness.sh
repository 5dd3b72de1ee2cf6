# Sourced by e2e/run.sh and e2e/wizard.sh (which set E2E_LABEL and cd to the repo root):
# a temp dir, a trap that stops every process in PIDS and says PASS or FAIL, a copy of the
# debug build in $BIN, playwright-core and Chromium checked, a free PORT for `serve` and a
# GRAPH_PORT where e2e/fake-graph.mjs fakes Meta, and the VAROTRA__* settings for both.
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
  if [ -n "${E2E_KEEP:-}" ]; then echo "kept: $WORK (serve.log, data)"; else rm -rf "$WORK"; fi
  if [ "$rc" -eq 0 ]; then echo "$E2E_LABEL: PASS in $(( $(date +%s) - START )) s"
  else echo "$E2E_LABEL: FAIL (exit $rc) after $(( $(date +%s) - START )) s"; fi
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
