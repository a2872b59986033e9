#!/bin/sh
# Run jixiao's fuzz targets (tests/fuzz/fuzz_*.c, built by "make fuzz"):
# for each, replay its regression inputs (tests/fuzz/regressions/TARGET/,
# every input that once made it fail), then fuzz it for SECONDS seconds on
# its corpus build/fuzz/corpus/TARGET (kept across runs), seeded from
# tests/fuzz/seeds/TARGET/ and the examples, schemes and generated files
# listed below, with a dictionary of the format's names where there is one
# (tests/fuzz/dicts/). Prints one line per target (executions, coverage,
# features, corpus) and, last, "fuzz: N passed, N failed". A failing
# input is kept in build/fuzz/artifacts/TARGET/; the exit status is 1.
#
#   tools/fuzz.sh SECONDS [TARGET…]
set -u
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift 2>/dev/null || true
targets=${*:-$(for f in tests/fuzz/fuzz_*.c; do basename "$f" .c | sed 's/^fuzz_//'; done)}
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

seeds() {
	case $1 in
	doc | report) echo examples tests/data ;;
	scheme) echo schemes ;;
	xlsx) echo build/fuzz/seeds/xlsx ;;
	filetype) echo build/fuzz/seeds/filetype ;;
	esac
	[ -d "tests/fuzz/seeds/$1" ] && echo "tests/fuzz/seeds/$1"
}

for t in $targets; do
	bin=build/fuzz/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz $t: $bin is not built (make fuzz)"
		failed=$((failed + 1))
		continue
	fi
	corpus=build/fuzz/corpus/$t
	artifacts=build/fuzz/artifacts/$t/
	mkdir -p "$corpus" "$artifacts"
	# the report writers use fontconfig, whose configuration is a known
	# leak (tests/lsan.supp); naming it needs full stacks
	unwind=1
	[ "$t" = report ] && unwind=0
	export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=$unwind:allocator_may_return_null=1"
	cat tests/lsan.supp tests/fuzz/lsan.supp >build/fuzz/lsan.supp
	export LSAN_OPTIONS="suppressions=$PWD/build/fuzz/lsan.supp"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
	flags="-timeout=30 -rss_limit_mb=2560 -artifact_prefix=$artifacts -print_final_stats=1"
	case $t in
	doc | report) flags="$flags -dict=tests/fuzz/dicts/doc.dict" ;;
	scheme | docpath) flags="$flags -dict=tests/fuzz/dicts/$t.dict" ;;
	esac
	ok=1
	regressions=tests/fuzz/regressions/$t
	if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
		# shellcheck disable=SC2086
		if ! "$bin" $flags "$regressions"/* >"$log" 2>&1; then
			echo "FAIL fuzz $t: a regression input fails again"
			tail -n 40 "$log"
			ok=0
		fi
		replayed=$(ls "$regressions" | wc -l)
	else
		replayed=0
	fi
	if [ $ok = 1 ]; then
		# shellcheck disable=SC2046,SC2086
		"$bin" $flags -max_total_time="$seconds" "$corpus" $(seeds "$t") >"$log" 2>&1
		rc=$?
		stats=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1)
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
		if [ $rc -ne 0 ]; then
			echo "FAIL fuzz $t (exit $rc); the input is in $artifacts"
			grep -E 'ERROR|SUMMARY|==[0-9]+==|^    #[0-9]' "$log" | head -n 40
			ok=0
		else
			echo "ok   fuzz $t: ${seconds}s, ${execs:-?} runs (${rate:-?}/s), $replayed regression inputs; ${stats#*DONE   }"
		fi
	fi
	if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
