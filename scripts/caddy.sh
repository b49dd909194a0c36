#!/usr/bin/env bash
# The gateway of the local split deployment: Caddy, built once from the Go module proxy (the only way this machine
# can reach it) into .cache/tools. Prints the binary's path. Needs Go 1.25+ (`go version`).
set -euo pipefail
CADDY_VERSION=v2.11.9
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN_DIR="$ROOT/.cache/tools/caddy-$CADDY_VERSION"
if [ -x "$BIN_DIR/caddy" ]; then echo "$BIN_DIR/caddy"; exit 0; fi
command -v go >/dev/null 2>&1 || { echo "[caddy] Go is needed to build the gateway (https://go.dev/doc/install)" >&2; exit 1; }
echo "[caddy] building Caddy $CADDY_VERSION from the Go module proxy (once; about two minutes)" >&2
mkdir -p "$BIN_DIR"
GOBIN="$BIN_DIR" GOFLAGS=-mod=mod go install "github.com/caddyserver/caddy/v2/cmd/caddy@$CADDY_VERSION" >&2
echo "$BIN_DIR/caddy"
