/* Helpers for the report tests: the seed documents evaluated in memory,
 * files under build/artifacts/, and the outside tools that read what the
 * report writers produce (pdftotext, pdffonts, pdftoppm, LibreOffice).
 * Header-only (static inline) so that it needs no Makefile entry. */
#ifndef JX_TEST_REPORTS_H
#define JX_TEST_REPORTS_H

#include "testutil.h"

#include "../../src/base/buf.h"
#include "../../src/doc/doc_io.h"
#include "../../src/engine/engine.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

/* A seed document, its scheme and its evaluation. */
struct seed {
        struct doc *doc;
        struct scheme *scheme;
        struct evaluation *e;
};

static inline struct seed seed_load(size_t i)
{
        struct seed s = {0};
        struct diags errs = DIAGS_INIT;
        s.doc = doc_load_file(repo_path(seed_examples[i]), &errs);
        assert_non_null(s.doc);
        s.scheme = scheme_load(s.doc->scheme ? s.doc->scheme : "national", &errs);
        assert_non_null(s.scheme);
        diags_free(&errs);
        s.e = engine_evaluate(s.doc, s.scheme);
        return s;
}

static inline void seed_free(struct seed *s)
{
        engine_free(s->e);
        scheme_free(s->scheme);
        doc_free(s->doc);
}

/* build/artifacts/<name> under the repository (the directory is created). */
static inline const char *artifact_path(const char *name)
{
        static char path[4096];
        snprintf(path, sizeof path, "%s", repo_path("build/artifacts"));
        mkdir(path, 0777);
        snprintf(path, sizeof path, "%s/%s", repo_path("build/artifacts"), name);
        return path;
}

static inline void save_file(const char *path, const struct buf *b)
{
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
        assert_int_equal(fclose(f), 0);
}

static inline bool have_tool(const char *path)
{
        return access(path, X_OK) == 0;
}

/* s without any whitespace (spaces, line and page breaks, U+3000), so
 * that text extracted from a PDF can be searched whatever its line
 * breaks and the spacing LibreOffice puts between Chinese and digits. */
static inline char *squeeze_ws(const char *s)
{
        struct buf b = BUF_INIT;
        for (; *s; s++) {
                if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\f' || *s == '\r')
                        continue;
                if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
                    (unsigned char)s[2] == 0x80) {
                        s += 2;
                        continue;
                }
                buf_putc(&b, *s);
        }
        buf_putc(&b, '\0');
        return buf_detach(&b);
}

/* True when squeezed text contains want, whitespace ignored on both sides. */
static inline bool text_has(const char *squeezed, const char *want)
{
        char *w = squeeze_ws(want);
        bool found = strstr(squeezed, w) != NULL;
        if (!found)
                fprintf(stderr, "text lacks: %s\n", want);
        free(w);
        return found;
}

/* The text of a PDF file by pdftotext, whitespace removed (free it). */
static inline char *pdf_text(const char *pdf)
{
        const char *argv[] = {"/usr/bin/pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
        struct run r = run_argv(NULL, argv);
        assert_int_equal(r.status, 0);
        char *s = squeeze_ws(r.out.data);
        run_free(&r);
        return s;
}

/* The output of pdffonts for a PDF file (free it). */
static inline char *pdf_fonts(const char *pdf)
{
        const char *argv[] = {"/usr/bin/pdffonts", pdf, NULL};
        struct run r = run_argv(NULL, argv);
        assert_int_equal(r.status, 0);
        char *s = buf_detach(&r.out);
        run_free(&r);
        return s;
}

/* Pages of a PDF file by pdfinfo. */
static inline int pdf_pages(const char *pdf)
{
        const char *argv[] = {"/usr/bin/pdfinfo", pdf, NULL};
        struct run r = run_argv(NULL, argv);
        assert_int_equal(r.status, 0);
        const char *p = strstr(r.out.data, "Pages:");
        int n = p ? atoi(p + 6) : -1;
        run_free(&r);
        return n;
}

/* Count non-overlapping occurrences of want in s. */
static inline size_t count_of(const char *s, const char *want)
{
        size_t n = 0, len = strlen(want);
        for (const char *p = strstr(s, want); p; p = strstr(p + len, want))
                n++;
        return n;
}

#endif
