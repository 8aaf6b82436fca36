#!/usr/bin/env bash
# Quick start: installs what is missing, then starts Backstage on the embedded defaults
# (frontend http://localhost:3000, backend http://localhost:7007, simulated AWS account).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/setup.sh
source scripts/env.sh
exec yarn start "$@"
