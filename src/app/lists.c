/* Reading what the actor may see (see lists.h). */
#include "lists.h"

/* The outcome of a read: APP_NOT_FOUND with what for a missing row. */
static bool read_rc(enum store_rc rc, const char *what, struct outcome *out)
{
        if (rc == STORE_OK) {
                out->status = APP_OK;
                return true;
        }
        if (rc == STORE_NOT_FOUND)
                return app_fail(out, APP_NOT_FOUND, NULL, what);
        return app_fail(out, APP_UNAVAILABLE, NULL, "读取数据失败，请稍后重试");
}

bool app_units(struct app *a, struct unit **units, size_t *n, struct outcome *out)
{
        return read_rc(store_units(a->db, a->arena, &a->scope, units, n), NULL, out);
}

bool app_all_units(struct app *a, struct unit **units, size_t *n, struct outcome *out)
{
        struct scope all = {.all = true};
        return read_rc(store_units(a->db, a->arena, &all, units, n), NULL, out);
}

bool app_unit(struct app *a, const char *code, struct unit *u, struct outcome *out)
{
        enum store_rc rc = store_unit_by_code(a->db, a->arena, code, u);
        if (rc == STORE_OK && !scope_has_unit(a->db, &a->scope, u->id))
                rc = STORE_NOT_FOUND;
        return read_rc(rc, "单位不存在或无权查看", out);
}

bool app_unit_by_id(struct app *a, int64_t id, struct unit *u, struct outcome *out)
{
        enum store_rc rc = store_unit_by_id(a->db, a->arena, id, u);
        if (rc == STORE_OK && !scope_has_unit(a->db, &a->scope, u->id))
                rc = STORE_NOT_FOUND;
        return read_rc(rc, "单位不存在或无权查看", out);
}

bool app_users(struct app *a, struct user **users, size_t *n, struct outcome *out)
{
        return read_rc(store_users(a->db, a->arena, &a->scope, users, n), NULL, out);
}

bool app_user(struct app *a, int64_t id, struct user *u, struct outcome *out)
{
        enum store_rc rc = id > 0 ? store_user_by_id(a->db, a->arena, id, u) : STORE_NOT_FOUND;
        return read_rc(rc, "账号不存在", out);
}

bool app_years(struct app *a, struct year **years, size_t *n, struct outcome *out)
{
        return read_rc(store_years(a->db, a->arena, years, n), NULL, out);
}

bool app_year(struct app *a, int64_t year, struct year *y, struct outcome *out)
{
        return read_rc(store_year_get(a->db, a->arena, year, y), "该年度不存在，请先设置年度",
                       out);
}

bool app_audit_entries(struct app *a, int64_t before_id, size_t limit, struct audit_entry **e,
                       size_t *n, struct outcome *out)
{
        return read_rc(store_audit_list(a->db, a->arena, before_id, limit, e, n), NULL, out);
}

bool app_task_events(struct app *a, const struct task *t, struct task_event **e, size_t *n,
                     struct outcome *out)
{
        return read_rc(store_task_events(a->db, a->arena, t->id, e, n), NULL, out);
}

bool app_task_files(struct app *a, const struct task *t, struct stored_file **f, size_t *n,
                    struct outcome *out)
{
        return read_rc(store_files(a->db, a->arena, t->id, f, n), NULL, out);
}

bool app_task_file(struct app *a, const struct task *t, int64_t id, struct stored_file *f,
                   struct outcome *out)
{
        enum store_rc rc = id > 0 ? store_file_get(a->db, a->arena, t->id, id, f) : STORE_NOT_FOUND;
        return read_rc(rc, "附件不存在或已被删除", out);
}
