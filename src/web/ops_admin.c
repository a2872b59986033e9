/* Administration: units, accounts, fiscal years, declared goals and the
 * issuing of self-evaluation tasks (see ops.h). Every operation checks its
 * input with a message that names the field and the rule, writes in one
 * transaction and records an audit entry. */
#include "ops.h"
#include "tasks.h"

#include "../auth/auth.h"
#include "../doc/doc_io.h"
#include "../engine/scheme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool six_digits(const char *s)
{
        return s && strlen(s) == 6 && strspn(s, "0123456789") == 6;
}

static bool parse_version(const char *s, int64_t *out)
{
        if (!s || !*s || strlen(s) > 15 || strspn(s, "0123456789") != strlen(s))
                return false;
        *out = strtoll(s, NULL, 10);
        return *out > 0;
}

static bool finish(struct req *r, struct op *out, int status)
{
        if (db_commit(r->db) != DB_OK)
                return op_fail(out, 503, NULL, "数据库繁忙，请稍后重试");
        out->status = status;
        return true;
}

static bool abort_with(struct req *r, struct op *out, int status, const char *field,
                       const char *error)
{
        db_rollback(r->db);
        return op_fail(out, status, field, error);
}

/* ---- units ------------------------------------------------------------------------- */

static const char *check_unit_name(const char *name)
{
        if (!name)
                return "请填写单位名称";
        if (strlen(name) > 200)
                return "单位名称过长（最多 200 个字节）";
        return NULL;
}

bool op_unit_create(struct req *r, const char *code, const char *name, struct op *out)
{
        if (!six_digits(code))
                return op_fail(
                    out, 400, "code",
                    "单位编码应为 6 位数字：前三位为部门，后三位为单位（001 为主管部门）");
        const char *why = check_unit_name(name);
        if (why)
                return op_fail(out, 400, "name", why);
        struct unit parent;
        if (!unit_is_supervising(code)) {
                char parent_code[7];
                memcpy(parent_code, code, 3);
                memcpy(parent_code + 3, "001", 4);
                if (store_unit_by_code(r->db, r->arena, parent_code, &parent) != STORE_OK)
                        return op_fail(
                            out, 400, "code",
                            req_printf(r, "单位 %s 的主管部门 %s 尚未建立，请先添加主管部门", code,
                                       parent_code));
        }
        db_begin(r->db, DB_HERE);
        enum store_rc rc = store_unit_insert(r->db, code, name, r->now, &out->id);
        if (rc == STORE_DUPLICATE)
                return abort_with(r, out, 409, "code", req_printf(r, "单位编码 %s 已存在", code));
        if (rc != STORE_OK)
                return abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        req_audit(r, "unit.create", code, name);
        return finish(r, out, 201);
}

bool op_unit_update(struct req *r, const char *code, const char *version, const char *name,
                    bool disabled, struct op *out)
{
        struct unit u;
        int64_t v;
        if (!six_digits(code) || store_unit_by_code(r->db, r->arena, code, &u) != STORE_OK)
                return op_fail(out, 404, "code", "单位不存在");
        if (!parse_version(version, &v))
                return op_fail(out, 400, "version", "缺少版本号（version），请刷新页面后重试");
        const char *why = check_unit_name(name);
        if (why)
                return op_fail(out, 400, "name", why);
        db_begin(r->db, DB_HERE);
        enum store_rc rc = store_unit_update(r->db, u.id, v, name, disabled, r->now);
        if (rc == STORE_CONFLICT)
                return abort_with(
                    r, out, 409, "version",
                    req_printf(
                        r, "单位 %s 已被他人修改（当前名称“%s”），请刷新页面查看最新内容后再修改",
                        code, u.name));
        if (rc != STORE_OK)
                return abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        req_audit(r, disabled && !u.disabled ? "unit.disable" : "unit.update", code,
                  strcmp(u.name, name) ? req_printf(r, "名称：%s → %s", u.name, name) : NULL);
        out->id = u.id;
        return finish(r, out, 200);
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

/* Resolve the post and unit of an account. A unit must be enabled unless
 * it is the account's current one (keep_unit_id). On failure sets out and
 * returns false. */
static bool check_post(struct req *r, const char *role_name_s, const char *unit_code,
                       int64_t keep_unit_id, enum role *role, int64_t *unit_id, struct op *out)
{
        *role = role_parse(role_name_s);
        if (!*role)
                return op_fail(
                    out, 400, "role",
                    "请选择岗位：经办岗（preparer）、审核岗（reviewer）、财政绩效经办（finance）或系统管理员（admin）");
        *unit_id = 0;
        bool unit_post = *role == ROLE_PREPARER || *role == ROLE_REVIEWER;
        if (!unit_post)
                return unit_code ? op_fail(out, 400, "unit",
                                           "财政绩效经办和系统管理员不属于预算单位，请不要选择单位")
                                 : true;
        struct unit u;
        if (!unit_code)
                return op_fail(out, 400, "unit", "经办岗和审核岗须选择所属单位");
        if (store_unit_by_code(r->db, r->arena, unit_code, &u) != STORE_OK)
                return op_fail(out, 400, "unit", req_printf(r, "单位 %s 不存在", unit_code));
        if (u.disabled && u.id != keep_unit_id)
                return op_fail(out, 400, "unit", req_printf(r, "单位 %s 已停用", unit_code));
        *unit_id = u.id;
        return true;
}

bool op_user_create(struct req *r, const char *phone, const char *name, const char *unit_code,
                    const char *role, struct op *out)
{
        const char *why = check_phone(phone);
        if (why)
                return op_fail(out, 400, "phone", why);
        if (!name || strlen(name) > 100)
                return op_fail(out, 400, "name",
                               name ? "姓名过长（最多 100 个字节）" : "请填写姓名");
        struct user u = {.phone = phone, .name = name};
        if (!check_post(r, role, unit_code, 0, &u.role, &u.unit_id, out))
                return false;
        char otp[OTP_CHARS + 1], hash[PASSWORD_HASH_MAX];
        password_generate(otp);
        if (!password_hash(otp, hash))
                return op_fail(out, 500, NULL, "密码加密失败，请重试");
        db_begin(r->db, DB_HERE);
        enum store_rc rc = store_user_insert(r->db, &u, hash, r->now, &out->id);
        if (rc == STORE_DUPLICATE)
                return abort_with(r, out, 409, "phone",
                                  req_printf(r, "手机号 %s 已被其他账号使用", phone));
        if (rc != STORE_OK)
                return abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        req_audit(r, "user.create", phone,
                  req_printf(r, "%s，%s%s%s", name, role_label(u.role), unit_code ? "，" : "",
                             unit_code ? unit_code : ""));
        out->secret = arena_strdup(r->arena, otp);
        return finish(r, out, 201);
}

bool op_user_update(struct req *r, int64_t id, const char *version, const char *name,
                    const char *unit_code, const char *role, bool disabled, struct op *out)
{
        struct user old;
        int64_t v;
        if (!id || store_user_by_id(r->db, r->arena, id, &old) != STORE_OK)
                return op_fail(out, 404, NULL, "账号不存在");
        if (!parse_version(version, &v))
                return op_fail(out, 400, "version", "缺少版本号（version），请刷新页面后重试");
        if (!name || strlen(name) > 100)
                return op_fail(out, 400, "name",
                               name ? "姓名过长（最多 100 个字节）" : "请填写姓名");
        enum role new_role;
        int64_t unit_id;
        if (!check_post(r, role, unit_code, old.unit_id, &new_role, &unit_id, out))
                return false;
        if (id == r->session.user.id && (disabled || new_role != ROLE_ADMIN))
                return op_fail(out, 400, "role", "不能停用自己的账号或取消自己的管理员岗位");
        db_begin(r->db, DB_HERE);
        enum store_rc rc =
            store_user_update(r->db, id, v, name, unit_id, new_role, disabled, r->now);
        if (rc == STORE_CONFLICT)
                return abort_with(r, out, 409, "version",
                                  "该账号已被他人修改，请刷新页面查看最新内容后再修改");
        if (rc != STORE_OK)
                return abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        req_audit(r, disabled && !old.disabled ? "user.disable" : "user.update", old.phone,
                  req_printf(r, "%s，%s%s%s", name, role_label(new_role), unit_code ? "，" : "",
                             unit_code ? unit_code : ""));
        out->id = id;
        return finish(r, out, 200);
}

bool op_user_reset(struct req *r, int64_t id, struct op *out)
{
        struct user u;
        if (!id || store_user_by_id(r->db, r->arena, id, &u) != STORE_OK)
                return op_fail(out, 404, NULL, "账号不存在");
        char otp[OTP_CHARS + 1], hash[PASSWORD_HASH_MAX];
        password_generate(otp);
        if (!password_hash(otp, hash))
                return op_fail(out, 500, NULL, "密码加密失败，请重试");
        db_begin(r->db, DB_HERE);
        if (store_user_set_password(r->db, id, hash, true, r->now) != STORE_OK)
                return abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        req_audit(r, "user.reset", u.phone, "重置为一次性密码");
        out->id = id;
        out->secret = arena_strdup(r->arena, otp);
        return finish(r, out, 200);
}

/* ---- fiscal years, goals, tasks -------------------------------------------------------- */

bool op_year_create(struct req *r, const char *year, const char *scheme, struct op *out)
{
        char *end = NULL;
        long y = year ? strtol(year, &end, 10) : 0;
        if (!year || *end || y < 2000 || y > 2100)
                return op_fail(out, 400, "year", "年度应为 2000 到 2100 之间的四位数字");
        if (!scheme)
                scheme = "national";
        bool known = false;
        for (size_t i = 0; scheme_builtin_names[i] && !known; i++)
                known = strcmp(scheme, scheme_builtin_names[i]) == 0;
        if (!known)
                return op_fail(
                    out, 400, "scheme",
                    req_printf(r,
                               "评分方案“%s”不存在（内置方案：national、shenzhen、henan、urumqi）",
                               scheme));
        db_begin(r->db, DB_HERE);
        enum store_rc rc = store_year_insert(r->db, y, scheme, r->now);
        if (rc == STORE_DUPLICATE)
                return abort_with(r, out, 409, "year", req_printf(r, "%ld 年度已存在", y));
        if (rc != STORE_OK)
                return abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        req_audit(r, "year.create", req_printf(r, "%ld", y), scheme);
        out->id = y;
        return finish(r, out, 201);
}

bool op_goals_import(struct req *r, int64_t year, const char *json, size_t len, struct op *out)
{
        struct year y;
        if (store_year_get(r->db, r->arena, year, &y) != STORE_OK)
                return op_fail(out, 404, "year", "该年度不存在，请先设置年度");
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(json, len, &errs);
        if (!d) {
                char *line = diag_line(&errs.items[0]);
                const char *msg = req_printf(r, "绩效目标文件有误：%s%s", line,
                                             diags_count(&errs) > 1 ? "（等）" : "");
                free(line);
                diags_free(&errs);
                return op_fail(out, 400, "document", msg);
        }
        diags_free(&errs);
        struct unit u;
        bool ok = true;
        if (d->fiscal_year != year)
                ok = op_fail(out, 400, "document",
                             req_printf(r, "文件的年度为 %lld，与导入的年度 %lld 不符",
                                        (long long)d->fiscal_year, (long long)year));
        else if (store_unit_by_code(r->db, r->arena, d->unit.code, &u) != STORE_OK)
                ok = op_fail(out, 400, "document",
                             req_printf(r, "文件中的单位 %s 不存在", d->unit.code));
        if (ok) {
                struct buf canonical = BUF_INIT;
                doc_write(d, &canonical);
                db_begin(r->db, DB_HERE);
                if (store_declaration_put(r->db, u.id, year, buf_str(&canonical), r->now) !=
                    STORE_OK) {
                        ok = abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
                } else {
                        req_audit(r, "goals.import", d->unit.code,
                                  req_printf(r, "%lld 年度", (long long)year));
                        out->id = u.id;
                        ok = finish(r, out, 200);
                }
                buf_free(&canonical);
        }
        doc_free(d);
        return ok;
}

bool op_year_issue(struct req *r, int64_t year, struct op *out)
{
        struct year y;
        if (store_year_get(r->db, r->arena, year, &y) != STORE_OK)
                return op_fail(out, 404, "year", "该年度不存在，请先设置年度");
        const struct scheme *s = scheme_builtin(y.scheme);
        if (!s)
                return op_fail(out, 500, "scheme", "该年度的评分方案无法加载");
        struct unit *units;
        size_t n;
        struct scope all = {.all = true};
        if (store_units(r->db, r->arena, &all, &units, &n) != STORE_OK) {
                return op_fail(out, 503, NULL, "数据库繁忙，请稍后重试");
        }
        struct task *existing;
        size_t n_existing;
        struct task_filter f = {.year = year};
        store_tasks(r->db, r->arena, &all, &f, &existing, &n_existing);
        db_begin(r->db, DB_HERE);
        out->count = 0;
        bool ok = true;
        for (size_t i = 0; i < n && ok; i++) {
                bool has = units[i].disabled;
                for (size_t k = 0; k < n_existing && !has; k++)
                        has = existing[k].unit_id == units[i].id;
                if (has)
                        continue;
                const char *declared = NULL;
                store_declaration_get(r->db, r->arena, units[i].id, year, &declared);
                struct task t = {.unit_id = units[i].id, .year = year, .status = "draft"};
                if (!task_new_document(r, s, &units[i], year, declared, &t)) {
                        ok = abort_with(r, out, 400, "document",
                                        req_printf(r, "单位 %s 的绩效目标文件无法使用，请重新导入",
                                                   units[i].code));
                        break;
                }
                if (store_task_insert(r->db, &t, r->now, NULL) != STORE_OK)
                        ok = abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
                else
                        out->count++;
        }
        if (!ok)
                return false;
        req_audit(r, "year.issue", req_printf(r, "%lld", (long long)year),
                  req_printf(r, "下达 %zu 个自评任务", out->count));
        return finish(r, out, 200);
}
