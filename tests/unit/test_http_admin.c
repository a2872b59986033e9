/* The administration of issue 4 over HTTP, as the administrator: units
 * (the six-digit code rule and the supervising/subordinate relation,
 * names, optimistic versions, disabling), accounts (posts and their units,
 * one-time passwords, disabling, resets), fiscal years, importing declared
 * goals and issuing the year's tasks, and the audit entry of every action —
 * through the JSON API and the HTML forms. Every refusal is checked for its
 * status, field and exact Chinese message, and for leaving everything
 * stored unchanged. Each test runs a real server on its own copy of one
 * demo database in which the administrator and one preparer have already
 * replaced their one-time passwords. */
#include "../support/http.h"

#include "../../src/store/db.h"

#include <jansson.h>
#include <unistd.h>

#define ADMIN        "18800000001"
#define ADMIN_ACTOR  "18800000001 系统管理员"
#define PREPARER     "15104002001" /* 经办岗 of 104002 */
#define PASSWORD     "Jixiao-Admin-2026!"
#define NEW_PASSWORD "Jixiao-Fresh-2026!"

/* The messages of the rules, as the server words them. */
#define CODE_RULE     "前三位为部门，后三位为单位（001 为主管部门）"
#define VERSION_STALE "请刷新页面查看最新内容后再修改"
#define USER_STALE    "该账号已被他人修改，" VERSION_STALE
#define PHONE_RULE    "手机号应为 11 位数字，以 1 开头"
#define POST_RULE                                                                                  \
        "请选择岗位：经办岗（preparer）、审核岗（reviewer）、财政绩效经办（finance）或系统管理员（admin）"
#define UNIT_POST_NEEDS  "经办岗和审核岗须选择所属单位"
#define BUREAU_HAS_NONE  "财政绩效经办和系统管理员不属于预算单位，请不要选择单位"
#define YEAR_RULE        "年度应为 2000 到 2100 之间的四位数字"
#define NO_YEAR          "该年度不存在，请先设置年度"
#define ONE_TIME_PENDING "请先修改一次性密码后再使用系统"
#define BAD_LOGIN        "手机号或密码不正确"

static char template_db[256];
static char db_path[512];
static struct server srv;
static struct client admin;

/* ---- the server of each test ------------------------------------------------------ */

static int prepare_template(void **state)
{
        (void)state;
        demo_db(template_db);
        server_start(&srv, template_db);
        struct client c;
        client_init(&c, &srv);
        client_login_fresh(&c, ADMIN, PASSWORD);
        client_init(&c, &srv);
        client_login_fresh(&c, PREPARER, PASSWORD);
        server_stop(&srv);
        return 0;
}

/* A fresh copy of the template, its server, and the administrator signed in. */
static int start(void **state)
{
        (void)state;
        static int n;
        snprintf(db_path, sizeof db_path, "%s.admin%d.db", template_db, ++n);
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "cp %s %s && if [ -f %s-wal ]; then cp %s-wal %s-wal; fi",
                 template_db, db_path, template_db, template_db, db_path);
        assert_int_equal(system(cmd), 0);
        server_start(&srv, db_path);
        client_init(&admin, &srv);
        assert_int_equal(client_login(&admin, ADMIN, PASSWORD), 200);
        return 0;
}

static int stop(void **state)
{
        (void)state;
        server_stop(&srv);
        return 0;
}

/* ---- requests ------------------------------------------------------------------------- */

static struct response get(struct client *c, const char *path)
{
        return http(c, "GET", path, NULL, NULL, false);
}

static struct response post_json(struct client *c, const char *path, const char *body)
{
        return http(c, "POST", path, "application/json", body, true);
}

/* POST a JSON body built by json_pack(fmt, …). */
static struct response post_pack(struct client *c, const char *path, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        json_t *o = json_vpack_ex(NULL, 0, fmt, ap);
        va_end(ap);
        assert_non_null(o);
        char *body = json_dumps(o, JSON_COMPACT);
        json_decref(o);
        struct response r = post_json(c, path, body);
        free(body);
        return r;
}

static void url_encode(struct buf *b, const char *s)
{
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
                if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')
                        buf_putc(b, (char)*p);
                else
                        buf_printf(b, "%%%02X", *p);
}

/* POST a urlencoded form as a browser sends it: the session's CSRF token
 * in the csrf field (no header), then the NULL-terminated name, value
 * pairs. */
static struct response post_form(struct client *c, const char *path, ...)
{
        struct buf b = BUF_INIT;
        buf_puts(&b, "csrf=");
        url_encode(&b, c->csrf);
        va_list ap;
        va_start(ap, path);
        const char *name;
        while ((name = va_arg(ap, const char *))) {
                buf_printf(&b, "&%s=", name);
                url_encode(&b, va_arg(ap, const char *));
        }
        va_end(ap);
        struct response r =
            http(c, "POST", path, "application/x-www-form-urlencoded", buf_str(&b), false);
        buf_free(&b);
        return r;
}

static bool has(const struct response *r, const char *text)
{
        return strstr(r->body.data, text) != NULL;
}

/* The body of r as JSON (a new reference); fails the test if it is not. */
static json_t *json_body(const struct response *r)
{
        json_error_t err;
        json_t *j = json_loads(r->body.data, 0, &err);
        if (!j)
                fail_msg("not JSON (%s): %s", err.text, r->body.data);
        return j;
}

static const char *jstr(const json_t *o, const char *key)
{
        return json_string_value(json_object_get(o, key));
}

static json_int_t jint(const json_t *o, const char *key)
{
        const json_t *v = json_object_get(o, key);
        if (!json_is_integer(v))
                fail_msg("\"%s\" is not an integer", key);
        return json_integer_value(v);
}

static bool jtrue(const json_t *o, const char *key)
{
        return json_is_true(json_object_get(o, key));
}

/* Assert r answers status with {"error": message, "field": field} (field
 * NULL: no field). */
static void assert_error(const struct response *r, int status, const char *field,
                         const char *message)
{
        if (r->status != status)
                fail_msg("status %d, expected %d: %s", r->status, status, r->body.data);
        json_t *j = json_body(r);
        if (!jstr(j, "error") || strcmp(jstr(j, "error"), message) != 0)
                fail_msg("error %s, expected \"%s\"", r->body.data, message);
        if (field)
                assert_string_equal(jstr(j, "field"), field);
        else
                assert_null(json_object_get(j, "field"));
        json_decref(j);
}

/* The member key of the object in the array answered by GET path whose
 * member match_key equals match (a new reference), or NULL. */
static json_t *find_in(const char *path, const char *array, const char *match_key,
                       const char *match)
{
        struct response r = get(&admin, path);
        assert_int_equal(r.status, 200);
        json_t *j = json_body(&r);
        response_free(&r);
        json_t *found = NULL, *item;
        size_t i;
        json_array_foreach(json_object_get(j, array), i, item)
        {
                const json_t *v = json_object_get(item, match_key);
                char num[32];
                const char *text = json_string_value(v);
                if (json_is_integer(v)) {
                        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
                        text = num;
                }
                if (text && strcmp(text, match) == 0 && !found)
                        found = json_incref(item);
        }
        json_decref(j);
        return found;
}

static json_t *unit_get(const char *code)
{
        return find_in("/api/units", "units", "code", code);
}

static json_t *user_get(const char *phone)
{
        return find_in("/api/users", "users", "phone", phone);
}

static json_int_t unit_version(const char *code)
{
        json_t *u = unit_get(code);
        assert_non_null(u);
        json_int_t v = jint(u, "version");
        json_decref(u);
        return v;
}

/* ---- the stored data ------------------------------------------------------------------ */

/* Rows of a query as text, appended to out (a read-only look beside the
 * running server). */
static void dump_query(struct buf *out, const char *sql, int columns)
{
        struct db *d = test_db_open(db_path);
        struct db_stmt *st = db_prepare(d, sql);
        while (db_step(st) == DB_ROW) {
                for (int c = 0; c < columns; c++)
                        buf_printf(out, "%s|", db_col_null(st, c) ? "NULL" : db_col_text(st, c));
                buf_putc(out, '\n');
        }
        db_reset(st);
        db_close(d);
}

/* Everything an administrative action can change, as text: units,
 * accounts (with password hashes and sessions), years, tasks with their
 * documents, declared goals and the audit log. malloc'd. */
static char *snapshot(void)
{
        struct buf b = BUF_INIT;
        const char *const api[] = {"/api/units", "/api/users", "/api/years", "/api/tasks"};
        for (size_t i = 0; i < 4; i++) {
                struct response r = get(&admin, api[i]);
                assert_int_equal(r.status, 200);
                buf_printf(&b, "%s\n%s\n", api[i], r.body.data);
                response_free(&r);
        }
        dump_query(&b, "SELECT id, password_hash, must_change FROM users ORDER BY id", 3);
        dump_query(&b, "SELECT user_id, count(*) FROM sessions GROUP BY user_id ORDER BY user_id",
                   2);
        dump_query(&b, "SELECT id, document FROM tasks ORDER BY id", 2);
        dump_query(&b, "SELECT unit_id, year, document FROM declarations ORDER BY unit_id, year",
                   3);
        dump_query(&b, "SELECT count(*), max(id) FROM audit", 2);
        return buf_detach(&b);
}

static void assert_unchanged(const char *before)
{
        char *after = snapshot();
        if (strcmp(before, after) != 0) {
                fprintf(stderr, "stored data changed:\n--- before\n%s\n--- after\n%s\n", before,
                        after);
                fail();
        }
        free(after);
}

/* POST body (JSON) to path; assert it is refused with status, field and
 * message, and that nothing stored changed. */
static void refused(const char *path, const char *body, int status, const char *field,
                    const char *message)
{
        char *before = snapshot();
        struct response r = post_json(&admin, path, body);
        assert_error(&r, status, field, message);
        response_free(&r);
        assert_unchanged(before);
        free(before);
}

/* The newest n audit entries, newest first (a new reference). */
static json_t *audit_newest(size_t n)
{
        char path[64];
        snprintf(path, sizeof path, "/api/audit?limit=%zu", n);
        struct response r = get(&admin, path);
        assert_int_equal(r.status, 200);
        json_t *j = json_body(&r);
        response_free(&r);
        json_t *entries = json_incref(json_object_get(j, "entries"));
        json_decref(j);
        assert_int_equal(json_array_size(entries), n);
        return entries;
}

static json_int_t audit_last_id(void)
{
        json_t *e = audit_newest(1);
        json_int_t id = jint(json_array_get(e, 0), "id");
        json_decref(e);
        return id;
}

/* Assert the audit entry e records the administrator doing action on
 * target from the loopback address, with detail when detail is not NULL. */
static void assert_audit(const json_t *e, const char *action, const char *target,
                         const char *detail)
{
        if (strcmp(jstr(e, "action"), action) != 0 || strcmp(jstr(e, "target"), target) != 0)
                fail_msg("audit entry %s %s, expected %s %s", jstr(e, "action"), jstr(e, "target"),
                         action, target);
        assert_string_equal(jstr(e, "actor"), ADMIN_ACTOR);
        assert_string_equal(jstr(e, "ip"), "127.0.0.1");
        assert_true(jint(e, "at") > 1700000000);
        if (detail)
                assert_string_equal(jstr(e, "detail"), detail);
}

/* A string of n copies of s. malloc'd. */
static char *repeat(const char *s, size_t n)
{
        struct buf b = BUF_INIT;
        buf_repeat(&b, s, n);
        return buf_detach(&b);
}

/* ---- units ---------------------------------------------------------------------------- */

static void test_unit_create_supervising_then_subordinate(void **state)
{
        (void)state;
        struct response r =
            post_json(&admin, "/api/units", "{\"code\":\"105001\",\"name\":\"某县商务局\"}");
        assert_int_equal(r.status, 201);
        json_t *j = json_body(&r);
        json_t *u = json_object_get(j, "unit");
        assert_string_equal(jstr(u, "code"), "105001");
        assert_string_equal(jstr(u, "name"), "某县商务局");
        assert_true(jtrue(u, "supervising"));
        assert_false(jtrue(u, "disabled"));
        assert_int_equal(jint(u, "version"), 1);
        json_decref(j);
        response_free(&r);
        r = post_json(&admin, "/api/units", "{\"code\":\"105002\",\"name\":\"某县电子商务中心\"}");
        assert_int_equal(r.status, 201);
        response_free(&r);
        /* read back */
        u = unit_get("105002");
        assert_non_null(u);
        assert_string_equal(jstr(u, "name"), "某县电子商务中心");
        assert_false(jtrue(u, "supervising"));
        assert_false(jtrue(u, "disabled"));
        json_decref(u);
        u = unit_get("105001");
        assert_true(jtrue(u, "supervising"));
        json_decref(u);
        json_t *e = audit_newest(2);
        assert_audit(json_array_get(e, 0), "unit.create", "105002", "某县电子商务中心");
        assert_audit(json_array_get(e, 1), "unit.create", "105001", "某县商务局");
        json_decref(e);
}

static void test_unit_code_rejected_with_its_reason(void **state)
{
        (void)state;
        static const struct {
                const char *body, *message;
        } bad[] = {
            {"{\"name\":\"无编码单位\"}", "请填写单位编码：6 位数字，" CODE_RULE},
            {"{\"code\":\"   \",\"name\":\"空白编码\"}", "请填写单位编码：6 位数字，" CODE_RULE},
            {"{\"code\":\"10500\",\"name\":\"五位\"}",
             "单位编码应为 6 位数字（现为 5 位），" CODE_RULE},
            {"{\"code\":\"1050011\",\"name\":\"七位\"}",
             "单位编码应为 6 位数字（现为 7 位），" CODE_RULE},
            {"{\"code\":\"10a001\",\"name\":\"含字母\"}",
             "单位编码只能由数字 0–9 组成，应为 6 位数字，" CODE_RULE},
            {"{\"code\":\"105 01\",\"name\":\"含空格\"}",
             "单位编码只能由数字 0–9 组成，应为 6 位数字，" CODE_RULE},
            {"{\"code\":\"１０５００１\",\"name\":\"全角数字\"}",
             "单位编码只能由数字 0–9 组成，应为 6 位数字，" CODE_RULE},
            {"{\"code\":\"105002\",\"name\":\"没有主管部门\"}",
             "单位 105002 是二级机构，其主管部门 105001 尚未建立，请先添加主管部门"},
        };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
                refused("/api/units", bad[i].body, 400, "code", bad[i].message);
        assert_null(unit_get("105002"));
}

static void test_unit_under_a_disabled_supervising_unit_is_refused(void **state)
{
        (void)state;
        /* 103001 supervises 103002: it can be disabled only after 103002 */
        char body[128];
        snprintf(body, sizeof body,
                 "{\"name\":\"乌鲁木齐高新区（新市区）商务局\",\"disabled\":true,"
                 "\"version\":%lld}",
                 (long long)unit_version("103001"));
        refused("/api/units/103001", body, 400, "disabled",
                "主管部门 103001 下仍有启用的二级机构 103002，请先停用其二级机构");
        snprintf(body, sizeof body,
                 "{\"name\":\"高新区（新市区）商务服务中心\",\"disabled\":true,"
                 "\"version\":%lld}",
                 (long long)unit_version("103002"));
        struct response r = post_json(&admin, "/api/units/103002", body);
        assert_int_equal(r.status, 200);
        response_free(&r);
        snprintf(body, sizeof body,
                 "{\"name\":\"乌鲁木齐高新区（新市区）商务局\",\"disabled\":true,"
                 "\"version\":%lld}",
                 (long long)unit_version("103001"));
        r = post_json(&admin, "/api/units/103001", body);
        assert_int_equal(r.status, 200);
        response_free(&r);
        /* now no subordinate can be added or re-enabled under it */
        refused("/api/units", "{\"code\":\"103003\",\"name\":\"新设机构\"}", 400, "code",
                "单位 103003 的主管部门 103001 已停用，请先启用主管部门");
        snprintf(body, sizeof body,
                 "{\"name\":\"高新区（新市区）商务服务中心\",\"disabled\":false,"
                 "\"version\":%lld}",
                 (long long)unit_version("103002"));
        refused("/api/units/103002", body, 400, "disabled",
                "单位 103002 的主管部门 103001 已停用，请先启用主管部门");
}

static void test_unit_duplicate_code_is_409(void **state)
{
        (void)state;
        refused("/api/units", "{\"code\":\"104002\",\"name\":\"重复的单位\"}", 409, "code",
                "单位编码 104002 已存在");
        refused("/api/units", "{\"code\":\"104001\",\"name\":\"重复的主管部门\"}", 409, "code",
                "单位编码 104001 已存在");
        json_t *u = unit_get("104002");
        assert_string_equal(jstr(u, "name"), "绥宁县投资促进事务中心");
        json_decref(u);
}

static void test_unit_name_empty_or_too_long(void **state)
{
        (void)state;
        refused("/api/units", "{\"code\":\"105001\"}", 400, "name", "请填写单位名称");
        refused("/api/units", "{\"code\":\"105001\",\"name\":\" \\t \"}", 400, "name",
                "请填写单位名称");
        char *name = repeat("商", 201);
        struct response r =
            post_pack(&admin, "/api/units", "{s:s, s:s}", "code", "105001", "name", name);
        assert_error(&r, 400, "name", "单位名称过长：最多 200 个字，现有 201 个字");
        response_free(&r);
        assert_null(unit_get("105001"));
        /* 200 characters are allowed, whatever their bytes */
        name[200 * 3] = '\0';
        r = post_pack(&admin, "/api/units", "{s:s, s:s}", "code", "105001", "name", name);
        assert_int_equal(r.status, 201);
        response_free(&r);
        json_t *u = unit_get("105001");
        assert_string_equal(jstr(u, "name"), name);
        json_decref(u);
        free(name);
        /* renaming follows the same rules */
        refused("/api/units/104002", "{\"version\":1}", 400, "name", "请填写单位名称");
}

static void test_unit_rename_with_current_version(void **state)
{
        (void)state;
        json_int_t v = unit_version("104002");
        struct response r = post_pack(&admin, "/api/units/104002", "{s:s, s:I}", "name",
                                      "绥宁县招商促进中心", "version", (json_int_t)v);
        assert_int_equal(r.status, 200);
        json_t *j = json_body(&r);
        assert_string_equal(jstr(json_object_get(j, "unit"), "name"), "绥宁县招商促进中心");
        json_decref(j);
        response_free(&r);
        json_t *u = unit_get("104002");
        assert_string_equal(jstr(u, "name"), "绥宁县招商促进中心");
        assert_int_equal(jint(u, "version"), v + 1);
        assert_false(jtrue(u, "disabled"));
        json_decref(u);
        json_t *e = audit_newest(1);
        assert_audit(json_array_get(e, 0), "unit.update", "104002",
                     "名称：绥宁县投资促进事务中心 → 绥宁县招商促进中心");
        json_decref(e);
}

static void test_unit_rename_with_stale_version_is_409_and_changes_nothing(void **state)
{
        (void)state;
        /* two administrators read version v; the first saves */
        struct client other;
        client_init(&other, &srv);
        assert_int_equal(client_login(&other, ADMIN, PASSWORD), 200);
        json_int_t v = unit_version("104002");
        struct response r = post_pack(&other, "/api/units/104002", "{s:s, s:I}", "name",
                                      "第一位管理员的名称", "version", (json_int_t)v);
        assert_int_equal(r.status, 200);
        response_free(&r);
        /* the second, with the version it read, is refused */
        char body[128];
        snprintf(body, sizeof body, "{\"name\":\"第二位管理员的名称\",\"version\":%lld}",
                 (long long)v);
        refused("/api/units/104002", body, 409, "version",
                "单位 104002 已被他人修改（当前名称“第一位管理员的名称”），" VERSION_STALE);
        json_t *u = unit_get("104002");
        assert_string_equal(jstr(u, "name"), "第一位管理员的名称");
        assert_int_equal(jint(u, "version"), v + 1);
        json_decref(u);
}

static void test_unit_update_needs_a_version_and_a_known_code(void **state)
{
        (void)state;
        refused("/api/units/104002", "{\"name\":\"无版本号\"}", 400, "version",
                "缺少版本号（version），请刷新页面后重试");
        refused("/api/units/104002", "{\"name\":\"错误版本号\",\"version\":\"v1\"}", 400, "version",
                "版本号（version）应为正整数，请刷新页面后重试");
        refused("/api/units/104002", "{\"name\":\"错误版本号\",\"version\":0}", 400, "version",
                "版本号（version）应为正整数，请刷新页面后重试");
        refused("/api/units/999999", "{\"name\":\"不存在\",\"version\":1}", 404, "code",
                "单位 999999 不存在");
        /* not a unit code at all: the address names nothing */
        refused("/api/units/abc", "{\"name\":\"不存在\",\"version\":1}", 404, NULL,
                "地址中的“abc”不是有效的单位编码，应为 6 位数字，请从页面上的链接进入");
        refused("/api/units/104002", "{\"name\":\"x\",\"version\":1,\"disabled\":\"yes\"}", 400,
                "disabled", "disabled 应为 true 或 false");
}

static void test_unit_disable_ends_its_users_sessions_and_sign_in(void **state)
{
        (void)state;
        struct client prep;
        client_init(&prep, &srv);
        assert_int_equal(client_login(&prep, PREPARER, PASSWORD), 200);
        struct response r = get(&prep, "/api/me");
        assert_int_equal(r.status, 200);
        response_free(&r);
        json_int_t v = unit_version("104002");
        r = post_pack(&admin, "/api/units/104002", "{s:s, s:b, s:I}", "name",
                      "绥宁县投资促进事务中心", "disabled", 1, "version", (json_int_t)v);
        assert_int_equal(r.status, 200);
        response_free(&r);
        json_t *u = unit_get("104002");
        assert_true(jtrue(u, "disabled"));
        json_decref(u);
        json_t *e = audit_newest(1);
        assert_audit(json_array_get(e, 0), "unit.disable", "104002", NULL);
        json_decref(e);
        /* the unit's users: their sessions end and they cannot sign in */
        r = get(&prep, "/api/me");
        assert_int_equal(r.status, 401);
        response_free(&r);
        struct client again;
        client_init(&again, &srv);
        assert_int_equal(client_login(&again, PREPARER, PASSWORD), 401);
        /* no account can be opened in it */
        refused("/api/users",
                "{\"phone\":\"13900000009\",\"name\":\"新经办\",\"role\":\"preparer\","
                "\"unit_code\":\"104002\"}",
                400, "unit_code", "单位 104002 已停用，请选择启用的单位");
        /* its tasks stay, for the finance bureau and the administrator to see */
        r = get(&admin, "/api/tasks?year=2024");
        assert_true(has(&r, "\"unit_code\":\"104002\""));
        response_free(&r);
        /* enabled again: the old session stays ended, signing in works */
        r = post_pack(&admin, "/api/units/104002", "{s:s, s:b, s:I}", "name",
                      "绥宁县投资促进事务中心", "disabled", 0, "version", (json_int_t)(v + 1));
        assert_int_equal(r.status, 200);
        response_free(&r);
        e = audit_newest(1);
        assert_audit(json_array_get(e, 0), "unit.enable", "104002", NULL);
        json_decref(e);
        r = get(&prep, "/api/me");
        assert_int_equal(r.status, 401);
        response_free(&r);
        assert_int_equal(client_login(&again, PREPARER, PASSWORD), 200);
}

static void test_unit_api_update_without_disabled_keeps_it(void **state)
{
        (void)state;
        json_int_t v = unit_version("104002");
        struct response r =
            post_pack(&admin, "/api/units/104002", "{s:s, s:b, s:I}", "name",
                      "绥宁县投资促进事务中心", "disabled", 1, "version", (json_int_t)v);
        assert_int_equal(r.status, 200);
        response_free(&r);
        /* a rename that does not mention "disabled" leaves it disabled */
        r = post_pack(&admin, "/api/units/104002", "{s:s, s:I}", "name", "已停用的中心", "version",
                      (json_int_t)(v + 1));
        assert_int_equal(r.status, 200);
        response_free(&r);
        json_t *u = unit_get("104002");
        assert_string_equal(jstr(u, "name"), "已停用的中心");
        assert_true(jtrue(u, "disabled"));
        json_decref(u);
}

static void test_unit_pages_create_rename_disable_and_refuse(void **state)
{
        (void)state;
        struct response r =
            post_form(&admin, "/units", "code", "105001", "name", "某县商务局", NULL);
        assert_int_equal(r.status, 303);
        assert_string_equal(response_header(&r, "Location"),
                            "/units?q=105001&ok=created&code=105001#unit-105001");
        response_free(&r);
        r = get(&admin, "/units?ok=created&code=105001");
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "已添加单位 105001。"));
        assert_true(has(&r, "<td>105001</td><td>某县商务局</td><td>主管部门</td><td>启用</td>"));
        response_free(&r);
        /* a bad code: the page again, with the reason and what was typed */
        char *before = snapshot();
        r = post_form(&admin, "/units", "code", "10a002", "name", "某县电商中心", NULL);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, "单位编码只能由数字 0–9 组成，应为 6 位数字，" CODE_RULE));
        assert_true(has(&r, "value=\"10a002\""));
        assert_true(has(&r, "value=\"某县电商中心\""));
        response_free(&r);
        r = post_form(&admin, "/units", "code", "106002", "name", "孤立的机构", NULL);
        assert_int_equal(r.status, 400);
        assert_true(
            has(&r, "单位 106002 是二级机构，其主管部门 106001 尚未建立，请先添加主管部门"));
        response_free(&r);
        r = post_form(&admin, "/units", "code", "105001", "name", "", NULL);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, "请填写单位名称"));
        response_free(&r);
        assert_unchanged(before);
        free(before);
        /* rename and disable with the row's version */
        r = post_form(&admin, "/units/105001", "version", "1", "name", "某县商务和经济信息化局",
                      "disabled", "1", NULL);
        assert_int_equal(r.status, 303);
        assert_string_equal(response_header(&r, "Location"),
                            "/units?q=105001&ok=updated&code=105001#unit-105001");
        response_free(&r);
        json_t *u = unit_get("105001");
        assert_string_equal(jstr(u, "name"), "某县商务和经济信息化局");
        assert_true(jtrue(u, "disabled"));
        assert_int_equal(jint(u, "version"), 2);
        json_decref(u);
        /* the same form again (a stale version): 409, the stored row shown */
        before = snapshot();
        r = post_form(&admin, "/units/105001", "version", "1", "name", "过时的名称", NULL);
        assert_int_equal(r.status, 409);
        assert_true(has(
            &r, "单位 105001 已被他人修改（当前名称“某县商务和经济信息化局”），" VERSION_STALE));
        assert_false(has(&r, "过时的名称"));
        response_free(&r);
        assert_unchanged(before);
        free(before);
        /* an unchecked box enables it again */
        r = post_form(&admin, "/units/105001", "version", "2", "name", "某县商务和经济信息化局",
                      NULL);
        assert_int_equal(r.status, 303);
        response_free(&r);
        u = unit_get("105001");
        assert_false(jtrue(u, "disabled"));
        json_decref(u);
}

/* ---- accounts ------------------------------------------------------------------------- */

/* Open an account by the API; asserts 201 and returns the answer (a new
 * reference: {"user", "one_time_password"}). */
static json_t *create_user(const char *phone, const char *name, const char *role,
                           const char *unit_code)
{
        struct response r =
            unit_code ? post_pack(&admin, "/api/users", "{s:s, s:s, s:s, s:s}", "phone", phone,
                                  "name", name, "role", role, "unit_code", unit_code)
                      : post_pack(&admin, "/api/users", "{s:s, s:s, s:s}", "phone", phone, "name",
                                  name, "role", role);
        if (r.status != 201)
                fail_msg("create %s: %d %s", phone, r.status, r.body.data);
        json_t *j = json_body(&r);
        response_free(&r);
        return j;
}

static void test_user_create_for_each_post(void **state)
{
        (void)state;
        static const struct {
                const char *phone, *name, *role, *unit, *label, *detail;
        } posts[] = {
            {"13900000001", "张经办", "preparer", "104002", "经办岗", "张经办，经办岗，104002"},
            {"13900000002", "李审核", "reviewer", "104001", "审核岗", "李审核，审核岗，104001"},
            {"13900000003", "王财政", "finance", NULL, "财政绩效经办", "王财政，财政绩效经办"},
            {"13900000004", "赵管理", "admin", NULL, "系统管理员", "赵管理，系统管理员"},
        };
        for (size_t i = 0; i < 4; i++) {
                json_t *j =
                    create_user(posts[i].phone, posts[i].name, posts[i].role, posts[i].unit);
                const json_t *u = json_object_get(j, "user");
                assert_string_equal(jstr(u, "phone"), posts[i].phone);
                assert_string_equal(jstr(u, "role"), posts[i].role);
                assert_string_equal(jstr(u, "role_label"), posts[i].label);
                assert_true(jtrue(u, "must_change_password"));
                assert_false(jtrue(u, "disabled"));
                const char *otp = jstr(j, "one_time_password");
                assert_non_null(otp);
                assert_int_equal(strlen(otp), 12);
                json_decref(j);
                /* read back: the post and unit stored, the password nowhere */
                json_t *back = user_get(posts[i].phone);
                assert_non_null(back);
                assert_string_equal(jstr(back, "name"), posts[i].name);
                assert_string_equal(jstr(back, "role"), posts[i].role);
                if (posts[i].unit)
                        assert_string_equal(jstr(back, "unit_code"), posts[i].unit);
                else
                        assert_true(json_is_null(json_object_get(back, "unit_code")));
                assert_null(json_object_get(back, "one_time_password"));
                json_decref(back);
                json_t *e = audit_newest(1);
                assert_audit(json_array_get(e, 0), "user.create", posts[i].phone, posts[i].detail);
                json_decref(e);
        }
        struct response r = get(&admin, "/api/users");
        assert_false(has(&r, "one_time_password"));
        response_free(&r);
}

static void test_user_post_rules_each_give_their_message(void **state)
{
        (void)state;
        static const struct {
                const char *body, *field, *message;
        } bad[] = {
            {"{\"phone\":\"13900000001\",\"name\":\"甲\",\"role\":\"preparer\"}", "unit_code",
             UNIT_POST_NEEDS},
            {"{\"phone\":\"13900000001\",\"name\":\"甲\",\"role\":\"reviewer\",\"unit_code\":\"\"}",
             "unit_code", UNIT_POST_NEEDS},
            {"{\"phone\":\"13900000001\",\"name\":\"甲\",\"role\":\"finance\",\"unit_code\":"
             "\"104001\"}",
             "unit_code", BUREAU_HAS_NONE},
            {"{\"phone\":\"13900000001\",\"name\":\"甲\",\"role\":\"admin\",\"unit_code\":"
             "\"104002\"}",
             "unit_code", BUREAU_HAS_NONE},
            {"{\"phone\":\"13900000001\",\"name\":\"甲\",\"unit_code\":\"104002\"}", "role",
             POST_RULE},
            {"{\"phone\":\"13900000001\",\"name\":\"甲\",\"role\":\"经办岗\",\"unit_code\":"
             "\"104002\"}",
             "role", POST_RULE},
            {"{\"phone\":\"13900000001\",\"name\":\"甲\",\"role\":\"preparer\",\"unit_code\":"
             "\"105002\"}",
             "unit_code", "单位 105002 不存在"},
            {"{\"phone\":\"13900000001\",\"name\":\"甲\",\"role\":\"preparer\",\"unit_code\":"
             "\"10400x\"}",
             "unit_code", "单位 10400x 不存在"},
        };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
                refused("/api/users", bad[i].body, 400, bad[i].field, bad[i].message);
        assert_null(user_get("13900000001"));
}

static void test_user_phone_malformed_or_duplicate(void **state)
{
        (void)state;
        static const struct {
                const char *phone, *message;
        } bad[] = {
            {NULL, "请填写手机号"},         {"1390000000", PHONE_RULE},
            {"139000000011", PHONE_RULE},   {"23900000001", PHONE_RULE},
            {"1390000000a", PHONE_RULE},    {"139 0000 001", PHONE_RULE},
            {"+8613900000001", PHONE_RULE},
        };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                char body[256];
                if (bad[i].phone)
                        snprintf(body, sizeof body,
                                 "{\"phone\":\"%s\",\"name\":\"甲\",\"role\":\"finance\"}",
                                 bad[i].phone);
                else
                        snprintf(body, sizeof body, "{\"name\":\"甲\",\"role\":\"finance\"}");
                refused("/api/users", body, 400, "phone", bad[i].message);
        }
        refused("/api/users",
                "{\"phone\":\"" PREPARER "\",\"name\":\"重名手机\",\"role\":\"finance\"}", 409,
                "phone", "手机号 " PREPARER " 已被其他账号使用");
        json_t *u = user_get(PREPARER);
        assert_string_equal(jstr(u, "name"), "经办人");
        assert_string_equal(jstr(u, "role"), "preparer");
        json_decref(u);
}

static void test_user_name_empty_or_too_long(void **state)
{
        (void)state;
        refused("/api/users", "{\"phone\":\"13900000001\",\"role\":\"finance\"}", 400, "name",
                "请填写姓名");
        char *name = repeat("张", 101);
        struct response r = post_pack(&admin, "/api/users", "{s:s, s:s, s:s}", "phone",
                                      "13900000001", "name", name, "role", "finance");
        assert_error(&r, 400, "name", "姓名过长：最多 100 个字，现有 101 个字");
        response_free(&r);
        name[100 * 3] = '\0';
        json_t *j = create_user("13900000001", name, "finance", NULL);
        assert_string_equal(jstr(json_object_get(j, "user"), "name"), name);
        json_decref(j);
        free(name);
}

static void test_new_user_must_change_the_one_time_password_at_first_login(void **state)
{
        (void)state;
        json_t *j = create_user("13900000001", "张经办", "preparer", "104002");
        char otp[32];
        snprintf(otp, sizeof otp, "%s", jstr(j, "one_time_password"));
        json_decref(j);
        struct client c;
        client_init(&c, &srv);
        assert_int_equal(client_login(&c, "13900000001", otp), 200);
        struct response r = get(&c, "/api/me");
        assert_true(has(&r, "\"must_change_password\":true"));
        response_free(&r);
        r = get(&c, "/api/tasks");
        assert_error(&r, 403, NULL, ONE_TIME_PENDING);
        response_free(&r);
        r = get(&c, "/tasks");
        assert_int_equal(r.status, 303);
        assert_string_equal(response_header(&r, "Location"), "/password");
        response_free(&r);
        r = post_pack(&c, "/api/password", "{s:s, s:s, s:s}", "old", otp, "new", NEW_PASSWORD,
                      "confirm", NEW_PASSWORD);
        assert_int_equal(r.status, 200);
        json_t *login = json_body(&r);
        snprintf(c.csrf, sizeof c.csrf, "%s", jstr(login, "csrf"));
        json_decref(login);
        response_free(&r);
        r = get(&c, "/api/tasks");
        assert_int_equal(r.status, 200);
        response_free(&r);
        json_t *u = user_get("13900000001");
        assert_false(jtrue(u, "must_change_password"));
        json_decref(u);
        /* the one-time password is spent */
        struct client other;
        client_init(&other, &srv);
        assert_int_equal(client_login(&other, "13900000001", otp), 401);
}

static void test_user_disable_ends_session_and_refuses_sign_in(void **state)
{
        (void)state;
        struct client prep;
        client_init(&prep, &srv);
        assert_int_equal(client_login(&prep, PREPARER, PASSWORD), 200);
        json_t *u = user_get(PREPARER);
        char path[64];
        snprintf(path, sizeof path, "/api/users/%lld", (long long)jint(u, "id"));
        struct response r = post_pack(&admin, path, "{s:s, s:s, s:s, s:b, s:I}", "name", "经办人",
                                      "role", "preparer", "unit_code", "104002", "disabled", 1,
                                      "version", jint(u, "version"));
        assert_int_equal(r.status, 200);
        json_t *j = json_body(&r);
        assert_true(jtrue(json_object_get(j, "user"), "disabled"));
        json_decref(j);
        response_free(&r);
        json_decref(u);
        u = user_get(PREPARER);
        assert_true(jtrue(u, "disabled"));
        json_decref(u);
        json_t *e = audit_newest(1);
        assert_audit(json_array_get(e, 0), "user.disable", PREPARER, NULL);
        json_decref(e);
        r = get(&prep, "/api/me");
        assert_error(&r, 401, NULL, "未登录或登录已过期，请先登录");
        response_free(&r);
        struct client again;
        client_init(&again, &srv);
        assert_int_equal(client_login(&again, PREPARER, PASSWORD), 401);
}

static void test_user_api_update_without_disabled_keeps_it(void **state)
{
        (void)state;
        json_t *u = user_get(PREPARER);
        json_int_t id = jint(u, "id"), v = jint(u, "version");
        json_decref(u);
        char path[64];
        snprintf(path, sizeof path, "/api/users/%lld", (long long)id);
        struct response r =
            post_pack(&admin, path, "{s:s, s:s, s:s, s:b, s:I}", "name", "经办人", "role",
                      "preparer", "unit_code", "104002", "disabled", 1, "version", v);
        assert_int_equal(r.status, 200);
        response_free(&r);
        r = post_pack(&admin, path, "{s:s, s:s, s:s, s:I}", "name", "改名的经办人", "role",
                      "preparer", "unit_code", "104002", "version", v + 1);
        assert_int_equal(r.status, 200);
        response_free(&r);
        u = user_get(PREPARER);
        assert_string_equal(jstr(u, "name"), "改名的经办人");
        assert_true(jtrue(u, "disabled"));
        json_decref(u);
}

static void test_user_reset_gives_a_new_one_time_password_and_kills_the_old(void **state)
{
        (void)state;
        struct client prep;
        client_init(&prep, &srv);
        assert_int_equal(client_login(&prep, PREPARER, PASSWORD), 200);
        json_t *u = user_get(PREPARER);
        char path[64];
        snprintf(path, sizeof path, "/api/users/%lld/reset", (long long)jint(u, "id"));
        json_decref(u);
        struct response r = post_json(&admin, path, "{}");
        assert_int_equal(r.status, 200);
        json_t *j = json_body(&r);
        response_free(&r);
        char otp[32];
        snprintf(otp, sizeof otp, "%s", jstr(j, "one_time_password"));
        assert_int_equal(strlen(otp), 12);
        assert_true(jtrue(json_object_get(j, "user"), "must_change_password"));
        json_decref(j);
        json_t *e = audit_newest(1);
        assert_audit(json_array_get(e, 0), "user.reset", PREPARER, NULL);
        json_decref(e);
        /* the open session ended; the old password is dead; the new one must be changed */
        r = get(&prep, "/api/me");
        assert_int_equal(r.status, 401);
        response_free(&r);
        struct client c;
        client_init(&c, &srv);
        assert_int_equal(client_login(&c, PREPARER, PASSWORD), 401);
        assert_int_equal(client_login(&c, PREPARER, otp), 200);
        r = get(&c, "/api/tasks");
        assert_error(&r, 403, NULL, ONE_TIME_PENDING);
        response_free(&r);
}

static void test_user_update_or_reset_of_an_unknown_account_is_404(void **state)
{
        (void)state;
        refused("/api/users/999999/reset", "{}", 404, NULL, "账号不存在");
        refused("/api/users/abc/reset", "{}", 404, NULL,
                "地址中的“abc”不是有效的编号，应为正整数，请从页面上的链接进入");
        refused("/api/users/999999", "{\"name\":\"x\",\"role\":\"finance\",\"version\":1}", 404,
                NULL, "账号不存在");
        refused("/api/users/0", "{\"name\":\"x\",\"role\":\"finance\",\"version\":1}", 404, NULL,
                "地址中的“0”不是有效的编号，应为正整数，请从页面上的链接进入");
}

static void test_user_update_with_stale_version_is_409(void **state)
{
        (void)state;
        json_t *u = user_get(PREPARER);
        json_int_t id = jint(u, "id"), v = jint(u, "version");
        json_decref(u);
        char path[64], body[256];
        snprintf(path, sizeof path, "/api/users/%lld", (long long)id);
        struct client other;
        client_init(&other, &srv);
        assert_int_equal(client_login(&other, ADMIN, PASSWORD), 200);
        struct response r = post_pack(&other, path, "{s:s, s:s, s:s, s:I}", "name", "先改的姓名",
                                      "role", "preparer", "unit_code", "104002", "version", v);
        assert_int_equal(r.status, 200);
        response_free(&r);
        snprintf(body, sizeof body,
                 "{\"name\":\"后改的姓名\",\"role\":\"reviewer\",\"unit_code\":\"104002\","
                 "\"version\":%lld}",
                 (long long)v);
        refused(path, body, 409, "version", USER_STALE);
        u = user_get(PREPARER);
        assert_string_equal(jstr(u, "name"), "先改的姓名");
        assert_string_equal(jstr(u, "role"), "preparer");
        json_decref(u);
        /* the other checks of an update */
        snprintf(body, sizeof body,
                 "{\"name\":\"x\",\"role\":\"preparer\",\"unit_code\":\"104002\"}");
        refused(path, body, 400, "version", "缺少版本号（version），请刷新页面后重试");
        snprintf(body, sizeof body,
                 "{\"name\":\"x\",\"role\":\"finance\",\"unit_code\":\"104002\","
                 "\"version\":%lld}",
                 (long long)(v + 1));
        refused(path, body, 400, "unit_code", BUREAU_HAS_NONE);
}

static void test_admin_cannot_disable_or_demote_themself(void **state)
{
        (void)state;
        json_t *u = user_get(ADMIN);
        char path[64], body[256];
        snprintf(path, sizeof path, "/api/users/%lld", (long long)jint(u, "id"));
        snprintf(body, sizeof body,
                 "{\"name\":\"系统管理员\",\"role\":\"admin\",\"disabled\":true,\"version\":%lld}",
                 (long long)jint(u, "version"));
        refused(path, body, 400, "disabled", "不能停用自己的账号");
        snprintf(body, sizeof body,
                 "{\"name\":\"系统管理员\",\"role\":\"finance\",\"version\":%lld}",
                 (long long)jint(u, "version"));
        refused(path, body, 400, "role", "不能取消自己的系统管理员岗位");
        json_decref(u);
}

/* The one-time password shown on an accounts page. */
static void page_secret(const struct response *r, char out[32])
{
        const char *p = strstr(r->body.data, "<strong class=\"secret\">");
        assert_non_null(p);
        p += strlen("<strong class=\"secret\">");
        size_t n = strcspn(p, "<");
        assert_int_equal(n, 12);
        snprintf(out, 32, "%.*s", (int)n, p);
}

static void test_user_pages_create_update_reset_and_refuse(void **state)
{
        (void)state;
        struct response r = post_form(&admin, "/users", "phone", "13900000001", "name", "张经办",
                                      "role", "preparer", "unit_code", "104002", NULL);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "账号已开设。"));
        char otp[32];
        page_secret(&r, otp);
        response_free(&r);
        /* shown once: not on the next visit */
        r = get(&admin, "/users");
        assert_false(has(&r, otp));
        response_free(&r);
        struct client c;
        client_init(&c, &srv);
        assert_int_equal(client_login(&c, "13900000001", otp), 200);
        /* refusals: the reason, the typed values kept, nothing stored */
        char *before = snapshot();
        r = post_form(&admin, "/users", "phone", "1390000000", "name", "错号码", "role", "finance",
                      "unit_code", "", NULL);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, PHONE_RULE));
        assert_true(has(&r, "value=\"1390000000\""));
        response_free(&r);
        r = post_form(&admin, "/users", "phone", "13900000002", "name", "无单位", "role",
                      "reviewer", "unit_code", "", NULL);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, UNIT_POST_NEEDS));
        response_free(&r);
        r = post_form(&admin, "/users", "phone", "13900000001", "name", "重复", "role", "finance",
                      "unit_code", "", NULL);
        assert_int_equal(r.status, 409);
        assert_true(has(&r, "手机号 13900000001 已被其他账号使用"));
        response_free(&r);
        assert_unchanged(before);
        free(before);
        /* the row form: post, unit, version */
        json_t *u = user_get("13900000001");
        char path[64], version[16];
        snprintf(path, sizeof path, "/users/%lld", (long long)jint(u, "id"));
        snprintf(version, sizeof version, "%lld", (long long)jint(u, "version"));
        r = post_form(&admin, path, "version", version, "name", "张审核", "role", "reviewer",
                      "unit_code", "104001", NULL);
        assert_int_equal(r.status, 303);
        char location[64];
        snprintf(location, sizeof location, "/users/%lld?ok=updated", (long long)jint(u, "id"));
        assert_string_equal(response_header(&r, "Location"), location);
        response_free(&r);
        json_decref(u);
        u = user_get("13900000001");
        assert_string_equal(jstr(u, "name"), "张审核");
        assert_string_equal(jstr(u, "role"), "reviewer");
        assert_string_equal(jstr(u, "unit_code"), "104001");
        json_decref(u);
        before = snapshot();
        r = post_form(&admin, path, "version", version, "name", "过时的修改", "role", "reviewer",
                      "unit_code", "104001", NULL);
        assert_int_equal(r.status, 409);
        assert_true(has(&r, USER_STALE));
        response_free(&r);
        assert_unchanged(before);
        free(before);
        /* reset by the form: a new one-time password on the answering page */
        char reset[80];
        snprintf(reset, sizeof reset, "%s/reset", path);
        r = post_form(&admin, reset, NULL);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "密码已重置，该账号原有的登录已全部退出。"));
        char otp2[32];
        page_secret(&r, otp2);
        assert_string_not_equal(otp, otp2);
        response_free(&r);
        r = get(&c, "/api/me");
        assert_int_equal(r.status, 401);
        response_free(&r);
        assert_int_equal(client_login(&c, "13900000001", otp2), 200);
}

/* ---- fiscal years, declared goals, tasks ------------------------------------------------ */

static void test_year_create_with_a_scheme_or_the_default(void **state)
{
        (void)state;
        struct response r =
            post_json(&admin, "/api/years", "{\"year\":2025,\"scheme\":\"shenzhen\"}");
        assert_int_equal(r.status, 201);
        json_t *j = json_body(&r);
        const json_t *y = json_object_get(j, "year");
        assert_int_equal(jint(y, "year"), 2025);
        assert_string_equal(jstr(y, "scheme"), "shenzhen");
        assert_int_equal(jint(y, "tasks"), 0);
        json_decref(j);
        response_free(&r);
        json_t *back = find_in("/api/years", "years", "year", "2025");
        assert_non_null(back);
        assert_string_equal(jstr(back, "scheme"), "shenzhen");
        json_decref(back);
        json_t *e = audit_newest(1);
        assert_audit(json_array_get(e, 0), "year.create", "2025", "shenzhen");
        json_decref(e);
        /* without a scheme: national */
        r = post_json(&admin, "/api/years", "{\"year\":\"2026\"}");
        assert_int_equal(r.status, 201);
        response_free(&r);
        back = find_in("/api/years", "years", "year", "2026");
        assert_string_equal(jstr(back, "scheme"), "national");
        json_decref(back);
}

static void test_year_refused_when_malformed_unknown_scheme_or_duplicate(void **state)
{
        (void)state;
        static const char *const bad_years[] = {
            "{\"scheme\":\"national\"}", "{\"year\":\"1999\"}",   "{\"year\":\"2101\"}",
            "{\"year\":\"20a5\"}",       "{\"year\":\"25\"}",     "{\"year\":\"+2027\"}",
            "{\"year\":\"02027\"}",      "{\"year\":\"2027.0\"}", "{\"year\":-2027}",
        };
        for (size_t i = 0; i < sizeof bad_years / sizeof bad_years[0]; i++)
                refused("/api/years", bad_years[i], 400, "year", YEAR_RULE);
        refused("/api/years", "{\"year\":2027,\"scheme\":\"beijing\"}", 400, "scheme",
                "评分方案“beijing”不存在（内置方案：national、shenzhen、henan、urumqi）");
        refused(
            "/api/years", "{\"year\":2027,\"scheme\":\"../schemes/national\"}", 400, "scheme",
            "评分方案“../schemes/national”不存在（内置方案：national、shenzhen、henan、urumqi）");
        refused("/api/years", "{\"year\":2024,\"scheme\":\"national\"}", 409, "year",
                "2024 年度已存在");
        json_t *y = find_in("/api/years", "years", "year", "2024");
        assert_string_equal(jstr(y, "scheme"), "national");
        json_decref(y);
}

static void test_year_pages_create_and_refuse(void **state)
{
        (void)state;
        char *before = snapshot();
        struct response r = post_form(&admin, "/years", "year", "1999", "scheme", "national", NULL);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, YEAR_RULE));
        assert_true(has(&r, "value=\"1999\""));
        response_free(&r);
        r = post_form(&admin, "/years", "year", "2021", "scheme", "henan", NULL);
        assert_int_equal(r.status, 409);
        assert_true(has(&r, "2021 年度已存在"));
        response_free(&r);
        assert_unchanged(before);
        free(before);
        r = post_form(&admin, "/years", "year", "2027", "scheme", "urumqi", NULL);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "已设置 2027 年度。"));
        response_free(&r);
        json_t *y = find_in("/api/years", "years", "year", "2027");
        assert_string_equal(jstr(y, "scheme"), "urumqi");
        json_decref(y);
}

/* A declared-goals document for unit code (name, supervisor as given) and
 * year: the goal, one indicator with its target and weight, the 年初预算数,
 * and results that an import must not carry into a task. malloc'd. */
static char *goals_document(const char *code, const char *name, const char *supervisor_code,
                            const char *supervisor_name, int year)
{
        json_t *unit = json_pack("{s:s, s:s}", "code", code, "name", name);
        if (supervisor_code)
                json_object_set_new(
                    unit, "supervisor",
                    json_pack("{s:s, s:s}", "code", supervisor_code, "name", supervisor_name));
        json_t *d = json_pack(
            "{s:s, s:i, s:o, s:i, s:s, s:{s:{s:s}, s:{s:s}, s:[{s:s, s:[{s:s, s:[{s:s, s:s, "
            "s:s, s:{s:s, s:s}, s:s, s:{s:s}, s:s}]}]}]}}",
            "format", "jixiao-evaluation", "version", 1, "unit", unit, "fiscal_year", year,
            "scheme", "national", "self_eval", "budget", "initial", "120.5", "goal", "declared",
            "全年引进招商项目 10 个，实际到位资金 5 亿元", "indicators", "name", "产出指标",
            "groups", "name", "数量指标", "items", "name", "签约招商项目数", "kind", "quantitative",
            "unit", "个", "target", "op", ">=", "value", "10", "weight", "20", "actual", "value",
            "12", "score", "20");
        assert_non_null(d);
        char *text = json_dumps(d, JSON_COMPACT);
        json_decref(d);
        return text;
}

static char *goals_104002(int year)
{
        return goals_document("104002", "绥宁县投资促进事务中心", "104001", "绥宁县商务局", year);
}

/* The declared-goals document stored for unit code and year, as a new
 * reference, or NULL. */
static json_t *stored_declaration(const char *code, int year)
{
        struct buf b = BUF_INIT;
        struct db *d = test_db_open(db_path);
        struct db_stmt *st = db_prepare(d, "SELECT d.document FROM declarations d JOIN units u "
                                           "ON u.id = d.unit_id WHERE u.code = ?1 AND d.year = ?2");
        db_bind_text(st, 1, code);
        db_bind_int(st, 2, year);
        if (db_step(st) == DB_ROW)
                buf_puts(&b, db_col_text(st, 0));
        db_reset(st);
        db_close(d);
        json_t *j = b.data ? json_loads(b.data, 0, NULL) : NULL;
        buf_free(&b);
        return j;
}

static void create_year(const char *year)
{
        char body[64];
        snprintf(body, sizeof body, "{\"year\":%s,\"scheme\":\"national\"}", year);
        struct response r = post_json(&admin, "/api/years", body);
        assert_int_equal(r.status, 201);
        response_free(&r);
}

static void test_goals_import_of_a_valid_document(void **state)
{
        (void)state;
        create_year("2025");
        char *doc = goals_104002(2025);
        struct response r = post_json(&admin, "/api/years/2025/goals", doc);
        assert_int_equal(r.status, 200);
        json_t *j = json_body(&r);
        assert_int_equal(jint(j, "year"), 2025);
        assert_string_equal(jstr(json_object_get(j, "unit"), "code"), "104002");
        json_decref(j);
        response_free(&r);
        json_t *stored = stored_declaration("104002", 2025);
        assert_non_null(stored);
        assert_string_equal(
            jstr(json_object_get(json_object_get(stored, "self_eval"), "goal"), "declared"),
            "全年引进招商项目 10 个，实际到位资金 5 亿元");
        json_decref(stored);
        json_t *e = audit_newest(1);
        assert_audit(json_array_get(e, 0), "goals.import", "104002", "2025 年度");
        json_decref(e);
        /* the page imports a supervising unit's goals */
        char *doc2 = goals_document("104001", "绥宁县商务局", NULL, NULL, 2025);
        r = post_form(&admin, "/years/2025/goals", "document", doc2, NULL);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "已导入单位 104001（绥宁县商务局）的 2025 年度绩效目标。"));
        response_free(&r);
        stored = stored_declaration("104001", 2025);
        assert_non_null(stored);
        json_decref(stored);
        free(doc2);
        free(doc);
}

static void test_goals_import_refuses_bad_documents_and_stores_nothing(void **state)
{
        (void)state;
        create_year("2025");
        /* the API checks the JSON itself */
        refused("/api/years/2025/goals", "{\"format\": ", 400, NULL,
                "请求内容不是有效的 JSON：内容不完整，在结束前中断（第 1 行第 11 列，在末尾）");
        char *doc = goals_104002(2024);
        refused("/api/years/2025/goals", doc, 400, "document",
                "文件的年度为 2024，与导入的年度 2025 不符");
        free(doc);
        doc = goals_document("105002", "不存在的单位", "105001", "不存在的主管部门", 2025);
        refused("/api/years/2025/goals", doc, 400, "document", "文件中的单位 105002 不存在");
        free(doc);
        doc = goals_document("104002", "别的单位", "104001", "绥宁县商务局", 2025);
        refused("/api/years/2025/goals", doc, 400, "document",
                "文件中的单位编码 104002 是“绥宁县投资促进事务中心”，与文件中的单位名称“别的单位”"
                "不符，请核对单位编码");
        free(doc);
        refused("/api/years/2025/goals", "{\"format\":\"jixiao-evaluation\"}", 400, "document",
                "绩效目标文件有误：$.version（格式版本）：缺少必填字段（等）");
        doc = goals_104002(2030);
        refused("/api/years/2030/goals", doc, 404, "year", "2030 年度不存在，请先设置年度");
        free(doc);
        /* the page parses the document: the message names line and column */
        char *before = snapshot();
        struct response r =
            post_form(&admin, "/years/2025/goals", "document", "{\"format\": ", NULL);
        assert_int_equal(r.status, 400);
        assert_true(has(
            &r,
            "绩效目标文件有误：$：JSON 格式错误：内容不完整，在结束前中断（第 1 行第 11 列，在末尾）"));
        assert_true(has(&r, "{&quot;format&quot;: </textarea>"));
        response_free(&r);
        r = post_form(&admin, "/years/2025/goals", "document", "", NULL);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, "请提供绩效目标文件（JSON 文档）"));
        response_free(&r);
        assert_unchanged(before);
        free(before);
        assert_null(stored_declaration("104002", 2025));
}

/* The task of unit code for year: its id from GET /api/tasks?year=, 0 if none. */
static json_int_t task_id(const char *code, int year)
{
        char path[64];
        snprintf(path, sizeof path, "/api/tasks?year=%d", year);
        struct response r = get(&admin, path);
        assert_int_equal(r.status, 200);
        json_t *j = json_body(&r);
        response_free(&r);
        json_int_t id = 0;
        json_t *t;
        size_t i;
        json_array_foreach(json_object_get(j, "tasks"), i, t)
        {
                if (strcmp(jstr(t, "unit_code"), code) == 0)
                        id = jint(t, "id");
        }
        json_decref(j);
        return id;
}

static size_t task_count(int year)
{
        char path[64];
        snprintf(path, sizeof path, "/api/tasks?year=%d", year);
        struct response r = get(&admin, path);
        json_t *j = json_body(&r);
        response_free(&r);
        size_t n = json_array_size(json_object_get(j, "tasks"));
        json_decref(j);
        return n;
}

/* The document of a task (a new reference). */
static json_t *task_document(json_int_t id)
{
        char path[64];
        snprintf(path, sizeof path, "/api/tasks/%lld/document", (long long)id);
        struct response r = get(&admin, path);
        assert_int_equal(r.status, 200);
        json_t *j = json_body(&r);
        response_free(&r);
        return j;
}

static json_int_t issue(const char *year)
{
        char path[64];
        snprintf(path, sizeof path, "/api/years/%s/issue", year);
        struct response r = post_json(&admin, path, "{}");
        if (r.status != 200)
                fail_msg("issue %s: %d %s", year, r.status, r.body.data);
        json_t *j = json_body(&r);
        json_int_t n = jint(j, "issued");
        json_decref(j);
        response_free(&r);
        return n;
}

static void test_issue_creates_one_task_per_enabled_unit_without_one(void **state)
{
        (void)state;
        create_year("2025");
        char *doc = goals_104002(2025);
        struct response r = post_json(&admin, "/api/years/2025/goals", doc);
        assert_int_equal(r.status, 200);
        response_free(&r);
        free(doc);
        /* a new unit, and a disabled one: ten demo units - 1 + 1 */
        r = post_json(&admin, "/api/units", "{\"code\":\"105001\",\"name\":\"某县商务局\"}");
        assert_int_equal(r.status, 201);
        response_free(&r);
        r = post_pack(&admin, "/api/units/102004", "{s:s, s:b, s:I}", "name", "上街区粮食管理中心",
                      "disabled", 1, "version", (json_int_t)unit_version("102004"));
        assert_int_equal(r.status, 200);
        response_free(&r);
        assert_int_equal(issue("2025"), 10);
        assert_int_equal(task_count(2025), 10);
        assert_int_equal(task_id("102004", 2025), 0);
        r = get(&admin, "/api/tasks?year=2025&status=draft");
        json_t *drafts = json_body(&r);
        assert_int_equal(json_array_size(json_object_get(drafts, "tasks")), 10);
        json_decref(drafts);
        response_free(&r);
        json_t *y = find_in("/api/years", "years", "year", "2025");
        assert_int_equal(jint(y, "tasks"), 10);
        json_decref(y);
        json_t *e = audit_newest(1);
        assert_audit(json_array_get(e, 0), "year.issue", "2025", "下达 10 个自评任务");
        json_decref(e);
        /* again: nothing to do */
        assert_int_equal(issue("2025"), 0);
        e = audit_newest(1);
        assert_audit(json_array_get(e, 0), "year.issue", "2025", "下达 0 个自评任务");
        json_decref(e);
        assert_int_equal(task_count(2025), 10);
        /* the demo's 2024 tasks were all issued; the new unit gets one */
        assert_int_equal(issue("2024"), 1);
        assert_true(task_id("105001", 2024) > 0);
        /* the unit enabled again gets its task at the next issue */
        r = post_pack(&admin, "/api/units/102004", "{s:s, s:b, s:I}", "name", "上街区粮食管理中心",
                      "disabled", 0, "version", (json_int_t)unit_version("102004"));
        assert_int_equal(r.status, 200);
        response_free(&r);
        assert_int_equal(issue("2025"), 1);
        assert_int_equal(task_count(2025), 11);
        /* a year that does not exist */
        refused("/api/years/2030/issue", "{}", 404, "year", "2030 年度不存在，请先设置年度");
}

static void test_issued_tasks_hold_declared_goals_or_the_scheme_skeleton(void **state)
{
        (void)state;
        create_year("2025");
        char *doc = goals_104002(2025);
        struct response r = post_json(&admin, "/api/years/2025/goals", doc);
        assert_int_equal(r.status, 200);
        response_free(&r);
        free(doc);
        assert_int_equal(issue("2025"), 10);
        /* the unit with declared goals: its goal, indicators and 年初预算数, no results */
        json_t *d = task_document(task_id("104002", 2025));
        assert_int_equal(jint(d, "fiscal_year"), 2025);
        assert_string_equal(jstr(d, "scheme"), "national");
        const json_t *unit = json_object_get(d, "unit");
        assert_string_equal(jstr(unit, "code"), "104002");
        assert_string_equal(jstr(json_object_get(unit, "supervisor"), "code"), "104001");
        const json_t *se = json_object_get(d, "self_eval");
        assert_string_equal(jstr(json_object_get(se, "goal"), "declared"),
                            "全年引进招商项目 10 个，实际到位资金 5 亿元");
        assert_string_equal(jstr(json_object_get(se, "budget"), "initial"), "120.5");
        const json_t *level = json_array_get(json_object_get(se, "indicators"), 0);
        assert_string_equal(jstr(level, "name"), "产出指标");
        const json_t *group = json_array_get(json_object_get(level, "groups"), 0);
        assert_string_equal(jstr(group, "name"), "数量指标");
        const json_t *item = json_array_get(json_object_get(group, "items"), 0);
        assert_string_equal(jstr(item, "name"), "签约招商项目数");
        assert_string_equal(jstr(item, "weight"), "20");
        assert_string_equal(jstr(json_object_get(item, "target"), "op"), ">=");
        assert_string_equal(jstr(json_object_get(item, "target"), "value"), "10");
        assert_null(json_object_get(item, "actual"));
        assert_null(json_object_get(item, "score"));
        json_decref(d);
        /* a unit without: the scheme's indicator skeleton — its levels with
         * their usual second levels, no indicators yet, the budget splits */
        d = task_document(task_id("104001", 2025));
        se = json_object_get(d, "self_eval");
        assert_null(json_object_get(se, "goal"));
        const json_t *levels = json_object_get(se, "indicators");
        assert_int_equal(json_array_size(levels), 3);
        static const char *const names[] = {"产出指标", "效益指标", "满意度指标"};
        static const size_t groups[] = {4, 4, 1};
        for (size_t i = 0; i < 3; i++) {
                const json_t *l = json_array_get(levels, i);
                assert_string_equal(jstr(l, "name"), names[i]);
                assert_int_equal(json_array_size(json_object_get(l, "groups")), groups[i]);
        }
        const json_t *first =
            json_array_get(json_object_get(json_array_get(levels, 0), "groups"), 0);
        assert_string_equal(jstr(first, "name"), "数量指标");
        const json_t *budget = json_object_get(se, "budget");
        assert_int_equal(json_array_size(json_object_get(budget, "by_income")), 4);
        assert_string_equal(
            jstr(json_array_get(json_object_get(budget, "by_expenditure"), 1), "name"), "项目支出");
        assert_string_equal(jstr(json_object_get(se, "budget"), "weight"), "10");
        json_decref(d);
}

static void test_issue_by_the_page(void **state)
{
        (void)state;
        create_year("2025");
        struct response r = post_form(&admin, "/years/2025/issue", NULL);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "已下达 2025 年度自评任务 10 个。"));
        response_free(&r);
        r = post_form(&admin, "/years/2025/issue", NULL);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "2025 年度没有需要下达的任务：每个启用单位都已有该年度的任务。"));
        response_free(&r);
        assert_int_equal(task_count(2025), 10);
}

/* ---- the audit log -------------------------------------------------------------------- */

static void test_audit_has_one_entry_per_administrative_action(void **state)
{
        (void)state;
        json_int_t first = audit_last_id();
        struct response r;
#define OK(call, expected)                                                                         \
        do {                                                                                       \
                r = call;                                                                          \
                if (r.status != (expected))                                                        \
                        fail_msg("%s: %d %s", #call, r.status, r.body.data);                       \
                response_free(&r);                                                                 \
        } while (0)
        OK(post_json(&admin, "/api/units", "{\"code\":\"105001\",\"name\":\"某县商务局\"}"), 201);
        OK(post_json(&admin, "/api/units/105001", "{\"name\":\"某县商务局（新）\",\"version\":1}"),
           200);
        OK(post_json(&admin, "/api/units/105001",
                     "{\"name\":\"某县商务局（新）\",\"disabled\":true,\"version\":2}"),
           200);
        json_t *j = create_user("13900000001", "张经办", "preparer", "104002");
        json_int_t id = jint(json_object_get(j, "user"), "id");
        json_decref(j);
        char path[64], body[80];
        snprintf(path, sizeof path, "/api/users/%lld", (long long)id);
        OK(post_json(&admin, path,
                     "{\"name\":\"张审核\",\"role\":\"reviewer\",\"unit_code\":\"104002\","
                     "\"version\":1}"),
           200);
        OK(post_json(&admin, path,
                     "{\"name\":\"张审核\",\"role\":\"reviewer\",\"unit_code\":\"104002\","
                     "\"disabled\":true,\"version\":2}"),
           200);
        snprintf(body, sizeof body, "%s/reset", path);
        OK(post_json(&admin, body, "{}"), 200);
        OK(post_json(&admin, "/api/years", "{\"year\":2025}"), 201);
        char *doc = goals_104002(2025);
        OK(post_json(&admin, "/api/years/2025/goals", doc), 200);
        free(doc);
        OK(post_json(&admin, "/api/years/2025/issue", "{}"), 200);
        /* refusals leave no entry */
        OK(post_json(&admin, "/api/units", "{\"code\":\"1\",\"name\":\"x\"}"), 400);
        OK(post_json(&admin, "/api/years", "{\"year\":2025}"), 409);
#undef OK
        static const struct {
                const char *action, *target, *detail;
        } want[] = {
            {"year.issue", "2025", "下达 10 个自评任务"},
            {"goals.import", "104002", "2025 年度"},
            {"year.create", "2025", "national"},
            {"user.reset", "13900000001", "重置为一次性密码"},
            {"user.disable", "13900000001", "张审核，审核岗，104002"},
            {"user.update", "13900000001", "张审核，审核岗，104002"},
            {"user.create", "13900000001", "张经办，经办岗，104002"},
            {"unit.disable", "105001", NULL},
            {"unit.update", "105001", "名称：某县商务局 → 某县商务局（新）"},
            {"unit.create", "105001", "某县商务局"},
        };
        size_t n = sizeof want / sizeof want[0];
        json_t *e = audit_newest(n + 1);
        for (size_t i = 0; i < n; i++)
                assert_audit(json_array_get(e, i), want[i].action, want[i].target, want[i].detail);
        /* and before them, what was there already */
        assert_int_equal(jint(json_array_get(e, n), "id"), first);
        json_decref(e);
        /* the page shows them in Chinese */
        r = get(&admin, "/audit");
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "下达自评任务"));
        assert_true(has(&r, "停用账号"));
        response_free(&r);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, start, stop)
        const struct CMUnitTest tests[] = {
            T(test_unit_create_supervising_then_subordinate),
            T(test_unit_code_rejected_with_its_reason),
            T(test_unit_under_a_disabled_supervising_unit_is_refused),
            T(test_unit_duplicate_code_is_409),
            T(test_unit_name_empty_or_too_long),
            T(test_unit_rename_with_current_version),
            T(test_unit_rename_with_stale_version_is_409_and_changes_nothing),
            T(test_unit_update_needs_a_version_and_a_known_code),
            T(test_unit_disable_ends_its_users_sessions_and_sign_in),
            T(test_unit_api_update_without_disabled_keeps_it),
            T(test_unit_pages_create_rename_disable_and_refuse),
            T(test_user_create_for_each_post),
            T(test_user_post_rules_each_give_their_message),
            T(test_user_phone_malformed_or_duplicate),
            T(test_user_name_empty_or_too_long),
            T(test_new_user_must_change_the_one_time_password_at_first_login),
            T(test_user_disable_ends_session_and_refuses_sign_in),
            T(test_user_api_update_without_disabled_keeps_it),
            T(test_user_reset_gives_a_new_one_time_password_and_kills_the_old),
            T(test_user_update_or_reset_of_an_unknown_account_is_404),
            T(test_user_update_with_stale_version_is_409),
            T(test_admin_cannot_disable_or_demote_themself),
            T(test_user_pages_create_update_reset_and_refuse),
            T(test_year_create_with_a_scheme_or_the_default),
            T(test_year_refused_when_malformed_unknown_scheme_or_duplicate),
            T(test_year_pages_create_and_refuse),
            T(test_goals_import_of_a_valid_document),
            T(test_goals_import_refuses_bad_documents_and_stores_nothing),
            T(test_issue_creates_one_task_per_enabled_unit_without_one),
            T(test_issued_tasks_hold_declared_goals_or_the_scheme_skeleton),
            T(test_issue_by_the_page),
            T(test_audit_has_one_entry_per_administrative_action),
        };
#undef T
        return cmocka_run_group_tests(tests, prepare_template, NULL);
}
