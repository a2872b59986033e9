/* What every operation shares (see app.h): the command line's context,
 * failures, versions, the end of a transaction and the audit entry. */
#include "app.h"

#include "../store/db.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char app_busy[] = "数据库繁忙，请稍后重试";

void app_local_begin(struct app *a, struct db *db, const char *name)
{
        memset(a, 0, sizeof(*a));
        a->db = db;
        a->arena = arena_new();
        a->now = (int64_t)time(NULL);
        a->system_actor = name;
        a->ip = "local";
        a->scope.all = true;
        a->session_max = 12 * 3600;
}

void app_local_end(struct app *a)
{
        arena_free(a->arena);
        a->arena = NULL;
}

bool app_fail(struct outcome *out, enum app_status status, const char *field, const char *error)
{
        out->status = status;
        out->field = field;
        out->error = error;
        return false;
}

bool app_abort(struct app *a, struct outcome *out, enum app_status status, const char *field,
               const char *error)
{
        db_rollback(a->db);
        return app_fail(out, status, field, error);
}

bool app_commit(struct app *a, struct outcome *out, enum app_status status)
{
        if (db_commit(a->db) != DB_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        out->status = status;
        return true;
}

bool app_version(const char *s, int64_t *v, struct outcome *out)
{
        if (!s)
                return app_fail(out, APP_INVALID, "version",
                                "缺少版本号（version），请刷新页面后重试");
        if (strlen(s) > 15 || strspn(s, "0123456789") != strlen(s) ||
            (*v = strtoll(s, NULL, 10)) <= 0)
                return app_fail(out, APP_INVALID, "version",
                                "版本号（version）应为正整数，请刷新页面后重试");
        return true;
}

const char *app_printf(struct app *a, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        const char *s = arena_vprintf(a->arena, fmt, ap);
        va_end(ap);
        return s;
}

int64_t app_actor_id(const struct app *a)
{
        return a->actor ? a->actor->id : 0;
}

enum store_rc app_audit(struct app *a, const char *action, const char *target, const char *detail)
{
        struct audit_entry e = {
            .at = a->now, .ip = a->ip, .action = action, .target = target, .detail = detail};
        if (a->actor) {
                e.user_id = a->actor->id;
                e.actor = app_printf(a, "%s %s", a->actor->phone, a->actor->name);
        } else {
                e.actor = a->system_actor ? a->system_actor : "-";
        }
        return store_audit(a->db, &e);
}

const char *app_time_text(struct arena *arena, int64_t t)
{
        time_t local = (time_t)(t + 8 * 3600); /* China Standard Time, no daylight saving */
        struct tm tm;
        gmtime_r(&local, &tm);
        char s[32];
        strftime(s, sizeof s, "%Y-%m-%d %H:%M", &tm);
        return arena_strdup(arena, s);
}
