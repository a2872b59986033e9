/* The engine benchmark behind "make bench" (docs/benchmarks.md).
 *
 * "bench DIR N" reads the N documents bench/gen.c wrote to DIR and
 * measures, single-threaded on one core with CLOCK_MONOTONIC:
 *
 *   1. in memory: engine_evaluate() + engine_free() over documents parsed
 *      beforehand, as indicator evaluations per second; each pass repeats
 *      its sweep over the documents until it lasts PASS_SECONDS, and is
 *      followed by a pass of jansson's json_loadb over the same documents'
 *      text, so that the time to evaluate a document is also given as a
 *      share of jansson's time to parse it, measured side by side (a
 *      figure that shows a regression whatever the machine's speed);
 *   2. from files: read + json_loadb + json_decref (jansson alone) against
 *      read + doc_parse + engine_evaluate + engine_free + doc_free (jixiao),
 *      interleaved and twice each, the better time of each counting;
 *   3. memory: peak RSS of child processes holding N/4, N/2 and N parsed
 *      documents (each then evaluated), and the bytes per evaluation.
 *
 * It prints a table with each target, and when one is missed, a line
 * naming it ("bench: target NOT MET: …") and exit status 1.
 *
 * "bench --rss DIR n" is the child of part 3. */
#define _GNU_SOURCE /* sched_setaffinity */

#include "../src/base/buf.h"
#include "../src/base/diag.h"
#include "../src/doc/doc_io.h"
#include "../src/engine/engine.h"
#include "../src/engine/scheme.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
        MEMORY_PASSES = 3, /* in-memory passes, each with a jansson pass; the median counts */
        FILE_ROUNDS = 2,   /* interleaved jansson/jixiao rounds; the better of each counts */
};

#define PASS_SECONDS      0.25 /* an in-memory pass sweeps the documents until it lasts this long */
#define TARGET_RATE       10e6 /* indicator evaluations per second */
#define TARGET_EVAL_PARSE 0.10 /* evaluating a document in memory / jansson parsing its text */
#define TARGET_RATIO      2.0  /* jixiao from files / jansson alone */
#define LINEAR_SLACK      0.10 /* bytes per evaluation may vary by this share */

/* ---- helpers ---------------------------------------------------------------------------- */

static double now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void fail(const char *what, const char *arg)
{
        fprintf(stderr, "bench: %s: %s\n", what, arg);
        exit(1);
}

static void doc_path(char *out, size_t size, const char *dir, size_t i)
{
        snprintf(out, size, "%s/%06zu.json", dir, i + 1);
}

/* Replace the contents of b with the file at path: one open, fstat, read
 * and close, the same for jansson and jixiao so that I/O costs the same. */
static void read_file(const char *path, struct buf *b)
{
        int fd = open(path, O_RDONLY);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0)
                fail("cannot open", path);
        buf_reset(b);
        buf_reserve(b, (size_t)st.st_size);
        size_t got = 0;
        while (got < (size_t)st.st_size) {
                ssize_t r = read(fd, b->data + got, (size_t)st.st_size - got);
                if (r <= 0)
                        fail("cannot read", path);
                got += (size_t)r;
        }
        close(fd);
        b->len = got;
        b->data[got] = '\0';
}

static struct doc *parse_or_die(const char *path, const struct buf *text)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(text->data, text->len, &errs);
        if (!d) {
                diags_print(&errs, stderr);
                fail("document refused", path);
        }
        diags_free(&errs);
        return d;
}

static struct scheme *national(void)
{
        struct diags errs = DIAGS_INIT;
        struct scheme *s = scheme_load("national", &errs);
        if (!s) {
                diags_print(&errs, stderr);
                fail("cannot load scheme", "national");
        }
        diags_free(&errs);
        return s;
}

/* Parse the first n documents of dir into docs[]; returns the bytes read. */
static size_t load_docs(const char *dir, size_t n, struct doc **docs)
{
        struct buf text = BUF_INIT;
        char path[4096];
        size_t bytes = 0;
        for (size_t i = 0; i < n; i++) {
                doc_path(path, sizeof path, dir, i);
                read_file(path, &text);
                bytes += text.len;
                docs[i] = parse_or_die(path, &text);
        }
        buf_free(&text);
        return bytes;
}

static size_t count_indicators(const struct score_table *t)
{
        size_t n = 0;
        for (size_t i = 0; i < t->n_indicators; i++)
                for (size_t j = 0; j < t->indicators[i].n_groups; j++)
                        n += t->indicators[i].groups[j].n_items;
        return n;
}

/* Peak resident set size of this process in KiB (VmHWM). */
static long peak_rss_kib(void)
{
        FILE *f = fopen("/proc/self/status", "r");
        char line[256];
        long kib = -1;
        while (f && fgets(line, sizeof line, f))
                if (strncmp(line, "VmHWM:", 6) == 0)
                        kib = strtol(line + 6, NULL, 10);
        if (f)
                fclose(f);
        return kib;
}

static int cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return (x > y) - (x < y);
}

/* ---- 1. in memory -------------------------------------------------------------------------- */

struct tally {
        size_t errors, warnings, infos;
        struct {
                const char *code;
                size_t n;
        } codes[64];
        size_t n_codes;
};

static void tally_add(struct tally *t, const struct evaluation *e)
{
        for (size_t i = 0; i < e->n_findings; i++) {
                const struct finding *f = &e->findings[i];
                t->errors += f->severity == SEV_ERROR;
                t->warnings += f->severity == SEV_WARNING;
                t->infos += f->severity == SEV_INFO;
                size_t k = 0;
                while (k < t->n_codes && strcmp(t->codes[k].code, f->code) != 0)
                        k++;
                if (k == t->n_codes && t->n_codes < sizeof t->codes / sizeof t->codes[0]) {
                        t->codes[k].code = f->code; /* the tally starts zeroed */
                        t->n_codes++;
                }
                if (k < t->n_codes)
                        t->codes[k].n++;
        }
}

/* One timed sweep of engine_evaluate + engine_free over every document,
 * repeated sweeps times; returns the seconds. */
static double memory_pass(struct doc **docs, size_t n, const struct scheme *s, size_t sweeps)
{
        double t0 = now();
        for (size_t k = 0; k < sweeps; k++)
                for (size_t i = 0; i < n; i++)
                        engine_free(engine_evaluate(docs[i], s));
        return now() - t0;
}

/* jansson's json_loadb(JSON_REJECT_DUPLICATES) over the text of every
 * document; only the parse is timed (reading the file and json_decref are
 * not). Returns the seconds. */
static double jansson_pass(const char *dir, size_t n)
{
        struct buf text = BUF_INIT;
        char path[4096];
        double parse = 0;
        for (size_t i = 0; i < n; i++) {
                doc_path(path, sizeof path, dir, i);
                read_file(path, &text);
                json_error_t err;
                double t0 = now();
                json_t *root = json_loadb(text.data, text.len, JSON_REJECT_DUPLICATES, &err);
                parse += now() - t0;
                if (!root)
                        fail("jansson refused", path);
                json_decref(root);
        }
        buf_free(&text);
        return parse;
}

static double median_of(const double *v, size_t n)
{
        double sorted[MEMORY_PASSES];
        memcpy(sorted, v, n * sizeof(*v));
        qsort(sorted, n, sizeof(*v), cmp_double);
        return sorted[n / 2];
}

struct memory_result {
        size_t sweeps;               /* sweeps over the documents per pass */
        double pass[MEMORY_PASSES];  /* seconds per evaluation */
        double parse[MEMORY_PASSES]; /* jansson's seconds per document, after each pass */
        double ratio[MEMORY_PASSES]; /* pass / parse */
        double median, best;         /* seconds per evaluation */
        double parse_median;         /* seconds per document */
        double ratio_median;
        size_t indicators; /* in one sweep */
        size_t bytes;      /* JSON read */
        struct tally tally;
};

static void bench_memory(const char *dir, size_t n, const struct scheme *s, struct memory_result *r)
{
        struct doc **docs = calloc(n, sizeof(*docs));
        if (!docs)
                fail("out of memory", "documents");
        printf("1. in memory: parsing %zu documents (untimed) …\n", n);
        fflush(stdout);
        r->bytes = load_docs(dir, n, docs);
        r->indicators = 0;
        for (size_t i = 0; i < n; i++)
                r->indicators += count_indicators(&docs[i]->self.table);
        /* one untimed sweep, which also says how many make a pass */
        double once = memory_pass(docs, n, s, 1);
        r->sweeps = once >= PASS_SECONDS ? 1 : (size_t)(PASS_SECONDS / once) + 1;
        for (int p = 0; p < MEMORY_PASSES; p++) {
                double t = memory_pass(docs, n, s, r->sweeps);
                r->pass[p] = t / (double)(n * r->sweeps);
                r->parse[p] = jansson_pass(dir, n) / (double)n;
                r->ratio[p] = r->pass[p] / r->parse[p];
                printf("   pass %d: %.3f s for %zu × %zu evaluations, %.2f M indicator "
                       "evaluations/s; jansson parse %.1f µs per document; ratio %.3f\n",
                       p + 1, t, r->sweeps, n, (double)r->indicators / (double)n / r->pass[p] / 1e6,
                       r->parse[p] * 1e6, r->ratio[p]);
                fflush(stdout);
        }
        r->median = median_of(r->pass, MEMORY_PASSES);
        r->parse_median = median_of(r->parse, MEMORY_PASSES);
        r->ratio_median = median_of(r->ratio, MEMORY_PASSES);
        r->best = r->pass[0];
        for (int p = 1; p < MEMORY_PASSES; p++)
                r->best = r->pass[p] < r->best ? r->pass[p] : r->best;
        memset(&r->tally, 0, sizeof r->tally);
        for (size_t i = 0; i < n; i++) { /* untimed: what the checks found */
                struct evaluation *e = engine_evaluate(docs[i], s);
                tally_add(&r->tally, e);
                engine_free(e);
        }
        for (size_t i = 0; i < n; i++)
                doc_free(docs[i]);
        free(docs);
}

/* ---- 2. from files ------------------------------------------------------------------------- */

struct file_times {
        double read, parse, evaluate, release, total;
        size_t findings;
};

static double lap(double *since)
{
        double t = now(), d = t - *since;
        *since = t;
        return d;
}

/* read + json_loadb(JSON_REJECT_DUPLICATES) + json_decref for every file. */
static struct file_times files_jansson(const char *dir, size_t n)
{
        struct file_times ft = {0};
        struct buf text = BUF_INIT;
        char path[4096];
        double t0 = now(), t = t0;
        for (size_t i = 0; i < n; i++) {
                doc_path(path, sizeof path, dir, i);
                read_file(path, &text);
                ft.read += lap(&t);
                json_error_t err;
                json_t *root = json_loadb(text.data, text.len, JSON_REJECT_DUPLICATES, &err);
                if (!root)
                        fail("jansson refused", path);
                ft.parse += lap(&t);
                json_decref(root);
                ft.release += lap(&t);
        }
        ft.total = now() - t0;
        buf_free(&text);
        return ft;
}

/* read + doc_parse + engine_evaluate + engine_free + doc_free for every file. */
static struct file_times files_jixiao(const char *dir, size_t n, const struct scheme *s)
{
        struct file_times ft = {0};
        struct buf text = BUF_INIT;
        char path[4096];
        double t0 = now(), t = t0;
        for (size_t i = 0; i < n; i++) {
                doc_path(path, sizeof path, dir, i);
                read_file(path, &text);
                ft.read += lap(&t);
                struct doc *d = parse_or_die(path, &text);
                ft.parse += lap(&t);
                struct evaluation *e = engine_evaluate(d, s);
                ft.findings += e->n_findings;
                ft.evaluate += lap(&t);
                engine_free(e);
                doc_free(d);
                ft.release += lap(&t);
        }
        ft.total = now() - t0;
        buf_free(&text);
        return ft;
}

static void print_times(const char *who, int round, const struct file_times *ft)
{
        printf("   %-7s round %d: %7.3f s  (read %.3f, parse %.3f, evaluate %.3f, free %.3f)\n",
               who, round, ft->total, ft->read, ft->parse, ft->evaluate, ft->release);
        fflush(stdout);
}

struct file_result {
        struct file_times jansson, jixiao; /* the better round of each */
};

static void bench_files(const char *dir, size_t n, const struct scheme *s, struct file_result *r)
{
        struct buf text = BUF_INIT;
        char path[4096];
        printf("2. from files: warming the page cache (untimed) …\n");
        fflush(stdout);
        for (size_t i = 0; i < n; i++) {
                doc_path(path, sizeof path, dir, i);
                read_file(path, &text);
        }
        buf_free(&text);
        for (int round = 1; round <= FILE_ROUNDS; round++) {
                struct file_times a = files_jansson(dir, n);
                print_times("jansson", round, &a);
                struct file_times b = files_jixiao(dir, n, s);
                print_times("jixiao", round, &b);
                if (round == 1 || a.total < r->jansson.total)
                        r->jansson = a;
                if (round == 1 || b.total < r->jixiao.total)
                        r->jixiao = b;
        }
}

/* ---- 3. memory --------------------------------------------------------------------------- */

struct rss_result {
        size_t n;
        long base_kib, peak_kib;
        size_t arena_bytes; /* Σ arena_footprint of the documents */
};

/* The child: hold n parsed documents, evaluate each, report the peaks. */
static int rss_child(const char *dir, size_t n)
{
        struct scheme *s = national();
        long base = peak_rss_kib();
        struct doc **docs = calloc(n, sizeof(*docs));
        if (!docs)
                fail("out of memory", "documents");
        load_docs(dir, n, docs);
        size_t arena = 0;
        for (size_t i = 0; i < n; i++) {
                arena += arena_footprint(docs[i]->arena);
                engine_free(engine_evaluate(docs[i], s));
        }
        printf("%zu %ld %ld %zu\n", n, base, peak_rss_kib(), arena);
        return 0;
}

static struct rss_result spawn_rss(const char *self, const char *dir, size_t n)
{
        struct rss_result r = {n, -1, -1, 0};
        int fds[2];
        if (pipe(fds) != 0)
                fail("pipe", strerror(errno));
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
                char count[32];
                snprintf(count, sizeof count, "%zu", n);
                dup2(fds[1], STDOUT_FILENO);
                close(fds[0]);
                close(fds[1]);
                execl(self, self, "--rss", dir, count, (char *)NULL);
                _exit(127);
        }
        close(fds[1]);
        FILE *f = fdopen(fds[0], "r");
        if (!f || fscanf(f, "%zu %ld %ld %zu", &r.n, &r.base_kib, &r.peak_kib, &r.arena_bytes) != 4)
                fail("memory child", "gave no figures");
        fclose(f);
        int status;
        waitpid(pid, &status, 0);
        return r;
}

static double per_eval(const struct rss_result *r)
{
        return (double)(r->peak_kib - r->base_kib) * 1024.0 / (double)r->n;
}

/* ---- report --------------------------------------------------------------------------------- */

static const char *met(bool ok)
{
        return ok ? "met" : "NOT MET";
}

/* When missed, name the target in the results ("bench: target NOT MET:
 * …"); returns 1 when missed, else 0. */
__attribute__((format(printf, 2, 3))) static int missed_if(bool missed, const char *fmt, ...)
{
        if (!missed)
                return 0;
        char what[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(what, sizeof what, fmt, ap);
        va_end(ap);
        printf("bench: target NOT MET: %s\n", what);
        return 1;
}

static void print_findings(const struct tally *t, size_t n)
{
        printf("   findings: %zu errors, %zu warnings, %zu infos (%.3f per evaluation)\n",
               t->errors, t->warnings, t->infos,
               (double)(t->errors + t->warnings + t->infos) / (double)n);
        for (size_t i = 0; i < t->n_codes; i++)
                printf("     %-26s %zu\n", t->codes[i].code, t->codes[i].n);
}

static void pin_to_one_core(void)
{
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(0, &set);
        if (sched_setaffinity(0, sizeof set, &set) != 0)
                perror("bench: sched_setaffinity");
}

int main(int argc, char **argv)
{
        if (argc == 4 && strcmp(argv[1], "--rss") == 0)
                return rss_child(argv[2], strtoul(argv[3], NULL, 10));
        if (argc != 3) {
                fprintf(stderr, "usage: bench DIR N\n");
                return 2;
        }
        const char *dir = argv[1];
        size_t n = strtoul(argv[2], NULL, 10);
        if (n < 4)
                fail("N must be at least 4", argv[2]);
        char self[4096];
        ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
        if (len <= 0)
                fail("readlink", "/proc/self/exe");
        self[len] = '\0';
        pin_to_one_core();
        printf("jixiao engine benchmark: %zu evaluations in %s, one thread on CPU 0\n\n", n, dir);

        printf("3. memory (first, in fresh child processes) …\n");
        struct rss_result rss[3];
        size_t sizes[3] = {n / 4, n / 2, n};
        for (int i = 0; i < 3; i++) {
                rss[i] = spawn_rss(self, dir, sizes[i]);
                printf("   %7zu documents: peak RSS %.1f MiB (base %.1f MiB), %.0f bytes per "
                       "evaluation, arenas %.0f bytes per document\n",
                       rss[i].n, (double)rss[i].peak_kib / 1024, (double)rss[i].base_kib / 1024,
                       per_eval(&rss[i]), (double)rss[i].arena_bytes / (double)rss[i].n);
        }

        struct scheme *s = national();
        struct memory_result mem;
        bench_memory(dir, n, s, &mem);
        struct file_result files;
        bench_files(dir, n, s, &files);
        scheme_free(s);

        double rate = (double)mem.indicators / (double)n / mem.median;
        double ratio = files.jixiao.total / files.jansson.total;
        double lo = per_eval(&rss[0]), hi = lo;
        for (int i = 1; i < 3; i++) {
                lo = per_eval(&rss[i]) < lo ? per_eval(&rss[i]) : lo;
                hi = per_eval(&rss[i]) > hi ? per_eval(&rss[i]) : hi;
        }
        bool linear = hi <= lo * (1 + LINEAR_SLACK);
        bool fast = rate >= TARGET_RATE, small_share = mem.ratio_median <= TARGET_EVAL_PARSE,
             near_jansson = ratio <= TARGET_RATIO;

        printf("\n== Results: %zu evaluations, %zu indicators, %.1f MB of JSON (%.1f KB each) ==\n",
               n, mem.indicators, (double)mem.bytes / 1e6, (double)mem.bytes / 1e3 / (double)n);
        print_findings(&mem.tally, n);
        printf("\n%-46s %14s %12s  %s\n", "measure", "value", "target", "");
        printf("%-46s %12.3f s %12s\n", "1. in memory: evaluate + free, median of 3",
               mem.median * (double)(n * mem.sweeps), "");
        printf("%-46s %12zu × %zu\n", "   sweeps × evaluations per pass", mem.sweeps, n);
        printf("%-46s %12.3f s %12s\n", "   best of 3", mem.best * (double)(n * mem.sweeps), "");
        printf("%-46s %10.2f M/s %10s M/s  %s\n", "   indicator evaluations per second (median)",
               rate / 1e6, "≥ 10", met(fast));
        printf("%-46s %12.0f ns %12s\n", "   per evaluation (50 indicators)", mem.median * 1e9, "");
        printf("%-46s %12.1f µs %12s\n", "   jansson json_loadb per document (median)",
               mem.parse_median * 1e6, "");
        printf("%-46s %14.3f %12s  %s\n", "   ratio evaluate / jansson parse (median)",
               mem.ratio_median, "≤ 0.10", met(small_share));
        printf("%-46s %12.3f s %12s\n", "2. files: jansson alone (read+load+decref)",
               files.jansson.total, "");
        printf("%-46s %12.3f s %12s\n", "   jixiao (read+parse+evaluate+free)", files.jixiao.total,
               "");
        printf("%-46s %14.2f %12s  %s\n", "   ratio jixiao / jansson", ratio, "≤ 2",
               met(near_jansson));
        printf("%-46s %12.1f MB/s\n", "   jansson parse throughput",
               (double)mem.bytes / 1e6 / files.jansson.parse);
        for (int i = 0; i < 3; i++) {
                char what[64];
                snprintf(what, sizeof what, "%s peak RSS, %zu documents held", i ? "  " : "3.",
                         rss[i].n);
                printf("%-46s %10.1f MiB %12s\n", what, (double)rss[i].peak_kib / 1024, "");
        }
        printf("%-46s %9.0f–%.0f B %12s  %s\n", "   bytes per evaluation (N/4, N/2, N)", lo, hi,
               "±10%", met(linear));

        /* the exit status says whether every target was met */
        printf("\n");
        int missed = 0;
        missed += missed_if(!fast, "indicator evaluations per second %.2f M/s, target ≥ %.0f M/s",
                            rate / 1e6, TARGET_RATE / 1e6);
        missed +=
            missed_if(!small_share, "in-memory evaluation / jansson parse %.3f, target ≤ %.2f",
                      mem.ratio_median, TARGET_EVAL_PARSE);
        missed += missed_if(!near_jansson, "jixiao / jansson from files %.2f, target ≤ %.0f", ratio,
                            TARGET_RATIO);
        missed += missed_if(!linear, "bytes per evaluation %.0f–%.0f B, target within ±%.0f%%", lo,
                            hi, LINEAR_SLACK * 100);
        if (!missed)
                printf("every target met\n");
        return missed ? 1 : 0;
}
