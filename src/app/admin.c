/* Administration: units, accounts, fiscal years, declared goals and the
 * issuing of self-evaluation tasks (see admin.h). Every operation checks
 * its input with a message that names the field and the rule, writes in
 * one transaction and records an audit entry. */
#include "admin.h"
#include "loaded.h"
#include "tasks.h"

#include "../auth/auth.h"
#include "../doc/doc_io.h"
#include "../engine/scheme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Why code is not a unit code (6 ASCII digits), or NULL when it is one. */
static const char *check_unit_code(struct app *a, const char *code)
{
        static const char rule[] = "前三位为部门，后三位为单位（001 为主管部门）";
        if (!code)
                return app_printf(a, "请填写单位编码：6 位数字，%s", rule);
        if (strspn(code, "0123456789") != strlen(code))
                return app_printf(a, "单位编码只能由数字 0–9 组成，应为 6 位数字，%s", rule);
        if (strlen(code) != 6)
                return app_printf(a, "单位编码应为 6 位数字（现为 %zu 位），%s", strlen(code),
                                  rule);
        return NULL;
}

/* The number of characters (code points) of the UTF-8 text s. */
static size_t chars(const char *s)
{
        size_t n = 0;
        for (; *s; s++)
                n += ((unsigned char)*s & 0xC0) != 0x80;
        return n;
}

/* Why a required name is missing or too long (at most max characters),
 * or NULL; what names it in the message (单位名称, 姓名). */
static const char *check_name(struct app *a, const char *what, const char *name, size_t max)
{
        if (!name)
                return app_printf(a, "请填写%s", what);
        size_t n = chars(name);
        if (n > max)
                return app_printf(a, "%s过长：最多 %zu 个字，现有 %zu 个字", what, max, n);
        return NULL;
}

/* ---- units ------------------------------------------------------------------------- */

enum { UNIT_NAME_MAX = 200, USER_NAME_MAX = 100 }; /* characters */

/* The code rule of the supervising/subordinate relation (DOMAIN.md): a
 * unit xxxNNN other than xxx001 is a subordinate unit of xxx001, and an
 * enabled subordinate unit always has an enabled supervising unit. */

/* Check that the subordinate unit code may be created or enabled: its
 * supervising unit exists and is enabled. A supervising unit passes.
 * False with out set (on field). */
static bool check_supervisor(struct app *a, const char *code, const char *field, struct outcome *out)
{
        if (unit_is_supervising(code))
                return true;
        char parent_code[7];
        memcpy(parent_code, code, 3);
        memcpy(parent_code + 3, "001", 4);
        struct unit parent;
        enum store_rc rc = store_unit_by_code(a->db, a->arena, parent_code, &parent);
        if (rc == STORE_NOT_FOUND)
                return app_fail(out, APP_INVALID, field,
                               app_printf(a,
                                          "单位 %s 是二级机构，其主管部门 %s 尚未建立，"
                                          "请先添加主管部门",
                                          code, parent_code));
        if (rc != STORE_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        if (parent.disabled)
                return app_fail(out, APP_INVALID, field,
                               app_printf(a, "单位 %s 的主管部门 %s 已停用，请先启用主管部门", code,
                                          parent_code));
        return true;
}

/* Check that the supervising unit code may be disabled: none of its
 * subordinate units is enabled. False with out set. */
static bool check_no_enabled_subordinates(struct app *a, const char *code, struct outcome *out)
{
        struct scope department = {.prefix = arena_strndup(a->arena, code, 3)};
        struct unit *units;
        size_t n, enabled = 0;
        if (store_units(a->db, a->arena, &department, &units, &n) != STORE_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        struct buf list = BUF_INIT;
        for (size_t i = 0; i < n; i++)
                if (!units[i].disabled && strcmp(units[i].code, code) != 0 && enabled++ < 3)
                        buf_printf(&list, "%s%s", enabled > 1 ? "、" : "", units[i].code);
        if (enabled)
                app_fail(out, APP_INVALID, "disabled",
                        app_printf(a, "主管部门 %s 下仍有启用的二级机构 %s%s，请先停用其二级机构",
                                   code, buf_str(&list), enabled > 3 ? " 等" : ""));
        buf_free(&list);
        return !enabled;
}

/* Roll back the transaction of a check that failed (out is set). */
static bool undo(struct app *a)
{
        db_rollback(a->db);
        return false;
}

bool app_unit_create(struct app *a, const char *code, const char *name, struct outcome *out)
{
        const char *why = check_unit_code(a, code);
        if (why)
                return app_fail(out, APP_INVALID, "code", why);
        if ((why = check_name(a, "单位名称", name, UNIT_NAME_MAX)))
                return app_fail(out, APP_INVALID, "name", why);
        db_begin(a->db, DB_HERE);
        struct unit same;
        if (store_unit_by_code(a->db, a->arena, code, &same) == STORE_OK)
                return app_abort(a, out, APP_CONFLICT, "code", app_printf(a, "单位编码 %s 已存在", code));
        if (!check_supervisor(a, code, "code", out))
                return undo(a);
        enum store_rc rc = store_unit_insert(a->db, code, name, a->now, &out->id);
        if (rc == STORE_DUPLICATE)
                return app_abort(a, out, APP_CONFLICT, "code", app_printf(a, "单位编码 %s 已存在", code));
        if (rc != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        app_audit(a, "unit.create", code, name);
        return app_commit(a, out, APP_CREATED);
}

/* Refuse an update based on an older version of u (409). */
static bool unit_changed(struct app *a, const struct unit *u, struct outcome *out)
{
        return app_abort(
            a, out, APP_CONFLICT, "version",
            app_printf(a, "单位 %s 已被他人修改（当前名称“%s”），请刷新页面查看最新内容后再修改",
                       u->code, u->name));
}

bool app_unit_update(struct app *a, const char *code, const char *version, const char *name,
                    bool disabled, struct outcome *out)
{
        int64_t v;
        if (!app_version(version, &v, out))
                return false;
        const char *why = check_name(a, "单位名称", name, UNIT_NAME_MAX);
        if (why)
                return app_fail(out, APP_INVALID, "name", why);
        db_begin(a->db, DB_HERE);
        struct unit u;
        enum store_rc rc = store_unit_by_code(a->db, a->arena, code, &u);
        if (rc == STORE_NOT_FOUND)
                return app_abort(a, out, APP_NOT_FOUND, "code", app_printf(a, "单位 %s 不存在", code));
        if (rc != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        if (u.version != v)
                return unit_changed(a, &u, out);
        if (disabled && !u.disabled && unit_is_supervising(code) &&
            !check_no_enabled_subordinates(a, code, out))
                return undo(a);
        if (!disabled && u.disabled && !check_supervisor(a, code, "disabled", out))
                return undo(a);
        rc = store_unit_update(a->db, u.id, v, name, disabled, a->now);
        if (rc == STORE_CONFLICT)
                return unit_changed(a, &u, out);
        if (rc != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        const char *action = disabled == u.disabled ? "unit.update"
                             : disabled             ? "unit.disable"
                                                    : "unit.enable";
        app_audit(a, action, code,
                  strcmp(u.name, name) ? app_printf(a, "名称：%s → %s", u.name, name) : NULL);
        out->id = u.id;
        return app_commit(a, out, APP_OK);
}

/* ---- accounts ------------------------------------------------------------------------ */

static const char *check_phone(const char *phone)
{
        if (!phone)
                return "请填写手机号";
        if (strlen(phone) != 11 || phone[0] != '1' || strspn(phone, "0123456789") != 11)
                return "手机号应为 11 位数字，以 1 开头";
        return NULL;
}

/* Resolve the post and unit of an account: preparers and reviewers
 * belong to a unit, the finance bureau and administrators to none. A unit
 * must be enabled unless it is the account's current one (keep_unit_id).
 * On failure sets out and returns false. */
static bool check_post(struct app *a, const char *role_name_s, const char *unit_code,
                       int64_t keep_unit_id, enum role *role, int64_t *unit_id, struct outcome *out)
{
        *role = role_parse(role_name_s);
        if (!*role)
                return app_fail(
                    out, APP_INVALID, "role",
                    "请选择岗位：经办岗（preparer）、审核岗（reviewer）、财政绩效经办（finance）或系统管理员（admin）");
        *unit_id = 0;
        bool unit_post = *role == ROLE_PREPARER || *role == ROLE_REVIEWER;
        if (!unit_post)
                return unit_code ? app_fail(out, APP_INVALID, "unit_code",
                                           "财政绩效经办和系统管理员不属于预算单位，请不要选择单位")
                                 : true;
        struct unit u;
        if (!unit_code)
                return app_fail(out, APP_INVALID, "unit_code", "经办岗和审核岗须选择所属单位");
        enum store_rc rc = store_unit_by_code(a->db, a->arena, unit_code, &u);
        if (rc == STORE_NOT_FOUND)
                return app_fail(out, APP_INVALID, "unit_code", app_printf(a, "单位 %s 不存在", unit_code));
        if (rc != STORE_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        if (u.disabled && u.id != keep_unit_id)
                return app_fail(out, APP_INVALID, "unit_code",
                               app_printf(a, "单位 %s 已停用，请选择启用的单位", unit_code));
        *unit_id = u.id;
        return true;
}

/* The audit detail of an account: name, post and unit. */
static const char *user_detail(struct app *a, const char *name, enum role role,
                               const char *unit_code)
{
        return app_printf(a, "%s，%s%s%s", name, role_label(role), unit_code ? "，" : "",
                          unit_code ? unit_code : "");
}

bool app_user_create(struct app *a, const char *phone, const char *name, const char *unit_code,
                    const char *role, struct outcome *out)
{
        const char *why = check_phone(phone);
        if (why)
                return app_fail(out, APP_INVALID, "phone", why);
        if ((why = check_name(a, "姓名", name, USER_NAME_MAX)))
                return app_fail(out, APP_INVALID, "name", why);
        struct user u = {.phone = phone, .name = name};
        if (!role_parse(role)) /* the post first, before the slow hash */
                return check_post(a, role, unit_code, 0, &u.role, &u.unit_id, out);
        char otp[OTP_CHARS + 1], hash[PASSWORD_HASH_MAX];
        password_generate(otp);
        if (!password_hash(otp, hash))
                return app_fail(out, APP_FAILED, NULL, "密码加密失败，请重试");
        db_begin(a->db, DB_HERE);
        if (!check_post(a, role, unit_code, 0, &u.role, &u.unit_id, out))
                return undo(a);
        enum store_rc rc = store_user_insert(a->db, &u, hash, a->now, &out->id);
        if (rc == STORE_DUPLICATE)
                return app_abort(a, out, APP_CONFLICT, "phone",
                                app_printf(a, "手机号 %s 已被其他账号使用", phone));
        if (rc != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        app_audit(a, "user.create", phone, user_detail(a, name, u.role, unit_code));
        out->secret = arena_strdup(a->arena, otp);
        return app_commit(a, out, APP_CREATED);
}

bool app_user_update(struct app *a, int64_t id, const char *version, const char *name,
                    const char *unit_code, const char *role, bool disabled, struct outcome *out)
{
        struct user old;
        int64_t v;
        if (!id || store_user_by_id(a->db, a->arena, id, &old) != STORE_OK)
                return app_fail(out, APP_NOT_FOUND, NULL, "账号不存在");
        if (!app_version(version, &v, out))
                return false;
        const char *why = check_name(a, "姓名", name, USER_NAME_MAX);
        if (why)
                return app_fail(out, APP_INVALID, "name", why);
        enum role new_role;
        int64_t unit_id;
        db_begin(a->db, DB_HERE);
        if (!check_post(a, role, unit_code, old.unit_id, &new_role, &unit_id, out))
                return undo(a);
        if (id == app_actor_id(a) && disabled)
                return app_abort(a, out, APP_INVALID, "disabled", "不能停用自己的账号");
        if (id == app_actor_id(a) && new_role != ROLE_ADMIN)
                return app_abort(a, out, APP_INVALID, "role", "不能取消自己的系统管理员岗位");
        enum store_rc rc =
            store_user_update(a->db, id, v, name, unit_id, new_role, disabled, a->now);
        if (rc == STORE_CONFLICT)
                return app_abort(a, out, APP_CONFLICT, "version",
                                "该账号已被他人修改，请刷新页面查看最新内容后再修改");
        if (rc != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        const char *action = disabled == old.disabled ? "user.update"
                             : disabled               ? "user.disable"
                                                      : "user.enable";
        app_audit(a, action, old.phone, user_detail(a, name, new_role, unit_code));
        out->id = id;
        return app_commit(a, out, APP_OK);
}

bool app_user_reset(struct app *a, int64_t id, struct outcome *out)
{
        struct user u;
        if (!id || store_user_by_id(a->db, a->arena, id, &u) != STORE_OK)
                return app_fail(out, APP_NOT_FOUND, NULL, "账号不存在");
        char otp[OTP_CHARS + 1], hash[PASSWORD_HASH_MAX];
        password_generate(otp);
        if (!password_hash(otp, hash))
                return app_fail(out, APP_FAILED, NULL, "密码加密失败，请重试");
        db_begin(a->db, DB_HERE);
        if (store_user_set_password(a->db, id, hash, true, a->now) != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        app_audit(a, "user.reset", u.phone, "重置为一次性密码");
        out->id = id;
        out->secret = arena_strdup(a->arena, otp);
        return app_commit(a, out, APP_OK);
}

/* ---- fiscal years, goals, tasks -------------------------------------------------------- */

/* "2000 to 2100" with exactly four digits; false otherwise. */
static bool parse_year(const char *s, int64_t *year)
{
        if (!s || strlen(s) != 4 || strspn(s, "0123456789") != 4)
                return false;
        *year = strtoll(s, NULL, 10);
        return *year >= 2000 && *year <= 2100;
}

/* The message for a year that is not set up. */
static const char *no_year(struct app *a, int64_t year)
{
        return year > 0 ? app_printf(a, "%lld 年度不存在，请先设置年度", (long long)year)
                        : "该年度不存在，请先设置年度";
}

bool app_year_create(struct app *a, const char *year, const char *scheme, struct outcome *out)
{
        int64_t y;
        if (!parse_year(year, &y))
                return app_fail(out, APP_INVALID, "year", "年度应为 2000 到 2100 之间的四位数字");
        if (!scheme)
                scheme = "national";
        bool known = false;
        struct buf names = BUF_INIT;
        for (size_t i = 0; scheme_builtin_names[i]; i++) {
                known |= strcmp(scheme, scheme_builtin_names[i]) == 0;
                buf_printf(&names, "%s%s", i ? "、" : "", scheme_builtin_names[i]);
        }
        const char *why =
            known ? NULL
                  : app_printf(a, "评分方案“%s”不存在（内置方案：%s）", scheme, buf_str(&names));
        buf_free(&names);
        if (why)
                return app_fail(out, APP_INVALID, "scheme", why);
        db_begin(a->db, DB_HERE);
        enum store_rc rc = store_year_insert(a->db, y, scheme, a->now);
        if (rc == STORE_DUPLICATE)
                return app_abort(a, out, APP_CONFLICT, "year",
                                app_printf(a, "%lld 年度已存在", (long long)y));
        if (rc != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        app_audit(a, "year.create", app_printf(a, "%lld", (long long)y), scheme);
        out->id = y;
        return app_commit(a, out, APP_CREATED);
}
/* Check that the declared goals d belong to a stored unit and to year;
 * sets *u. False with out set. */
static bool check_declaration(struct app *a, const struct doc *d, int64_t year, struct unit *u,
                              struct outcome *out)
{
        if (d->fiscal_year != year)
                return app_fail(out, APP_INVALID, "document",
                               app_printf(a, "文件的年度为 %lld，与导入的年度 %lld 不符",
                                          (long long)d->fiscal_year, (long long)year));
        enum store_rc rc = store_unit_by_code(a->db, a->arena, d->unit.code, u);
        if (rc == STORE_NOT_FOUND)
                return app_fail(out, APP_INVALID, "document",
                               app_printf(a, "文件中的单位 %s 不存在", d->unit.code));
        if (rc != STORE_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        if (strcmp(u->name, d->unit.name) != 0)
                return app_fail(out, APP_INVALID, "document",
                               app_printf(a,
                                          "文件中的单位编码 %s 是“%s”，与文件中的单位名称“%s”"
                                          "不符，请核对单位编码",
                                          u->code, u->name, d->unit.name));
        return true;
}

bool app_goals_import(struct app *a, int64_t year, const char *json, size_t len, struct outcome *out)
{
        struct year y;
        if (store_year_get(a->db, a->arena, year, &y) != STORE_OK)
                return app_fail(out, APP_NOT_FOUND, "year", no_year(a, year));
        size_t blank = 0;
        while (blank < len && memchr(" \t\r\n", json[blank], 4))
                blank++;
        if (blank == len)
                return app_fail(out, APP_INVALID, "document", "请提供绩效目标文件（JSON 文档）");
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(json, len, &errs);
        if (!d) {
                char *line = diag_line(&errs.items[0]);
                const char *msg = app_printf(a, "绩效目标文件有误：%s%s", line,
                                             diags_count(&errs) > 1 ? "（等）" : "");
                free(line);
                diags_free(&errs);
                return app_fail(out, APP_INVALID, "document", msg);
        }
        diags_free(&errs);
        struct unit u;
        bool ok = check_declaration(a, d, year, &u, out);
        if (ok) {
                struct buf canonical = BUF_INIT;
                doc_write(d, &canonical);
                db_begin(a->db, DB_HERE);
                if (store_declaration_put(a->db, u.id, year, buf_str(&canonical), a->now) !=
                    STORE_OK) {
                        ok = app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
                } else {
                        app_audit(a, "goals.import", d->unit.code,
                                  app_printf(a, "%lld 年度", (long long)year));
                        out->id = u.id;
                        ok = app_commit(a, out, APP_OK);
                }
                buf_free(&canonical);
        }
        doc_free(d);
        return ok;
}

bool app_year_issue(struct app *a, int64_t year, struct outcome *out)
{
        struct year y;
        if (store_year_get(a->db, a->arena, year, &y) != STORE_OK)
                return app_fail(out, APP_NOT_FOUND, "year", no_year(a, year));
        const struct scheme *s = scheme_builtin(y.scheme);
        if (!s)
                return app_fail(out, APP_FAILED, "scheme", "该年度的评分方案无法加载");
        /* read and write in one transaction, so two issues cannot both
         * create a unit's task */
        db_begin(a->db, DB_HERE);
        struct unit *units;
        struct task *existing;
        size_t n, n_existing;
        struct scope all = {.all = true};
        struct task_filter f = {.year = year};
        if (store_units(a->db, a->arena, &all, &units, &n) != STORE_OK ||
            store_tasks(a->db, a->arena, &all, &f, &existing, &n_existing) != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        out->count = 0;
        for (size_t i = 0; i < n; i++) {
                bool has = units[i].disabled;
                for (size_t k = 0; k < n_existing && !has; k++)
                        has = existing[k].unit_id == units[i].id;
                if (has)
                        continue;
                const char *declared = NULL;
                struct task t = {.unit_id = units[i].id, .year = year, .status = "draft"};
                if (store_declaration_get(a->db, a->arena, units[i].id, year, &declared) !=
                    STORE_OK)
                        return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
                if (!task_new_document(a, s, &units[i], year, declared, &t))
                        return app_abort(a, out, APP_INVALID, "document",
                                        app_printf(a, "单位 %s 的绩效目标文件无法使用，请重新导入",
                                                   units[i].code));
                if (store_task_insert(a->db, &t, a->now, NULL) != STORE_OK)
                        return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
                out->count++;
        }
        app_audit(a, "year.issue", app_printf(a, "%lld", (long long)year),
                  app_printf(a, "下达 %zu 个自评任务", out->count));
        return app_commit(a, out, APP_OK);
}

bool app_task_from_document(struct app *a, const struct doc *d, struct outcome *out)
{
        struct year y;
        if (store_year_get(a->db, a->arena, d->fiscal_year, &y) != STORE_OK)
                return app_fail(out, APP_NOT_FOUND, "year", no_year(a, d->fiscal_year));
        struct diags errs = DIAGS_INIT;
        struct scheme *owned = NULL;
        const struct scheme *s =
            loaded_scheme(d, d->scheme ? d->scheme : y.scheme, 0, &owned, &errs);
        diags_free(&errs);
        if (!s)
                return app_fail(out, APP_INVALID, "scheme",
                                app_printf(a, "文档的评分方案“%s”不是系统内置的方案",
                                           d->scheme ? d->scheme : y.scheme));
        db_begin(a->db, DB_HERE);
        struct unit u;
        if (!check_declaration(a, d, d->fiscal_year, &u, out))
                return undo(a);
        struct task t = {.unit_id = u.id, .year = d->fiscal_year, .status = "draft", .entered = true};
        struct evaluation *e = engine_evaluate(d, s);
        task_set_document(a, d, e, &t);
        engine_free(e);
        enum store_rc rc = store_task_insert(a->db, &t, a->now, &out->id);
        if (rc == STORE_DUPLICATE)
                return app_abort(a, out, APP_CONFLICT, "document",
                                 app_printf(a, "单位 %s 的 %lld 年度自评任务已存在", u.code,
                                            (long long)d->fiscal_year));
        if (rc != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        app_audit(a, "task.create", u.code,
                  app_printf(a, "%lld 年度，由自评文档建立", (long long)d->fiscal_year));
        return app_commit(a, out, APP_CREATED);
}
