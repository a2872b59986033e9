/* The route table built from the resource declarations (src/web/routes.c):
 * every route is reached by the paths it names and by no other route —
 * no two routes of a method match one path, whatever their order — its
 * typed arguments refuse values of another type, and the API routes are
 * the pages' paths under /api. */
#include "../support/testutil.h"

#include "../../src/http/route.h"
#include "../../src/web/handlers.h"

/* A path of pattern with an example value of each argument's type. */
static void example(const char *pattern, char *out, size_t cap)
{
        size_t n = 0;
        for (const char *p = pattern; *p && n + 16 < cap;) {
                if (*p != '{') {
                        out[n++] = *p++;
                        continue;
                }
                const char *close = strchr(p, '}');
                char name[16];
                snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
                const char *value = strcmp(name, "code") == 0     ? "104001"
                                    : strcmp(name, "year") == 0   ? "2024"
                                    : strcmp(name, "format") == 0 ? "pdf"
                                    : strcmp(name, "name") == 0   ? "app.css"
                                                                  : "12";
                n += (size_t)snprintf(out + n, cap - n, "%s", value);
                p = close + 1;
        }
        out[n] = '\0';
}

static void test_every_route_is_reached_by_its_own_paths_only(void **state)
{
        (void)state;
        size_t n;
        const struct route *routes = web_routes(&n, NULL);
        assert_true(n > 60);
        for (size_t i = 0; i < n; i++) {
                char path[256];
                example(routes[i].pattern, path, sizeof path);
                size_t matching = 0;
                for (size_t k = 0; k < n; k++)
                        if (strcmp(routes[k].method, routes[i].method) == 0 &&
                            route_match(routes[k].pattern, path, NULL)) {
                                matching++;
                                if (k != i)
                                        fprintf(stderr, "%s %s is also matched by %s\n",
                                                routes[i].method, path, routes[k].pattern);
                        }
                if (matching != 1)
                        fprintf(stderr, "%s %s (%s): %zu routes\n", routes[i].method, path,
                                routes[i].pattern, matching);
                assert_int_equal(matching, 1);
                assert_ptr_equal(route_find(routes, n, routes[i].method, path), &routes[i]);
        }
}

static void test_arguments_are_typed(void **state)
{
        (void)state;
        size_t n;
        const struct route *routes = web_routes(&n, NULL);
        /* reports of a query are not a task, and a task is not a format */
        const struct route *r = route_find(routes, n, "GET", "/tasks/reports.pdf");
        assert_string_equal(r->pattern, "/tasks/reports.{format}");
        assert_string_equal(route_find(routes, n, "GET", "/tasks/12")->pattern, "/tasks/{id}");
        const char *refused[] = {"/tasks/0",           "/tasks/-1",         "/tasks/1e3",
                                 "/tasks/abc",         "/units/12345",      "/units/1234567",
                                 "/tasks/12/export.PDF", "/static/../x",    "/years/24/issue",
                                 "/tasks/12/projects/0"};
        for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
                const struct route *hit = route_find(routes, n, "GET", refused[i]);
                const struct route *post = route_find(routes, n, "POST", refused[i]);
                if (hit || post)
                        fprintf(stderr, "%s matched %s\n", refused[i],
                                (hit ? hit : post)->pattern);
                assert_null(hit);
                assert_null(post);
        }
}

static void test_api_routes_are_the_pages_under_api(void **state)
{
        (void)state;
        size_t n;
        const struct route_info *info;
        const struct route *routes = web_routes(&n, &info);
        size_t api = 0;
        for (size_t i = 0; i < n; i++) {
                bool under = strncmp(routes[i].pattern, "/api/", 5) == 0;
                assert_int_equal(under, (routes[i].flags & R_JSON) != 0);
                api += under;
                /* a route whose {id} is a task declares so */
                if (strstr(routes[i].pattern, "/tasks/{id}"))
                        assert_int_equal(info[i].scope, SCOPE_TASK);
                /* bodies above the form limit only where files come in */
                if (routes[i].flags & R_UPLOAD)
                        assert_true(strstr(routes[i].pattern, "/files") ||
                                    strstr(routes[i].pattern, "/import"));
        }
        assert_true(api > 30);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_every_route_is_reached_by_its_own_paths_only),
            cmocka_unit_test(test_arguments_are_typed),
            cmocka_unit_test(test_api_routes_are_the_pages_under_api),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
