# Report benchmark (included by the Makefile after bench/bench.mk):
# "make bench-report" times one report per evaluation (DOCX, PDF, and
# XLSX when the build has it) against LibreOffice converting the same
# DOCX to PDF, and batches of 100 and REPORT_N generated evaluations
# (bench/gen.c) with their peak memory. docs/benchmarks.md ("Reports")
# has the figures; the last run's output is in build/bench/report-results.txt.
# The recipe exits with the benchmark's status, not tee's: non-zero, with
# each missed target named, when one is not met.
#
#   make bench-report                  REPORT_N = 1000
#   make bench-report REPORT_N=300     a quicker run

REPORT_N ?= 1000

.PHONY: bench-report

build/bench/report: build/bench/report.o build/libjixiao.a
	@echo "  LINK  $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS_COMMON)

bench-report: build/jixiao build/bench/gen build/bench/report
	$(Q)$(BENCH_DIR)/gen $(BENCH_DIR)/report-data $(REPORT_N)
	$(Q){ $(BENCH_DIR)/report $(BENCH_DIR)/report-data $(REPORT_N); echo $$? >$(BENCH_DIR)/report-status; } \
		| tee $(BENCH_DIR)/report-results.txt; exit $$(cat $(BENCH_DIR)/report-status)
