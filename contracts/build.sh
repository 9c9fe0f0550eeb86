#!/usr/bin/env bash
# Compiles every sample contract to build/<name>.wasm with the pinned AssemblyScript compiler.
# The stub runtime never frees memory, which suits one fresh instance per call and saves fuel.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/assemblyscript ]; then
  npm ci --no-audit --no-fund
fi
mkdir -p build
for dir in */; do
  name="${dir%/}"
  case "$name" in sdk|build|node_modules) continue ;; esac
  [ -f "$name/index.ts" ] || continue
  node node_modules/assemblyscript/bin/asc.js "$name/index.ts" \
    --outFile "build/$name.wasm" --runtime stub -O3 --noAssert
  echo "built build/$name.wasm ($(wc -c < "build/$name.wasm") bytes)"
done
