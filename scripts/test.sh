#!/usr/bin/env bash
# The whole test suite, on a fresh clone or not: set-up, type check, lint, unit and integration
# tests (SQLite and PostgreSQL), the deployment files and the production smoke (two replicas
# of the built bundle on PostgreSQL), then the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/setup.sh
source scripts/env.sh

# PostgreSQL for the real-database tests: this machine kind starts it; start it if it stopped.
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "test: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi

# Debian's Chromium for the browser tests (a test tool's own browser download cannot work here).
if ! command -v chromium >/dev/null; then
  echo "test: installing chromium with apt"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
fi

echo "== install reproducibility (the lockfile holds whatever the registry publishes later)"
node --test scripts/registry-fixups.test.mjs

echo "== packages hold what their READMEs and package.json point at (config schema, migrations, templates)"
node scripts/check-packages.mjs

echo "== type check (bench/ included) and lint"
yarn tsc
yarn backstage-cli repo lint

echo "== packed packages: build, pack, type-check the packed declarations with skipLibCheck false"
node scripts/check-packed-types.mjs

echo "== unit and integration tests"
CI=true yarn backstage-cli repo test --maxWorkers=2

echo "== benchmarks, quick mode (small topologies: proves each still runs; figures come from 'yarn bench')"
yarn bench --quick

echo "== deployment files: Kubernetes manifests and the Dockerfile, offline"
node scripts/validate-kubernetes.mjs
node --test scripts/validate-kubernetes.test.mjs scripts/image/stage-image.test.mjs

echo "== production smoke: the image's steps, two replicas on PostgreSQL"
./scripts/prod-smoke.sh

echo "== browser tests"
yarn test:e2e
