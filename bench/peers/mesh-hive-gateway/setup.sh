#!/bin/sh
# Installs the GraphQL Mesh + Hive Gateway peer of `npm run bench` (run once; rerunning updates it).
#
# Where: $BENCH_PEERS_DIR/mesh-hive-gateway, by default bench/.peers/mesh-hive-gateway (ignored by
# git); never into the project's own dependencies. From: the npm registry only. The files of this
# folder (package.json, mesh.config.ts, openapi/) are copied there and installed with npm; the
# benchmark composes the supergraph there for each run, as the emulator's port changes.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PEERS=${BENCH_PEERS_DIR:-$HERE/../../.peers}
mkdir -p "$PEERS/mesh-hive-gateway"
DEST=$(cd "$PEERS/mesh-hive-gateway" && pwd)

echo "GraphQL Mesh + Hive Gateway into $DEST"
cp -R "$HERE/package.json" "$HERE/mesh.config.ts" "$HERE/openapi" "$DEST/"
cd "$DEST"
npm install --no-audit --no-fund
[ -x node_modules/.bin/hive-gateway ] && [ -x node_modules/.bin/mesh-compose ]
echo "Mesh + Hive Gateway is set up; \`npm run bench\` now runs it next to our gateway."
