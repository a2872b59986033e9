/* The PDF writer: for every seed a PDF whose text (pdftotext) holds the
 * engine's figures and the unit's narrative, with the CJK fonts embedded
 * as subsets (pdffonts); the pages of one report as PNG artifacts in
 * build/artifacts/ (pdftoppm) to look at; long tables that break across
 * pages with their header rows repeated and merged cells; a cell taller
 * than a page; and several threads rendering at once. */
#include "../support/reports.h"

#include "../../src/report/pdf.h"
#include "../../src/report/report.h"

#include <pthread.h>

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
                char *text = pdf_text(path);
                for (size_t k = 0; k < 4; k++)
                        assert_true(text_has(text, figures[i][k]));
                assert_true(text_has(text, "部门整体支出绩效自评报告"));
                assert_true(text_has(text, "— 1 —")); /* page numbers */
                free(text);
                char *fonts = pdf_fonts(path);
                /* CID fonts from fonts-noto-cjk, embedded ("emb") as subsets ("sub") */
                assert_non_null(strstr(fonts, "NotoSerifCJKsc-Regular"));
                assert_non_null(strstr(fonts, "CID Type 0C       Identity-H       yes yes yes"));
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
        char png[4200];
        snprintf(png, sizeof png, "%s-%d.png", prefix, 1);
        assert_int_equal(access(png, R_OK), 0);
        snprintf(png, sizeof png, "%s-%d.png", prefix, pages);
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
            cmocka_unit_test(test_threads),
        };
        return cmocka_run_group_tests(tests, NULL, teardown);
}
