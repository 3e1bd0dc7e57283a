#!/bin/sh
# Exits 0 when the calling process's network namespace has no interface but loopback
# (/proc/self/net/dev lists the interfaces of the caller's namespace; /sys/class/net does not
# follow `unshare --net`). Prints the other interfaces otherwise.
OTHERS=$(awk 'NR > 2 { sub(":", "", $1); if ($1 != "lo") print $1 }' /proc/self/net/dev)
[ -z "$OTHERS" ] && exit 0
echo "$OTHERS"
exit 1
