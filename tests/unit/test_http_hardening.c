/* The findings of the hardening review (issue 17), each as the request
 * that broke the server, on a real server over a copy of one demo
 * database: where sign-in may send a browser, the login throttle under
 * simultaneous guesses, where a CSRF token may come from, who may preview
 * a task, slow request heads, names in downloads, a full disk and the
 * health endpoint. */
#include "../support/http.h"

#include "../../src/base/fname.h"
#include "../../src/base/utf8.h"
#include "../../src/store/db.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

static char template_db[256];

#define ADMIN        "18800000001"
#define PREPARER     "15104002001"
#define REVIEWER     "15104002002"
#define NEW_PASSWORD "Jixiao-Hard-2026!"

static void fresh_db(char out[512], const char *name)
{
        snprintf(out, 512, "%s.%s.db", template_db, name);
        char cmd[1100];
        snprintf(cmd, sizeof cmd, "cp %s %s", template_db, out);
        assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
        (void)state;
        demo_db(template_db);
        return 0;
}

/* ---- 1: where sign-in sends the browser -------------------------------------------- */

/* s with every byte percent-encoded, for a query string. */
static void url_encode(const char *s, size_t n, char *out, size_t cap)
{
        size_t k = 0;
        for (size_t i = 0; i < n && k + 4 < cap; i++)
                k += (size_t)snprintf(out + k, cap - k, "%%%02X", (unsigned char)s[i]);
        out[k] = '\0';
}

/* The value of the hidden field next of the login form, unescaped. */
static void hidden_next(const struct response *r, char *out, size_t cap)
{
        const char *p = strstr(r->body.data, "name=\"next\" value=\"");
        assert_non_null(p);
        p += strlen("name=\"next\" value=\"");
        size_t k = 0;
        while (*p && *p != '"' && k + 1 < cap) {
                static const char *const ents[][2] = {
                    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
                bool done = false;
                for (size_t e = 0; e < 5 && !done; e++)
                        if (strncmp(p, ents[e][0], strlen(ents[e][0])) == 0) {
                                out[k++] = ents[e][1][0];
                                p += strlen(ents[e][0]);
                                done = true;
                        }
                if (!done)
                        out[k++] = *p++;
        }
        out[k] = '\0';
}

/* Where a browser goes for the Location value v (the WHATWG URL parser's
 * view of a relative reference): leading and trailing C0 controls and
 * spaces dropped, tabs and newlines removed anywhere, backslashes read as
 * slashes. v stays on this site when that starts with one slash. */
static bool stays_on_site(const char *v)
{
        char seen[512];
        size_t n = 0;
        const char *b = v, *e = v + strlen(v);
        while (b < e && (unsigned char)*b <= 0x20)
                b++;
        while (e > b && (unsigned char)e[-1] <= 0x20)
                e--;
        for (const char *p = b; p < e && n + 1 < sizeof seen; p++) {
                if (*p == '\t' || *p == '\n' || *p == '\r')
                        continue;
                seen[n++] = *p == '\\' ? '/' : *p;
        }
        seen[n] = '\0';
        for (const char *p = v; *p; p++)
                if ((unsigned char)*p < 0x20 || *p == 0x7f)
                        return false; /* a header value must not carry controls at all */
        return seen[0] == '/' && seen[1] != '/';
}

/* The login form for next=s[0..n): its hidden next must stay on the site. */
static void check_next(struct client *c, const char *s, size_t n)
{
        char enc[256], path[300], next[256];
        url_encode(s, n, enc, sizeof enc);
        snprintf(path, sizeof path, "/login?next=%s", enc);
        struct response r = http(c, "GET", path, NULL, NULL, false);
        assert_int_equal(r.status, 200);
        hidden_next(&r, next, sizeof next);
        if (!stays_on_site(next))
                fprintf(stderr, "next=%s kept as \"%s\"\n", enc, next);
        assert_true(stays_on_site(next));
        response_free(&r);
}

/* Sign in by the form with next=s; the Location of the answer. */
static void form_login_location(const struct server *s, const char *next, char *out, size_t cap)
{
        struct client c;
        client_init(&c, s);
        char enc[256], path[300];
        url_encode(next, strlen(next), enc, sizeof enc);
        snprintf(path, sizeof path, "/login?next=%s", enc);
        struct response r = http(&c, "GET", path, NULL, NULL, false);
        assert_int_equal(r.status, 200);
        response_free(&r);
        char form[600];
        snprintf(form, sizeof form, "csrf=%s&phone=%s&password=%s&next=%s", c.jar[0].value,
                 PREPARER, NEW_PASSWORD, enc);
        r = http(&c, "POST", "/login", "application/x-www-form-urlencoded", form, false);
        assert_int_equal(r.status, 303);
        const char *loc = response_header(&r, "Location");
        assert_non_null(loc); /* never a 303 without a place to go */
        snprintf(out, cap, "%s", loc);
        response_free(&r);
}

static void test_next_after_sign_in_stays_on_the_site(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "next");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        /* every control character, before and after the second slash */
        for (int b = 0; b < 0x80; b++) {
                if (b >= 0x20 && b < 0x7f)
                        continue;
                char v[32];
                int n = snprintf(v, sizeof v, "/%c/evil.example", b);
                check_next(&c, v, (size_t)n);
                n = snprintf(v, sizeof v, "%c//evil.example", b);
                check_next(&c, v, (size_t)n);
                n = snprintf(v, sizeof v, "/%c%c/evil.example", b == 0 ? 1 : b, '\\');
                check_next(&c, v, (size_t)n);
        }
        /* every mix of up to three slashes, backslashes, blanks, controls and letters */
        static const char alphabet[] = {'/', '\\', '\t', '\n', '\r', ' ',
                                        'e', ':',  '.',  0x01, 0x7f};
        enum { A = sizeof alphabet };
        for (size_t len = 1; len <= 3; len++) {
                size_t total = len == 1 ? A : len == 2 ? A * A : A * A * A;
                for (size_t k = 0; k < total; k++) {
                        char v[8];
                        size_t x = k;
                        for (size_t i = 0; i < len; i++, x /= A)
                                v[i] = alphabet[x % A];
                        v[len] = '\0';
                        char full[32];
                        int n = snprintf(full, sizeof full, "%sevil.example", v);
                        check_next(&c, full, (size_t)n);
                }
        }
        /* a local path is kept */
        char next[256];
        check_next(&c, "/tasks/3?year=2024", strlen("/tasks/3?year=2024"));
        struct response r = http(&c, "GET", "/login?next=%2Ftasks%2F3", NULL, NULL, false);
        hidden_next(&r, next, sizeof next);
        assert_string_equal(next, "/tasks/3");
        response_free(&r);
        /* the two reported requests, signed in for real */
        client_login_fresh(&c, PREPARER, NEW_PASSWORD);
        char loc[512];
        form_login_location(&s, "/\t/evil.example", loc, sizeof loc);
        assert_true(stays_on_site(loc));
        form_login_location(&s, "/\n/evil.example", loc, sizeof loc);
        assert_true(stays_on_site(loc));
        form_login_location(&s, "/tasks", loc, sizeof loc);
        assert_string_equal(loc, "/tasks");
        server_stop(&s);
}

/* ---- 2: names of downloads and of report archive entries --------------------------- */

/* name is one plain file name on any system. */
static void assert_plain_name(const char *name)
{
        size_t n = strlen(name);
        if (!n || n > FNAME_MAX_BYTES || !utf8_valid(name, n) || name[0] == '.' ||
            name[n - 1] == '.' || name[n - 1] == ' ' || strpbrk(name, "/\\\"<>|:*?"))
                fail_msg("not a plain name: \"%s\"", name);
        for (const unsigned char *p = (const unsigned char *)name; *p; p++)
                if (*p < 0x20 || *p == 0x7f)
                        fail_msg("a control character in \"%s\"", name);
}

/* The name of filename*=UTF-8''… of a Content-Disposition, decoded. */
static void disposition_name(const char *cd, char *out, size_t cap)
{
        const char *p = strstr(cd, "filename*=UTF-8''");
        assert_non_null(p);
        p += strlen("filename*=UTF-8''");
        size_t k = 0;
        while (*p && *p != ';' && k + 1 < cap) {
                unsigned v;
                if (*p == '%' && sscanf(p + 1, "%2x", &v) == 1) {
                        out[k++] = (char)v;
                        p += 3;
                } else {
                        out[k++] = *p++;
                }
        }
        out[k] = '\0';
}

static void test_download_names_are_clean(void **state)
{
        (void)state;
        /* the cleaning function itself */
        struct arena *a = arena_new();
        assert_string_equal(fname_clean(a, "自评报告.pdf"), "自评报告.pdf");
        assert_string_equal(fname_clean(a, "/../../x"), "_.._.._x");
        assert_string_equal(fname_clean(a, "a\"<>|:*?b.docx"), "a_______b.docx");
        assert_string_equal(fname_clean(a, "..\\..\\x.pdf"), "___.._x.pdf");
        assert_string_equal(fname_clean(a, ".."), "download");
        assert_string_equal(fname_clean(a, ".hidden"), "_hidden");
        assert_string_equal(fname_clean(a, "report. . "), "report");
        assert_string_equal(fname_clean(a, "con.txt"), "_con.txt");
        assert_string_equal(fname_clean(a, "LPT9"), "_LPT9");
        assert_string_equal(fname_clean(a, "line\r\nbreak\x7f\xc2\x85.pdf"), "line__break__.pdf");
        assert_string_equal(fname_clean(a, "report\xe2\x80\xae"
                                           "fdp.exe"),
                            "report_fdp.exe");
        assert_string_equal(fname_clean(a, "bad\xff\xfeutf8"), "bad__utf8");
        assert_string_equal(fname_clean(a, ""), "download");
        assert_string_equal(fname_clean(a, NULL), "download");
        struct buf long_name = BUF_INIT;
        buf_repeat(&long_name, "汉", 300);
        buf_puts(&long_name, ".docx");
        const char *cut = fname_clean(a, buf_str(&long_name));
        assert_true(strlen(cut) <= FNAME_MAX_BYTES && strlen(cut) > FNAME_MAX_BYTES - 8);
        assert_plain_name(cut);
        assert_string_equal(cut + strlen(cut) - 5, ".docx");
        buf_free(&long_name);
        arena_free(a);

        /* a unit named to escape the folder of an unzip, and to break Windows */
        char db[512];
        fresh_db(db, "names");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        client_login_fresh(&c, ADMIN, NEW_PASSWORD);
        struct response r =
            http(&c, "POST", "/api/units/104002", "application/json",
                 "{\"name\":\"/../../x\\\"<>|:*?\\u0001\\t名\",\"version\":\"1\"}", true);
        assert_int_equal(r.status, 200);
        response_free(&r);
        r = http(&c, "GET", "/api/tasks/reports.docx?unit=104002", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        char name[512];
        disposition_name(response_header(&r, "Content-Disposition"), name, sizeof name);
        assert_plain_name(name);
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t *src = zip_source_buffer_create(r.body.data, r.body.len, 0, &ze);
        zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
        assert_non_null(z);
        zip_int64_t entries = zip_get_num_entries(z, 0);
        assert_true(entries >= 1);
        for (zip_int64_t i = 0; i < entries; i++) {
                const char *entry = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
                assert_non_null(entry);
                assert_non_null(strstr(entry, "104002-"));
                assert_plain_name(entry);
        }
        zip_discard(z);
        zip_error_fini(&ze);
        response_free(&r);
        /* one report: its Content-Disposition */
        struct db *d = test_db_open(db);
        int64_t task = task_id_of(d, "104002", 2024);
        db_close(d);
        r = http_getf(&c, "/api/tasks/%lld/export.pdf", (long long)task);
        assert_int_equal(r.status, 200);
        disposition_name(response_header(&r, "Content-Disposition"), name, sizeof name);
        assert_plain_name(name);
        assert_non_null(strstr(name, "名"));
        response_free(&r);
        server_stop(&s);
}

/* ---- 3: the login throttle under simultaneous guesses ------------------------------- */

enum { GUESSES = 40 };

struct guess {
        struct client c;
        pthread_barrier_t *start;
        int status;
};

static void *guess(void *arg)
{
        struct guess *g = arg;
        pthread_barrier_wait(g->start);
        struct response r =
            http(&g->c, "POST", "/api/login", "application/json",
                 "{\"phone\":\"" REVIEWER "\",\"password\":\"wrong-guess-1A\"}", true);
        g->status = r.status;
        response_free(&r);
        return NULL;
}

static void test_simultaneous_guesses_meet_the_limit(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "race");
        struct server s;
        server_start(&s, db);
        static struct guess g[GUESSES];
        pthread_t t[GUESSES];
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, GUESSES);
        for (int i = 0; i < GUESSES; i++) {
                client_init(&g[i].c, &s);
                /* from addresses of their own: the per-address limits stay out of the way */
                snprintf(g[i].c.source, sizeof g[i].c.source, "127.0.1.%d", (i + 1) % 100);
                struct response r = http(&g[i].c, "GET", "/api/session", NULL, NULL, false);
                const char *p = strstr(r.body.data, "\"csrf\":\"");
                assert_non_null(p);
                snprintf(g[i].c.csrf, sizeof g[i].c.csrf, "%.43s", p + 8);
                response_free(&r);
                g[i].start = &start;
        }
        for (int i = 0; i < GUESSES; i++)
                pthread_create(&t[i], NULL, guess, &g[i]);
        int checked = 0, refused = 0;
        for (int i = 0; i < GUESSES; i++) {
                pthread_join(t[i], NULL);
                checked += g[i].status == 401;
                refused += g[i].status == 429;
        }
        pthread_barrier_destroy(&start);
        fprintf(stderr, "%d guesses checked, %d refused by the throttle\n", checked, refused);
        assert_int_equal(checked + refused, GUESSES);
        assert_true(checked <= 5); /* the limit: 5 failures per account */
        assert_true(checked >= 1);
        /* the account is locked now: the right password is refused too */
        struct client c;
        client_init(&c, &s);
        assert_int_equal(client_login(&c, REVIEWER, demo_password(REVIEWER)), 429);
        /* and the audit log counts exactly the guesses that were checked */
        struct db *d = test_db_open(db);
        struct db_stmt *st = db_prepare(
            d, "SELECT count(*) FROM audit WHERE action = 'login.failed' AND target = ?1");
        db_bind_text(st, 1, REVIEWER);
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_col_int(st, 0), checked);
        db_reset(st);
        db_close(d);
        /* signing in successfully does not use up the address's allowance */
        for (int i = 0; i < 25; i++) {
                client_init(&c, &s);
                assert_int_equal(client_login(&c, PREPARER, demo_password(PREPARER)), 200);
        }
        server_stop(&s);
}

/* ---- 4: where the CSRF token may come from ------------------------------------------- */

static void test_csrf_token_is_not_taken_from_the_query_string(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "csrfquery");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        client_login_fresh(&c, ADMIN, NEW_PASSWORD);
        struct db *d = test_db_open(db);
        struct db_stmt *st = db_prepare(d, "SELECT id FROM users WHERE phone = ?1");
        db_bind_text(st, 1, PREPARER);
        assert_int_equal(db_step(st), DB_ROW);
        long long id = (long long)db_col_int(st, 0);
        db_reset(st);
        db_close(d);
        char path[256];
        /* the token in the URL only: refused, nothing reset */
        snprintf(path, sizeof path, "/api/users/%lld/reset?csrf=%s", id, c.csrf);
        struct response r = http(&c, "POST", path, "application/json", "{}", false);
        assert_int_equal(r.status, 403);
        assert_non_null(strstr(r.body.data, "CSRF"));
        response_free(&r);
        assert_int_equal(
            client_login(&(struct client){.srv = &s}, PREPARER, demo_password(PREPARER)),
            200); /* the one-time password still works */
        snprintf(path, sizeof path, "/logout?csrf=%s", c.csrf);
        r = http(&c, "POST", path, "application/x-www-form-urlencoded", "x=1", false);
        assert_int_equal(r.status, 403);
        response_free(&r);
        /* the header, and the form body, still do */
        snprintf(path, sizeof path, "/api/users/%lld/reset", id);
        r = http(&c, "POST", path, "application/json", "{}", true);
        assert_int_equal(r.status, 200);
        response_free(&r);
        char form[128];
        snprintf(form, sizeof form, "csrf=%s", c.csrf);
        r = http(&c, "POST", "/logout", "application/x-www-form-urlencoded", form, false);
        assert_int_equal(r.status, 303);
        response_free(&r);
        server_stop(&s);
}

/* ---- 7: slow request heads and connections per address ------------------------------ */

static int connect_port(int port)
{
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
        assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
        return fd;
}

static double seconds_since(const struct timespec *t0)
{
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* True when the server closed fd (end of file or reset) within ms. */
static bool closed_within(int fd, int ms)
{
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, ms) <= 0)
                return false;
        char c[256];
        ssize_t n = recv(fd, c, sizeof c, MSG_DONTWAIT);
        return n <= 0;
}

static void test_slow_heads_and_many_connections_are_cut_off(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "slow");
        struct server s;
        server_start(&s, db);
        /* a header line every second: never idle, never done */
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int slow = connect_port(s.port);
        const char *line = "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        assert_true(send(slow, line, strlen(line), MSG_NOSIGNAL) > 0);
        bool cut = false;
        for (int i = 0; i < 25 && !cut; i++) {
                cut = closed_within(slow, 1000);
                char header[32];
                int n = snprintf(header, sizeof header, "X-Slow-%d: y\r\n", i);
                if (!cut && send(slow, header, (size_t)n, MSG_NOSIGNAL) < 0)
                        cut = true;
        }
        double held = seconds_since(&t0);
        fprintf(stderr, "a slow request head was held for %.1f s\n", held);
        close(slow);
        assert_true(cut);
        assert_true(held < 15); /* the deadline for a whole request head is 10 s */
        /* the server served others meanwhile and still does */
        struct client c;
        client_init(&c, &s);
        struct response r = http(&c, "GET", "/login", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        response_free(&r);
        /* one address holds at most 16 connections: of 20 opened at once, the
         * ones beyond are closed at once (earlier ones may still count a
         * moment, so at least 4 and none of the first 16 need be the ones) */
        usleep(500 * 1000);
        int fds[20], open_ones = 0;
        for (int i = 0; i < 20; i++)
                fds[i] = connect_port(s.port);
        usleep(500 * 1000);
        for (int i = 0; i < 20; i++) {
                open_ones += !closed_within(fds[i], 0);
                close(fds[i]);
        }
        fprintf(stderr, "of 20 connections from one address, %d were kept\n", open_ones);
        assert_true(open_ones <= 16);
        assert_true(open_ones >= 12);
        usleep(500 * 1000);
        r = http(&c, "GET", "/login", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        response_free(&r);
        server_stop(&s);
}

/* ---- 10: numbers with thousands separators, over HTTP ---------------------------------- */

static void test_malformed_thousands_are_refused_over_http(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "numbers");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        client_login_fresh(&c, PREPARER, NEW_PASSWORD);
        struct db *d = test_db_open(db);
        long long task = (long long)task_id_of(d, "104002", 2024);
        db_close(d);
        char path[64], body[256];
        snprintf(path, sizeof path, "/api/tasks/%lld/save", task);
        const char *bad[] = {"1,2,3", "1,,000"};
        for (size_t i = 0; i < 2; i++) {
                snprintf(body, sizeof body,
                         "{\"version\":\"1\",\"$.self_eval.budget.adjusted\":\"%s\"}", bad[i]);
                struct response r = http(&c, "POST", path, "application/json", body, true);
                assert_int_equal(r.status, 400);
                assert_non_null(strstr(r.body.data, "千位分隔符位置不对"));
                response_free(&r);
        }
        /* the form of the edit page, likewise */
        snprintf(path, sizeof path, "/tasks/%lld/self", task);
        snprintf(body, sizeof body, "csrf=%s&version=1&%%24.self_eval.budget.adjusted=1%%2C2%%2C3",
                 c.csrf);
        struct response r =
            http(&c, "POST", path, "application/x-www-form-urlencoded", body, false);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "千位分隔符位置不对"));
        response_free(&r);
        snprintf(path, sizeof path, "/api/tasks/%lld/save", task);
        snprintf(body, sizeof body,
                 "{\"version\":\"1\",\"$.self_eval.budget.adjusted\":\"1,234,567.89\"}");
        r = http(&c, "POST", path, "application/json", body, true);
        assert_int_equal(r.status, 200);
        response_free(&r);
        r = http_getf(&c, "/api/tasks/%lld/document", task);
        assert_non_null(strstr(r.body.data, "\"adjusted\": \"1234567.89\""));
        response_free(&r);
        server_stop(&s);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_next_after_sign_in_stays_on_the_site),
            cmocka_unit_test(test_download_names_are_clean),
            cmocka_unit_test(test_simultaneous_guesses_meet_the_limit),
            cmocka_unit_test(test_csrf_token_is_not_taken_from_the_query_string),
            cmocka_unit_test(test_slow_heads_and_many_connections_are_cut_off),
            cmocka_unit_test(test_malformed_thousands_are_refused_over_http),
        };
        return cmocka_run_group_tests(tests, setup, NULL);
}
