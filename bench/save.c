/* Save benchmark ("make bench-save"): the latency of saving a task as its
 * preparer does, end to end over HTTP on loopback. A fresh demo database,
 * one server (build/jixiao serve), seed 004's preparer signed in; then N
 * sequential saves of one changed amount of seed 004 (绥宁县商务局, 2024),
 * each under the version the previous one returned:
 *
 *   api   POST /api/tasks/{id}/save (form fields named by document path)
 *   page  POST /tasks/{id}/self as the edit page sends it, and the GET of
 *         the page its 303 leads to (what the user waits for)
 *
 * Prints p50/p90/p99/max per kind, with the server's CPU time (user +
 * system) per save, and exits non-zero when the p99 of
 * either misses its target (SAVE_P99_MS). Figures: docs/benchmarks.md. */
#include "../tests/support/http.h"

#include "../src/store/db.h"

#include <jansson.h>
#include <time.h>
#include <unistd.h>

enum { SAVE_P99_MS = 50 };

#define PREPARER "15104001001"
#define PASSWORD "Jixiao-Bench-2026!"

static double now_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;
        return (x > y) - (x < y);
}

static double pct(const double *sorted, size_t n, double p)
{
        size_t i = (size_t)(p * (double)(n - 1) + 0.5);
        return sorted[i < n ? i : n - 1];
}

/* CPU time (user + system) the process pid has used, in ms. */
static double cpu_ms(pid_t pid)
{
        char path[64], line[1024];
        snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
        FILE *f = fopen(path, "r");
        if (!f)
                return 0;
        size_t len = fread(line, 1, sizeof line - 1, f);
        fclose(f);
        line[len] = '\0';
        const char *p = strrchr(line, ')'); /* fields after the command name */
        unsigned long utime = 0, stime = 0;
        if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
                         &stime) != 2)
                return 0;
        return (double)(utime + stime) * 1e3 / (double)sysconf(_SC_CLK_TCK);
}

static int64_t task_version(struct client *c, int64_t task)
{
        struct response r = http_getf(c, "/api/tasks/%lld", (long long)task);
        json_t *j = json_loads(r.body.data, 0, NULL);
        int64_t v = j ? json_integer_value(json_object_get(json_object_get(j, "task"), "version"))
                      : 0;
        json_decref(j);
        response_free(&r);
        return v;
}

/* One save through the API; the new version, or 0 on failure. */
static int64_t save_api(struct client *c, int64_t task, int64_t version, unsigned i)
{
        char path[64], body[160];
        snprintf(path, sizeof path, "/api/tasks/%lld/save", (long long)task);
        snprintf(body, sizeof body, "version=%lld&%%24.self_eval.budget.executed=%u.%02u",
                 (long long)version, 600 + i % 100, i % 100);
        struct response r = http(c, "POST", path, "application/x-www-form-urlencoded", body, true);
        int64_t v = 0;
        if (r.status == 200) {
                json_t *j = json_loads(r.body.data, 0, NULL);
                v = json_integer_value(json_object_get(j, "version"));
                json_decref(j);
        } else {
                fprintf(stderr, "bench-save: API save answered %d: %.300s\n", r.status,
                        r.body.data);
        }
        response_free(&r);
        return v;
}

/* One save through the edit page and the GET its redirect leads to. */
static bool save_page(struct client *c, int64_t task, int64_t version, unsigned i)
{
        char path[64], body[256];
        snprintf(path, sizeof path, "/tasks/%lld/self", (long long)task);
        snprintf(body, sizeof body,
                 "csrf=%s&version=%lld&%%24.self_eval.budget.executed=%u.%02u", c->csrf,
                 (long long)version, 700 + i % 100, i % 100);
        struct response r = http(c, "POST", path, "application/x-www-form-urlencoded", body, false);
        const char *loc = r.status == 303 ? response_header(&r, "Location") : NULL;
        char next[256];
        snprintf(next, sizeof next, "%s", loc ? loc : "");
        if (!loc)
                fprintf(stderr, "bench-save: page save answered %d\n", r.status);
        response_free(&r);
        if (!loc)
                return false;
        r = http(c, "GET", next, NULL, NULL, false);
        bool ok = r.status == 200;
        response_free(&r);
        return ok;
}

static bool report(const char *name, double *ms, size_t n, double cpu)
{
        qsort(ms, n, sizeof *ms, cmp_double);
        double p99 = pct(ms, n, 0.99);
        bool met = p99 <= SAVE_P99_MS;
        printf("%-5s %6zu  %8.2f  %8.2f  %8.2f  %8.2f  %8.2f   p99 ≤ %d ms: %s\n", name, n,
               pct(ms, n, 0.50), pct(ms, n, 0.90), p99, ms[n - 1], cpu / (double)n, SAVE_P99_MS,
               met ? "met" : "NOT MET");
        return met;
}

int main(int argc, char **argv)
{
        size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1000;
        if (n < 2) {
                fprintf(stderr, "usage: save [N ≥ 2]\n");
                return 2;
        }
        char db_path[256];
        demo_db(db_path);
        struct db *db = test_db_open(db_path);
        int64_t task = task_id_of(db, "104001", 2024);
        db_close(db);
        struct server srv;
        server_start(&srv, db_path);
        struct client c;
        client_init(&c, &srv);
        client_login_fresh(&c, PREPARER, PASSWORD);

        double *api = calloc(n, sizeof *api), *page = calloc(n, sizeof *page);
        int64_t version = task_version(&c, task);
        bool ok = version > 0;
        double cpu0 = cpu_ms(srv.pid);
        for (size_t i = 0; ok && i < n; i++) {
                double t0 = now_ms();
                version = save_api(&c, task, version, (unsigned)i);
                api[i] = now_ms() - t0;
                ok = version > 0;
        }
        double cpu1 = cpu_ms(srv.pid);
        for (size_t i = 0; ok && i < n; i++) {
                double t0 = now_ms();
                ok = save_page(&c, task, version + (int64_t)i, (unsigned)i);
                page[i] = now_ms() - t0;
        }
        double cpu2 = cpu_ms(srv.pid);
        server_stop(&srv);
        if (!ok) {
                fprintf(stderr, "bench-save: a save failed\n");
                return 1;
        }
        printf("seed 004, %zu sequential saves each (ms)\n", n);
        printf("kind  saves       p50       p90       p99       max  cpu/save\n");
        bool met = report("api", api, n, cpu1 - cpu0);
        met = report("page", page, n, cpu2 - cpu1) && met;
        free(api);
        free(page);
        if (!met)
                printf("bench-save: a target was NOT MET\n");
        return met ? 0 : 1;
}
