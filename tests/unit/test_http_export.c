/* Reports and spreadsheets over HTTP: a task's report as PDF and Word and
 * its tables as Excel from the task page's links, the query's reports in
 * one ZIP, the query list and the year's summary as workbooks, and the
 * import of a filled template — applied under the task's version when
 * every cell is right, refused whole, naming sheet, cell and rule, when
 * one is not; refused to those who may not change the task. */
#include "../support/http.h"
#include "../support/sheet_support.h"

#include "../../src/doc/doc_io.h"
#include "../../src/engine/engine.h"
#include "../../src/store/db.h"

#include <jansson.h>
#include <unistd.h>
#include <zip.h>

#define PASSWORD "Jixiao-Export-2026!"

enum { PREPARER, REVIEWER, FINANCE, N_CLIENTS };
static const char *const phones[N_CLIENTS] = {"15104001001", "15104001002", "18800000002"};

static char db_path[256];
static struct server srv;
static struct client cl[N_CLIENTS];
static int64_t task; /* 104001's 2024 task: seed 004 */

static int setup(void **state)
{
        (void)state;
        demo_db(db_path);
        struct db *db = test_db_open(db_path);
        task = task_id_of(db, "104001", 2024);
        db_close(db);
        server_start(&srv, db_path);
        clients_sign_in(cl, N_CLIENTS, &srv, phones, PASSWORD);
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        server_stop(&srv);
        return 0;
}

static struct response get(int who, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static struct response get(int who, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        struct response r = http_vgetf(&cl[who], fmt, ap);
        va_end(ap);
        return r;
}

static void expect_file(struct response *r, const char *type, const char *magic, const char *ext)
{
        assert_int_equal(r->status, 200);
        assert_string_equal(response_header(r, "Content-Type"), type);
        assert_memory_equal(r->body.data, magic, strlen(magic));
        const char *cd = response_header(r, "Content-Disposition");
        assert_non_null(cd);
        assert_non_null(strstr(cd, ext));
}

static void test_a_task_exports_its_report_and_tables(void **state)
{
        (void)state;
        for (int who = 0; who < N_CLIENTS; who++) {
                struct response r = get(who, "/tasks/%lld/export.pdf", (long long)task);
                expect_file(&r, "application/pdf", "%PDF-", ".pdf");
                response_free(&r);
        }
        struct response r = get(PREPARER, "/tasks/%lld/export.docx", (long long)task);
        expect_file(&r, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "PK\x03\x04", ".docx");
        response_free(&r);
        r = get(PREPARER, "/api/tasks/%lld/export.xlsx", (long long)task);
        expect_file(&r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "PK\x03\x04", ".xlsx");
        response_free(&r);
        r = get(PREPARER, "/tasks/%lld/export.odt", (long long)task);
        assert_int_equal(r.status, 404);
        assert_non_null(strstr(r.body.data, "导出格式应为 docx、pdf、xlsx"));
        response_free(&r);
        /* the task page links them */
        r = get(PREPARER, "/tasks/%lld", (long long)task);
        assert_non_null(strstr(r.body.data, "/export.pdf\">PDF</a>"));
        response_free(&r);
}

static size_t zip_entries(const struct response *r)
{
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t *src = zip_source_buffer_create(r->body.data, r->body.len, 0, &ze);
        zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
        assert_non_null(za);
        size_t n = (size_t)zip_get_num_entries(za, 0);
        for (size_t i = 0; i < n; i++)
                assert_non_null(strstr(zip_get_name(za, i, 0), ".pdf"));
        zip_close(za);
        zip_error_fini(&ze);
        return n;
}

static void test_the_query_exports_many(void **state)
{
        (void)state;
        struct response r = get(FINANCE, "/tasks/reports.pdf?year=2024&unit=104");
        expect_file(&r, "application/zip", "PK\x03\x04", ".zip");
        assert_int_equal(zip_entries(&r), 2); /* 104001 and 104002 */
        response_free(&r);
        r = get(FINANCE, "/tasks/reports.pdf");
        assert_int_equal(r.status, 200); /* 30 tasks of the demo: within the limit */
        response_free(&r);
        r = get(FINANCE, "/tasks.xlsx?year=2024");
        expect_file(&r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "PK\x03\x04", ".xlsx");
        response_free(&r);
        /* a unit's list holds only its own tasks */
        r = get(PREPARER, "/tasks/reports.pdf?year=2024");
        assert_int_equal(zip_entries(&r), 2); /* a supervising unit: its department */
        response_free(&r);
        r = get(FINANCE, "/tasks/reports.pdf?year=20x4");
        assert_int_equal(r.status, 400);
        response_free(&r);
}

static void test_the_year_summary_is_the_finance_bureaus(void **state)
{
        (void)state;
        struct response r = get(FINANCE, "/years/2024/summary.xlsx");
        expect_file(&r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "PK\x03\x04", ".xlsx");
        response_free(&r);
        r = get(PREPARER, "/years/2024/summary.xlsx");
        assert_int_equal(r.status, 403);
        response_free(&r);
        r = get(FINANCE, "/years/2099/summary.xlsx");
        assert_int_equal(r.status, 404);
        response_free(&r);
}

/* The task's version, by its API. */
static int64_t version(void)
{
        struct response r = get(FINANCE, "/api/tasks/%lld", (long long)task);
        json_t *j = json_loads(r.body.data, 0, NULL);
        int64_t v = json_integer_value(json_object_get(json_object_get(j, "task"), "version"));
        json_decref(j);
        response_free(&r);
        return v;
}

static struct response import(int who, const struct buf *book, int64_t v)
{
        char vs[24];
        snprintf(vs, sizeof vs, "%lld", (long long)v);
        struct part parts[3] = {{"csrf", NULL, cl[who].csrf, strlen(cl[who].csrf)},
                                {"version", NULL, vs, strlen(vs)},
                                {"file", "填好的表格.xlsx", book->data, book->len}};
        struct buf body = BUF_INIT;
        multipart_body(&body, parts, 3);
        char path[64];
        snprintf(path, sizeof path, "/tasks/%lld/import", (long long)task);
        struct response r =
            http_body(&cl[who], "POST", path, "multipart/form-data; boundary=" MULTIPART_BOUNDARY,
                      body.data, body.len, false);
        buf_free(&body);
        return r;
}

/* The template as the task page gives it, with the cell of path replaced
 * by <c r="REF"attrs_and_body. */
static void template_with(const char *path, const char *attrs_and_body, struct buf *book)
{
        struct response r = get(PREPARER, "/tasks/%lld/export.xlsx", (long long)task);
        assert_int_equal(r.status, 200);
        buf_reset(book);
        buf_append(book, r.body.data, r.body.len);
        response_free(&r);
        r = get(PREPARER, "/api/tasks/%lld/document", (long long)task);
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(r.body.data, r.body.len, &errs);
        assert_non_null(d);
        response_free(&r);
        const struct scheme *s = scheme_builtin(d->scheme);
        struct evaluation *e = engine_evaluate(d, s);
        char entry[64], ref[16], xml[256];
        sheet_cell_of(d, e, path, entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\"%s", ref, attrs_and_body);
        set_cell_xml(book, entry, ref, xml);
        engine_free(e);
        doc_free(d);
        diags_free(&errs);
}

static void test_a_filled_template_is_imported_whole_or_not_at_all(void **state)
{
        (void)state;
        struct buf book = BUF_INIT;
        /* a number where 全年预算数（A） is: the whole file refused */
        template_with("$.self_eval.budget.adjusted", " t=\"inlineStr\"><is><t>七百万</t></is></c>",
                      &book);
        int64_t v = version();
        struct response r = import(PREPARER, &book, v);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "整个文件未导入"));
        assert_non_null(strstr(r.body.data, "自评表!"));
        assert_non_null(strstr(r.body.data, "全年预算数（A）"));
        assert_non_null(strstr(r.body.data, "七百万"));
        response_free(&r);
        assert_int_equal(version(), v);
        /* not a workbook at all */
        struct buf junk = BUF_INIT;
        buf_puts(&junk, "a,b,c\n");
        r = import(PREPARER, &junk, v);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "不是可以导入的 Excel 工作簿"));
        response_free(&r);
        buf_free(&junk);
        /* the reviewer may not change a draft */
        template_with("$.self_eval.budget.adjusted", "><v>716.84</v></c>", &book);
        r = import(REVIEWER, &book, v);
        assert_int_equal(r.status, 403);
        response_free(&r);
        assert_int_equal(version(), v);
        /* a right file: applied as a save, under the version */
        r = import(PREPARER, &book, v);
        assert_int_equal(r.status, 303);
        response_free(&r);
        assert_int_equal(version(), v + 1);
        r = get(PREPARER, "/api/tasks/%lld/document", (long long)task);
        assert_non_null(strstr(r.body.data, "\"adjusted\": \"716.84\""));
        response_free(&r);
        r = get(PREPARER, "/api/tasks/%lld/events", (long long)task);
        /* the cell typed, and nothing else: the unit's own scores stay as given */
        assert_non_null(strstr(r.body.data, "\"comment\":\"导入 Excel 表格修改 1 处\""));
        assert_non_null(strstr(r.body.data, "\"before\":\"716.83\",\"after\":\"716.84\""));
        response_free(&r);
        /* the same file again, on the old version: refused, nothing changed */
        r = import(PREPARER, &book, v);
        assert_int_equal(r.status, 409);
        response_free(&r);
        assert_int_equal(version(), v + 1);
        buf_free(&book);
}

/* One workbook, one document: the web import stores exactly the bytes
 * "jixiao import" writes for the same task document and workbook (both
 * run task_import_workbook, src/app/task_change.c). */
static void test_web_and_command_line_imports_give_the_same_document(void **state)
{
        (void)state;
        struct buf book = BUF_INIT;
        template_with("$.self_eval.budget.initial", "><v>264.02</v></c>", &book);
        /* the task's document and the workbook as files */
        char dir[] = "/tmp/jixiao-import-XXXXXX";
        assert_non_null(mkdtemp(dir));
        char doc_file[64], book_file[64];
        snprintf(doc_file, sizeof doc_file, "%s/task.json", dir);
        snprintf(book_file, sizeof book_file, "%s/book.xlsx", dir);
        struct response r = get(PREPARER, "/api/tasks/%lld/document", (long long)task);
        assert_int_equal(r.status, 200);
        FILE *f = fopen(doc_file, "wb");
        assert_int_equal(fwrite(r.body.data, 1, r.body.len, f), r.body.len);
        fclose(f);
        response_free(&r);
        f = fopen(book_file, "wb");
        assert_int_equal(fwrite(book.data, 1, book.len, f), book.len);
        fclose(f);
        struct run cli = run_jixiao(NULL, "import", doc_file, book_file, NULL);
        if (cli.status)
                fprintf(stderr, "%s", cli.err.data);
        assert_int_equal(cli.status, 0);
        /* the same workbook through the page */
        r = import(PREPARER, &book, version());
        assert_int_equal(r.status, 303);
        response_free(&r);
        r = get(PREPARER, "/api/tasks/%lld/document", (long long)task);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "\"initial\": \"264.02\""));
        assert_int_equal(r.body.len, cli.out.len);
        assert_memory_equal(r.body.data, cli.out.data, r.body.len);
        response_free(&r);
        run_free(&cli);
        remove(doc_file);
        remove(book_file);
        rmdir(dir);
        buf_free(&book);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_a_task_exports_its_report_and_tables),
            cmocka_unit_test(test_the_query_exports_many),
            cmocka_unit_test(test_the_year_summary_is_the_finance_bureaus),
            cmocka_unit_test(test_a_filled_template_is_imported_whole_or_not_at_all),
            cmocka_unit_test(test_web_and_command_line_imports_give_the_same_document),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
