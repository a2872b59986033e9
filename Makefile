# jixiao — build, test and benchmark.
#
#   make            build/jixiao
#   make deps       install missing Debian packages (as root, non-interactive)
#   make test       unit + integration tests, normal and ASan/UBSan builds,
#                   every fuzz target briefly, ending with one line
#                   "N passed, N failed"
#   make fuzz       each fuzz target for FUZZ_SECONDS (60) after its
#                   regression inputs (tools/fuzz.sh)
#   make run        a fresh demo database and the server on it (LISTEN=addr:port)
#   make bench      benchmarks (figures in docs/benchmarks.md); make bench-http
#                   only the HTTP one, make bench-storage database growth

VERSION := 0.1.0
PKGS    := jansson sqlite3 libsodium libmicrohttpd libzip expat cairo-pdf pangocairo xlsxwriter freetype2 zlib
CC      ?= cc

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Werror
CFLAGS_COMMON = -std=c17 -D_DEFAULT_SOURCE -DJIXIAO_VERSION='"$(VERSION)"' $(WARN) -g \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS_COMMON = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

OPT_release := -O2
OPT_asan    := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LD_asan     := -fsanitize=address,undefined

LIB_SRC  := $(sort $(wildcard src/base/*.c src/schema/*.c src/doc/*.c src/engine/*.c src/store/*.c src/auth/*.c src/app/*.c src/http/*.c src/web/*.c src/web/*/*.c src/workflow/*.c src/tables/*.c src/report/*.c src/sheet/*.c src/term/*.c src/cli/cmd_*.c src/cli/args.c src/cli/evaluate.c))
GEN_SRC  := build/gen/embedded_data.c
EMBED    := $(sort $(wildcard schemes/*.json assets/* examples/seed-*.json))
MAIN_SRC := src/cli/main.c
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_SUPPORT := $(sort $(wildcard tests/support/*.c))

.PHONY: all deps test check-format clean run
.SECONDARY:
all: build/jixiao

# "make V=1" shows full commands
Q := $(if $(V),,@)

# ---- objects per flavour (release in build/obj, sanitizers in build/asan/obj)
define flavour
build/$(1)obj/%.o: %.c
	@mkdir -p $$(dir $$@)
	@echo "  CC    $(1)$$<"
	$(Q)$$(CC) $$(CFLAGS_COMMON) $$(OPT_$(2)) -MMD -MP -c $$< -o $$@

build/$(1)libjixiao.a: $$(patsubst %.c,build/$(1)obj/%.o,$$(LIB_SRC) $$(GEN_SRC))
	@rm -f $$@
	$(Q)ar rcs $$@ $$^

build/$(1)jixiao: build/$(1)obj/$$(MAIN_SRC:.c=.o) build/$(1)libjixiao.a
	@echo "  LINK  $$@"
	$(Q)$$(CC) $$(LD_$(2)) -o $$@ $$^ $$(LDLIBS_COMMON)

build/$(1)tests/%: build/$(1)obj/tests/unit/%.o $$(patsubst %.c,build/$(1)obj/%.o,$$(TEST_SUPPORT)) build/$(1)libjixiao.a
	@mkdir -p $$(dir $$@)
	@echo "  LINK  $$@"
	$(Q)$$(CC) $$(LD_$(2)) -o $$@ $$^ $$(LDLIBS_COMMON) -lcmocka

TESTS_$(2) := $$(patsubst tests/unit/%.c,build/$(1)tests/%,$$(UNIT_SRC))
endef

$(eval $(call flavour,,release))
$(eval $(call flavour,asan/,asan))

# ---- fuzz targets: tests/fuzz/fuzz_*.c with clang's libFuzzer, the library
# built again with clang and ASan/UBSan; "make fuzz FUZZ_SECONDS=…" runs
# each (tools/fuzz.sh), "make test" each for FUZZ_CI_SECONDS
FUZZ_CC      := clang
FUZZ_FLAGS   := -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 60
FUZZ_SEEDS   := build/fuzz/seeds/.made

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    fuzz/$<"
	$(Q)$(FUZZ_CC) $(CFLAGS_COMMON) $(FUZZ_FLAGS) -MMD -MP -c $< -o $@

build/fuzz/libjixiao.a: $(patsubst %.c,build/fuzz/obj/%.o,$(LIB_SRC) $(GEN_SRC))
	@rm -f $@
	$(Q)ar rcs $@ $^

build/fuzz/fuzz_%: build/fuzz/obj/tests/fuzz/fuzz_%.o build/fuzz/libjixiao.a
	@echo "  LINK  $@"
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LDLIBS_COMMON)

# seeds made by jixiao itself: the examples' workbooks (for the XLSX
# reader) and reports (for the upload check, behind a byte naming the
# type); the export exits 1 for the seeds with blocking findings, but
# writes every file
$(FUZZ_SEEDS): build/jixiao $(wildcard examples/seed-*.json)
	@rm -rf build/fuzz/seeds && mkdir -p build/fuzz/seeds/docx build/fuzz/seeds/pdf build/fuzz/seeds/xlsx build/fuzz/seeds/filetype
	$(Q)for f in docx pdf xlsx; do \
		build/jixiao export --format $$f --out build/fuzz/seeds/$$f examples/seed-*.json \
			>/dev/null 2>&1; ls build/fuzz/seeds/$$f/*.$$f >/dev/null || exit 1; done
	$(Q)for x in build/fuzz/seeds/pdf/* build/fuzz/seeds/docx/* build/fuzz/seeds/xlsx/*; do \
		case $$x in *.pdf) b='\000';; *.docx) b='\001';; *) b='\002';; esac; \
		{ printf "$$b"; cat "$$x"; } >build/fuzz/seeds/filetype/$$(basename "$$x"); done
	@touch $@

.PHONY: fuzz
fuzz: $(FUZZ_TARGETS) $(FUZZ_SEEDS)
	@sh tools/fuzz.sh $(FUZZ_SECONDS)

-include $(shell find build -name '*.d' 2>/dev/null)

# Files built into the binary.
build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=c17 -O2 -Wall -Wextra -Werror -o $@ $<

$(GEN_SRC): build/tools/embed $(EMBED) Makefile
	@mkdir -p $(dir $@)
	$(Q)build/tools/embed $@ $(EMBED)

deps:
	@sh tools/deps.sh

test: build/jixiao build/asan/jixiao $(TESTS_release) $(TESTS_asan) $(FUZZ_TARGETS) $(FUZZ_SEEDS)
	@sh tests/run.sh

check-format:
	@clang-format --dry-run --Werror $(LIB_SRC) $(MAIN_SRC) $(UNIT_SRC) $(TEST_SUPPORT)

clean:
	rm -rf build

# Benchmarks: bench/bench.mk defines "make bench" (the engine), bench/http.mk
# "make bench-http", bench/report.mk "make bench-report"; "make bench" runs all.
-include bench/bench.mk
-include bench/http.mk
-include bench/report.mk
-include bench/save.mk
-include bench/storage.mk
bench: bench-report bench-storage

# A fresh demo database (build/demo.db) and the server on it; the logins
# are printed once. "make run LISTEN=0.0.0.0:8080" serves the network.
LISTEN ?= 127.0.0.1:8080
run: build/jixiao
	@rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	@./build/jixiao demo --db build/demo.db
	@echo
	@exec ./build/jixiao serve --db build/demo.db --listen $(LISTEN)
