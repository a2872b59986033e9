#!/bin/sh
# The browser end-to-end test: a fresh demo database, jixiao serving it on
# a free loopback port, and tests/e2e/workflow.mjs (the review chain) and
# officer.mjs (what a county finance officer hit, issue 11) driving
# Debian's chromium through Playwright (playwright-core and
# @axe-core/playwright from npm, installed here from package-lock.json
# when missing). Screenshots of every page go to
# build/artifacts/e2e/. Prints cmocka-style "[  PASSED  ] N test(s)" /
# "[  FAILED  ] N test(s)" lines so tests/run.sh can count the steps.
#
#   sh tests/e2e/run.sh [path/to/jixiao]
set -eu
cd "$(dirname "$0")/../.."
bin=${1:-build/jixiao}
here=tests/e2e
artifacts=build/artifacts/e2e

if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/@axe-core/playwright" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
browser=${JIXIAO_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$browser" ]; then
	echo "e2e: $browser not found (make deps installs Debian's chromium)"
	echo "[  FAILED  ] 1 test(s)"
	exit 1
fi

tmp=$(mktemp -d /tmp/jixiao-e2e-XXXXXX)
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"$bin" demo --db "$tmp/demo.db" >"$tmp/logins.txt"
"$bin" serve --db "$tmp/demo.db" --listen 127.0.0.1:0 --access-log "$tmp/access.log" \
	>"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
url=""
for _ in $(seq 1 100); do
	url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/serve.out" 2>/dev/null || true)
	[ -n "$url" ] && break
	sleep 0.1
done
if [ -z "$url" ]; then
	echo "e2e: the server did not start"
	cat "$tmp/serve.err"
	echo "[  FAILED  ] 1 test(s)"
	exit 1
fi

rm -rf "$artifacts"
mkdir -p "$artifacts"
status=0
for script in workflow officer; do
	node "$here/$script.mjs" "$url" "$tmp/logins.txt" "$artifacts" "$browser" || status=$?
done
# the server must stop cleanly (under the sanitizers: no error, no leak)
kill "$pid"
served=0
wait "$pid" || served=$?
pid=""
if [ "$served" -ne 0 ]; then
	echo "e2e: the server ended with status $served"
	[ "$status" -eq 0 ] && echo "[  FAILED  ] 1 test(s)"
	status=1
fi
if [ "$status" -ne 0 ]; then
	echo "e2e: server log (last lines):"
	tail -n 40 "$tmp/serve.err"
fi
exit "$status"
