/* jixiao export on the command line: one file and batches, the exit
 * codes of jixiao check, one-line Chinese messages for what a user can
 * get wrong, and the release binary under valgrind's memcheck. */
#include "../support/reports.h"

#include <stdlib.h>

static char tmpdir[64];

static int setup(void **state)
{
        (void)state;
        snprintf(tmpdir, sizeof tmpdir, "/tmp/jixiao-export-XXXXXX");
        return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
        (void)state;
        const char *argv[] = {"/bin/rm", "-rf", tmpdir, NULL};
        struct run r = run_argv(NULL, argv);
        run_free(&r);
        return 0;
}

static const char *tmp(const char *name)
{
        static char path[256];
        snprintf(path, sizeof path, "%s/%s", tmpdir, name);
        return path;
}

/* stderr is exactly one line. */
static bool one_line(const struct run *r)
{
        const char *nl = strchr(r->err.data, '\n');
        return nl && nl[1] == '\0';
}

static char *file_head(const char *path, size_t n)
{
        size_t len = 0;
        char *data = read_file(path, &len);
        assert_non_null(data);
        assert_true(len >= n);
        return data;
}

static void test_single_files(void **state)
{
        (void)state;
        char out[256];
        snprintf(out, sizeof out, "%s", tmp("seed1.docx"));
        struct run r = run_jixiao(NULL, "export", repo_path(seed_examples[0]), "--format", "docx",
                                  "--out", out, NULL);
        assert_int_equal(r.status, 0);
        char *data = file_head(out, 4);
        assert_memory_equal(data, "PK\x03\x04", 4);
        free(data);
        /* the narrative sentences left out are listed, one line each */
        assert_non_null(strstr(r.err.data, "报告略去了“评价结论”一节中与计算结果不符的文字"));
        assert_non_null(strstr(r.err.data, "94.54"));
        run_free(&r);

        snprintf(out, sizeof out, "%s", tmp("seed4.pdf"));
        r = run_jixiao(NULL, "export", "--format=pdf", "--out", out, repo_path(seed_examples[3]),
                       NULL);
        assert_int_equal(r.status, 1); /* written, but seed 004 has blocking errors */
        assert_non_null(strstr(r.err.data, "但自评有 4 个阻止提交的错误"));
        data = file_head(out, 5);
        assert_memory_equal(data, "%PDF-", 5);
        free(data);
        run_free(&r);
        /* nothing half-written is left beside it */
        char part[300];
        snprintf(part, sizeof part, "%s.part", out);
        assert_int_not_equal(access(part, F_OK), 0);
}

static void test_usage_errors(void **state)
{
        (void)state;
        const char *seed = repo_path(seed_examples[0]);
        char seed_copy[4096];
        snprintf(seed_copy, sizeof seed_copy, "%s", seed);

        struct run r =
            run_jixiao(NULL, "export", seed_copy, "--format", "odt", "--out", tmp("x.odt"), NULL);
        assert_int_equal(r.status, 2);
        assert_true(one_line(&r));
        assert_non_null(strstr(r.err.data, "不支持的格式“odt”（可选：docx、pdf、xlsx）"));
        run_free(&r);

        /* xlsx is the tables workbook (src/sheet) */
        r = run_jixiao(NULL, "export", seed_copy, "--format", "xlsx", "--out", tmp("x.xlsx"), NULL);
        assert_true(r.status == 0 || r.status == 1); /* 1: the seed has blocking errors */
        assert_int_equal(access(tmp("x.xlsx"), R_OK), 0);
        run_free(&r);

        r = run_jixiao(NULL, "export", "/nonexistent/seed.json", "--format", "pdf", "--out",
                       tmp("x.pdf"), NULL);
        assert_int_equal(r.status, 2);
        assert_true(one_line(&r));
        assert_non_null(strstr(r.err.data, "无法读取“/nonexistent/seed.json”：文件或目录不存在"));
        run_free(&r);

        r = run_jixiao(NULL, "export", seed_copy, "--format", "pdf", "--out",
                       "/nonexistent-dir/report.pdf", NULL);
        assert_int_equal(r.status, 2);
        assert_true(one_line(&r));
        assert_non_null(
            strstr(r.err.data, "无法写入“/nonexistent-dir/report.pdf”：文件或目录不存在"));
        run_free(&r);

        /* a place even root cannot create files in */
        r = run_jixiao(NULL, "export", seed_copy, "--format", "docx", "--out",
                       "/proc/jixiao-report.docx", NULL);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err.data, "无法写入“/proc/jixiao-report.docx”"));
        run_free(&r);

        r = run_jixiao(NULL, "export", seed_copy, "--format", "pdf", NULL);
        assert_int_equal(r.status, 2);
        assert_true(one_line(&r));
        assert_non_null(strstr(r.err.data, "需要 --format"));
        run_free(&r);

        r = run_jixiao(NULL, "export", "--help", NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out.data, "用法：jixiao export FILE --format docx|pdf|xlsx"));
        run_free(&r);

        r = run_jixiao(NULL, "help", NULL);
        assert_non_null(strstr(r.out.data, "export"));
        run_free(&r);
}

/* A directory of documents, with progress on stderr. */
static void test_batch(void **state)
{
        (void)state;
        char out[256];
        snprintf(out, sizeof out, "%s", tmp("batch"));
        struct run r = run_jixiao(NULL, "export", "--format", "docx", "--out", out,
                                  repo_path("examples"), NULL);
        assert_int_equal(r.status, 1); /* three seeds have blocking errors */
        assert_non_null(strstr(r.err.data, "导出 4/4（100%）"));
        assert_non_null(strstr(r.err.data, "已导出 4 个文件到"));
        assert_non_null(strstr(r.err.data, "其中 3 个自评有阻止提交的错误"));
        run_free(&r);
        for (size_t i = 0; i < 4; i++) {
                const char *base = strrchr(seed_examples[i], '/') + 1;
                char path[512];
                snprintf(path, sizeof path, "%s/%.*s.docx", out, (int)(strlen(base) - 5), base);
                assert_int_equal(access(path, R_OK), 0);
        }

        /* files and a broken one among them: the others are still exported */
        snprintf(out, sizeof out, "%s", tmp("batch2"));
        char a[4096], b[4096];
        snprintf(a, sizeof a, "%s", repo_path(seed_examples[0]));
        snprintf(b, sizeof b, "%s", repo_path("tests/data/bad-document.json"));
        r = run_jixiao(NULL, "export", "--format", "pdf", "--out", out, a, b, NULL);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err.data, "bad-document.json："));
        assert_non_null(strstr(r.err.data, "已导出 1 个文件到"));
        run_free(&r);
}

/* Without the CJK fonts the PDF is refused, not drawn with boxes. */
static void test_missing_fonts(void **state)
{
        (void)state;
        char conf[256];
        snprintf(conf, sizeof conf, "%s", tmp("fonts.conf"));
        FILE *f = fopen(conf, "w");
        assert_non_null(f);
        fputs("<?xml version=\"1.0\"?><fontconfig><dir>/nonexistent-fonts</dir>"
              "<cachedir>/nonexistent-cache</cachedir></fontconfig>\n",
              f);
        fclose(f);
        char out[256];
        snprintf(out, sizeof out, "%s", tmp("nofonts.pdf"));
        setenv("FONTCONFIG_FILE", conf, 1);
        struct run r = run_jixiao(NULL, "export", repo_path(seed_examples[0]), "--format", "pdf",
                                  "--out", out, NULL);
        unsetenv("FONTCONFIG_FILE");
        assert_int_equal(r.status, 2);
        assert_true(one_line(&r));
        assert_non_null(strstr(r.err.data, "jixiao export：生成 PDF 失败：未找到中文字体"));
        assert_non_null(strstr(r.err.data, "fonts-wqy-zenhei"));
        assert_int_not_equal(access(out, F_OK), 0);
        run_free(&r);
}

/* Leaks are judged with tests/valgrind.supp: one-time allocations of
 * fontconfig and a per-PDF leak of cairo 1.16 (docs/reports.md). */
static void memcheck(const char *format)
{
        char out[256], seed[4096];
        snprintf(out, sizeof out, "%s/memcheck.%s", tmpdir, format);
        snprintf(seed, sizeof seed, "%s", repo_path(seed_examples[2]));
        const char *args[] = {"export", seed, "--format", format, "--out", out, NULL};
        struct run r = run_jixiao_memcheck(args);
        if (r.status != 1)
                fprintf(stderr, "%s", r.err.data);
        assert_int_equal(r.status, 1); /* seed 003's blocking errors, and nothing else */
        run_free(&r);
}

static void test_memcheck(void **state)
{
        (void)state;
        if (!memcheck_available())
                skip();
        memcheck("docx");
        memcheck("pdf");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_single_files), cmocka_unit_test(test_usage_errors),
            cmocka_unit_test(test_batch),        cmocka_unit_test(test_missing_fonts),
            cmocka_unit_test(test_memcheck),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
