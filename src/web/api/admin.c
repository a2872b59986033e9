/* API: administration — units, accounts, fiscal years, declared goals,
 * issuing tasks, and the audit log (docs/api.md). The same operations as
 * the pages (src/app/admin.c); these handlers read JSON members, call the
 * operation and write its outcome as JSON. A new one-time password is
 * returned once, in the answer to the call that made it. */
#include "../web.h"
#include "../../app/lists.h"
#include "json.h"
#include "../../app/admin.h"
#include "../handlers.h"

#include <stdlib.h>
#include <string.h>

enum {
        AUDIT_DEFAULT = 100, /* entries per call without ?limit= */
        AUDIT_MAX = 500,
};

/* A boolean member: "true"/"false" (JSON booleans arrive as these),
 * "1"/"0"; absent keeps the stored value, stored. False with out set on
 * any other value. */
static bool flag(struct req *r, const char *name, bool stored, bool *value, struct outcome *out)
{
        const char *v = req_field(r, name);
        if (!v) {
                *value = stored;
                return true;
        }
        if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0) {
                *value = false;
                return true;
        }
        if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0) {
                *value = true;
                return true;
        }
        struct buf msg = BUF_INIT;
        buf_printf(&msg, "%s 应为 true 或 false", name);
        app_fail(out, APP_INVALID, name, arena_strdup(r->arena, buf_str(&msg)));
        buf_free(&msg);
        return false;
}

/* A positive integer query parameter; absent gives fallback. False with
 * out set when malformed. */
static bool count_param(struct req *r, const char *name, const char *what, int64_t fallback,
                        int64_t *value, struct outcome *out)
{
        const char *s = req_param(r, name);
        if (!s || !*s) {
                *value = fallback;
                return true;
        }
        if (strlen(s) > 15 || strspn(s, "0123456789") != strlen(s) ||
            (*value = strtoll(s, NULL, 10)) <= 0) {
                struct buf msg = BUF_INIT;
                buf_printf(&msg, "参数 %s 应为正整数（%s）", name, what);
                app_fail(out, APP_INVALID, name, arena_strdup(r->arena, buf_str(&msg)));
                buf_free(&msg);
                return false;
        }
        return true;
}

static void year_json(struct jsonw *w, const struct year *y)
{
        jw_obj_begin(w);
        jw_key(w, "year");
        jw_int(w, y->year);
        jw_key(w, "scheme");
        jw_str(w, y->scheme);
        jw_key(w, "tasks");
        jw_int(w, y->tasks);
        jw_obj_end(w);
}

/* {"unit": …} with status, or 503 when the unit cannot be read back. */
static void reply_unit(struct req *r, int status, const char *code)
{
        struct outcome rd = {0};
        struct unit u;
        if (!app_unit(&r->app, code, &u, &rd)) {
                reply_error(r, 503, "数据库繁忙，请稍后重试");
                return;
        }
        struct jsonw w;
        api_begin(r, status, &w);
        jw_key(&w, "unit");
        api_unit(&w, &u);
        jw_obj_end(&w);
}

/* {"user": …[, "one_time_password": secret]} with status. */
static void reply_user(struct req *r, int status, int64_t id, const char *secret)
{
        struct outcome rd = {0};
        struct user u;
        if (!app_user(&r->app, id, &u, &rd)) {
                reply_error(r, 503, "数据库繁忙，请稍后重试");
                return;
        }
        struct jsonw w;
        api_begin(r, status, &w);
        jw_key(&w, "user");
        api_user(&w, &u);
        if (secret) {
                jw_key(&w, "one_time_password");
                jw_str(&w, secret);
        }
        jw_obj_end(&w);
}

/* ---- units ------------------------------------------------------------------------- */

/* The page and total of a found list. */
static void list_found_json(struct jsonw *w, const struct list_found *f)
{
        jw_key(w, "total");
        jw_int(w, f->total);
        jw_key(w, "page");
        jw_int(w, f->page);
        jw_key(w, "pages");
        jw_int(w, f->pages);
}

void api_units(struct req *r)
{
        struct outcome out = {0};
        struct list_input in = {req_param(r, "q"), req_param(r, "page")};
        struct unit *units;
        struct list_found found;
        if (!app_units_find(&r->app, &in, &units, &found, &out)) {
                api_fail(r, &out);
                return;
        }
        struct jsonw w;
        api_begin(r, 200, &w);
        list_found_json(&w, &found);
        jw_key(&w, "units");
        jw_arr_begin(&w);
        for (size_t i = 0; i < found.n; i++)
                api_unit(&w, &units[i]);
        jw_arr_end(&w);
        jw_obj_end(&w);
}

void api_unit_create(struct req *r)
{
        struct outcome out = {0};
        const char *code = req_field(r, "code");
        if (!app_unit_create(&r->app, code, req_field(r, "name"), &out)) {
                api_fail(r, &out);
                return;
        }
        reply_unit(r, web_status(out.status), code);
}

void api_unit_update(struct req *r)
{
        struct outcome rd = {0};
        struct outcome out = {0};
        bool disabled;
        const char *code = r->path_args[0];
        struct unit stored;
        if (!app_unit(&r->app, code, &stored, &rd))
                stored.disabled = false; /* the operation answers 404 */
        if (!flag(r, "disabled", stored.disabled, &disabled, &out) ||
            !app_unit_update(&r->app, code, req_field(r, "version"), req_field(r, "name"), disabled,
                            &out)) {
                api_fail(r, &out);
                return;
        }
        reply_unit(r, web_status(out.status), code);
}

/* ---- accounts ------------------------------------------------------------------------ */

void api_users(struct req *r)
{
        struct outcome out = {0};
        struct list_input in = {req_param(r, "q"), req_param(r, "page")};
        struct user *users;
        struct list_found found;
        if (!app_users_find(&r->app, &in, &users, &found, &out)) {
                api_fail(r, &out);
                return;
        }
        struct jsonw w;
        api_begin(r, 200, &w);
        list_found_json(&w, &found);
        jw_key(&w, "users");
        jw_arr_begin(&w);
        for (size_t i = 0; i < found.n; i++)
                api_user(&w, &users[i]);
        jw_arr_end(&w);
        jw_obj_end(&w);
}

void api_user_create(struct req *r)
{
        struct outcome out = {0};
        if (!app_user_create(&r->app, req_field(r, "phone"), req_field(r, "name"),
                            req_field(r, "unit_code"), req_field(r, "role"), &out)) {
                api_fail(r, &out);
                return;
        }
        reply_user(r, web_status(out.status), out.id, out.secret);
}

void api_user_update(struct req *r)
{
        struct outcome rd = {0};
        int64_t id = req_arg_id(r, 0);
        if (!id) {
                reply_error(r, 404, "账号不存在");
                return;
        }
        struct outcome out = {0};
        bool disabled;
        struct user stored;
        if (!app_user(&r->app, id, &stored, &rd))
                stored.disabled = false; /* the operation answers 404 */
        if (!flag(r, "disabled", stored.disabled, &disabled, &out) ||
            !app_user_update(&r->app, id, req_field(r, "version"), req_field(r, "name"),
                            req_field(r, "unit_code"), req_field(r, "role"), disabled, &out)) {
                api_fail(r, &out);
                return;
        }
        reply_user(r, web_status(out.status), id, NULL);
}

void api_user_reset(struct req *r)
{
        int64_t id = req_arg_id(r, 0);
        if (!id) {
                reply_error(r, 404, "账号不存在");
                return;
        }
        struct outcome out = {0};
        if (!app_user_reset(&r->app, id, &out)) {
                api_fail(r, &out);
                return;
        }
        reply_user(r, web_status(out.status), id, out.secret);
}

/* ---- fiscal years, goals, tasks -------------------------------------------------------- */

void api_years(struct req *r)
{
        struct outcome rd = {0};
        struct year *years;
        size_t n;
        if (!app_years(&r->app, &years, &n, &rd)) {
                reply_error(r, 503, "读取年度失败，请稍后重试");
                return;
        }
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "years");
        jw_arr_begin(&w);
        for (size_t i = 0; i < n; i++)
                year_json(&w, &years[i]);
        jw_arr_end(&w);
        jw_obj_end(&w);
}

void api_year_create(struct req *r)
{
        struct outcome rd = {0};
        struct outcome out = {0};
        struct year y;
        if (!app_year_create(&r->app, req_field(r, "year"), req_field(r, "scheme"), &out)) {
                api_fail(r, &out);
                return;
        }
        if (!app_year(&r->app, out.id, &y, &rd)) {
                reply_error(r, 503, "数据库繁忙，请稍后重试");
                return;
        }
        struct jsonw w;
        api_begin(r, web_status(out.status), &w);
        jw_key(&w, "year");
        year_json(&w, &y);
        jw_obj_end(&w);
}

void api_year_issue(struct req *r)
{
        int64_t year = req_arg_id(r, 0);
        if (!year) {
                reply_error(r, 404, "该年度不存在，请先设置年度");
                return;
        }
        struct outcome out = {0};
        if (!app_year_issue(&r->app, year, &out)) {
                api_fail(r, &out);
                return;
        }
        struct jsonw w;
        api_begin(r, web_status(out.status), &w);
        jw_key(&w, "issued");
        jw_int(&w, (int64_t)out.count);
        jw_obj_end(&w);
}

void api_goals_import(struct req *r)
{
        struct outcome rd = {0};
        int64_t year = req_arg_id(r, 0);
        if (!year) {
                reply_error(r, 404, "该年度不存在，请先设置年度");
                return;
        }
        struct outcome out = {0};
        if (!app_goals_import(&r->app, year, r->body, r->body_len, &out)) {
                api_fail(r, &out);
                return;
        }
        struct unit u;
        if (!app_unit_by_id(&r->app, out.id, &u, &rd)) {
                reply_error(r, 503, "数据库繁忙，请稍后重试");
                return;
        }
        struct jsonw w;
        api_begin(r, web_status(out.status), &w);
        jw_key(&w, "year");
        jw_int(&w, year);
        jw_key(&w, "unit");
        api_unit(&w, &u);
        jw_obj_end(&w);
}

/* ---- audit log -------------------------------------------------------------------------- */

void api_audit(struct req *r)
{
        struct outcome out = {0};
        int64_t before, limit;
        if (!count_param(r, "before", "审计记录编号", 0, &before, &out) ||
            !count_param(r, "limit", "最多 500", AUDIT_DEFAULT, &limit, &out)) {
                api_fail(r, &out);
                return;
        }
        if (limit > AUDIT_MAX)
                limit = AUDIT_MAX;
        struct audit_entry *e;
        size_t n;
        if (store_audit_list(r->db, r->arena, before, (size_t)limit, &e, &n) != STORE_OK) {
                reply_error(r, 503, "读取审计日志失败，请稍后重试");
                return;
        }
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "entries");
        jw_arr_begin(&w);
        for (size_t i = 0; i < n; i++) {
                jw_obj_begin(&w);
                jw_key(&w, "id");
                jw_int(&w, e[i].id);
                jw_key(&w, "at");
                jw_int(&w, e[i].at);
                jw_key(&w, "actor");
                jw_str(&w, e[i].actor);
                jw_key(&w, "ip");
                jw_str(&w, e[i].ip);
                jw_key(&w, "action");
                jw_str(&w, e[i].action);
                jw_key(&w, "target");
                jw_str(&w, e[i].target);
                jw_key(&w, "detail");
                jw_str(&w, e[i].detail);
                jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
}
