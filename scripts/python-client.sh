#!/usr/bin/env bash
# Installs the Python Confluent client the interoperability test runs (test/python/) into .cache/python,
# once per version of its requirements file.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.cache/python
REQUIREMENTS=test/python/requirements.txt
STAMP="$VENV/requirements.sha256"
want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [[ -x "$VENV/bin/python" && "$(cat "$STAMP" 2>/dev/null)" == "$want" ]]; then exit 0; fi
command -v python3 >/dev/null || { echo "python3 (3.9+) is needed for the interoperability test" >&2; exit 1; }
echo "[python-client] installing $REQUIREMENTS into $VENV"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
echo "$want" >"$STAMP"
