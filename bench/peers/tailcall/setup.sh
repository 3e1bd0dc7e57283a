#!/bin/sh
# Installs the Tailcall peer of `npm run bench` (run once; rerunning is harmless).
#
# Where: $BENCH_PEERS_DIR/tailcall, by default bench/.peers/tailcall (ignored by git); never into
# the project's own dependencies. From: the npm registry (the binary, @tailcallhq/core-linux-x64-gnu)
# and Debian's archive (a newer glibc), nothing else.
#
# Tailcall 1.6.14's binary is linked against glibc 2.39 or newer; Debian 12 ships 2.36. Rather
# than touching the system, the script downloads Debian 13 ("trixie") libc6 and libgcc-s1 with an
# apt configuration of its own (own sources list, own package lists and cache, all under the
# install folder) and unpacks the .deb files there; tailcall.sh starts the binary through that
# glibc's dynamic loader.
set -eu
VERSION=1.6.14
HERE=$(cd "$(dirname "$0")" && pwd)
PEERS=${BENCH_PEERS_DIR:-$HERE/../../.peers}
mkdir -p "$PEERS/tailcall"
DEST=$(cd "$PEERS/tailcall" && pwd)

echo "Tailcall $VERSION into $DEST"
cd "$DEST"
printf '{ "private": true, "dependencies": { "@tailcallhq/core-linux-x64-gnu": "%s" } }\n' "$VERSION" > package.json
npm install --no-audit --no-fund --no-package-lock

# The Debian mirror this machine's apt already uses (not the security archive, not a snapshot).
MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
  | grep -v '^[[:space:]]*#' | grep -o -E 'https?://[^ ]+' \
  | grep -v -e '-security' -e 'snapshot\.' | head -n 1 || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
APT="$DEST/apt"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/sources.list.d" \
  "$APT/preferences.d" "$APT/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" \
  > "$APT/sources.list"
: > "$APT/status"
cat > "$APT/apt.conf" <<CONF
Dir::State "$APT";
Dir::State::Lists "$APT/lists";
Dir::State::status "$APT/status";
Dir::Cache "$APT/cache";
Dir::Etc::SourceList "$APT/sources.list";
Dir::Etc::SourceParts "$APT/sources.list.d";
Dir::Etc::Preferences "$APT/preferences";
Dir::Etc::PreferencesParts "$APT/preferences.d";
CONF
APT_CONFIG="$APT/apt.conf" apt-get update
rm -f "$APT"/debs/*.deb
(cd "$APT/debs" && APT_CONFIG="$APT/apt.conf" apt-get download libc6 libgcc-s1)
rm -rf glibc
mkdir -p glibc home
for deb in "$APT"/debs/*.deb; do dpkg-deb -x "$deb" glibc; done

# The first start, in a loopback-only namespace like every later one.
"$HERE/../netns.sh" "$HERE/tailcall.sh" --version
echo "Tailcall is set up; \`npm run bench\` now runs it next to our gateway."
