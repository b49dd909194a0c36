#!/usr/bin/env bash
# The schema-evolution gate. The .proto files must stay compatible, by the rules in proto/buf.yaml, with the
# contracts subscribers already depend on: proto/compat/baseline.json, a buf image of the last accepted
# contracts. A field renumbered, retyped or removed without being reserved fails with buf's message naming it.
#   scripts/proto-compat.sh          check the working tree against the baseline, and that the baseline is current
#   scripts/proto-compat.sh update   check, then record the current contracts as the new baseline
# The baseline must change with every .proto change (in the same commit), so that it always is what main
# publishes: otherwise a field added without recording it could later be retyped unnoticed.
set -euo pipefail
cd "$(dirname "$0")/.."

baseline=proto/compat/baseline.json
buf() { node_modules/.bin/buf "$@"; }

check() {
  if ! buf breaking proto --against "$baseline"; then
    echo "The .proto changes above are not backward-compatible with $baseline: subscribers decoding" >&2
    echo "the published events would break. Add a field with a new number (reserve removed ones) instead." >&2
    return 1
  fi
}

build_image() {
  buf build proto --exclude-source-info -o "$1"
  # Pretty-printed, so that a change of the contracts reads as a diff in review.
  node -e 'const f = process.argv[1]; const fs = require("fs"); fs.writeFileSync(f, JSON.stringify(JSON.parse(fs.readFileSync(f, "utf8")), null, 1) + "\n")' "$1"
}

current() {
  local image
  image="$(mktemp --suffix=.json)"
  build_image "$image"
  if ! cmp -s "$image" "$baseline"; then
    rm -f "$image"
    echo "The .proto files changed compatibly, but $baseline does not record it yet:" >&2
    echo "run 'npm run proto:baseline' and commit the baseline with the change." >&2
    return 1
  fi
  rm -f "$image"
}

case "${1:-check}" in
  check) check && current ;;
  update)
    check
    build_image "$baseline"
    echo "baseline updated: $baseline"
    ;;
  *) echo "usage: $0 [check|update]" >&2; exit 2 ;;
esac
