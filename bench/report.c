/* The report benchmark behind "make bench-report" (docs/benchmarks.md,
 * "Reports").
 *
 * "report DIR N" measures, in one run:
 *
 *   1. batches: "jixiao export --format pdf|docx --out DIR" over the first
 *      100 and all N documents bench/gen.c wrote to DIR: wall time, peak
 *      RSS of the child (wait4) and its progress lines, to show that a
 *      batch takes one evaluation at a time in bounded memory; run first,
 *      while this process is small (a child's peak RSS starts from it);
 *   2. per evaluation, in this process: for each seed example, the report
 *      built and rendered to DOCX, to PDF (and to XLSX when the build has
 *      it), many times after a warm-up; the median counts;
 *   3. LibreOffice converting the same DOCX files to PDF, one headless
 *      process per file as a user would run it (a private profile, made
 *      by an untimed first conversion); the median of several runs;
 *      jixiao's PDF time against it, per seed, by the wall clock and by
 *      CPU time (the machine may be shared).
 *
 * It expects build/jixiao beside it (JIXIAO_BIN overrides) and is run
 * from the repository's root. It exits with status 1, with a line naming
 * each target missed ("bench-report: target NOT MET: …"), when jixiao's
 * PDF is not TARGET_RATIO times faster than LibreOffice for every seed
 * (or LibreOffice is missing, so that they cannot be compared), when the
 * batch of N printed no progress, or when its peak RSS is more than
 * MEMORY_SLACK above the batch of 100 (memory that grows with the batch). */
#include "../src/base/buf.h"
#include "../src/doc/doc_io.h"
#include "../src/engine/engine.h"
#include "../src/report/docx.h"
#include "../src/report/export.h"
#include "../src/report/pdf.h"
#include "../src/report/report.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum {
        DOCX_RUNS = 200,   /* per seed; the median counts */
        PDF_RUNS = 40,     /* per seed */
        OFFICE_RUNS = 5,   /* LibreOffice conversions per seed */
        SMALL_BATCH = 100, /* the batch that memory is compared against */
};

#define TARGET_RATIO 30.0 /* LibreOffice DOCX → PDF / jixiao PDF */
#define MEMORY_SLACK 0.10 /* the batch of N may peak this share above the batch of 100 */

static const char *const seeds[4] = {
    "examples/seed-001-shenzhen-2024.json",
    "examples/seed-002-shangjie-2021.json",
    "examples/seed-003-urumqi-2023.json",
    "examples/seed-004-suining-2024.json",
};

/* ---- helpers ------------------------------------------------------------------------------ */

static double now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this thread: unlike the wall clock, not stretched when other
 * work shares the machine. */
static double cpu_now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void fail(const char *what, const char *arg)
{
        fprintf(stderr, "bench-report: %s: %s\n", what, arg);
        exit(1);
}

/* When missed, name the target in the results ("bench-report: target NOT
 * MET: …"); returns 1 when missed, else 0. */
__attribute__((format(printf, 2, 3))) static int missed_if(bool missed, const char *fmt, ...)
{
        if (!missed)
                return 0;
        char what[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(what, sizeof what, fmt, ap);
        va_end(ap);
        printf("bench-report: target NOT MET: %s\n", what);
        return 1;
}

static int by_value(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
        qsort(v, n, sizeof *v, by_value);
        return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void save(const char *path, const struct buf *b)
{
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0)
                fail("cannot write", path);
}

struct child {
        int status;
        double seconds;     /* wall */
        double cpu_seconds; /* user + system, with the children it waited for */
        long max_rss_kib;
};

/* Run argv with stdout and stderr to files (or /dev/null), waiting for it. */
static struct child run(const char *const *argv, const char *out, const char *err)
{
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, out ? out : "/dev/null",
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&fa, 2, err ? err : "/dev/null",
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        pid_t pid;
        double t0 = now();
        if (posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ) != 0)
                fail("cannot run", argv[0]);
        posix_spawn_file_actions_destroy(&fa);
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0)
                fail("wait4", argv[0]);
        struct child c = {WIFEXITED(status) ? WEXITSTATUS(status) : 128, now() - t0,
                          (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
                              (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6,
                          ru.ru_maxrss};
        return c;
}

struct seed {
        struct doc *doc;
        struct scheme *scheme;
        struct evaluation *e;
        const char *name;
};

static struct seed load(const char *path)
{
        struct diags errs = DIAGS_INIT;
        struct seed s = {.name = path};
        s.doc = doc_load_file(path, &errs);
        if (!s.doc)
                fail("cannot load", path);
        s.scheme = scheme_load(s.doc->scheme ? s.doc->scheme : "national", &errs);
        if (!s.scheme)
                fail("cannot load the scheme of", path);
        diags_free(&errs);
        s.e = engine_evaluate(s.doc, s.scheme);
        return s;
}

/* Median wall and CPU seconds of runs × (build the report, render it to
 * format f). */
static double time_format(const struct seed *s, enum report_format f, size_t runs, size_t *bytes,
                          double *cpu)
{
        double *t = calloc(runs, sizeof *t), *c = calloc(runs, sizeof *c);
        struct buf out = BUF_INIT;
        struct diags errs = DIAGS_INIT;
        for (size_t i = 0; i <= runs; i++) { /* run 0 warms the caches up */
                buf_reset(&out);
                double t0 = now(), c0 = cpu_now();
                if (!report_write(s->doc, s->e, f, &out, &errs))
                        fail("cannot render", s->name);
                if (i) {
                        t[i - 1] = now() - t0;
                        c[i - 1] = cpu_now() - c0;
                }
        }
        *bytes = out.len;
        double m = median(t, runs);
        *cpu = median(c, runs);
        buf_free(&out);
        diags_free(&errs);
        free(t);
        free(c);
        return m;
}

/* ---- 1 and 2: per evaluation, and LibreOffice -------------------------------------------------
 */

/* Returns the smallest ratio of LibreOffice's time to jixiao's PDF (wall
 * clock) over the seeds, or 0 when LibreOffice is not installed. */
static double per_evaluation(const char *work, const char *jixiao)
{
        (void)jixiao;
        const struct export_format *xlsx = export_format_get(REPORT_XLSX);
        char profile[4500], outdir[4400];
        snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/lo-profile", work);
        snprintf(outdir, sizeof outdir, "%s/lo-pdf", work);
        mkdir(outdir, 0777);

        printf("\nOne report per evaluation, in process (median; build the report + render)\n\n");
        printf("| seed | pages | DOCX | DOCX size | PDF (wall) | PDF (CPU) | PDF size | XLSX |\n");
        printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        double pdf_ms[4], pdf_cpu_ms[4];
        char docx[4][4400];
        for (size_t i = 0; i < 4; i++) {
                struct seed s = load(seeds[i]);
                size_t docx_bytes, pdf_bytes, xlsx_bytes = 0;
                double dc, pc, xc;
                double d = time_format(&s, REPORT_DOCX, DOCX_RUNS, &docx_bytes, &dc);
                double p = time_format(&s, REPORT_PDF, PDF_RUNS, &pdf_bytes, &pc);
                double x =
                    xlsx->write ? time_format(&s, REPORT_XLSX, DOCX_RUNS, &xlsx_bytes, &xc) : 0;
                pdf_ms[i] = p * 1e3;
                pdf_cpu_ms[i] = pc * 1e3;
                /* the same DOCX and PDF as files, for LibreOffice and pdfinfo */
                struct buf out = BUF_INIT;
                struct diags errs = DIAGS_INIT;
                report_write(s.doc, s.e, REPORT_DOCX, &out, &errs);
                snprintf(docx[i], sizeof docx[i], "%s/seed-%03zu.docx", work, i + 1);
                save(docx[i], &out);
                buf_reset(&out);
                report_write(s.doc, s.e, REPORT_PDF, &out, &errs);
                char pdf[4400], info[4400];
                snprintf(pdf, sizeof pdf, "%s/seed-%03zu.pdf", work, i + 1);
                save(pdf, &out);
                snprintf(info, sizeof info, "%s/pdfinfo.txt", work);
                const char *argv[] = {"/usr/bin/pdfinfo", pdf, NULL};
                run(argv, info, NULL);
                struct buf text = BUF_INIT;
                FILE *f = fopen(info, "r");
                char line[256];
                int pages = 0;
                while (f && fgets(line, sizeof line, f))
                        if (strncmp(line, "Pages:", 6) == 0)
                                pages = atoi(line + 6);
                if (f)
                        fclose(f);
                buf_free(&text);
                buf_free(&out);
                diags_free(&errs);
                char xs[64];
                snprintf(xs, sizeof xs, "%.2f ms, %.1f KB", x * 1e3, xlsx_bytes / 1024.0);
                printf("| %03zu | %d | %.2f ms | %.1f KB | %.1f ms | %.1f ms | %.0f KB | %s |\n",
                       i + 1, pages, d * 1e3, docx_bytes / 1024.0, p * 1e3, pc * 1e3,
                       pdf_bytes / 1024.0, xlsx->write ? xs : "not in this build");
                engine_free(s.e);
                scheme_free(s.scheme);
                doc_free(s.doc);
        }

        if (access("/usr/bin/libreoffice", X_OK) != 0) {
                printf("\n2. LibreOffice: not installed, no comparison\n");
                return 0;
        }
        printf("\nLibreOffice converting the same DOCX to PDF (one process per file, median of "
               "%d)\n\n",
               OFFICE_RUNS);
        printf(
            "| seed | LibreOffice (wall) | jixiao PDF (wall) | ratio | LibreOffice (CPU) | jixiao "
            "PDF (CPU) | ratio | target ≥ %.0f× |\n|---|---:|---:|---:|---:|---:|---:|---|\n",
            TARGET_RATIO);
        const char *warm[] = {"/usr/bin/libreoffice",
                              profile,
                              "--headless",
                              "--norestore",
                              "--convert-to",
                              "pdf",
                              "--outdir",
                              outdir,
                              docx[0],
                              NULL};
        run(warm, NULL, NULL); /* creates the profile; not timed */
        double worst = 1e9;
        for (size_t i = 0; i < 4; i++) {
                double t[OFFICE_RUNS], c[OFFICE_RUNS];
                for (size_t k = 0; k < OFFICE_RUNS; k++) {
                        const char *argv[] = {"/usr/bin/libreoffice",
                                              profile,
                                              "--headless",
                                              "--norestore",
                                              "--convert-to",
                                              "pdf",
                                              "--outdir",
                                              outdir,
                                              docx[i],
                                              NULL};
                        struct child ch = run(argv, NULL, NULL);
                        if (ch.status != 0)
                                fail("LibreOffice failed on", docx[i]);
                        t[k] = ch.seconds;
                        c[k] = ch.cpu_seconds;
                }
                double lo = median(t, OFFICE_RUNS) * 1e3, lo_cpu = median(c, OFFICE_RUNS) * 1e3;
                double ratio = lo / pdf_ms[i], cpu_ratio = lo_cpu / pdf_cpu_ms[i];
                if (ratio < worst)
                        worst = ratio;
                printf("| %03zu | %.0f ms | %.1f ms | %.0f× | %.0f ms | %.1f ms | %.0f× | %s |\n",
                       i + 1, lo, pdf_ms[i], ratio, lo_cpu, pdf_cpu_ms[i], cpu_ratio,
                       ratio >= TARGET_RATIO ? "met" : "NOT MET");
        }
        printf("\nsmallest ratio (wall clock) %.0f× (target ≥ %.0f×): %s\n", worst, TARGET_RATIO,
               worst >= TARGET_RATIO ? "met" : "NOT MET");
        return worst;
}

/* ---- 3: batches ---------------------------------------------------------------------------------
 */

/* Show the progress lines of a batch's stderr and its summary; returns
 * the number of progress lines. */
static size_t show_stderr(const char *path)
{
        FILE *f = fopen(path, "r");
        char line[1024];
        size_t progress = 0;
        char last[1024] = "", summary[1024] = "";
        while (f && fgets(line, sizeof line, f)) {
                if (strncmp(line, "导出 ", strlen("导出 ")) == 0) {
                        progress++;
                        snprintf(last, sizeof last, "%s", line);
                } else if (strstr(line, "已导出")) {
                        snprintf(summary, sizeof summary, "%s", line);
                }
        }
        if (f)
                fclose(f);
        last[strcspn(last, "\n")] = '\0';
        summary[strcspn(summary, "\n")] = '\0';
        printf("    progress: %zu lines, last \"%s\"; %s\n", progress, last, summary);
        return progress;
}

static struct child batch(const char *jixiao, const char *format, const char *data, size_t n,
                          const char *work)
{
        char out[4400], err[4400];
        snprintf(out, sizeof out, "%s/batch-%s-%zu", work, format, n);
        snprintf(err, sizeof err, "%s/batch-%s-%zu.stderr", work, format, n);
        const char **argv = calloc(n + 8, sizeof *argv);
        char **paths = calloc(n, sizeof *paths);
        size_t k = 0;
        argv[k++] = jixiao;
        argv[k++] = "export";
        argv[k++] = "--format";
        argv[k++] = format;
        argv[k++] = "--out";
        argv[k++] = out;
        for (size_t i = 0; i < n; i++) {
                paths[i] = malloc(strlen(data) + 16);
                sprintf(paths[i], "%s/%06zu.json", data, i + 1);
                argv[k++] = paths[i];
        }
        argv[k] = NULL;
        struct child c = run(argv, NULL, err);
        for (size_t i = 0; i < n; i++)
                free(paths[i]);
        free(paths);
        free(argv);
        if (c.status > 1)
                fail("the batch failed; see", err);
        printf("| %s | %zu | %.2f s | %.1f ms | %.1f MiB |\n", format, n, c.seconds,
               c.seconds * 1e3 / (double)n, c.max_rss_kib / 1024.0);
        return c;
}

/* The batches of 100 and n PDF and DOCX; returns the number of targets
 * missed (progress shown, memory bounded), each named. */
static int batches(const char *jixiao, const char *data, size_t n, const char *work)
{
        printf("\nBatches: jixiao export --format F --out DIR FILE… (one process each)\n\n");
        printf("| format | documents | wall time | per document | peak RSS |\n");
        printf("|---|---:|---:|---:|---:|\n");
        struct child small = batch(jixiao, "pdf", data, SMALL_BATCH, work);
        struct child big = batch(jixiao, "pdf", data, n, work);
        struct child dsmall = batch(jixiao, "docx", data, SMALL_BATCH, work);
        struct child dbig = batch(jixiao, "docx", data, n, work);
        char err[4400];
        snprintf(err, sizeof err, "%s/batch-pdf-%zu.stderr", work, n);
        printf("\n");
        size_t progress = show_stderr(err);
        printf("    peak RSS, PDF: %.1f MiB at %d, %.1f MiB at %zu (%+.1f MiB); DOCX: %.1f / %.1f "
               "MiB\n",
               small.max_rss_kib / 1024.0, SMALL_BATCH, big.max_rss_kib / 1024.0, n,
               (big.max_rss_kib - small.max_rss_kib) / 1024.0, dsmall.max_rss_kib / 1024.0,
               dbig.max_rss_kib / 1024.0);
        int missed = missed_if(progress == 0, "the PDF batch of %zu printed no progress", n);
        missed +=
            missed_if((double)big.max_rss_kib > (double)small.max_rss_kib * (1 + MEMORY_SLACK),
                      "bounded memory: the PDF batch of %zu peaked at %.1f MiB, more than "
                      "%.0f%% above the batch of %d (%.1f MiB)",
                      n, big.max_rss_kib / 1024.0, MEMORY_SLACK * 100, SMALL_BATCH,
                      small.max_rss_kib / 1024.0);
        missed +=
            missed_if((double)dbig.max_rss_kib > (double)dsmall.max_rss_kib * (1 + MEMORY_SLACK),
                      "bounded memory: the DOCX batch of %zu peaked at %.1f MiB, more than "
                      "%.0f%% above the batch of %d (%.1f MiB)",
                      n, dbig.max_rss_kib / 1024.0, MEMORY_SLACK * 100, SMALL_BATCH,
                      dsmall.max_rss_kib / 1024.0);
        return missed;
}

int main(int argc, char **argv)
{
        if (argc != 3)
                fail("usage", "report DIR N");
        const char *data = argv[1];
        long n = atol(argv[2]);
        if (n < SMALL_BATCH)
                fail("N must be at least", "100");
        const char *jixiao = getenv("JIXIAO_BIN") ? getenv("JIXIAO_BIN") : "build/jixiao";
        char jx[4096];
        if (!realpath(jixiao, jx))
                fail("cannot find", jixiao);
        const char *work = "build/bench/report-work";
        mkdir("build/bench", 0777);
        mkdir(work, 0777);
        char abs_work[4096];
        if (!realpath(work, abs_work))
                fail("cannot use", work);
        printf("Report benchmark: %ld generated documents in %s\n", n, data);
        /* The batches first, while this process is small: on Linux a child's
         * peak RSS (wait4) starts from the address space it had before exec,
         * that is this process's. */
        int missed = batches(jx, data, (size_t)n, abs_work);
        double worst = per_evaluation(abs_work, jx);
        pdf_shutdown();
        printf("\n");
        missed += missed_if(worst == 0,
                            "LibreOffice is not installed: jixiao's PDF against "
                            "LibreOffice (target ≥ %.0f×) cannot be measured",
                            TARGET_RATIO);
        missed += missed_if(worst > 0 && worst < TARGET_RATIO,
                            "jixiao's PDF against LibreOffice %.0f× for the slowest seed, target ≥ "
                            "%.0f×",
                            worst, TARGET_RATIO);
        if (!missed)
                printf("every target met\n");
        return missed ? 1 : 0;
}
