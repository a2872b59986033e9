/* Reading the criteria of 绩效自评查询 (see query.h). */
#include "query.h"

#include "../base/dec.h"
#include "../workflow/workflow.h"

#include <stdlib.h>
#include <string.h>

const char *const query_sort_names[SORT_N] = {
    [SORT_YEAR] = "year",         [SORT_UNIT] = "unit",       [SORT_STATUS] = "status",
    [SORT_TOTAL] = "total",       [SORT_GRADE] = "grade",     [SORT_ERRORS] = "errors",
    [SORT_WARNINGS] = "warnings", [SORT_UPDATED] = "updated",
};

static bool digits(const char *s, size_t max)
{
        size_t n = strlen(s);
        return n > 0 && n <= max && strspn(s, "0123456789") == n;
}

/* A score bound 0–100 with at most two decimals, as hundredths. */
static bool score_bound(const char *s, int64_t *centi)
{
        dec_t d;
        if (dec_parse_input(s, strlen(s), 0, &d) != DEC_OK || dec_places(d) > 2 || dec_is_neg(d) ||
            dec_cmp(d, dec_from_int(100)) > 0)
                return false;
        *centi = d.raw / (DEC_SCALE / 100);
        return true;
}

static bool bad(struct req *r, const char *message)
{
        reply_error(r, 400, message);
        return false;
}

bool query_read(struct req *r, struct query_form *f)
{
        memset(f, 0, sizeof(*f));
        struct task_query *q = &f->q;
        q->min_centi = INT64_MIN;
        q->max_centi = INT64_MAX;
        q->sort = SORT_YEAR;
        q->desc = true;
        f->page = 1;
        f->year = req_field(r, "year");
        f->unit = req_field(r, "unit");
        f->status = req_field(r, "status");
        f->grade = req_field(r, "grade");
        f->min = req_field(r, "min");
        f->max = req_field(r, "max");
        f->findings = req_field(r, "findings");
        f->sort = req_field(r, "sort");
        f->order = req_field(r, "order");
        const char *page = req_field(r, "page");
        if (f->year) {
                if (!digits(f->year, 4) || strlen(f->year) != 4)
                        return bad(r, "查询条件“年度”应为四位数字，如 2024");
                q->year = atoi(f->year);
        }
        if (f->unit && strlen(f->unit) > 100)
                return bad(r, "查询条件“单位”过长：请输入单位编码或名称的一部分（最多 100 字节）");
        q->unit = f->unit;
        if (f->status) {
                if (wf_status_parse(f->status) == WF_UNKNOWN)
                        return bad(r, "查询条件“状态”无效：应为 draft、unit_review、"
                                      "supervisor_review、finance_review 或 done");
                q->status = f->status;
        }
        if (f->grade && strlen(f->grade) > 30)
                return bad(r, "查询条件“等级”过长");
        q->grade = f->grade;
        if (f->min && !score_bound(f->min, &q->min_centi))
                return bad(r, "查询条件“最低分”应为 0 到 100 之间的数，最多两位小数");
        if (f->max && !score_bound(f->max, &q->max_centi))
                return bad(r, "查询条件“最高分”应为 0 到 100 之间的数，最多两位小数");
        if (f->min && f->max && q->min_centi > q->max_centi)
                return bad(r, "查询条件有误：最低分高于最高分");
        if (f->findings) {
                if (!digits(f->findings, 6))
                        return bad(r, "查询条件“发现问题数”应为非负整数");
                q->min_findings = atoll(f->findings);
        }
        if (f->sort) {
                int k = -1;
                for (int i = 0; i < SORT_N && k < 0; i++)
                        if (strcmp(f->sort, query_sort_names[i]) == 0)
                                k = i;
                if (k < 0)
                        return bad(r, "排序字段无效：应为 year、unit、status、total、grade、"
                                      "errors、warnings 或 updated");
                q->sort = (enum task_sort)k;
                q->desc = false;
        }
        if (f->order) {
                if (strcmp(f->order, "asc") != 0 && strcmp(f->order, "desc") != 0)
                        return bad(r, "排序方向应为 asc 或 desc");
                q->desc = strcmp(f->order, "desc") == 0;
        }
        if (page) {
                if (!digits(page, 6) || atoll(page) < 1)
                        return bad(r, "页码应为正整数");
                f->page = atoll(page);
        }
        q->limit = QUERY_PAGE_SIZE;
        q->offset = (f->page - 1) * QUERY_PAGE_SIZE;
        return true;
}

static void param(struct buf *b, const char *name, const char *value)
{
        if (!value || !*value)
                return;
        buf_printf(b, "%s%s=", b->len > 1 ? "&" : "", name);
        for (const unsigned char *p = (const unsigned char *)value; *p; p++)
                if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
                        buf_putc(b, (char)*p);
                else
                        buf_printf(b, "%%%02X", *p);
}

const char *query_link(struct req *r, const struct query_form *f, const char *sort,
                       const char *order, int64_t page)
{
        struct buf b = BUF_INIT;
        buf_putc(&b, '?');
        param(&b, "year", f->year);
        param(&b, "unit", f->unit);
        param(&b, "status", f->status);
        param(&b, "grade", f->grade);
        param(&b, "min", f->min);
        param(&b, "max", f->max);
        param(&b, "findings", f->findings);
        param(&b, "sort", sort ? sort : f->sort);
        param(&b, "order", order ? order : f->order);
        if (page > 1) {
                char n[24];
                snprintf(n, sizeof n, "%lld", (long long)page);
                param(&b, "page", n);
        }
        const char *s = arena_strdup(r->arena, buf_str(&b));
        buf_free(&b);
        return s;
}

bool query_tasks(struct req *r, struct query_form *f, int64_t limit, struct results *out)
{
        if (!query_read(r, f))
                return false;
        if (limit > 0) {
                f->q.limit = limit;
                f->q.offset = 0;
        }
        if (store_task_query(r->db, r->arena, &r->scope, &f->q, &out->tasks, &out->n,
                             &out->total) != STORE_OK) {
                reply_error(r, 503, "查询自评任务失败，请稍后重试");
                return false;
        }
        return true;
}
