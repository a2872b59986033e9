#!/bin/sh
# Install the Debian packages jixiao needs, when missing. Non-interactive;
# needs root (or sudo) only when something is missing.
#
#   tools/deps.sh          build, run and test (make deps)
#   tools/deps.sh bench    also what "make bench" drives (wrk, nginx, curl)
set -eu

# building and running
PACKAGES="gcc make pkg-config libjansson-dev libsqlite3-dev libsodium-dev libmicrohttpd-dev
libzip-dev libexpat1-dev libcairo2-dev libpango1.0-dev libxlsxwriter-dev fonts-noto-cjk
fonts-wqy-zenhei libfreetype-dev zlib1g-dev"
# testing: the framework, memcheck, office documents opened by LibreOffice,
# PDF to text and PNG, the browser end-to-end tests, the fuzz targets
# (clang's libFuzzer)
PACKAGES="$PACKAGES libcmocka-dev valgrind libreoffice-writer-nogui libreoffice-calc-nogui
poppler-utils chromium clang libfuzzer-14-dev"
command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs"
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"
if [ "${1:-}" = bench ]; then
	PACKAGES="$PACKAGES wrk nginx-light curl"
fi

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
