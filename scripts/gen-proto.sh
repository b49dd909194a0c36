#!/usr/bin/env bash
# Generates the event contracts' TypeScript types and codecs from proto/**/*.proto.
set -euo pipefail
cd "$(dirname "$0")/.."
out=proto/generated
mkdir -p "$out"
mapfile -t files < <(find proto/mart -name '*.proto' | sort)
npx pbjs --target static-module --wrap commonjs --force-number --no-verify --no-delimited --no-typeurl \
  --out "$out/contracts.js" "${files[@]}"
npx pbts --out "$out/contracts.d.ts" "$out/contracts.js"
