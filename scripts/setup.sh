#!/usr/bin/env bash
# Installs what building and testing phiseal needs on a fresh machine. Idempotent: each step
# checks first and does nothing when its tool is already there. Only registry packages are
# downloaded (rustup components, crates.io, npm, Debian).
#
# Usage: bash scripts/setup.sh [STEP...]
#   steps: rust (wasm32 target), wasm-bindgen (CLI pinned to Cargo.lock), npm (npm ci),
#          browser (Debian chromium + chromium-driver, for browser tests; needs root)
#   no step: rust wasm-bindgen npm
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }

setup_rust() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rust: wasm32-unknown-unknown target present"
  else
    log "rust: adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock, or the
# generated glue does not match the compiled module.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup_wasm_bindgen() {
  local want have
  want="$(locked_wasm_bindgen_version)"
  [[ -n "$want" ]] || { log "wasm-bindgen: no version in Cargo.lock"; exit 1; }
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [[ "$have" == "$want" ]]; then
    log "wasm-bindgen: CLI $have present"
    return
  fi
  log "wasm-bindgen: installing wasm-bindgen-cli $want (found '${have:-none}'; takes a few minutes)"
  # --locked uses the CLI's own lock file; when the registry no longer serves one of its
  # pinned versions (yanked), fall back to resolving compatible versions.
  cargo install wasm-bindgen-cli --version "$want" --locked \
    || cargo install wasm-bindgen-cli --version "$want" --force
}

setup_npm() {
  if [[ -d node_modules/.bin && node_modules/.package-lock.json -nt package-lock.json ]]; then
    log "npm: node_modules up to date"
  else
    log "npm: npm ci"
    npm ci --no-audit --no-fund
  fi
}

# Debian's Chromium and ChromeDriver (never a browser downloaded by a test tool).
setup_browser() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    log "browser: /usr/bin/chromium and /usr/bin/chromedriver present"
  elif [[ "$(id -u)" -ne 0 ]]; then
    log "browser: chromium or chromedriver missing and not root: skipping (apt-get install chromium chromium-driver)"
  else
    log "browser: installing Debian chromium and chromium-driver"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
}

steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(rust wasm-bindgen npm)
for step in "${steps[@]}"; do
  case "$step" in
    rust) setup_rust ;;
    wasm-bindgen) setup_wasm_bindgen ;;
    npm) setup_npm ;;
    browser) setup_browser ;;
    *) log "unknown step '$step' (rust, wasm-bindgen, npm, browser)"; exit 2 ;;
  esac
done
