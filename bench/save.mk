# Save benchmark (included by the Makefile): "make bench-save" times N
# sequential saves of seed 004 over HTTP, through the API and through the
# edit page with the GET its redirect leads to (bench/save.c), and fails
# when a p99 misses its target. docs/benchmarks.md ("Saves") has the
# figures; the last run's output is in build/bench/save-results.txt.
#
#   make bench-save              SAVE_N = 1000
#   make bench-save SAVE_N=200   a quick run

SAVE_N ?= 1000

.PHONY: bench-save

bench: bench-save

build/bench/save: build/bench/save.o $(patsubst %.c,build/obj/%.o,$(TEST_SUPPORT)) build/libjixiao.a
	@echo "  LINK  $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS_COMMON) -lcmocka

bench-save: build/jixiao build/bench/save
	$(Q){ JIXIAO_BIN=$$PWD/build/jixiao $(BENCH_DIR)/save $(SAVE_N); echo $$? >$(BENCH_DIR)/save-status; } \
		| tee $(BENCH_DIR)/save-results.txt; exit $$(cat $(BENCH_DIR)/save-status)
