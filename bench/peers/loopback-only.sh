#!/bin/sh
# Exits 0 when the caller's network namespace has no interface but loopback; otherwise prints the
# other interfaces and exits 1. Reads /proc/self/net/dev, which lists the interfaces of the
# caller's namespace (/sys/class/net does not follow `unshare --net`); a copy of such a file can
# be given as the argument instead.
OTHERS=$(awk 'NR > 2 { sub(":", "", $1); if ($1 != "lo") print $1 }' "${1:-/proc/self/net/dev}")
[ -z "$OTHERS" ] && exit 0
echo $OTHERS
exit 1
