# Storage benchmark (included by the Makefile): "make bench-storage" saves
# the largest demo task STORAGE_N times through the server's own save
# operation, twice (one value per save, twenty values per save), and
# prints the database's growth per 1,000 saves. docs/benchmarks.md
# ("Storage") has the figures; the output is kept in
# build/bench/storage-results.txt.
#
#   make bench-storage                 STORAGE_N = 2000
#   make bench-storage STORAGE_N=500   a quicker run

STORAGE_N ?= 2000

.PHONY: bench-storage

build/bench/storage: build/bench/storage.o build/libjixiao.a
	@echo "  LINK  $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS_COMMON)

bench-storage: build/jixiao build/bench/storage
	$(Q)rm -f $(BENCH_DIR)/storage.db $(BENCH_DIR)/storage.db-wal $(BENCH_DIR)/storage.db-shm
	$(Q)build/jixiao demo --db $(BENCH_DIR)/storage.db >/dev/null
	$(Q)$(BENCH_DIR)/storage $(BENCH_DIR)/storage.db $(STORAGE_N) | tee $(BENCH_DIR)/storage-results.txt
