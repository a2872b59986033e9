/* The PDF writer: for every seed a PDF whose text (pdftotext) holds the
 * engine's figures and the unit's narrative, with the CJK fonts embedded
 * as subsets (pdffonts); the pages of one report as PNG artifacts in
 * build/artifacts/ (pdftoppm) to look at; long tables that break across
 * pages with their header rows repeated and merged cells; a cell taller
 * than a page; every GB2312 hanzi visibly drawn (cairo 1.16's CFF subsetter
 * drops some glyphs of some fonts, docs/reports.md); and several threads
 * rendering at once. */
#define _GNU_SOURCE /* memmem */

#include "../support/reports.h"

#include "../../src/report/pdf.h"
#include "../../src/report/report.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <iconv.h>
#include <pthread.h>
#include <zlib.h>

static bool tools(void)
{
        return have_tool("/usr/bin/pdftotext") && have_tool("/usr/bin/pdffonts") &&
               have_tool("/usr/bin/pdfinfo") && have_tool("/usr/bin/pdftoppm");
}

static void render(const struct report *r, struct buf *out)
{
        struct diags errs = DIAGS_INIT;
        bool ok = pdf_render(r, out, &errs);
        if (!ok)
                diags_print(&errs, stderr);
        assert_true(ok);
        diags_free(&errs);
        assert_true(out->len > 1000 && memcmp(out->data, "%PDF-", 5) == 0);
}

static const char *const figures[4][4] = {
    {"部门整体支出绩效自评综合得分 94.56 分", "评价等级为“优”。", "政府采购执行率为 93.14%",
     "市商务局统一承担市投资促进局的党建"},
    {"部门整体支出绩效自评综合得分 98.00 分", "评价等级为“优”。",
     "全年预算数为 761.60 万元，全年实际支出 761.60 万元，预算执行率为 100.00%，得 10.00 分。",
     "研究拟订全区招商引资中长期规划并组织实施"},
    {"部门整体支出绩效自评综合得分 79.14 分", "评价等级为“中”。",
     "全年预算数为 412.49 万元，全年实际支出 407.98 万元，预算执行率为 98.91%，得 9.89 分。",
     "强化年初预算工作，切实提高财政资源配置效率"},
    {"部门整体支出绩效自评综合得分 100.00 分", "评价等级为“优秀”。",
     "全年预算数为 716.83 万元，全年实际支出 716.83 万元，预算执行率为 100.00%，得 10.00 分。",
     "加强单位绩效管理队伍建设和业务培训，建立绩效评价长效机制。"},
};

/* ---- every embedded glyph loads ---------------------------------------------------------- */

/* The decompressed font programs embedded in a PDF written by cairo: the
 * streams whose dictionary has /Length1 (TrueType) or /Subtype
 * /CIDFontType0C (CFF), each /Length given directly or as an indirect
 * object, /FlateDecode. */
static size_t font_streams(const struct buf *pdf, struct buf *out, size_t max)
{
        size_t n = 0;
        const char *end = pdf->data + pdf->len;
        for (const char *p = pdf->data; n < max && (p = memmem(p, (size_t)(end - p), "stream", 6));
             p += 6) {
                if (p - pdf->data >= 3 && memcmp(p - 3, "end", 3) == 0)
                        continue; /* "endstream" */
                const char *dict = p;
                while (dict > pdf->data && memcmp(dict, " obj", 4) != 0)
                        dict--;
                size_t dict_len = (size_t)(p - dict);
                if (!memmem(dict, dict_len, "/Length1", 8) &&
                    !memmem(dict, dict_len, "/CIDFontType0C", 14))
                        continue;
                const char *len = memmem(dict, dict_len, "/Length ", 8);
                assert_non_null(len);
                char *after;
                long length = strtol(len + 8, &after, 10);
                if (strncmp(after, " 0 R", 4) == 0) { /* the length is an object */
                        char key[32];
                        snprintf(key, sizeof key, "\n%ld 0 obj", length);
                        const char *obj = memmem(pdf->data, pdf->len, key, strlen(key));
                        assert_non_null(obj);
                        length = strtol(obj + strlen(key), NULL, 10);
                }
                const char *data = p + 6;
                data += *data == '\r' ? 2 : 1;
                uLongf size = 64u << 20;
                struct buf *b = &out[n++];
                buf_reserve(b, size);
                assert_int_equal(
                    uncompress((Bytef *)b->data, &size, (const Bytef *)data, (uLong)length), Z_OK);
                b->len = size;
        }
        return n;
}

/* Load every glyph of every embedded font with FreeType: cairo 1.16's CFF
 * subsetter can leave a glyph calling subroutines it did not embed
 * (docs/reports.md), and any subsetter can go wrong. */
static void assert_glyphs_load(const struct buf *pdf, const char *what)
{
        struct buf fonts[8] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT,
                               BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
        size_t n = font_streams(pdf, fonts, 8);
        assert_true(n >= 1);
        FT_Library lib;
        assert_int_equal(FT_Init_FreeType(&lib), 0);
        for (size_t i = 0; i < n; i++) {
                FT_Face face;
                assert_int_equal(FT_New_Memory_Face(lib, (const FT_Byte *)fonts[i].data,
                                                    (FT_Long)fonts[i].len, 0, &face),
                                 0);
                for (FT_Long g = 0; g < face->num_glyphs; g++) {
                        int err = FT_Load_Glyph(face, (FT_UInt)g, FT_LOAD_NO_SCALE);
                        if (err)
                                fprintf(stderr, "%s: embedded glyph %ld does not load (%d)\n", what,
                                        (long)g, err);
                        assert_int_equal(err, 0);
                }
                FT_Done_Face(face);
                buf_free(&fonts[i]);
        }
        FT_Done_FreeType(lib);
}

static void test_seed_reports(void **state)
{
        (void)state;
        if (!tools())
                skip();
        for (size_t i = 0; i < 4; i++) {
                struct seed s = seed_load(i);
                struct report *r = report_build(s.doc, s.e);
                struct buf out = BUF_INIT;
                render(r, &out);
                char name[64];
                snprintf(name, sizeof name, "report-seed-%03zu.pdf", i + 1);
                const char *path = artifact_path(name);
                save_file(path, &out);
                assert_glyphs_load(&out, name);
                char *text = pdf_text(path);
                for (size_t k = 0; k < 4; k++)
                        assert_true(text_has(text, figures[i][k]));
                assert_true(text_has(text, "部门整体支出绩效自评报告"));
                assert_true(text_has(text, "— 1 —")); /* page numbers */
                free(text);
                char *fonts = pdf_fonts(path);
                /* the CJK face from fonts-wqy-zenhei, embedded ("emb") as a subset ("sub") */
                assert_non_null(strstr(fonts, "WenQuanYiZenHei"));
                assert_non_null(strstr(fonts, "CID TrueType      Identity-H       yes yes yes"));
                assert_null(strstr(fonts, " no  ")); /* nothing left unembedded */
                free(fonts);
                buf_free(&out);
                report_free(r);
                seed_free(&s);
        }
}

/* Seed 004's report as PNG pages, to be looked at. */
static void test_pages_as_images(void **state)
{
        (void)state;
        if (!tools())
                skip();
        struct seed s = seed_load(3);
        struct report *r = report_build(s.doc, s.e);
        struct buf out = BUF_INIT;
        render(r, &out);
        char pdf[4096];
        snprintf(pdf, sizeof pdf, "%s", artifact_path("report-seed-004.pdf"));
        save_file(pdf, &out);
        int pages = pdf_pages(pdf);
        assert_true(pages >= 5);
        char prefix[4096];
        snprintf(prefix, sizeof prefix, "%s", artifact_path("report-seed-004-page"));
        const char *argv[] = {"/usr/bin/pdftoppm", "-r", "100", "-png", pdf, prefix, NULL};
        struct run run = run_argv(NULL, argv);
        assert_int_equal(run.status, 0);
        run_free(&run);
        /* pdftoppm pads page numbers to the width of the last one */
        int width = pages >= 100 ? 3 : pages >= 10 ? 2 : 1;
        char png[4200];
        snprintf(png, sizeof png, "%s-%0*d.png", prefix, width, 1);
        assert_int_equal(access(png, R_OK), 0);
        snprintf(png, sizeof png, "%s-%0*d.png", prefix, width, pages);
        assert_int_equal(access(png, R_OK), 0);
        buf_free(&out);
        report_free(r);
        seed_free(&s);
}

/* A report of one long table: 2 header rows (a merge across them), 160
 * rows in merged groups of 4, a cell of 3,000 characters. */
static struct report *long_table_report(void)
{
        struct arena *a = arena_new();
        struct report *r = arena_alloc(a, sizeof *r);
        r->arena = a;
        r->title = "长表格";
        struct grid *g = grid_new(a, 2, 4);
        g->title = "测试表";
        g->caption = "单位：万元";
        g->header_rows = 2;
        grid_text(a, g, 0, 0, "分组", CF_HEADER);
        grid_merge(g, 0, 0, 2, 1);
        grid_text(a, g, 0, 1, "表头第一行", CF_HEADER);
        grid_merge(g, 0, 1, 1, 3);
        grid_text(a, g, 1, 1, "项目", CF_HEADER);
        grid_text(a, g, 1, 2, "金额", CF_HEADER);
        grid_text(a, g, 1, 3, "说明", CF_HEADER);
        for (int k = 0; k < 160; k++) {
                size_t row = grid_add_rows(a, g, 1);
                if (k % 4 == 0) {
                        char name[32];
                        snprintf(name, sizeof name, "第%d组", k / 4 + 1);
                        grid_text(a, g, row, 0, name, CF_CENTER);
                }
                char item[32];
                snprintf(item, sizeof item, "项目%03d", k + 1);
                grid_text(a, g, row, 1, item, 0);
                grid_number(a, g, row, 2, dec_make(12345 + k, 2), 2, NUM_MONEY, 0);
        }
        for (int k = 0; k < 160; k += 4)
                grid_merge(g, 2 + (size_t)k, 0, 4, 1);
        struct buf longtext = BUF_INIT;
        for (int k = 0; k < 300; k++)
                buf_puts(&longtext, "很长的说明文字，");
        size_t row = grid_add_rows(a, g, 1);
        grid_text(a, g, row, 0, "末行", 0);
        grid_text(a, g, row, 3, buf_str(&longtext), CF_WRAP);
        buf_free(&longtext);
        r->blocks = arena_alloc(a, 2 * sizeof *r->blocks);
        r->blocks[0] = (struct rblock){.kind = RB_TITLE, .text = "长表格"};
        r->blocks[1] = (struct rblock){.kind = RB_TABLE, .grid = g};
        r->n_blocks = 2;
        return r;
}

static void test_long_tables_break_across_pages(void **state)
{
        (void)state;
        if (!tools())
                skip();
        struct report *r = long_table_report();
        struct buf out = BUF_INIT;
        render(r, &out);
        const char *pdf = artifact_path("long-table.pdf");
        save_file(pdf, &out);
        int pages = pdf_pages(pdf);
        assert_true(pages >= 5);
        char *text = pdf_text(pdf);
        /* the header on every page the table is on */
        assert_int_equal(count_of(text, "表头第一行"), (size_t)pages);
        assert_true(text_has(text, "项目001"));
        assert_true(text_has(text, "项目160"));
        assert_true(text_has(text, "第40组"));
        /* every line of the tall cell, page after page ("…很长的说明文" ends each line) */
        assert_int_equal(count_of(text, "很长的说明文"), 300);
        free(text);
        buf_free(&out);
        report_free(r);
}

/* ---- every hanzi of GB2312 leaves ink where pdftotext places it ----------------------- */

/* The 6,763 hanzi of GB2312 (rows 16-87), space-separated, 40 to a line. */
static char *gb2312_hanzi(void)
{
        iconv_t cd = iconv_open("UTF-8", "GB2312");
        assert_true(cd != (iconv_t)-1);
        struct buf b = BUF_INIT;
        size_t n = 0;
        for (unsigned hi = 0xB0; hi <= 0xF7; hi++)
                for (unsigned lo = 0xA1; lo <= 0xFE; lo++) {
                        char in[2] = {(char)hi, (char)lo}, out[8];
                        char *ip = in, *op = out;
                        size_t il = 2, ol = sizeof out;
                        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
                                continue;
                        buf_append(&b, out, (size_t)(op - out));
                        buf_putc(&b, ++n % 40 ? ' ' : '\n');
                }
        iconv_close(cd);
        assert_int_equal(n, 6763);
        return buf_detach(&b);
}

/* A page of a PDF as 8-bit grey pixels at 72 dpi (1 pixel per point). */
struct pgm {
        int w, h;
        unsigned char *px;
        char *data;
};

static struct pgm page_image(const char *pdf, int page)
{
        char first[16], prefix[4200];
        snprintf(first, sizeof first, "%d", page);
        snprintf(prefix, sizeof prefix, "%s", artifact_path("glyphs-page"));
        const char *argv[] = {"/usr/bin/pdftoppm", "-r", "72",   "-gray", "-f", first, "-l", first,
                              "-singlefile",       pdf,  prefix, NULL};
        struct run r = run_argv(NULL, argv);
        assert_int_equal(r.status, 0);
        run_free(&r);
        char path[4300];
        snprintf(path, sizeof path, "%s.pgm", prefix);
        struct pgm img = {0};
        size_t len;
        img.data = read_file(path, &len);
        assert_non_null(img.data);
        int maxval, off = 0;
        assert_int_equal(sscanf(img.data, "P5 %d %d %d%n", &img.w, &img.h, &maxval, &off), 3);
        img.px = (unsigned char *)img.data + off + 1;
        assert_true((size_t)(off + 1) + (size_t)img.w * (size_t)img.h <= len);
        return img;
}

/* Dark pixels inside the box. */
static int ink(const struct pgm *img, double x0, double y0, double x1, double y1)
{
        int n = 0;
        for (int y = (int)y0 + 1; y < (int)y1 && y < img->h; y++)
                for (int x = (int)x0 + 1; x < (int)x1 && x < img->w; x++)
                        n += img->px[y * img->w + x] < 128;
        return n;
}

static void test_every_hanzi_is_drawn(void **state)
{
        (void)state;
        if (!tools())
                skip();
        char *text = gb2312_hanzi();
        struct arena *a = arena_new();
        struct report *r = arena_alloc(a, sizeof *r);
        r->arena = a;
        size_t lines = 0;
        for (const char *p = text; *p; p++)
                lines += *p == '\n';
        r->blocks = arena_alloc(a, (lines + 2) * sizeof *r->blocks);
        for (char *line = text, *nl; *line; line = nl ? nl + 1 : line + strlen(line)) {
                nl = strchr(line, '\n');
                if (nl)
                        *nl = '\0';
                r->blocks[r->n_blocks++] = (struct rblock){.kind = RB_LINE, .text = line};
        }
        struct buf out = BUF_INIT;
        render(r, &out);
        char pdf[4096];
        snprintf(pdf, sizeof pdf, "%s", artifact_path("gb2312-hanzi.pdf"));
        save_file(pdf, &out);

        const char *argv[] = {"/usr/bin/pdftotext", "-bbox", pdf, "-", NULL};
        struct run bbox = run_argv(NULL, argv);
        assert_int_equal(bbox.status, 0);
        size_t words = 0, blank = 0;
        int page = 0;
        struct pgm img = {0};
        for (const char *p = bbox.out.data; (p = strstr(p, "<")); p++) {
                if (strncmp(p, "<page ", 6) == 0) {
                        free(img.data);
                        img = page_image(pdf, ++page);
                        continue;
                }
                double x0, y0, x1, y1;
                char word[16];
                if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%15[^<]",
                           &x0, &y0, &x1, &y1, word) != 5)
                        continue;
                if (strstr(word, "—") || (unsigned char)word[0] < 0x80) /* page numbers */
                        continue;
                words++;
                if (ink(&img, x0, y0, x1, y1) < 3) {
                        fprintf(stderr, "glyph not drawn: %s (page %d)\n", word, page);
                        blank++;
                }
        }
        assert_int_equal(words, 6763);
        assert_int_equal(blank, 0);
        free(img.data);
        run_free(&bbox);
        buf_free(&out);
        free(text);
        report_free(r);
}

struct worker {
        struct report *r;
        size_t bytes[3];
        bool ok;
};

static void *work(void *arg)
{
        struct worker *w = arg;
        w->ok = true;
        for (size_t k = 0; k < 3; k++) {
                struct buf out = BUF_INIT;
                struct diags errs = DIAGS_INIT;
                w->ok &= pdf_render(w->r, &out, &errs);
                w->ok &= out.len > 1000 && memcmp(out.data, "%PDF-", 5) == 0 &&
                         strstr(out.data + out.len - 8, "%%EOF") != NULL;
                w->bytes[k] = out.len;
                buf_free(&out);
                diags_free(&errs);
        }
        return NULL;
}

/* Four threads, each with its own font map, render the same report. */
static void test_threads(void **state)
{
        (void)state;
        struct seed s = seed_load(2);
        struct report *r = report_build(s.doc, s.e);
        struct worker w[4];
        pthread_t t[4];
        for (size_t i = 0; i < 4; i++) {
                w[i] = (struct worker){.r = r};
                assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
        }
        for (size_t i = 0; i < 4; i++) {
                assert_int_equal(pthread_join(t[i], NULL), 0);
                assert_true(w[i].ok);
                /* the same content, give or take the creation date */
                for (size_t k = 0; k < 3; k++)
                        assert_true(w[i].bytes[k] + 64 > w[0].bytes[0] &&
                                    w[i].bytes[k] < w[0].bytes[0] + 64);
        }
        report_free(r);
        seed_free(&s);
}

/* ---- characters the font lacks ------------------------------------------------------------ */

/* Found by the report fuzz target (tests/fuzz/regressions/report/): text
 * with a character WenQuanYi Zen Hei lacks made pango draw it from Noto
 * Sans CJK, a CFF face, whose embedding leaks in cairo 1.16 (768 bytes per
 * PDF; the ASan run of this test reports it). Such a character becomes □,
 * drawn from the report's own font. */
static void test_characters_the_font_lacks_embed_no_other_face(void **state)
{
        (void)state;
        struct arena *a = arena_new();
        struct report *r = arena_alloc(a, sizeof *r);
        r->arena = a;
        r->title = "缺字";
        r->blocks = arena_alloc(a, 2 * sizeof *r->blocks);
        r->blocks[0] = (struct rblock){.kind = RB_TITLE, .text = "缺字"};
        r->blocks[1] = (struct rblock){.kind = RB_PARA,
                                       .text = "自评\xef\xbe\x97分（半角片假名）与𠀀（扩展 B）"};
        r->n_blocks = 2;
        struct buf out = BUF_INIT;
        render(r, &out);
        assert_null(memmem(out.data, out.len, "/FontFile3", 10)); /* no CFF face embedded */
        assert_null(memmem(out.data, out.len, "DejaVu", 6));      /* nor any other */
        assert_non_null(memmem(out.data, out.len, "WenQuanYiZenHei", 15));
        if (tools()) { /* what the font lacks is a box the font has */
                const char *pdf = artifact_path("missing-glyphs.pdf");
                save_file(pdf, &out);
                char *text = pdf_text(pdf);
                assert_true(text_has(text, "自评□分"));
                free(text);
        }
        buf_free(&out);
        report_free(r);
}

static int teardown(void **state)
{
        (void)state;
        pdf_shutdown();
        return 0;
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_seed_reports),
            cmocka_unit_test(test_pages_as_images),
            cmocka_unit_test(test_long_tables_break_across_pages),
            cmocka_unit_test(test_every_hanzi_is_drawn),
            cmocka_unit_test(test_threads),
            cmocka_unit_test(test_characters_the_font_lacks_embed_no_other_face),
        };
        return cmocka_run_group_tests(tests, NULL, teardown);
}
