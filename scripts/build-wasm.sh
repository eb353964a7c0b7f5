#!/usr/bin/env bash
# Builds the npm package's generated files into pkg/dist/ (gitignored):
#   phiseal_wasm_bg.wasm  the core compiled to WebAssembly (size-optimised by wasm-opt)
#   phiseal_wasm_bg.js    wasm-bindgen glue (ESM), imported by pkg/src/*.js
#   phiseal.cjs           the same glue plus pkg/src/ bundled as CommonJS, for require()
# The loaders (pkg/index.js, pkg/node.js, pkg/node.cjs) and types (pkg/index.d.ts) are
# hand-written and committed.
#
# Usage: bash scripts/build-wasm.sh [--no-setup]
set -euo pipefail
cd "$(dirname "$0")/.."

[[ "${1:-}" == "--no-setup" ]] || bash scripts/setup.sh rust wasm-bindgen npm

profile=wasm-release
target=wasm32-unknown-unknown
dist=pkg/dist
bin=node_modules/.bin

echo "[build-wasm] cargo build -p phiseal-wasm --target $target --profile $profile"
cargo build -p phiseal-wasm --target "$target" --profile "$profile"

rm -rf "$dist"
mkdir -p "$dist"
# --target bundler emits `phiseal_wasm_bg.js`, an ESM module whose exports are the glue and
# which the hand-written loaders instantiate themselves (sync in Node, async in browsers).
wasm-bindgen --target bundler --no-typescript --out-dir "$dist" --out-name phiseal_wasm \
  "target/$target/$profile/phiseal_wasm.wasm"
# The bundler entry imports the .wasm as an ES module, which Node and browsers cannot do.
rm -f "$dist/phiseal_wasm.js"

# The features rustc enables by default for wasm32-unknown-unknown (all in Node >= 18 and
# current browsers); --all-features would let wasm-opt emit newer encodings Node 20 rejects.
wasm_features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
if [[ -x "$bin/wasm-opt" ]]; then
  "$bin/wasm-opt" -O3 "${wasm_features[@]}" --strip-debug --strip-producers \
    -o "$dist/phiseal_wasm_bg.wasm" "$dist/phiseal_wasm_bg.wasm"
else
  echo "[build-wasm] wasm-opt not found (npm package binaryen): skipping size optimisation"
fi

"$bin/esbuild" pkg/src/internal.js --bundle --format=cjs --platform=neutral \
  --log-level=warning --outfile="$dist/phiseal.cjs"

echo "[build-wasm] $(wc -c < "$dist/phiseal_wasm_bg.wasm") bytes of WebAssembly in $dist/"
