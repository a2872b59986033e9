/* The task page over HTTP as the HTTP benchmark drives it: the evaluation
 * served again from the view cache is the same page, every user in scope
 * gets it with their own header, a changed document shows at once, and a
 * page read in one read transaction still keeps its session alive. */
#include "../support/http.h"

#include "../../src/doc/doc_io.h"
#include "../../src/store/db.h"
#include "../../src/store/store.h"

#include <time.h>

#define FINANCE      "18800000002"
#define PREPARER     "15104001001" /* 绥宁县商务局, seed 004's unit */
#define OTHER        "15101001001" /* 深圳市商务局 */
#define NEW_PASSWORD "Jixiao-Test-2026!"

static char db_path[256];
static struct server srv;
static struct client finance, preparer, other;
static char page[32]; /* /tasks/{id} of seed 004 */
static int64_t task_id;

static int setup(void **state)
{
        (void)state;
        demo_db(db_path);
        server_start(&srv, db_path);
        client_init(&finance, &srv);
        client_init(&preparer, &srv);
        client_init(&other, &srv);
        client_login_fresh(&finance, FINANCE, NEW_PASSWORD);
        client_login_fresh(&preparer, PREPARER, NEW_PASSWORD);
        client_login_fresh(&other, OTHER, NEW_PASSWORD);
        struct response r = http(&finance, "GET", "/api/tasks?year=2024", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        const char *p = strstr(r.body.data, ",\"year\":2024,\"unit_code\":\"104001\"");
        assert_non_null(p);
        while (p > r.body.data && p[-1] != ':')
                p--;
        task_id = strtoll(p, NULL, 10);
        assert_true(task_id > 0);
        snprintf(page, sizeof page, "/tasks/%lld", (long long)task_id);
        response_free(&r);
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        server_stop(&srv);
        return 0;
}

static struct response get(struct client *c, const char *path)
{
        return http(c, "GET", path, NULL, NULL, false);
}

static bool has(const struct response *r, const char *text)
{
        return strstr(r->body.data, text) != NULL;
}

/* The evaluation part of a task page: from its 预算单位 table to </main>. */
static char *evaluation_of(const struct response *r)
{
        const char *from =
            strstr(r->body.data, "<div class=\"card\"><table><tbody><tr><th>预算单位");
        const char *to = strstr(r->body.data, "</main>");
        assert_non_null(from);
        assert_non_null(to);
        return strndup(from, (size_t)(to - from));
}

static void test_the_cached_page_is_the_rendered_page(void **state)
{
        (void)state;
        struct response first = get(&finance, page);
        assert_int_equal(first.status, 200);
        assert_true(has(&first, "id=\"self\""));
        assert_true(has(&first, "id=\"findings\""));
        assert_true(has(&first, "财政局绩效科"));
        for (int i = 0; i < 3; i++) {
                struct response again = get(&finance, page);
                assert_int_equal(again.status, 200);
                assert_string_equal(again.body.data, first.body.data);
                response_free(&again);
        }
        /* the unit's own preparer: the same evaluation under their header */
        struct response own = get(&preparer, page);
        assert_int_equal(own.status, 200);
        assert_true(has(&own, "经办人 · 绥宁县商务局"));
        assert_false(has(&own, "财政局绩效科"));
        char *a = evaluation_of(&first), *b = evaluation_of(&own);
        assert_string_equal(a, b);
        free(a);
        free(b);
        /* a unit outside the scope still gets nothing */
        struct response none = get(&other, page);
        assert_int_equal(none.status, 404);
        assert_false(has(&none, "id=\"self\""));
        response_free(&none);
        response_free(&own);
        response_free(&first);
}

static void test_a_changed_document_shows_at_once(void **state)
{
        (void)state;
        struct response before = get(&finance, page);
        assert_int_equal(before.status, 200);
        assert_true(has(&before, "<td>绥宁县商务局（104001）</td>"));
        response_free(&before);
        /* change the stored document as an edit would: a new version */
        struct db *db = test_db_open(db_path);
        struct arena *a = arena_new();
        struct task t;
        assert_int_equal(store_task_get(db, a, task_id, true, &t), STORE_OK);
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(t.document, strlen(t.document), &errs);
        assert_non_null(d);
        d->unit.name = "绥宁县商务局（改）";
        struct buf json = BUF_INIT;
        doc_write(d, &json);
        t.document = json.data;
        assert_int_equal(store_task_update(db, task_id, t.version, &t, 0, (int64_t)time(NULL)),
                         STORE_OK);
        buf_free(&json);
        doc_free(d);
        arena_free(a);
        db_close(db);
        diags_free(&errs);
        struct response after = get(&finance, page);
        assert_int_equal(after.status, 200);
        assert_true(has(&after, "<td>绥宁县商务局（改）（104001）</td>"));
        assert_false(has(&after, "<td>绥宁县商务局（104001）</td>"));
        response_free(&after);
}

/* The newest seen_at of the user's sessions, optionally moved back first. */
static int64_t seen_at(const char *phone, int64_t move_back)
{
        struct db *db = test_db_open(db_path);
        struct db_stmt *st;
        if (move_back) {
                st = db_prepare(db, "UPDATE sessions SET seen_at = seen_at - ?2 WHERE user_id = "
                                    "(SELECT id FROM users WHERE phone = ?1)");
                db_bind_text(st, 1, phone);
                db_bind_int(st, 2, move_back);
                assert_int_equal(db_run(st), DB_OK);
        }
        st = db_prepare(db, "SELECT max(seen_at) FROM sessions WHERE user_id = "
                            "(SELECT id FROM users WHERE phone = ?1)");
        db_bind_text(st, 1, phone);
        assert_int_equal(db_step(st), DB_ROW);
        int64_t at = db_col_int(st, 0);
        db_reset(st);
        db_close(db);
        return at;
}

static void test_a_page_read_still_touches_the_session(void **state)
{
        (void)state;
        int64_t now = (int64_t)time(NULL);
        assert_true(seen_at(FINANCE, 600) < now - 500);
        struct response r = get(&finance, page);
        assert_int_equal(r.status, 200);
        response_free(&r);
        assert_true(seen_at(FINANCE, 0) >= now);
        /* and the same for a page answered 404 */
        assert_true(seen_at(OTHER, 600) < now - 500);
        r = get(&other, page);
        assert_int_equal(r.status, 404);
        response_free(&r);
        assert_true(seen_at(OTHER, 0) >= now);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_the_cached_page_is_the_rendered_page),
            cmocka_unit_test(test_a_changed_document_shows_at_once),
            cmocka_unit_test(test_a_page_read_still_touches_the_session),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
