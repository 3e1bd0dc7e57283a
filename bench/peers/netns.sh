#!/bin/sh
# Runs a command in a fresh network namespace whose only interface is loopback: inside it,
# 127.0.0.1 works and every other address is unreachable. The benchmark runs the peers that
# phone home (Tailcall checks for updates and sends telemetry) in such a namespace, together with
# everything that talks to them (emulator, our gateway, load generator).
# As root this is `unshare --net`; other users get a user namespace as well (--map-root-user).
set -eu
[ "$#" -gt 0 ] || { echo "usage: $0 <command> [args…]" >&2; exit 2; }
USERNS=
[ "$(id -u)" = 0 ] || USERNS=--map-root-user
# The namespace's loopback starts down: bring it up, then become the command.
exec unshare --net $USERNS -- sh -c 'ip link set lo up && exec "$@"' sh "$@"
