/* What every operation shares (see ops.h): failures, versions, and the
 * end of its transaction. */
#include "ops.h"

#include <stdlib.h>
#include <string.h>

bool op_fail(struct op *out, int status, const char *field, const char *error)
{
        out->status = status;
        out->field = field;
        out->error = error;
        return false;
}

bool op_version(const char *s, int64_t *v, struct op *out)
{
        if (!s)
                return op_fail(out, 400, "version", "缺少版本号（version），请刷新页面后重试");
        if (strlen(s) > 15 || strspn(s, "0123456789") != strlen(s) ||
            (*v = strtoll(s, NULL, 10)) <= 0)
                return op_fail(out, 400, "version",
                               "版本号（version）应为正整数，请刷新页面后重试");
        return true;
}

bool op_commit(struct req *r, struct op *out, int status)
{
        if (db_commit(r->db) != DB_OK)
                return op_fail(out, 503, NULL, "数据库繁忙，请稍后重试");
        out->status = status;
        return true;
}

bool op_abort(struct req *r, struct op *out, int status, const char *field, const char *error)
{
        db_rollback(r->db);
        return op_fail(out, status, field, error);
}
