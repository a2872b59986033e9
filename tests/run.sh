#!/bin/sh
# Run every test program, first against the release build, then against
# the AddressSanitizer + UndefinedBehaviorSanitizer build, then every fuzz
# target for FUZZ_CI_SECONDS (10) after its regression inputs, and finish
# with one line "N passed, N failed" counting test cases over all programs
# (a fuzz target counts as one).
set -u
cd "$(dirname "$0")/.."
export JIXIAO_ROOT="$PWD"
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for flavour in release asan; do
	if [ "$flavour" = asan ]; then
		dir=build/asan/tests bin=build/asan/jixiao
		# full stacks through libraries without frame pointers, so that
		# tests/lsan.supp can name the library leaks it suppresses
		export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1:fast_unwind_on_malloc=0
		export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
		export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	else
		dir=build/tests bin=build/jixiao
	fi
	echo "== $flavour =="
	# the cmocka programs, then the browser end-to-end test (once, against
	# the sanitizer build of the server)
	for t in "$dir"/test_* e2e; do
		if [ "$t" = e2e ]; then
			[ "$flavour" = asan ] || continue
			sh tests/e2e/run.sh "$bin" >"$log" 2>&1
			rc=$?
		else
			[ -x "$t" ] || continue
			JIXIAO_FLAVOUR=$flavour JIXIAO_BIN="$PWD/$bin" "$t" >"$log" 2>&1
			rc=$?
		fi
		# the summary lines of every program in the log (e2e runs two)
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s += $1} END {print s + 0}')
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s += $1} END {print s + 0}')
		p=${p:-0} f=${f:-0}
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			f=1 # crashed or a sanitizer stopped it before the summary
		fi
		passed=$((passed + p))
		failed=$((failed + f))
		if [ "$f" -ne 0 ]; then
			echo "FAIL $flavour $(basename "$t")"
			cat "$log"
		else
			echo "ok   $flavour $(basename "$t") ($p)"
		fi
	done
done
# every fuzz target: its regression inputs again, then FUZZ_CI_SECONDS of
# fuzzing (tools/fuzz.sh); one test each
echo "== fuzz =="
for f in tests/fuzz/fuzz_*.c; do
	t=$(basename "$f" .c)
	t=${t#fuzz_}
	if sh tools/fuzz.sh "${FUZZ_CI_SECONDS:-10}" "$t" >"$log" 2>&1; then
		passed=$((passed + 1))
		grep '^ok' "$log"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz $t"
		cat "$log"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
