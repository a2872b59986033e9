# HTTP benchmark (included by the Makefile): "make bench-http" runs
# bench/http.sh, which starts build/jixiao on a fresh demo database and
# nginx on a static copy of the same page, drives both with wrk on
# loopback and fails when jixiao reaches less than half of nginx's
# requests per second. docs/benchmarks.md has the figures; the last run's
# files are in build/bench/http/ (results.txt, wrk outputs, logs).
#
#   make bench-http
#   make bench-http BENCH_HTTP_SECONDS=5 BENCH_HTTP_ROUNDS=1   a quick run
#
# The script's settings (BENCH_HTTP_PORT, _THREADS, _WORKERS, _WRK, _SECONDS,
# _ROUNDS; see bench/http.sh) reach it from the command line or environment.

.PHONY: bench-http

bench: bench-http

bench-http: build/jixiao
	$(Q)sh tools/deps.sh bench
	$(Q)sh bench/http.sh
