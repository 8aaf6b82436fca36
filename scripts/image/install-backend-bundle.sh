#!/usr/bin/env bash
# Turns what `yarn build:backend` wrote (packages/backend/dist/skeleton.tar.gz and
# bundle.tar.gz, copied beside this script with the root package.json, yarn.lock, .yarnrc.yml
# and .yarn/{releases,plugins,platform-binary-pins.json}) into a runnable backend directory:
#   node packages/backend --config app-config.yaml --config app-config.production.yaml
# Run by the image (packages/backend/Dockerfile, stage 3) and by scripts/prod-smoke.sh, so the
# smoke installs exactly as the image does.
set -euo pipefail
cd "${1:-$(dirname "${BASH_SOURCE[0]}")}"

# The skeleton holds the package.json of every workspace package the backend needs: with
# yarn.lock that is enough for the install.
tar xzf skeleton.tar.gz && rm skeleton.tar.gz

# Production dependencies only. Yarn 4 has no `install --production`: `workspaces focus --all
# --production` is its equivalent. With YARN_ENABLE_NETWORK=0 it must find every package in the
# cache (the smoke runs it that way to prove the image build needs nothing beyond stage 2).
yarn workspaces focus --all --production

tar xzf bundle.tar.gz && rm bundle.tar.gz
