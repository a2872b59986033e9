#!/bin/sh
# The HTTP benchmark of issue 4 ("make bench-http"): jixiao serving an
# authenticated task page that renders an evaluation, against nginx serving
# the same bytes as a static file, side by side in one run with wrk on
# loopback. Prints and keeps (build/bench/http/results.txt) a table of
# requests per second, latency percentiles and memory; fails when a request
# was not answered 200 with the full page, or when jixiao reaches less than
# half of nginx's requests per second. docs/benchmarks.md explains it.
#
# It builds nothing: build/jixiao must exist. Settings (environment):
#   BENCH_HTTP_PORT      jixiao's port; nginx listens on the next one (18480)
#   BENCH_HTTP_THREADS   jixiao serve --threads (8, its default)
#   BENCH_HTTP_WORKERS   nginx worker_processes (nproc: the CPUs jixiao uses)
#   BENCH_HTTP_WRK       wrk's load (-t2 -c64); BENCH_HTTP_SECONDS per run (15)
#   BENCH_HTTP_ROUNDS    measured runs of each server, alternating (5)
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD

PORT=${BENCH_HTTP_PORT:-18480}
NPORT=$((PORT + 1))
THREADS=${BENCH_HTTP_THREADS:-8}
WORKERS=${BENCH_HTTP_WORKERS:-$(nproc)}
LOAD=${BENCH_HTTP_WRK:--t2 -c64}
SECONDS_PER_RUN=${BENCH_HTTP_SECONDS:-15}
ROUNDS=${BENCH_HTTP_ROUNDS:-5}
PHONE=18800000002 # the finance bureau's account: sees every task
NAME=财政局绩效科
UNIT=104001       # seed 004, 绥宁县商务局 2024 (national scheme)
YEAR=2024
NEW_PASSWORD=Bench-http-2024

DIR=build/bench/http
JIXIAO=build/jixiao
for tool in wrk nginx curl; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "bench-http: $tool is missing (sh tools/deps.sh bench installs it)" >&2
		exit 2
	}
done
[ -x "$JIXIAO" ] || {
	echo "bench-http: $JIXIAO is missing (make build/jixiao)" >&2
	exit 2
}

fail() {
	echo "bench-http: $*" >&2
	exit 1
}

# ---- servers, stopped on every exit ----------------------------------------

JPID=""
NPID=""
SAMPLER=""
stop_all() {
	[ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
	if [ -n "$JPID" ]; then
		kill -TERM "$JPID" 2>/dev/null && wait "$JPID" 2>/dev/null
		JPID=""
	fi
	if [ -n "$NPID" ]; then
		kill -QUIT "$NPID" 2>/dev/null && wait "$NPID" 2>/dev/null
		NPID=""
	fi
	return 0
}
trap 'stop_all' EXIT
trap 'exit 130' INT TERM

rm -rf "$DIR"
mkdir -p "$DIR/nginx/www/tasks" "$DIR/nginx/tmp"

# ---- memory -------------------------------------------------------------------

# VmRSS or VmHWM (field) in KiB of a pid, summed with its children (nginx's workers).
rss() { # pid field
	total=0
	for p in "$1" $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
		kb=$(awk -v f="$2:" '$1 == f { print $2 }' "/proc/$p/status" 2>/dev/null)
		total=$((total + ${kb:-0}))
	done
	echo "$total"
}
# CPU time (user + system) in clock ticks of a pid and its children.
cpu_ticks() { # pid
	total=0
	for p in "$1" $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
		# after the command name in parentheses: utime and stime are fields 12 and 13
		t=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }')
		total=$((total + ${t:-0}))
	done
	echo "$total"
}
# Reset the peak (VmHWM) of a pid and its children to the current RSS.
reset_peak() {
	for p in "$1" $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
		echo 5 >"/proc/$p/clear_refs" 2>/dev/null || true
	done
}

# ---- jixiao: a fresh demo database, the server, a signed-in session ---------

"$JIXIAO" demo --db "$DIR/demo.db" >"$DIR/demo.txt"
# the login table's rows: "│ phone │ one-time password │ post │ unit │"
OTP=$(awk -F'│' -v p="$PHONE" '{ gsub(/ /, "", $2); gsub(/ /, "", $3) } $2 == p { print $3 }' \
	"$DIR/demo.txt")
[ -n "$OTP" ] || fail "no one-time password for $PHONE in $DIR/demo.txt"

# wrk's connections all come from one address: allow them all
"$JIXIAO" serve --db "$DIR/demo.db" --listen "127.0.0.1:$PORT" --threads "$THREADS" \
	--per-address 512 --access-log "$DIR/access.log" >"$DIR/serve.out" 2>"$DIR/serve.err" &
JPID=$!
i=0
until grep -q "http://127.0.0.1:$PORT/" "$DIR/serve.out" 2>/dev/null; do
	i=$((i + 1))
	if [ "$i" -gt 100 ] || ! kill -0 "$JPID" 2>/dev/null; then
		cat "$DIR/serve.err" >&2
		fail "jixiao serve did not start on port $PORT"
	fi
	sleep 0.1
done
J_IDLE_KB=$(awk '/^VmRSS/ { print $2 }' "/proc/$JPID/status")

BASE="http://127.0.0.1:$PORT"
JAR="$DIR/cookies.txt"
# The value of "key":"…" in a JSON answer.
member() {
	sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"
}
post_json() { # path csrf body
	curl -sS -b "$JAR" -c "$JAR" -H "Content-Type: application/json" -H "X-CSRF-Token: $2" \
		-d "$3" "$BASE$1"
}
CSRF=$(curl -sS -b "$JAR" -c "$JAR" "$BASE/api/session" | member csrf)
[ -n "$CSRF" ] || fail "GET /api/session gave no CSRF token"
CSRF=$(post_json /api/login "$CSRF" "{\"phone\":\"$PHONE\",\"password\":\"$OTP\"}" | member csrf)
[ -n "$CSRF" ] || fail "signing in as $PHONE failed"
ANSWER=$(post_json /api/password "$CSRF" \
	"{\"old\":\"$OTP\",\"new\":\"$NEW_PASSWORD\",\"confirm\":\"$NEW_PASSWORD\"}")
echo "$ANSWER" | grep -q '"must_change_password":false' ||
	fail "replacing the one-time password failed: $ANSWER"
SESSION=$(awk '$6 == "jx_session" { print $7 }' "$JAR")
[ -n "$SESSION" ] || fail "no session cookie after signing in"

ID=$(curl -sS -b "$JAR" "$BASE/api/tasks?year=$YEAR" |
	grep -o "\"id\":[0-9]*,\"year\":$YEAR,\"unit_code\":\"$UNIT\"" | sed 's/"id":\([0-9]*\),.*/\1/')
[ -n "$ID" ] || fail "no $YEAR task of unit $UNIT in GET /api/tasks"
PAGE_PATH="/tasks/$ID"
STATUS=$(curl -sS -b "$JAR" -o "$DIR/nginx/www/tasks/$ID" -w '%{http_code}' "$BASE$PAGE_PATH")
[ "$STATUS" = 200 ] || fail "GET $PAGE_PATH answered $STATUS"
PAGE="$DIR/nginx/www/tasks/$ID"
BYTES=$(wc -c <"$PAGE")
for mark in 'id="self"' 'id="findings"' "$NAME"; do # the evaluation, for this user
	grep -q "$mark" "$PAGE" || fail "GET $PAGE_PATH is not the signed-in evaluation page (no $mark)"
done

# ---- nginx: the same bytes as a static file, its own files under $DIR ------

N="$ROOT/$DIR/nginx"
# The security headers jixiao sends, so that both answers are the same size.
CSP="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
cat >"$N/nginx.conf" <<EOF
# Generated by bench/http.sh: a static copy of jixiao's page $PAGE_PATH.
worker_processes $WORKERS;
pid $N/nginx.pid;
error_log $N/error.log;
events { worker_connections 1024; }
http {
	access_log $N/access.log;
	client_body_temp_path $N/tmp/body;
	proxy_temp_path $N/tmp/proxy;
	fastcgi_temp_path $N/tmp/fastcgi;
	uwsgi_temp_path $N/tmp/uwsgi;
	scgi_temp_path $N/tmp/scgi;
	sendfile on;
	tcp_nopush on;
	server {
		listen 127.0.0.1:$NPORT;
		root $N/www;
		default_type "text/html; charset=utf-8";
		add_header Content-Security-Policy "$CSP";
		add_header X-Frame-Options DENY;
		add_header X-Content-Type-Options nosniff;
		add_header Referrer-Policy same-origin;
		add_header Cache-Control no-store;
	}
}
EOF
nginx -p "$N/" -c "$N/nginx.conf" -e "$N/error.log" -g 'daemon off;' &
NPID=$!
NBASE="http://127.0.0.1:$NPORT"
i=0
until curl -s -o /dev/null "$NBASE/" 2>/dev/null; do
	i=$((i + 1))
	if [ "$i" -gt 100 ] || ! kill -0 "$NPID" 2>/dev/null; then
		cat "$N/error.log" >&2
		fail "nginx did not start on port $NPORT"
	fi
	sleep 0.1
done
N_IDLE_KB=$(rss "$NPID" VmRSS)
curl -sS -o "$N/check.html" "$NBASE$PAGE_PATH"
cmp -s "$PAGE" "$N/check.html" || fail "nginx does not serve the same bytes as jixiao"

# ---- runs -----------------------------------------------------------------------

# One wrk run of some seconds against a server (jixiao or nginx), its output
# in $DIR/SERVER-NAME.txt. For a measured run, the largest RSS sampled
# during it is appended to $DIR/SERVER-rss.txt and the server's CPU ticks
# and the requests answered to $DIR/SERVER-cpu.txt.
run() { # server name seconds
	if [ "$1" = jixiao ]; then
		pid=$JPID url="$BASE$PAGE_PATH"
		set -- "$@" -H "Cookie: jx_session=$SESSION"
	else
		pid=$NPID url="$NBASE$PAGE_PATH"
	fi
	out="$DIR/$1-$2.txt" peak="$DIR/$1-$2.peak"
	rss "$pid" VmRSS >"$peak"
	(
		max=0
		while :; do
			kb=$(rss "$pid" VmRSS)
			[ "$kb" -gt "$max" ] && max=$kb && echo "$max" >"$peak"
			sleep 0.2
		done
	) &
	SAMPLER=$!
	server=$1 name=$2 seconds=$3
	shift 3
	ticks=$(cpu_ticks "$pid")
	# shellcheck disable=SC2086
	wrk $LOAD -d"$seconds"s --latency "$@" "$url" >"$out"
	ticks=$(($(cpu_ticks "$pid") - ticks))
	kill "$SAMPLER"
	wait "$SAMPLER" 2>/dev/null || true
	SAMPLER=""
	if [ "$name" != warmup ]; then
		cat "$peak" >>"$DIR/$server-rss.txt"
		echo "$ticks $(awk '/ requests in / { print $1 }' "$out")" >>"$DIR/$server-cpu.txt"
	fi
	if grep -q 'Non-2xx\|Socket errors' "$out"; then
		cat "$out" >&2
		fail "$server: wrk reports errors ($out)"
	fi
	printf '  %-6s %-6s %10s requests/s\n' "$server" "$name" \
		"$(awk '/^Requests\/sec/ { print $2 }' "$out")"
}

echo "bench-http: GET $PAGE_PATH ($BYTES bytes) signed in as $PHONE, nginx the same bytes;"
echo "  wrk $LOAD -d${SECONDS_PER_RUN}s, $ROUNDS rounds after a 5 s warm-up;" \
	"jixiao --threads $THREADS, nginx worker_processes $WORKERS"
run jixiao warmup 5
run nginx warmup 5
: >"$DIR/jixiao-rss.txt"
: >"$DIR/nginx-rss.txt"
: >"$DIR/jixiao-cpu.txt"
: >"$DIR/nginx-cpu.txt"
J_SIGNIN_KB=$(rss "$JPID" VmHWM) # the peak so far: signing in hashes with argon2id (64 MiB)
reset_peak "$JPID"
reset_peak "$NPID"
J_WARM_KB=$(rss "$JPID" VmRSS)
N_WARM_KB=$(rss "$NPID" VmRSS)
r=1
while [ "$r" -le "$ROUNDS" ]; do
	run jixiao "round$r" "$SECONDS_PER_RUN"
	run nginx "round$r" "$SECONDS_PER_RUN"
	r=$((r + 1))
done
J_HWM_KB=$(rss "$JPID" VmHWM)
N_HWM_KB=$(rss "$NPID" VmHWM)

# Every request for the page that jixiao logged was answered 200 with the
# whole page for the signed-in user (a lost session would be a 303 to
# /login, which wrk counts as a success).
# jixiao's log: time address method path status bytes duration user [aborted]
PAGE_LOG=$(awk -v p="$PAGE_PATH" '$3 == "GET" && $4 == p' "$DIR/access.log" | wc -l)
BAD=$(awk -v p="$PAGE_PATH" -v n="$BYTES" -v who="$PHONE" \
	'$3 == "GET" && $4 == p && !($5 == 200 && $6 == n && $8 == who) { c++ } END { print c + 0 }' \
	"$DIR/access.log")
[ "$BAD" -eq 0 ] || fail "$BAD of $PAGE_LOG requests for $PAGE_PATH in $DIR/access.log were not answered 200 with the page"
# nginx's (combined): address - - [time zone] "method path protocol" status bytes …
NBAD=$(awk -v p="$PAGE_PATH" -v n="$BYTES" '$7 == p && !($9 == 200 && $10 == n) { c++ } END { print c + 0 }' \
	"$N/access.log")
[ "$NBAD" -eq 0 ] || fail "$NBAD requests in $N/access.log were not answered 200 with the page"
# Checked: cut both logs to their ends (together they grow by some 400 MB a run).
for log in "$DIR/access.log" "$N/access.log"; do
	{ head -n 20 "$log" && echo "…" && tail -n 20 "$log"; } >"$log.ends"
	mv "$log.ends" "$log"
done

# ---- summary --------------------------------------------------------------------

# The median over the measured rounds of a server of requests/s (rps) or a
# latency percentile (50, 90, 99) in milliseconds.
median() { # server field
	r=1
	while [ "$r" -le "$ROUNDS" ]; do
		awk -v f="$2" '
			function ms(v) {
				if (v ~ /us$/) return v / 1000
				if (v ~ /ms$/) return v + 0
				if (v ~ /s$/) return v * 1000
				return v + 0
			}
			f == "rps" && /^Requests\/sec/ { print $2 }
			f != "rps" && $1 == f "%" { print ms($2) }' "$DIR/$1-round$r.txt"
		r=$((r + 1))
	done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
each_round() { # server
	r=1
	while [ "$r" -le "$ROUNDS" ]; do
		awk '/^Requests\/sec/ { printf "%.0f ", $2 }' "$DIR/$1-round$r.txt"
		r=$((r + 1))
	done
}
# CPU time per request in microseconds over the measured rounds.
cpu_per_request() { # server
	awk -v hz="$(getconf CLK_TCK)" '{ t += $1; n += $2 } END { printf "%.1f", t / hz * 1e6 / n }' \
		"$DIR/$1-cpu.txt"
}
max_of() { sort -n "$1" | tail -n 1; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

J_RPS=$(median jixiao rps)
N_RPS=$(median nginx rps)
RATIO=$(awk -v j="$J_RPS" -v n="$N_RPS" 'BEGIN { printf "%.2f", j / n }')
MET=$(awk -v r="$RATIO" 'BEGIN { print (r >= 0.5) ? "met" : "NOT MET" }')
{
	echo
	echo "HTTP benchmark: GET $PAGE_PATH, $BYTES bytes, wrk $LOAD -d${SECONDS_PER_RUN}s, median of $ROUNDS rounds"
	echo
	row() { printf '| %-34s | %14s | %14s |\n' "$@"; }
	row "" "jixiao" "nginx (static)"
	row "----------------------------------" "-------------:" "-------------:"
	row "requests/s (median)" "$(printf %.0f "$J_RPS")" "$(printf %.0f "$N_RPS")"
	for p in 50 90 99; do
		row "latency p$p (median)" "$(printf '%.2f ms' "$(median jixiao "$p")")" \
			"$(printf '%.2f ms' "$(median nginx "$p")")"
	done
	row "CPU time per request" "$(cpu_per_request jixiao) us" "$(cpu_per_request nginx) us"
	row "RSS idle after start" "$(mib "$J_IDLE_KB")" "$(mib "$N_IDLE_KB")"
	row "peak RSS after signing in" "$(mib "$J_SIGNIN_KB")" ""
	row "RSS idle after the warm-up" "$(mib "$J_WARM_KB")" "$(mib "$N_WARM_KB")"
	row "RSS under load (largest sampled)" "$(mib "$(max_of "$DIR/jixiao-rss.txt")")" \
		"$(mib "$(max_of "$DIR/nginx-rss.txt")")"
	row "peak RSS under load (VmHWM)" "$(mib "$J_HWM_KB")" "$(mib "$N_HWM_KB")"
	echo
	echo "requests/s of each round: jixiao $(each_round jixiao)| nginx $(each_round nginx)"
	echo "jixiao / nginx requests/s: $RATIO (target >= 0.50: $MET); $PAGE_LOG page requests logged, all 200"
	echo "nginx's memory and CPU: the master and $WORKERS workers summed"
} | tee "$DIR/results.txt"
# the exit status says whether the target was met (tee's own status is not it)
[ "$MET" = met ] || fail "target NOT MET: jixiao / nginx requests/s $RATIO, target >= 0.50"
echo "bench-http: every target met"
