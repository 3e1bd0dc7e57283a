#!/bin/sh
# Starts the Tailcall peer installed by setup.sh, e.g. `tailcall.sh start tailcall.yml`.
# It refuses to run outside a loopback-only network namespace (bench/peers/netns.sh makes one),
# because Tailcall checks for updates and sends usage telemetry by default; the tracker is also
# switched off (TAILCALL_TRACKER=false).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DEST=${BENCH_PEERS_DIR:-$HERE/../../.peers}/tailcall
if ! OTHERS=$("$HERE/../loopback-only.sh"); then
  echo "tailcall.sh: refusing to start with network interfaces besides loopback ($OTHERS); run it through bench/peers/netns.sh" >&2
  exit 3
fi
LIB="$DEST/glibc/usr/lib/x86_64-linux-gnu"
BIN="$DEST/node_modules/@tailcallhq/core-linux-x64-gnu/bin/tailcall"
[ -x "$BIN" ] && [ -e "$LIB/ld-linux-x86-64.so.2" ] || {
  echo "tailcall.sh: Tailcall is not set up: run sh bench/peers/tailcall/setup.sh" >&2
  exit 4
}
export TAILCALL_TRACKER=false TC_TRACKER=false HOME="$DEST/home"
exec "$LIB/ld-linux-x86-64.so.2" --library-path "$LIB" "$BIN" "$@"
