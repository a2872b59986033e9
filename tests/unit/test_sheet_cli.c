/* "jixiao export --format xlsx" and "jixiao import" on the command line: files
 * written, the round trip, exit codes 0/1/2 with the errors listed, help
 * texts, and both commands clean under valgrind's memcheck. */
#include "../support/sheet_support.h"

#include <unistd.h>

static void test_export_and_import_round_trip(void **state)
{
        (void)state;
        char *dir = temp_dir();
        char book[4200], json[4200], book2[4200], json2[4200];
        snprintf(book, sizeof book, "%s/book.xlsx", dir);
        snprintf(json, sizeof json, "%s/new.json", dir);
        snprintf(book2, sizeof book2, "%s/book2.xlsx", dir);
        snprintf(json2, sizeof json2, "%s/new2.json", dir);
        const char *seed = seed_examples[3];
        char doc[4096];
        snprintf(doc, sizeof doc, "%s", repo_path(seed));
        /* seed 004 has blocking errors: written, and exit code 1 as jixiao check */
        struct run r = run_jixiao(NULL, "export", "--format", "xlsx", "--out", book, doc, NULL);
        assert_int_equal(r.status, 1);
        run_free(&r);
        assert_int_equal(access(book, R_OK), 0);
        r = run_jixiao(NULL, "import", "--out", json, doc, book, NULL);
        if (r.status)
                fprintf(stderr, "%s", r.err.data);
        assert_int_equal(r.status, 0);
        run_free(&r);
        /* an import states what the engine computes (the seed's own totals
         * are adopted): the imported document's template imports to itself */
        r = run_jixiao(NULL, "export", "--format", "xlsx", "--out", book2, json, NULL);
        run_free(&r);
        r = run_jixiao(NULL, "import", "--out", json2, json, book2, NULL);
        assert_int_equal(r.status, 0);
        run_free(&r);
        struct run a = run_jixiao(NULL, "fmt", json, NULL), b = run_jixiao(NULL, "fmt", json2, NULL);
        assert_string_equal(a.out.data, b.out.data);
        run_free(&a);
        run_free(&b);
        /* without --out the document goes to standard output */
        r = run_jixiao(NULL, "import", doc, book, NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out.data, "\"format\": \"jixiao-evaluation\""));
        run_free(&r);
        rm_rf(dir);
        free(dir);
}

static void test_import_errors_and_exit_codes(void **state)
{
        (void)state;
        char *dir = temp_dir();
        char book[4200], json[4200], text[4200];
        snprintf(book, sizeof book, "%s/book.xlsx", dir);
        snprintf(json, sizeof json, "%s/new.json", dir);
        snprintf(text, sizeof text, "%s/book.csv", dir);
        char doc[4096];
        snprintf(doc, sizeof doc, "%s", repo_path(seed_examples[3]));
        /* seed 004 has blocking errors: written, and exit code 1 as jixiao check */
        struct run r = run_jixiao(NULL, "export", "--format", "xlsx", "--out", book, doc, NULL);
        assert_int_equal(r.status, 1);
        run_free(&r);
        /* 编制数 17.5 on the 基础数据表 */
        size_t len;
        char *data = read_file(book, &len);
        struct buf xlsx = BUF_INIT;
        buf_append(&xlsx, data, len);
        free(data);
        set_cell_xml(&xlsx, "xl/worksheets/sheet1.xml", "B4", "<c r=\"B4\"><v>17.5</v></c>");
        write_bytes(book, xlsx.data, xlsx.len);
        buf_free(&xlsx);
        r = run_jixiao(NULL, "import", "--out", json, doc, book, NULL);
        assert_int_equal(r.status, 1);
        assert_string_equal(r.err.data, "jixiao import：工作簿有 1 处错误，未导入任何数据：\n"
                                        "基础数据表!B4（编制数）：应为整数，实际为“17.5”\n");
        assert_int_equal(access(json, F_OK), -1); /* nothing written */
        run_free(&r);

        write_bytes(text, "a,b\n", 4);
        r = run_jixiao(NULL, "import", doc, text, NULL);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err.data, "XLSX：文件不是 XLSX 工作簿"));
        run_free(&r);
        r = run_jixiao(NULL, "import", doc, "/nonexistent.xlsx", NULL);
        assert_int_equal(r.status, 2);
        run_free(&r);
        r = run_jixiao(NULL, "import", "/nonexistent.json", book, NULL);
        assert_int_equal(r.status, 2);
        run_free(&r);
        r = run_jixiao(NULL, "import", doc, NULL);
        assert_int_equal(r.status, 2);
        run_free(&r);
        r = run_jixiao(NULL, "export", "--format", "xlsx", doc, NULL);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err.data, "需要 --format"));
        run_free(&r);
        rm_rf(dir);
        free(dir);
}

static void test_help(void **state)
{
        (void)state;
        struct run r = run_jixiao(NULL, "import", "--help", NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out.data, "用法：jixiao import"));
        assert_non_null(strstr(r.out.data, "自评表!F12"));
        run_free(&r);
        r = run_jixiao(NULL, "help", NULL);
        assert_non_null(strstr(r.out.data, "import"));
        assert_non_null(strstr(r.out.data, "export "));
        run_free(&r);
}

static void memcheck(const char *const *args)
{
        struct run r = run_jixiao_memcheck(args);
        /* 0, or 1 for an evaluation with blocking errors; valgrind's errors are 99 */
        if (r.status != 0 && r.status != 1)
                fprintf(stderr, "%s", r.err.data);
        assert_true(r.status == 0 || r.status == 1);
        run_free(&r);
}

static void test_clean_under_memcheck(void **state)
{
        (void)state;
        if (!memcheck_available())
                skip();
        char *dir = temp_dir();
        char book[4200], json[4200], doc[4096];
        snprintf(book, sizeof book, "%s/book.xlsx", dir);
        snprintf(json, sizeof json, "%s/new.json", dir);
        snprintf(doc, sizeof doc, "%s", repo_path(seed_examples[2]));
        const char *exp[] = {"export", "--format", "xlsx", "--out", book, doc, NULL};
        memcheck(exp);
        const char *imp[] = {"import", "--out", json, doc, book, NULL};
        memcheck(imp);
        rm_rf(dir);
        free(dir);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_export_and_import_round_trip),
            cmocka_unit_test(test_import_errors_and_exit_codes),
            cmocka_unit_test(test_help),
            cmocka_unit_test(test_clean_under_memcheck),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
