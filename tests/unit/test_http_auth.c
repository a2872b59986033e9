/* The server over HTTP: signing in and out, one-time passwords, the
 * password policy, throttling, CSRF, security headers, request limits and
 * malformed requests, the audit log, schema migration, backup under
 * writes and shutdown on SIGTERM. Each test runs a real server on a free
 * loopback port over a copy of one demo database. */
#include "../support/http.h"

#include "../../src/store/db.h"
#include "../../src/store/migrate.h"
#include "../../src/store/store.h"

#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static char template_db[256];

#define ADMIN        "18800000001"
#define FINANCE      "18800000002"
#define PREPARER     "15104002001"
#define REVIEWER     "15104002002"
#define NEW_PASSWORD "Jixiao-Test-2026!"

/* A fresh copy of the demo database, named after the test. */
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

static bool has(const struct response *r, const char *text)
{
        return strstr(r->body.data, text) != NULL;
}

static void test_login_logout_and_session_cookie(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "login");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        assert_int_equal(client_login(&c, ADMIN, demo_password(ADMIN)), 200);
        /* the cookie: HttpOnly, SameSite, a 256-bit token */
        struct response r = http(&c, "GET", "/api/me", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "\"phone\":\"" ADMIN "\""));
        assert_true(has(&r, "\"must_change_password\":true"));
        response_free(&r);
        struct client probe;
        client_init(&probe, &s);
        r = http(&probe, "GET", "/api/session", NULL, NULL, false);
        response_free(&r);
        char body[128];
        snprintf(body, sizeof body, "{\"phone\":\"%s\",\"password\":\"%s\"}", ADMIN,
                 demo_password(ADMIN));
        strcpy(probe.csrf, probe.jar[0].value);
        r = http(&probe, "POST", "/api/login", "application/json", body, true);
        const char *cookie = response_header(&r, "Set-Cookie");
        assert_non_null(cookie);
        assert_non_null(strstr(cookie, "jx_session="));
        assert_non_null(strstr(cookie, "HttpOnly"));
        assert_non_null(strstr(cookie, "SameSite=Strict"));
        assert_int_equal(strcspn(strstr(cookie, "=") + 1, ";"),
                         43); /* 32 random bytes, base64url */
        response_free(&r);
        /* logout ends the session */
        r = http(&c, "POST", "/api/logout", "application/json", "{}", true);
        assert_int_equal(r.status, 200);
        response_free(&r);
        r = http(&c, "GET", "/api/me", NULL, NULL, false);
        assert_int_equal(r.status, 401);
        assert_true(has(&r, "未登录或登录已过期"));
        response_free(&r);
        server_stop(&s);
}

static void test_one_time_password_must_be_changed(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "otp");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        assert_int_equal(client_login(&c, PREPARER, demo_password(PREPARER)), 200);
        struct response r = http(&c, "GET", "/api/tasks", NULL, NULL, false);
        assert_int_equal(r.status, 403);
        assert_true(has(&r, "请先修改一次性密码"));
        response_free(&r);
        r = http(&c, "GET", "/", NULL, NULL, false);
        assert_int_equal(r.status, 303);
        assert_string_equal(response_header(&r, "Location"), "/password");
        response_free(&r);
        /* the policy, rule by rule */
        const char *weak[][2] = {
            {"Ab1!short", "密码至少需要 10 个字符"},
            {"alllowercase1", "密码须包含大写字母、小写字母、数字、符号中的至少三类"},
            {"Xx-" PREPARER, "密码不能包含手机号"},
            {"Aa123456@", "密码至少需要 10 个字符"},
            {"Admin@123456", "该密码过于常见或有规律"},
            {"Aa1111111@", "如系统默认密码 Aa111111@ 及其变体"},
        };
        for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
                char body[256];
                snprintf(body, sizeof body, "{\"old\":\"%s\",\"new\":\"%s\",\"confirm\":\"%s\"}",
                         demo_password(PREPARER), weak[i][0], weak[i][0]);
                r = http(&c, "POST", "/api/password", "application/json", body, true);
                assert_int_equal(r.status, 400);
                if (!has(&r, weak[i][1]))
                        fprintf(stderr, "%s: %s\n", weak[i][0], r.body.data);
                assert_true(has(&r, weak[i][1]));
                assert_true(has(&r, "\"field\":\"new\""));
                response_free(&r);
        }
        char body[256];
        snprintf(body, sizeof body, "{\"old\":\"%s\",\"new\":\"%s\",\"confirm\":\"%s\"}",
                 demo_password(PREPARER), demo_password(PREPARER), demo_password(PREPARER));
        r = http(&c, "POST", "/api/password", "application/json", body, true);
        assert_true(has(&r, "新密码不能与原密码（或一次性密码）相同"));
        response_free(&r);
        snprintf(body, sizeof body, "{\"old\":\"wrong-one\",\"new\":\"%s\",\"confirm\":\"%s\"}",
                 NEW_PASSWORD, NEW_PASSWORD);
        r = http(&c, "POST", "/api/password", "application/json", body, true);
        assert_true(has(&r, "原密码不正确"));
        response_free(&r);
        snprintf(body, sizeof body, "{\"old\":\"%s\",\"new\":\"%s\",\"confirm\":\"x\"}",
                 demo_password(PREPARER), NEW_PASSWORD);
        r = http(&c, "POST", "/api/password", "application/json", body, true);
        assert_true(has(&r, "两次输入的新密码不一致"));
        response_free(&r);
        /* a good one: the account is usable, the one-time password is dead */
        client_login_fresh(&c, PREPARER, NEW_PASSWORD);
        r = http(&c, "GET", "/api/tasks", NULL, NULL, false);
        assert_int_not_equal(r.status, 403);
        response_free(&r);
        struct client other;
        client_init(&other, &s);
        assert_int_equal(client_login(&other, PREPARER, demo_password(PREPARER)), 401);
        assert_int_equal(client_login(&other, PREPARER, NEW_PASSWORD), 200);
        server_stop(&s);
}

static void test_unknown_phone_and_wrong_password_look_the_same(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "same");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        assert_int_equal(client_login(&c, "13999999998", "whatever-1A"),
                         401); /* fetches the CSRF token */
        struct response a = http(&c, "POST", "/api/login", "application/json",
                                 "{\"phone\":\"" ADMIN "\",\"password\":\"nope-nope-1\"}", true);
        assert_int_equal(client_login(&c, "13999999999", "whatever-1A"), 401);
        struct response b = http(&c, "POST", "/api/login", "application/json",
                                 "{\"phone\":\"13999999999\",\"password\":\"nope-nope-1\"}", true);
        assert_string_equal(a.body.data, b.body.data);
        assert_string_equal(b.body.data,
                            "{\"error\":\"手机号或密码不正确\",\"field\":\"password\"}");
        response_free(&a);
        response_free(&b);
        server_stop(&s);
}

static void test_throttling_per_account_and_per_address(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "throttle");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        for (int i = 0; i < 5; i++)
                assert_int_equal(client_login(&c, REVIEWER, "wrong-password-1"), 401);
        /* locked: even the right password is refused now */
        struct response session = http(&c, "GET", "/api/session", NULL, NULL, false);
        response_free(&session);
        char body[128];
        snprintf(body, sizeof body, "{\"phone\":\"%s\",\"password\":\"%s\"}", REVIEWER,
                 demo_password(REVIEWER));
        struct response r = http(&c, "POST", "/api/login", "application/json", body, true);
        assert_int_equal(r.status, 429);
        assert_true(has(&r, "登录失败次数过多，请 15 分钟后再试"));
        response_free(&r);
        /* another account from the same address still signs in */
        assert_int_equal(client_login(&c, FINANCE, demo_password(FINANCE)), 200);
        /* 20 failures from one address lock the address for every account */
        for (int i = 0; i < 15; i++) {
                char phone[32];
                snprintf(phone, sizeof phone, "1390000%04d", i);
                assert_int_equal(client_login(&c, phone, "wrong-password-1"), 401);
        }
        assert_int_equal(client_login(&c, ADMIN, demo_password(ADMIN)), 429);
        server_stop(&s);
}

static void test_csrf_is_required_for_every_change(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "csrf");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        client_login_fresh(&c, ADMIN, NEW_PASSWORD);
        struct response r = http(&c, "POST", "/api/logout", "application/json", "{}", false);
        assert_int_equal(r.status, 403);
        assert_true(has(&r, "CSRF"));
        response_free(&r);
        char saved[64];
        strcpy(saved, c.csrf);
        strcpy(c.csrf, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        r = http(&c, "POST", "/api/logout", "application/json", "{}", true);
        assert_int_equal(r.status, 403);
        response_free(&r);
        /* the form: a hidden field, checked against the session */
        r = http(&c, "POST", "/logout", "application/x-www-form-urlencoded", "csrf=wrong", false);
        assert_int_equal(r.status, 403);
        response_free(&r);
        char form[256];
        snprintf(form, sizeof form, "csrf=%s", saved);
        r = http(&c, "POST", "/logout", "application/x-www-form-urlencoded", form, false);
        assert_int_equal(r.status, 303);
        response_free(&r);
        /* the login form needs its double-submit cookie */
        struct client anon;
        client_init(&anon, &s);
        r = http(&anon, "POST", "/login", "application/x-www-form-urlencoded",
                 "phone=" ADMIN "&password=x", false);
        assert_int_equal(r.status, 403);
        response_free(&r);
        r = http(&anon, "GET", "/login", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "name=\"csrf\""));
        response_free(&r);
        snprintf(form, sizeof form, "csrf=%s&phone=%s&password=%s", anon.jar[0].value, ADMIN,
                 NEW_PASSWORD);
        r = http(&anon, "POST", "/login", "application/x-www-form-urlencoded", form, false);
        assert_int_equal(r.status, 303);
        response_free(&r);
        server_stop(&s);
}

static void test_security_headers_and_redirects(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "headers");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        struct response r = http(&c, "GET", "/login", NULL, NULL, false);
        const char *csp = response_header(&r, "Content-Security-Policy");
        assert_non_null(csp);
        assert_non_null(strstr(csp, "script-src 'self'"));
        assert_null(strstr(csp, "unsafe-inline"));
        assert_non_null(strstr(csp, "frame-ancestors 'none'"));
        assert_string_equal(response_header(&r, "X-Frame-Options"), "DENY");
        assert_string_equal(response_header(&r, "X-Content-Type-Options"), "nosniff");
        assert_string_equal(response_header(&r, "Referrer-Policy"), "same-origin");
        assert_string_equal(response_header(&r, "Cache-Control"), "no-store");
        assert_true(has(&r, "<html lang=\"zh-CN\">"));
        response_free(&r);
        r = http(&c, "GET", "/tasks", NULL, NULL, false);
        assert_int_equal(r.status, 303);
        assert_string_equal(response_header(&r, "Location"), "/login?next=/tasks");
        response_free(&r);
        r = http(&c, "GET", "/api/units", NULL, NULL, false);
        assert_int_equal(r.status, 401);
        response_free(&r);
        r = http(&c, "GET", "/static/app.css", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_string_equal(response_header(&r, "Content-Type"), "text/css; charset=utf-8");
        response_free(&r);
        server_stop(&s);
}

/* The server is still serving: the login page answers. */
static void still_serving(const struct server *s)
{
        struct client c;
        client_init(&c, s);
        struct response r = http(&c, "GET", "/login", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        response_free(&r);
}

static void test_oversized_and_malformed_requests(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "limits");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        client_login_fresh(&c, ADMIN, NEW_PASSWORD);
        /* a body above 1 MiB */
        size_t big = (1 << 20) + 10;
        char *body = malloc(big + 1);
        memset(body, 'a', big);
        body[big] = '\0';
        struct response r = http(&c, "POST", "/api/units", "application/json", body, true);
        assert_int_equal(r.status, 413);
        assert_true(has(&r, "提交的内容过大"));
        response_free(&r);
        free(body);
        still_serving(&s);
        /* headers above the connection's memory limit */
        struct buf raw = BUF_INIT;
        buf_puts(&raw, "GET /login HTTP/1.1\r\nHost: x\r\nX-Big: ");
        buf_repeat(&raw, "b", 100000);
        buf_puts(&raw, "\r\n\r\n");
        r = http_raw(&s, raw.data, raw.len);
        assert_true(r.status >= 400 && r.status < 500);
        response_free(&r);
        buf_free(&raw);
        still_serving(&s);
        /* not HTTP at all */
        r = http_raw(&s, "HELLO\r\n\r\n", 9);
        assert_true(r.status == 400 || r.status == 0);
        response_free(&r);
        still_serving(&s);
        /* malformed bodies and parameters */
        r = http(&c, "POST", "/api/units", "application/json", "{\"code\": ", true);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, "请求内容不是有效的 JSON"));
        response_free(&r);
        r = http(&c, "POST", "/api/units", "application/json", "[1,2]", true);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, "应为 JSON 对象"));
        response_free(&r);
        r = http(&c, "POST", "/logout", "application/x-www-form-urlencoded", "csrf=%zz", false);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, "表单内容编码有误"));
        response_free(&r);
        r = http(&c, "POST", "/logout", "application/x-www-form-urlencoded", "csrf=%ff%fe", false);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, "无效字符"));
        response_free(&r);
        r = http(&c, "GET", "/no/such/page", NULL, NULL, false);
        assert_int_equal(r.status, 404);
        assert_true(has(&r, "页面不存在"));
        response_free(&r);
        r = http(&c, "DELETE", "/api/units", NULL, NULL, false);
        assert_int_equal(r.status, 405);
        response_free(&r);
        still_serving(&s);
        server_stop(&s);
}

static void test_audit_log_is_written_and_append_only(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "audit");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        assert_int_equal(client_login(&c, ADMIN, "bad-password-1"), 401);
        client_login_fresh(&c, ADMIN, NEW_PASSWORD);
        server_stop(&s);
        struct diags errs = DIAGS_INIT;
        struct db *d = db_open(db, false, &errs);
        struct arena *a = arena_new();
        struct audit_entry *e;
        size_t n;
        assert_int_equal(store_audit_list(d, a, 0, 20, &e, &n), STORE_OK);
        bool failed = false, login = false, changed = false;
        for (size_t i = 0; i < n; i++) {
                failed |=
                    strcmp(e[i].action, "login.failed") == 0 && strcmp(e[i].ip, "127.0.0.1") == 0;
                login |= strcmp(e[i].action, "login") == 0;
                changed |= strcmp(e[i].action, "password.change") == 0;
        }
        assert_true(failed && login && changed);
        assert_int_not_equal(db_exec(d, "UPDATE audit SET action = 'x'"), DB_OK);
        assert_int_not_equal(db_exec(d, "DELETE FROM audit"), DB_OK);
        arena_free(a);
        db_close(d);
        diags_free(&errs);
        /* one access-log line per request */
        char *log = read_file(s.log, NULL);
        size_t lines = 0;
        for (char *p = log; (p = strchr(p, '\n')); p++)
                lines++;
        assert_true(lines >= 5);
        assert_non_null(strstr(log, "POST /api/login 401"));
        free(log);
}

static void test_an_older_schema_is_migrated_and_a_newer_refused(void **state)
{
        (void)state;
        char path[512];
        snprintf(path, sizeof path, "%s.v1.db", template_db);
        unlink(path);
        struct diags errs = DIAGS_INIT;
        struct db *d = db_open(path, true, &errs);
        assert_true(migrate_to(d, 1, &errs));
        assert_int_equal(store_unit_insert(d, "201001", "旧库单位", 1, NULL), STORE_OK);
        db_close(d);
        struct run r = run_jixiao(NULL, "init", "--db", path, NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out.data, "从结构版本 1 升级到"));
        run_free(&r);
        d = db_open(path, false, &errs);
        assert_int_equal(migrate_version(d), migrate_latest());
        struct arena *a = arena_new();
        struct unit u;
        assert_int_equal(store_unit_by_code(d, a, "201001", &u), STORE_OK);
        assert_string_equal(u.name, "旧库单位");
        /* a database from a newer jixiao: refused, untouched */
        assert_int_equal(db_exec(d, "UPDATE meta SET value = '99' WHERE key = 'schema_version'"),
                         DB_OK);
        db_close(d);
        size_t before_len;
        char *before = read_file(path, &before_len);
        r = run_jixiao(NULL, "serve", "--db", path, "--listen", "127.0.0.1:0", NULL);
        assert_int_equal(r.status, 1);
        assert_non_null(strstr(r.err.data, "高于本程序支持的版本"));
        assert_non_null(strstr(r.err.data, "数据库未作任何改动"));
        run_free(&r);
        size_t after_len;
        char *after = read_file(path, &after_len);
        assert_int_equal(before_len, after_len);
        assert_memory_equal(before, after, before_len);
        free(before);
        free(after);
        arena_free(a);
        diags_free(&errs);
}

struct writer {
        const char *db;
        volatile bool stop;
        int written;
};

static void *write_units(void *p)
{
        struct writer *w = p;
        struct diags errs = DIAGS_INIT;
        struct db *d = db_open(w->db, false, &errs);
        for (int i = 0; !w->stop && i < 100000; i++) {
                char code[16];
                snprintf(code, sizeof code, "9%02d%03d", i / 1000 % 100, i % 1000 + 1);
                db_begin(d, DB_HERE);
                if (store_unit_insert(d, code, "写入中的单位", 1, NULL) == STORE_OK &&
                    db_commit(d) == DB_OK)
                        w->written++;
                else
                        db_rollback(d);
        }
        db_close(d);
        diags_free(&errs);
        return NULL;
}

static void test_backup_of_a_database_under_writes(void **state)
{
        (void)state;
        char db[512], copy[600];
        fresh_db(db, "backup");
        snprintf(copy, sizeof copy, "%s.copy", db);
        unlink(copy);
        struct server s;
        server_start(&s, db); /* the server holds the database open too */
        struct writer w = {.db = db};
        pthread_t t;
        pthread_create(&t, NULL, write_units, &w);
        while (w.written < 20)
                usleep(1000);
        struct run r = run_jixiao(NULL, "backup", "--db", db, "--to", copy, NULL);
        int during = w.written;
        w.stop = true;
        pthread_join(t, NULL);
        assert_int_equal(r.status, 0);
        run_free(&r);
        server_stop(&s);
        /* the copy is a consistent database holding a prefix of the writes */
        struct diags errs = DIAGS_INIT;
        struct db *d = db_open(copy, false, &errs);
        assert_non_null(d);
        struct db_stmt *st = db_prepare(d, "PRAGMA integrity_check");
        assert_int_equal(db_step(st), DB_ROW);
        assert_string_equal(db_col_text(st, 0), "ok");
        db_reset(st);
        st = db_prepare(d, "SELECT count(*) FROM units WHERE code LIKE '9%'");
        assert_int_equal(db_step(st), DB_ROW);
        int64_t copied = db_col_int(st, 0);
        db_reset(st);
        assert_true(copied >= 20 && copied <= during + 1);
        db_close(d);
        diags_free(&errs);
        /* refusing to overwrite */
        r = run_jixiao(NULL, "backup", "--db", db, "--to", copy, NULL);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err.data, "已存在"));
        run_free(&r);
}

static void test_sigterm_keeps_committed_writes(void **state)
{
        (void)state;
        char db[512];
        fresh_db(db, "sigterm");
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        client_login_fresh(&c, ADMIN, NEW_PASSWORD); /* a committed write: the new password */
        server_stop(&s);                             /* asserts a clean exit */
        server_start(&s, db);
        client_init(&c, &s);
        assert_int_equal(client_login(&c, ADMIN, NEW_PASSWORD), 200);
        server_stop(&s);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_login_logout_and_session_cookie),
            cmocka_unit_test(test_one_time_password_must_be_changed),
            cmocka_unit_test(test_unknown_phone_and_wrong_password_look_the_same),
            cmocka_unit_test(test_throttling_per_account_and_per_address),
            cmocka_unit_test(test_csrf_is_required_for_every_change),
            cmocka_unit_test(test_security_headers_and_redirects),
            cmocka_unit_test(test_oversized_and_malformed_requests),
            cmocka_unit_test(test_audit_log_is_written_and_append_only),
            cmocka_unit_test(test_an_older_schema_is_migrated_and_a_newer_refused),
            cmocka_unit_test(test_backup_of_a_database_under_writes),
            cmocka_unit_test(test_sigterm_keeps_committed_writes),
        };
        return cmocka_run_group_tests(tests, setup, NULL);
}
