/* The DOCX reports opened by LibreOffice: the four seeds' DOCX files are
 * converted to PDF in one headless run (a private profile under /tmp),
 * and the text of each PDF holds the engine's figures, the generated
 * sentences and the unit's narrative. The pages of seed 004's converted
 * report are kept as PNG in build/artifacts/ beside jixiao's own PDF.
 * Run in the release flavour only: the bytes are the same in both. */
#include "../support/reports.h"

#include "../../src/report/export.h"

#include <stdlib.h>

static const char *const expected[4][4] = {
    {"部门整体支出绩效自评综合得分 94.56 分", "评价等级为“优”。", "政府采购执行率为 93.14%",
     "绩效指标完成情况表"},
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

static void test_libreoffice_reads_every_report(void **state)
{
        (void)state;
        const char *flavour = getenv("JIXIAO_FLAVOUR");
        if (!have_tool("/usr/bin/libreoffice") || !have_tool("/usr/bin/pdftotext") ||
            (flavour && strcmp(flavour, "asan") == 0))
                skip();
        char dir[4096], outdir[4200], profile[4300];
        snprintf(dir, sizeof dir, "%s", artifact_path("office"));
        mkdir(dir, 0777);
        snprintf(outdir, sizeof outdir, "%s/pdf", dir);
        mkdir(outdir, 0777);
        char tmpl[] = "/tmp/jixiao-lo-XXXXXX";
        assert_non_null(mkdtemp(tmpl));
        snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s", tmpl);

        const char *argv[16] = {"/usr/bin/libreoffice", profile, "--headless", "--norestore",
                                "--convert-to",         "pdf",   "--outdir",   outdir};
        size_t argc = 8;
        char paths[4][4400];
        for (size_t i = 0; i < 4; i++) {
                struct seed s = seed_load(i);
                struct buf out = BUF_INIT;
                struct diags errs = DIAGS_INIT;
                assert_true(report_write(s.doc, s.e, REPORT_DOCX, &out, &errs));
                snprintf(paths[i], sizeof paths[i], "%s/seed-%03zu.docx", dir, i + 1);
                save_file(paths[i], &out);
                argv[argc++] = paths[i];
                diags_free(&errs);
                buf_free(&out);
                seed_free(&s);
        }
        argv[argc] = NULL;
        struct run r = run_argv(NULL, argv); /* one LibreOffice for the four files */
        if (r.status != 0)
                fprintf(stderr, "%s%s", r.out.data, r.err.data);
        assert_int_equal(r.status, 0);
        run_free(&r);

        for (size_t i = 0; i < 4; i++) {
                char pdf[4400];
                snprintf(pdf, sizeof pdf, "%s/seed-%03zu.pdf", outdir, i + 1);
                assert_int_equal(access(pdf, R_OK), 0);
                char *text = pdf_text(pdf);
                for (size_t k = 0; k < 4; k++)
                        assert_true(text_has(text, expected[i][k]));
                assert_true(text_has(text, "一、部门基本情况"));
                assert_true(text_has(text, "附件1"));
                free(text);
        }
        /* seed 004 as LibreOffice lays it out, page by page */
        char pdf[4400], prefix[4400];
        snprintf(pdf, sizeof pdf, "%s/seed-004.pdf", outdir);
        snprintf(prefix, sizeof prefix, "%s/seed-004-libreoffice-page", dir);
        const char *ppm[] = {"/usr/bin/pdftoppm", "-r", "100", "-png", pdf, prefix, NULL};
        r = run_argv(NULL, ppm);
        assert_int_equal(r.status, 0);
        run_free(&r);
        const char *rm[] = {"/bin/rm", "-rf", tmpl, NULL};
        r = run_argv(NULL, rm);
        run_free(&r);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_libreoffice_reads_every_report),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
