#!/bin/sh
# Install the Debian packages jixiao needs to build, test and run, when
# missing. Non-interactive; needs root (or sudo) only when something is missing.
set -eu

PACKAGES="gcc make pkg-config libjansson-dev libcmocka-dev valgrind libsqlite3-dev libsodium-dev libmicrohttpd-dev"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "jixiao: installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
