#!/usr/bin/env bash
# Runs NovaPulse locally: installs dependencies if needed, then hands over to up.mjs on Node 24.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing dependencies…"
  npm install --no-audit --no-fund
fi
exec node_modules/.bin/node scripts/up.mjs "$@"
