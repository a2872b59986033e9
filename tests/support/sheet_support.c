/* Spreadsheet test helpers (see sheet_support.h). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "sheet_support.h"

#include "../../src/sheet/sheet_int.h"

#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

void load_example(const char *rel, struct loaded *l)
{
        struct diags errs = DIAGS_INIT;
        l->doc = doc_load_file(repo_path(rel), &errs);
        if (!l->doc)
                diags_print(&errs, stderr);
        assert_non_null(l->doc);
        l->scheme = scheme_load(l->doc->scheme ? l->doc->scheme : "national", &errs);
        if (!l->scheme)
                diags_print(&errs, stderr);
        assert_non_null(l->scheme);
        diags_free(&errs);
        l->eval = engine_evaluate(l->doc, l->scheme);
}

void loaded_free(struct loaded *l)
{
        engine_free(l->eval);
        scheme_free(l->scheme);
        doc_free(l->doc);
}

const char *office_bin(void)
{
        static const char *const candidates[] = {"/usr/bin/soffice", "/usr/bin/libreoffice",
                                                 "/usr/lib/libreoffice/program/soffice"};
        for (size_t i = 0; i < 3; i++)
                if (access(candidates[i], X_OK) == 0)
                        return candidates[i];
        return NULL;
}

int office_convert(const char *format, const char *outdir, const char *const *files, size_t n)
{
        char *profile = temp_dir();
        char env[4200];
        snprintf(env, sizeof env, "-env:UserInstallation=file://%s", profile);
        const char **argv = calloc(n + 10, sizeof *argv);
        size_t k = 0;
        argv[k++] = office_bin();
        argv[k++] = env;
        argv[k++] = "--headless";
        argv[k++] = "--norestore";
        argv[k++] = "--convert-to";
        argv[k++] = format;
        argv[k++] = "--outdir";
        argv[k++] = outdir;
        for (size_t i = 0; i < n; i++)
                argv[k++] = files[i];
        argv[k] = NULL;
        struct run r = run_argv(NULL, argv);
        if (r.status != 0)
                fprintf(stderr, "LibreOffice: %s%s", r.out.data, r.err.data);
        int status = r.status;
        run_free(&r);
        free(argv);
        rm_rf(profile);
        free(profile);
        return status;
}

char *pdf_text(const char *pdf)
{
        if (access("/usr/bin/pdftotext", X_OK) != 0)
                return NULL;
        const char *argv[] = {"/usr/bin/pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
        struct run r = run_argv(NULL, argv);
        char *text = r.status == 0 ? buf_detach(&r.out) : NULL;
        run_free(&r);
        return text;
}

const char *artifacts(const char *sub)
{
        static char path[4096];
        snprintf(path, sizeof path, "%s", repo_path("build/artifacts"));
        mkdir(path, 0777);
        snprintf(path, sizeof path, "%s/%s", repo_path("build/artifacts"), sub);
        mkdir(path, 0777);
        return path;
}

char *temp_dir(void)
{
        const char *base = getenv("TMPDIR");
        char path[4096];
        snprintf(path, sizeof path, "%s/jixiao-test-XXXXXX", base && base[0] ? base : "/tmp");
        char *dir = mkdtemp(path);
        assert_non_null(dir);
        return strdup(dir);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
        (void)st, (void)flag, (void)ftw;
        return remove(path);
}

void rm_rf(const char *dir)
{
        nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

void write_bytes(const char *path, const void *data, size_t len)
{
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(data, 1, len, f), len);
        fclose(f);
}

/* ---- ZIP archives ---------------------------------------------------------------------------- */

bool zip_entry(const struct buf *zip, const char *name, struct buf *out)
{
        zip_error_t err;
        zip_error_init(&err);
        zip_source_t *src = zip_source_buffer_create(zip->data, zip->len, 0, &err);
        zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
        if (!za) {
                if (src)
                        zip_source_free(src);
                zip_error_fini(&err);
                return false;
        }
        zip_error_fini(&err);
        zip_file_t *f = zip_fopen(za, name, 0);
        bool ok = f != NULL;
        if (f) {
                char chunk[65536];
                zip_int64_t n;
                while ((n = zip_fread(f, chunk, sizeof chunk)) > 0)
                        buf_append(out, chunk, (size_t)n);
                zip_fclose(f);
        }
        zip_discard(za);
        if (ok && !out->data)
                buf_puts(out, "");
        return ok;
}

/* Apply an edit to the archive in zip through a temporary file. */
static void zip_edit(struct buf *zip, const char *name, const char *content, size_t len)
{
        char *dir = temp_dir();
        char path[4200];
        snprintf(path, sizeof path, "%s/book.zip", dir);
        if (zip->len)
                write_bytes(path, zip->data, zip->len);
        int err = 0;
        zip_t *za = zip_open(path, ZIP_CREATE, &err);
        assert_non_null(za);
        if (content) {
                zip_source_t *src = zip_source_buffer(za, content, len, 0);
                assert_non_null(src);
                assert_true(zip_file_add(za, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) >= 0);
        } else {
                zip_int64_t i = zip_name_locate(za, name, 0);
                assert_true(i >= 0);
                assert_int_equal(zip_delete(za, (zip_uint64_t)i), 0);
        }
        assert_int_equal(zip_close(za), 0);
        size_t n;
        char *data = read_file(path, &n);
        assert_non_null(data);
        buf_reset(zip);
        buf_append(zip, data, n);
        free(data);
        rm_rf(dir);
        free(dir);
}

void zip_put(struct buf *zip, const char *name, const char *content, size_t len)
{
        zip_edit(zip, name, content, len);
}

void zip_remove(struct buf *zip, const char *name)
{
        zip_edit(zip, name, NULL, 0);
}

void make_zip(struct buf *out, const char *const *names, const char *const *contents, size_t n)
{
        buf_reset(out);
        for (size_t i = 0; i < n; i++)
                zip_put(out, names[i], contents[i], strlen(contents[i]));
}

void set_cell_xml(struct buf *xlsx, const char *entry, const char *ref, const char *xml)
{
        struct buf sheet = BUF_INIT;
        assert_true(zip_entry(xlsx, entry, &sheet));
        char open[32];
        snprintf(open, sizeof open, "<c r=\"%s\"", ref);
        const char *s = buf_str(&sheet);
        const char *at = strstr(s, open);
        struct buf edited = BUF_INIT;
        if (at) {
                const char *gt = strchr(at, '>');
                assert_non_null(gt);
                const char *end = gt[-1] == '/' ? gt + 1 : strstr(gt, "</c>") + 4;
                buf_append(&edited, s, (size_t)(at - s));
                buf_puts(&edited, xml);
                buf_puts(&edited, end);
        } else {
                /* no such cell: add it at the end of its row */
                size_t digits = strcspn(ref, "0123456789");
                char row[32];
                snprintf(row, sizeof row, "<row r=\"%s\"", ref + digits);
                const char *r = strstr(s, row);
                assert_non_null(r);
                const char *gt = strchr(r, '>');
                const char *end = gt[-1] == '/' ? NULL : strstr(gt, "</row>");
                assert_non_null(end); /* an empty row element is not expected here */
                buf_append(&edited, s, (size_t)(end - s));
                buf_puts(&edited, xml);
                buf_puts(&edited, end);
        }
        zip_put(xlsx, entry, edited.data, edited.len);
        buf_free(&sheet);
        buf_free(&edited);
}

void sheet_cell_of(const struct doc *d, const struct evaluation *e, const char *path,
                   char entry[64], char ref[16])
{
        struct arena *a = arena_new();
        struct doc *t = sheet_template(d); /* the workbook's rows, spare ones included */
        struct sheet_plan *plan;
        size_t n = sheet_tables_plan(a, t, e, &plan);
        for (size_t s = 0; s < n; s++) {
                const struct grid *g = plan[s].grid;
                struct sheet_frame fr;
                sheet_frame(g, &fr);
                for (size_t r = 0; r < g->rows; r++)
                        for (size_t c = 0; c < g->cols; c++) {
                                const struct grid_cell *cell = grid_at(g, r, c);
                                if (cell->path && strcmp(cell->path, path) == 0) {
                                        snprintf(entry, 64, "xl/worksheets/sheet%zu.xml", s + 1);
                                        sheet_ref(fr.top + r, c, ref);
                                        arena_free(a);
                                        doc_free(t);
                                        return;
                                }
                        }
        }
        arena_free(a);
        doc_free(t);
        fprintf(stderr, "no cell for %s\n", path);
        fail();
}
