/* The authorization matrix over HTTP, cell by cell: every route of the
 * route table, called by an anonymous client and by each post, must be
 * refused exactly when the matrix of docs/security.md says so. Then the
 * scopes: a unit user reaches nothing of another unit by changing an id
 * in a URL, a supervising unit sees its department, the finance bureau
 * sees everything. */
#include "../support/http.h"

#include "../../src/web/handlers.h"

static char db_path[512];
static struct server srv;

enum { ANON, PREPARER, REVIEWER, SUPERVISOR, FINANCE, ADMIN, N_ACTORS };

static const struct {
        const char *phone;
        enum role role;
        const char *name;
} actors[N_ACTORS] = {
    {NULL, ROLE_NONE, "anonymous"},
    {"15104002001", ROLE_PREPARER, "preparer of 104002"},
    {"15104002002", ROLE_REVIEWER, "reviewer of 104002"},
    {"15104001001", ROLE_PREPARER, "preparer of 104001 (supervising)"},
    {"18800000002", ROLE_FINANCE, "finance"},
    {"18800000001", ROLE_ADMIN, "administrator"},
};

static struct client clients[N_ACTORS];

static int setup(void **state)
{
        (void)state;
        demo_db(db_path);
        server_start(&srv, db_path);
        for (int a = 0; a < N_ACTORS; a++) {
                client_init(&clients[a], &srv);
                if (actors[a].phone)
                        client_login_fresh(&clients[a], actors[a].phone, "Jixiao-Matrix-2026!");
                else {
                        struct response r =
                            http(&clients[a], "GET", "/api/session", NULL, NULL, false);
                        /* the anonymous CSRF token, so refusals are about the session, not CSRF */
                        const char *p = strstr(r.body.data, "\"csrf\":\"");
                        snprintf(clients[a].csrf, sizeof clients[a].csrf, "%.43s", p + 8);
                        response_free(&r);
                }
        }
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        server_stop(&srv);
        return 0;
}

/* A concrete path for a route pattern: path arguments get values that
 * name nothing, so an allowed call fails on its input (404/400) instead
 * of changing anything. */
static void concrete(const char *pattern, char *out, size_t cap)
{
        size_t n = 0;
        for (const char *p = pattern; *p && n + 16 < cap;) {
                if (*p == '{') {
                        const char *close = strchr(p, '}');
                        const char *value = strncmp(p, "{name}", 6) == 0     ? "app.css"
                                            : strncmp(p, "{year}", 6) == 0   ? "2099"
                                            : strncmp(p, "{code}", 6) == 0   ? "999999"
                                            : strncmp(p, "{format}", 8) == 0 ? "pdf"
                                                                             : "999999";
                        n += (size_t)snprintf(out + n, cap - n, "%s", value);
                        p = close + 1;
                } else {
                        out[n++] = *p++;
                }
        }
        out[n] = '\0';
}

static bool session_route(const struct route *rt)
{
        /* these end or replace the session: called last, separately */
        return strcmp(rt->pattern, "/logout") == 0 || strcmp(rt->pattern, "/api/logout") == 0 ||
               strcmp(rt->pattern, "/login") == 0 || strcmp(rt->pattern, "/api/login") == 0 ||
               strcmp(rt->pattern, "/password") == 0 || strcmp(rt->pattern, "/api/password") == 0;
}

static void test_every_route_for_every_post(void **state)
{
        (void)state;
        size_t cells = 0;
        size_t n_routes;
        const struct route *routes = web_routes(&n_routes, NULL);
        for (size_t i = 0; i < n_routes; i++) {
                const struct route *rt = &routes[i];
                if (session_route(rt))
                        continue;
                char path[256];
                concrete(rt->pattern, path, sizeof path);
                bool api = strncmp(path, "/api/", 5) == 0;
                bool post = strcmp(rt->method, "POST") == 0;
                for (int a = 0; a < N_ACTORS; a++) {
                        struct response r =
                            http(&clients[a], rt->method, path, post ? "application/json" : NULL,
                                 post ? "{}" : NULL, true);
                        bool public = rt->flags & R_PUBLIC;
                        bool signed_in = a != ANON;
                        bool allowed =
                            public ||
                            (signed_in && (!rt->roles || (rt->roles & ROLE_BIT(actors[a].role))));
                        int want_refusal = !signed_in && !public ? (api ? 401 : 303)
                                           : !allowed            ? 403
                                                                 : 0;
                        if (want_refusal && r.status != want_refusal)
                                fprintf(stderr, "%s %s as %s: %d, expected %d\n", rt->method, path,
                                        actors[a].name, r.status, want_refusal);
                        if (!want_refusal &&
                            (r.status == 401 || r.status == 403 ||
                             (r.status == 303 && response_header(&r, "Location") &&
                              strncmp(response_header(&r, "Location"), "/login", 6) == 0)))
                                fprintf(stderr, "%s %s as %s: refused (%d) but allowed\n",
                                        rt->method, path, actors[a].name, r.status);
                        if (want_refusal)
                                assert_int_equal(r.status, want_refusal);
                        else
                                assert_true(r.status != 401 && r.status != 403);
                        if (want_refusal == 303)
                                assert_non_null(strstr(response_header(&r, "Location"), "/login"));
                        response_free(&r);
                        cells++;
                }
        }
        assert_true(cells >= 30 * N_ACTORS);
}

/* The ids of all tasks, with their unit codes, as the finance bureau sees them. */
struct task_ref {
        int id;
        char unit[7];
};

static size_t all_tasks(struct task_ref *out, size_t cap)
{
        struct response r = http(&clients[FINANCE], "GET", "/api/tasks", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        size_t n = 0;
        for (const char *p = r.body.data; (p = strstr(p, "{\"id\":")) && n < cap; p++) {
                out[n].id = atoi(p + 6);
                const char *code = strstr(p, "\"unit_code\":\"");
                snprintf(out[n].unit, sizeof out[n].unit, "%.6s", code + 13);
                n++;
        }
        response_free(&r);
        return n;
}

static bool in_scope(int actor, const char *unit)
{
        switch (actor) {
        case PREPARER:
        case REVIEWER:
                return strcmp(unit, "104002") == 0;
        case SUPERVISOR:
                return strncmp(unit, "104", 3) == 0;
        case FINANCE:
        case ADMIN:
                return true;
        default:
                return false;
        }
}

static void test_no_unit_reaches_another_by_changing_an_id(void **state)
{
        (void)state;
        struct task_ref tasks[64];
        size_t n = all_tasks(tasks, 64);
        assert_true(n >= 12);
        const char *const prefixes[] = {"/tasks/", "/api/tasks/", "/api/tasks/"};
        const char *const suffixes[] = {"", "", "/document"};
        for (int a = PREPARER; a < N_ACTORS; a++)
                for (size_t t = 0; t < n; t++)
                        for (size_t f = 0; f < 3; f++) {
                                char path[64];
                                snprintf(path, sizeof path, "%s%d%s", prefixes[f], tasks[t].id,
                                         suffixes[f]);
                                struct response r =
                                    http(&clients[a], "GET", path, NULL, NULL, false);
                                int want = in_scope(a, tasks[t].unit) ? 200 : 404;
                                if (r.status != want)
                                        fprintf(stderr, "%s as %s (unit %s): %d, expected %d\n",
                                                path, actors[a].name, tasks[t].unit, r.status,
                                                want);
                                assert_int_equal(r.status, want);
                                if (want == 404)
                                        assert_non_null(
                                            strstr(r.body.data, "自评任务不存在或无权查看"));
                                response_free(&r);
                        }
        /* ids that name nothing answer the same way */
        const char *const odd[] = {"/api/tasks/0", "/api/tasks/abc", "/api/tasks/99999999",
                                   "/api/tasks/-1"};
        for (size_t i = 0; i < 4; i++) {
                struct response r = http(&clients[PREPARER], "GET", odd[i], NULL, NULL, false);
                assert_int_equal(r.status, 404);
                response_free(&r);
        }
}

static void test_lists_show_only_the_scope(void **state)
{
        (void)state;
        for (int a = PREPARER; a < N_ACTORS; a++) {
                struct response r = http(&clients[a], "GET", "/api/tasks", NULL, NULL, false);
                assert_int_equal(r.status, 200);
                size_t listed = 0;
                for (const char *p = r.body.data; (p = strstr(p, "\"unit_code\":\"")); p++) {
                        char unit[7];
                        snprintf(unit, sizeof unit, "%.6s", p + 13);
                        assert_true(in_scope(a, unit));
                        listed++;
                }
                assert_true(listed > 0);
                response_free(&r);
                r = http(&clients[a], "GET", "/api/units", NULL, NULL, false);
                assert_int_equal(r.status, 200);
                for (const char *p = r.body.data; (p = strstr(p, "\"code\":\"")); p++) {
                        char unit[7];
                        snprintf(unit, sizeof unit, "%.6s", p + 8);
                        assert_true(in_scope(a, unit));
                }
                response_free(&r);
        }
        /* the finance bureau sees every task of the jurisdiction */
        struct task_ref tasks[64];
        assert_true(all_tasks(tasks, 64) >= 12);
}

static void test_admin_writes_are_refused_to_every_other_post(void **state)
{
        (void)state;
        /* real requests with valid bodies: refused before they could act */
        const char *const calls[][2] = {
            {"/api/units", "{\"code\":\"104003\",\"name\":\"越权新增\"}"},
            {"/api/users", "{\"phone\":\"13700000001\",\"name\":\"x\",\"role\":\"admin\"}"},
            {"/api/years", "{\"year\":\"2030\",\"scheme\":\"national\"}"},
            {"/api/years/2024/issue", "{}"},
        };
        for (int a = PREPARER; a <= FINANCE; a++)
                for (size_t c = 0; c < 4; c++) {
                        struct response r = http(&clients[a], "POST", calls[c][0],
                                                 "application/json", calls[c][1], true);
                        assert_int_equal(r.status, 403);
                        assert_non_null(strstr(r.body.data, "无权"));
                        response_free(&r);
                }
        struct response r = http(&clients[ADMIN], "GET", "/api/units", NULL, NULL, false);
        assert_null(strstr(r.body.data, "越权新增"));
        response_free(&r);
}

/* The matrix's cell "fill in a task: save, preview": only the task's
 * holder, also for a preview that changes nothing stored. */
static void test_preview_only_by_the_holder(void **state)
{
        (void)state;
        struct task_ref tasks[64];
        size_t n = all_tasks(tasks, 64);
        int id = 0;
        for (size_t i = 0; i < n && !id; i++)
                if (strcmp(tasks[i].unit, "104002") == 0)
                        id = tasks[i].id;
        assert_true(id > 0);
        char path[64];
        snprintf(path, sizeof path, "/api/tasks/%d/preview", id);
        /* the draft is held by its unit's 经办岗 */
        const int want[N_ACTORS] = {[ANON] = 401,       [PREPARER] = 200, [REVIEWER] = 403,
                                    [SUPERVISOR] = 403, [FINANCE] = 403,  [ADMIN] = 403};
        for (int a = 0; a < N_ACTORS; a++) {
                struct response r = http(&clients[a], "POST", path, "application/json",
                                         "{\"$.self_eval.goal.achieved\":\"预览\"}", true);
                if (r.status != want[a])
                        fprintf(stderr, "preview as %s: %d, expected %d: %s\n", actors[a].name,
                                r.status, want[a], r.body.data);
                assert_int_equal(r.status, want[a]);
                if (a == REVIEWER)
                        assert_non_null(strstr(r.body.data, "不能修改该自评任务"));
                response_free(&r);
        }
        /* the edit pages preview through the API above; their POST saves,
         * likewise only for the holder */
        snprintf(path, sizeof path, "/tasks/%d/basic", id);
        char form[160];
        snprintf(form, sizeof form, "csrf=%s&version=1", clients[REVIEWER].csrf);
        struct response r = http(&clients[REVIEWER], "POST", path,
                                 "application/x-www-form-urlencoded", form, false);
        assert_int_equal(r.status, 403);
        response_free(&r);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_every_route_for_every_post),
            cmocka_unit_test(test_no_unit_reaches_another_by_changing_an_id),
            cmocka_unit_test(test_lists_show_only_the_scope),
            cmocka_unit_test(test_admin_writes_are_refused_to_every_other_post),
            cmocka_unit_test(test_preview_only_by_the_holder),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
