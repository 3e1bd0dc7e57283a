#!/bin/sh
# Sets up every peer of `npm run bench` (`npm run bench:peers`): Tailcall, and GraphQL Mesh +
# Hive Gateway. Each installs into bench/.peers/ (or $BENCH_PEERS_DIR), never into the project's
# dependencies.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
sh "$HERE/tailcall/setup.sh"
sh "$HERE/mesh-hive-gateway/setup.sh"
