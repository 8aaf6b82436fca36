#!/usr/bin/env bash
# Production smoke: builds what the image contains, installs it as the image does (offline,
# from the Yarn cache), starts it twice on the local PostgreSQL and checks what several
# replicas must get right. The README's "Production" section lists the same commands.
#
#   ./scripts/prod-smoke.sh            # 3-5 minutes on 2 shared cores (PROD_SMOKE_KEEP=1 keeps the logs)
#
# Steps (the Dockerfile's, packages/backend/Dockerfile):
#   1. yarn tsc && yarn build:backend            (stage 2: app + backend bundle)
#   2. node scripts/image/stage-image.mjs DIR     (stage 3 outside Docker: its COPYs, then
#      scripts/image/install-backend-bundle.sh   = yarn workspaces focus --all --production,
#      with YARN_ENABLE_NETWORK=0: every package must come from the cache)
#   3. node scripts/prod-smoke/checks.mjs         (the image's CMD twice, ports 7107/7108, with
#      deploy/smoke/app-config.smoke.yaml; a database prefix fresh for this run)
# Ports 7007/3000 are left to the browser tests. Databases smoke_<run>_* are dropped at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
started=$(date +%s)

# One smoke at a time on this machine (fixed ports, shared PostgreSQL).
exec 9>/tmp/platform-ops-prod-smoke.lock
flock 9

PGURL="${PROD_SMOKE_POSTGRES:-postgresql://postgres@127.0.0.1:5432/postgres}"
if ! psql "$PGURL" -qtAc 'select 1' >/dev/null; then
  echo "prod-smoke: PostgreSQL at $PGURL is not reachable (scripts/test.sh starts it)" >&2
  exit 1
fi
export SMOKE_DB_PREFIX="smoke_$(date +%Y%m%d%H%M%S)_$$_"
work="$(mktemp -d /tmp/platform-ops-prod-smoke.XXXXXX)"

cleanup() {
  local dbs
  dbs=$(psql "$PGURL" -qtAc "select datname from pg_database where datname like '${SMOKE_DB_PREFIX}%'" || true)
  for db in $dbs; do psql "$PGURL" -qc "drop database if exists \"$db\" with (force)" >/dev/null || true; done
  if [ "${PROD_SMOKE_KEEP:-}" = "1" ]; then echo "prod-smoke: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

step() { echo "== prod-smoke: $* ($(($(date +%s) - started)) s)"; }

step "build the app and the backend bundle (yarn tsc, yarn build:backend)"
yarn tsc
yarn build:backend

step "stage the image's last stage into $work/app, installing offline from the Yarn cache"
YARN_ENABLE_NETWORK=0 node scripts/image/stage-image.mjs "$work/app"

step "two replicas on PostgreSQL (database prefix $SMOKE_DB_PREFIX)"
node scripts/prod-smoke/checks.mjs "$work/app" "$work"

echo "prod-smoke: passed in $(($(date +%s) - started)) s"
