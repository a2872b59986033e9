/* The jixiao binary: command table, help, exit codes, show, fmt, schema. */
#include "../support/testutil.h"

#include "../../src/doc/doc_io.h"

#include <stdlib.h>
#include <string.h>

static void test_version(void **state)
{
        (void)state;
        struct run r = run_jixiao(NULL, "--version", NULL);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.out.data, "jixiao 0.1.0\n");
        run_free(&r);
}

static void test_help_lists_every_command(void **state)
{
        (void)state;
        struct run r = run_jixiao(NULL, "help", NULL);
        assert_int_equal(r.status, 0);
        const char *cmds[] = {"show", "fmt", "schema", "help"};
        for (size_t i = 0; i < 4; i++)
                assert_non_null(strstr(r.out.data, cmds[i]));
        run_free(&r);

        r = run_jixiao(NULL, "help", "show", NULL);
        struct run r2 = run_jixiao(NULL, "show", "--help", NULL);
        assert_int_equal(r.status, 0);
        assert_int_equal(r2.status, 0);
        assert_string_equal(r.out.data, r2.out.data);
        assert_non_null(strstr(r.out.data, "用法：jixiao show"));
        run_free(&r);
        run_free(&r2);
}

static void test_unknown_command_and_bad_flags_exit_2_with_one_line(void **state)
{
        (void)state;
        struct run r = run_jixiao(NULL, "frobnicate", NULL);
        assert_int_equal(r.status, 2);
        assert_string_equal(
            r.err.data, "jixiao：未知命令 \"frobnicate\"（运行 \"jixiao help\" 查看全部命令）\n");
        run_free(&r);

        r = run_jixiao(NULL, "show", "--colour", "x.json", NULL);
        assert_int_equal(r.status, 2);
        assert_string_equal(
            r.err.data,
            "jixiao show：未知选项 \"--colour\"（运行 \"jixiao show --help\" 查看用法）\n");
        run_free(&r);

        r = run_jixiao(NULL, "show", NULL);
        assert_int_equal(r.status, 2);
        assert_string_equal(r.err.data,
                            "jixiao show：缺少参数（运行 \"jixiao show --help\" 查看用法）\n");
        run_free(&r);

        r = run_jixiao(NULL, "show", "a.json", "b.json", NULL);
        assert_int_equal(r.status, 2);
        assert_string_equal(
            r.err.data,
            "jixiao show：多余的参数 \"b.json\"（运行 \"jixiao show --help\" 查看用法）\n");
        run_free(&r);

        r = run_jixiao(NULL, "show", "--width", "abc", "a.json", NULL);
        assert_int_equal(r.status, 2);
        assert_string_equal(
            r.err.data,
            "jixiao show：选项 \"--width\" 应为 40 到 1000 之间的整数，实际为 \"abc\"\n");
        run_free(&r);

        r = run_jixiao(NULL, "show", "--width", NULL);
        assert_int_equal(r.status, 2);
        assert_string_equal(
            r.err.data,
            "jixiao show：选项 \"--width\" 需要一个值（运行 \"jixiao show --help\" 查看用法）\n");
        run_free(&r);

        r = run_jixiao(NULL, NULL);
        assert_int_equal(r.status, 2);
        run_free(&r);
}

/* show renders each example's tables (their grids, as the pages and the
 * workbooks draw them) with the engine's figures and the stated ones
 * beside where they differ ("表列 …"). Expected texts are short enough
 * not to be wrapped inside their column at 140 columns. */
static void show_contains(const char *rel, const char *const *want, size_t n)
{
        struct run r = run_jixiao(NULL, "show", "--width", "140", repo_path(rel), NULL);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.err.data, "");
        for (size_t i = 0; i < n; i++) {
                if (!strstr(r.out.data, want[i]))
                        fprintf(stderr, "missing in show %s: %s\n", rel, want[i]);
                assert_non_null(strstr(r.out.data, want[i]));
        }
        run_free(&r);
}

static void test_show_seed_001(void **state)
{
        (void)state;
        const char *want[] = {"深圳市商务局（101001）",
                              "政府采购执行情况",
                              "7,341.03",
                              "分季执行率",
                              "103.52%",
                              "编外人员控制率",
                              "12.42%",
                              "5.73",
                              "94.56",
                              "表列 94.5"};
        show_contains(seed_examples[0], want, sizeof want / sizeof want[0]);
}

static void test_show_seed_002(void **state)
{
        (void)state;
        const char *want[] = {"郑州市上街区商务局（102001）", "粮食储备补贴", "761.60",
                              "投入管理指标", "职工生活水平", "98.00"};
        show_contains(seed_examples[1], want, sizeof want / sizeof want[0]);
}

static void test_show_seed_003(void **state)
{
        (void)state;
        const char *want[] = {"103001", "年中监控值", "412.49",    "407.98",
                              "98.91%", "214.2万元",  "表列 99.8"};
        show_contains(seed_examples[2], want, sizeof want / sizeof want[0]);
}

static void test_show_seed_004(void **state)
{
        (void)state;
        const char *want[] = {"绥宁县商务局（104001）", "财政供养人员情况", "85.00%",
                              "8,562.37",               "716.83",           "591.97",
                              "产出指标（50",           "政策知晓率",       "表列 96"};
        show_contains(seed_examples[3], want, sizeof want / sizeof want[0]);
}

static void test_show_reports_bad_input_with_exit_2(void **state)
{
        (void)state;
        struct run r = run_jixiao(NULL, "show", "/nonexistent/x.json", NULL);
        assert_int_equal(r.status, 2);
        assert_string_equal(r.err.data,
                            "/nonexistent/x.json：无法打开文件：No such file or directory\n");
        run_free(&r);

        r = run_jixiao(NULL, "show", "/dev/stdin", NULL);
        assert_int_equal(r.status, 2);
        run_free(&r);
}

static void test_fmt_output_parses_to_the_same_document(void **state)
{
        (void)state;
        for (size_t i = 0; i < 4; i++) {
                struct run r = run_jixiao(NULL, "fmt", repo_path(seed_examples[i]), NULL);
                assert_int_equal(r.status, 0);
                struct diags errs = DIAGS_INIT;
                struct doc *a = doc_parse(r.out.data, r.out.len, &errs);
                struct doc *b = doc_load_file(repo_path(seed_examples[i]), &errs);
                assert_non_null(a);
                assert_non_null(b);
                assert_true(doc_equal(a, b));
                doc_free(a);
                doc_free(b);
                diags_free(&errs);
                run_free(&r);
        }
}

/* The docs embed the generated references; they must not drift. */
static void reference_matches(const char *doc, const char *option)
{
        struct run r = run_jixiao(NULL, "schema", option, NULL);
        assert_int_equal(r.status, 0);
        char *md = read_file(repo_path(doc), NULL);
        assert_non_null(md);
        const char *begin = strstr(md, "<!-- reference:begin -->\n");
        const char *end = strstr(md, "<!-- reference:end -->");
        assert_non_null(begin);
        assert_non_null(end);
        begin += strlen("<!-- reference:begin -->\n");
        size_t n = (size_t)(end - begin);
        if (n != r.out.len || memcmp(begin, r.out.data, n) != 0)
                fprintf(stderr, "%s is out of date: run tools/update-format-doc.sh\n", doc);
        assert_int_equal(n, r.out.len);
        assert_memory_equal(begin, r.out.data, n);
        free(md);
        run_free(&r);
}

static void test_format_doc_matches_the_schema(void **state)
{
        (void)state;
        reference_matches("docs/format.md", NULL);
}

static void test_schemes_doc_matches_the_schema(void **state)
{
        (void)state;
        reference_matches("docs/schemes.md", "--scheme");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_version),
            cmocka_unit_test(test_help_lists_every_command),
            cmocka_unit_test(test_unknown_command_and_bad_flags_exit_2_with_one_line),
            cmocka_unit_test(test_show_seed_001),
            cmocka_unit_test(test_show_seed_002),
            cmocka_unit_test(test_show_seed_003),
            cmocka_unit_test(test_show_seed_004),
            cmocka_unit_test(test_show_reports_bad_input_with_exit_2),
            cmocka_unit_test(test_fmt_output_parses_to_the_same_document),
            cmocka_unit_test(test_format_doc_matches_the_schema),
            cmocka_unit_test(test_schemes_doc_matches_the_schema),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
