#!/usr/bin/env bash
# Installs whatever is missing (scripts/setup.sh), then serves the app at http://127.0.0.1:8080
# with trunk, rebuilding on every change. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
. scripts/env.sh
echo "serve: building, then serving at http://127.0.0.1:8080 (the first build takes a few minutes)"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
