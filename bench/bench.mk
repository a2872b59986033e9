# Engine benchmark (included by the Makefile): "make bench" generates a
# jurisdiction of BENCH_N evaluations under build/bench/data (once; later
# runs reuse it) and measures scoring in memory, checking from files
# against jansson alone, and memory growth. docs/benchmarks.md has the
# figures; the last run's output is kept in build/bench/results.txt. The
# recipe exits with the benchmark's status, not tee's: non-zero, with each
# missed target named, when one is not met (so does every "make bench-*").
#
#   make bench                  N = 100000 (about 1.1 GB of JSON)
#   make bench BENCH_N=10000    a quick run

BENCH_N   ?= 100000
BENCH_DIR := build/bench

.PHONY: bench

build/bench/%.o: bench/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CFLAGS_COMMON) $(OPT_release) -MMD -MP -c $< -o $@

build/bench/gen: build/bench/gen.o build/libjixiao.a
	@echo "  LINK  $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS_COMMON)

build/bench/bench: build/bench/bench.o build/libjixiao.a
	@echo "  LINK  $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS_COMMON)

bench: build/bench/gen build/bench/bench
	$(Q)$(BENCH_DIR)/gen $(BENCH_DIR)/data $(BENCH_N)
	$(Q){ $(BENCH_DIR)/bench $(BENCH_DIR)/data $(BENCH_N); echo $$? >$(BENCH_DIR)/status; } \
		| tee $(BENCH_DIR)/results.txt; exit $$(cat $(BENCH_DIR)/status)
