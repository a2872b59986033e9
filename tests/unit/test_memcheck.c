/* The release binary under valgrind's memcheck: no invalid access and no
 * leak while parsing, rendering and re-serializing every example, while
 * rejecting a broken document, and in the server through a working
 * session — sign-in, every page of a task, preview, saves (one refused as
 * stale), an upload, the three exports and an import, a malformed
 * request, the finance bureau's batch and summary — up to SIGTERM. (The
 * sanitizer build covers the rest of the suite; valgrind cannot run a
 * sanitized binary.) */
#include "../support/http.h"
#include "../support/samples.h"

#include "../../src/store/db.h"

#include <jansson.h>
#include <unistd.h>

/* Run "jixiao cmd file" under memcheck; assert jixiao's own exit status,
 * which valgrind replaces with 99 on any memory error or leak. */
static void memcheck(int want_status, const char *cmd, const char *file)
{
        char path[4096];
        snprintf(path, sizeof path, "%s", repo_path(file));
        const char *args[] = {cmd, path, NULL};
        struct run r = run_jixiao_memcheck(args);
        if (r.status != want_status)
                fprintf(stderr, "%s", r.err.data);
        assert_int_equal(r.status, want_status);
        run_free(&r);
}

static void test_examples_are_clean_under_memcheck(void **state)
{
        (void)state;
        if (!memcheck_available())
                skip();
        for (size_t i = 0; i < 4; i++) {
                memcheck(0, "show", seed_examples[i]);
                memcheck(0, "fmt", seed_examples[i]);
        }
}

static void test_rejection_is_clean_under_memcheck(void **state)
{
        (void)state;
        if (!memcheck_available())
                skip();
        memcheck(2, "show", "tests/data/bad-document.json");
}

/* GET path; assert the status. */
static void expect_get(struct client *c, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void expect_get(struct client *c, int status, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        struct response r = http_vgetf(c, fmt, ap);
        va_end(ap);
        if (r.status != status)
                fprintf(stderr, "%s: %d %s\n", fmt, r.status, r.body.data);
        assert_int_equal(r.status, status);
        response_free(&r);
}

static int64_t task_version(struct client *c, int64_t task)
{
        struct response r = http_getf(c, "/api/tasks/%lld", (long long)task);
        json_t *j = json_loads(r.body.data, 0, NULL);
        assert_non_null(j);
        int64_t v = json_integer_value(json_object_get(json_object_get(j, "task"), "version"));
        json_decref(j);
        response_free(&r);
        return v;
}

static int save(struct client *c, int64_t task, int64_t version, const char *adjusted)
{
        char path[64], body[128];
        snprintf(path, sizeof path, "/api/tasks/%lld/save", (long long)task);
        snprintf(body, sizeof body, "version=%lld&%%24.self_eval.budget.adjusted=%s",
                 (long long)version, adjusted);
        struct response r = http(c, "POST", path, "application/x-www-form-urlencoded", body, true);
        int status = r.status;
        response_free(&r);
        return status;
}

static void test_the_server_is_clean_under_memcheck(void **state)
{
        (void)state;
        if (!memcheck_available())
                skip();
        char db_path[256];
        demo_db(db_path);
        struct db *db = test_db_open(db_path);
        int64_t task = task_id_of(db, "104001", 2024);
        db_close(db);

        const char *wrapper[MEMCHECK_ARGC + 1];
        memcheck_argv(wrapper);
        wrapper[MEMCHECK_ARGC] = NULL;
        struct server srv;
        server_start_wrapped(&srv, db_path, wrapper);
        struct client preparer, finance;
        client_init(&preparer, &srv);
        client_init(&finance, &srv);
        client_login_fresh(&preparer, "15104001001", "Jixiao-Memcheck-2026!");
        client_login_fresh(&finance, "18800000002", "Jixiao-Memcheck-2026!");

        static const char *const pages[] = {"",       "/basic",      "/self",       "/projects",
                                            "/files", "/projects/1", "/export.xlsx"};
        expect_get(&preparer, 200, "/");
        expect_get(&preparer, 200, "/tasks?year=2024");
        for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
                expect_get(&preparer, 200, "/tasks/%lld%s", (long long)task, pages[i]);
        expect_get(&preparer, 404, "/tasks/%lld", (long long)task + 100000);

        /* the live preview, a save, and a stale save refused */
        char path[64];
        snprintf(path, sizeof path, "/api/tasks/%lld/preview", (long long)task);
        struct response r = http(&preparer, "POST", path, "application/x-www-form-urlencoded",
                                 "%24.self_eval.budget.adjusted=300", true);
        assert_int_equal(r.status, 200);
        response_free(&r);
        int64_t v = task_version(&preparer, task);
        assert_int_equal(save(&preparer, task, v, "300"), 200);
        assert_int_equal(save(&preparer, task, v, "250"), 409);
        assert_int_equal(save(&preparer, task, v + 1, "三百"), 400);

        /* an attachment up and down */
        struct buf pdf = BUF_INIT;
        sample_pdf(&pdf);
        r = http_upload(&preparer, task, "self_report", NULL, "自评报告.pdf", &pdf);
        assert_int_equal(r.status, 201);
        response_free(&r);
        buf_free(&pdf);

        /* the report both ways, the template out and back in */
        expect_get(&preparer, 200, "/tasks/%lld/export.pdf", (long long)task);
        expect_get(&preparer, 200, "/tasks/%lld/export.docx", (long long)task);
        r = http_getf(&preparer, "/tasks/%lld/export.xlsx", (long long)task);
        assert_int_equal(r.status, 200);
        char vs[24];
        snprintf(vs, sizeof vs, "%lld", (long long)task_version(&preparer, task));
        struct part parts[3] = {{"csrf", NULL, preparer.csrf, strlen(preparer.csrf)},
                                {"version", NULL, vs, strlen(vs)},
                                {"file", "自评表格.xlsx", r.body.data, r.body.len}};
        struct buf body = BUF_INIT;
        multipart_body(&body, parts, 3);
        snprintf(path, sizeof path, "/tasks/%lld/import", (long long)task);
        struct response imp =
            http_body(&preparer, "POST", path, "multipart/form-data; boundary=" MULTIPART_BOUNDARY,
                      body.data, body.len, false);
        assert_int_equal(imp.status, 303);
        response_free(&imp);
        buf_free(&body);
        response_free(&r);

        /* a malformed body, then the finance bureau's lists */
        r = http(&finance, "POST", "/api/years", "application/json", "{\"year\": ", true);
        assert_int_equal(r.status, 400);
        response_free(&r);
        expect_get(&finance, 200, "/tasks.xlsx?year=2024");
        expect_get(&finance, 200, "/tasks/reports.docx?year=2024&unit=104");
        expect_get(&finance, 200, "/years/2024/summary.xlsx");
        expect_get(&finance, 200, "/tasks?year=2024&sort=total");

        r = http(&preparer, "POST", "/api/logout", NULL, NULL, true);
        assert_int_equal(r.status, 200);
        response_free(&r);
        server_stop(&srv); /* exit status 99 on any memory error or leak */
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_examples_are_clean_under_memcheck),
            cmocka_unit_test(test_rejection_is_clean_under_memcheck),
            cmocka_unit_test(test_the_server_is_clean_under_memcheck),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
