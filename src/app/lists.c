/* Reading what the actor may see (see lists.h). */
#include "lists.h"

#include <stdlib.h>
#include <string.h>

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

/* The page of the list in the store's terms, from what was typed. */
static bool page_of(const struct list_input *in, struct store_page *p, int64_t *page,
                    struct outcome *out)
{
        p->search = in->search && *in->search ? in->search : NULL;
        if (p->search && strlen(p->search) > 100)
                return app_fail(out, APP_INVALID, "search", "查找内容过长：最多 100 个字节");
        *page = 1;
        if (in->page && *in->page) {
                size_t n = strlen(in->page);
                if (n > 6 || strspn(in->page, "0123456789") != n || atoll(in->page) < 1)
                        return app_fail(out, APP_INVALID, "page", "页码应为正整数");
                *page = atoll(in->page);
        }
        p->limit = LIST_PAGE_SIZE;
        p->offset = (*page - 1) * LIST_PAGE_SIZE;
        return true;
}

static void found_of(int64_t page, int64_t total, size_t n, struct list_found *f)
{
        *f = (struct list_found){page, (total + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE, total, n};
}

bool app_units_find(struct app *a, const struct list_input *in, struct unit **units,
                    struct list_found *found, struct outcome *out)
{
        struct store_page p;
        int64_t page, total;
        size_t n;
        if (!page_of(in, &p, &page, out) ||
            !read_rc(store_units_find(a->db, a->arena, &a->scope, &p, units, &n, &total), NULL,
                     out))
                return false;
        found_of(page, total, n, found);
        return true;
}

bool app_users_find(struct app *a, const struct list_input *in, struct user **users,
                    struct list_found *found, struct outcome *out)
{
        struct store_page p;
        int64_t page, total;
        size_t n;
        if (!page_of(in, &p, &page, out) ||
            !read_rc(store_users_find(a->db, a->arena, &a->scope, &p, users, &n, &total), NULL,
                     out))
                return false;
        found_of(page, total, n, found);
        return true;
}

bool app_supervising_units(struct app *a, struct unit **units, size_t *n, struct outcome *out)
{
        return read_rc(store_supervising_units(a->db, a->arena, &a->scope, units, n), NULL, out);
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
