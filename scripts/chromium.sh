#!/usr/bin/env bash
# Headless Chromium for the browser tests (Swagger UI): Debian's `chromium` package, installed when missing.
set -euo pipefail
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then echo "[chromium] $(command -v "$name")"; exit 0; fi
done
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then echo "[chromium] $CHROMIUM_PATH"; exit 0; fi
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
echo "[chromium] not found; installing Debian's chromium package"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "[chromium] $(command -v chromium)"
