/* 绩效自评查询: reading the criteria and querying (see query.h). */
#include "query.h"

#include "../base/dec.h"
#include "../engine/scheme.h"
#include "../workflow/workflow.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

const char *const query_sort_names[SORT_N] = {
    [SORT_YEAR] = "year",         [SORT_UNIT] = "unit",       [SORT_STATUS] = "status",
    [SORT_TOTAL] = "total",       [SORT_GRADE] = "grade",     [SORT_ERRORS] = "errors",
    [SORT_WARNINGS] = "warnings", [SORT_UPDATED] = "updated",
};

enum { MAX_GRADES = 32 };
static const char *grade_names[MAX_GRADES + 1];

/* Rank by rank (each scheme's best first), the names not yet seen. */
static void gather_grade_names(void)
{
        size_t n = 0;
        for (size_t rank = 0; rank < MAX_GRADES; rank++)
                for (size_t k = 0; scheme_builtin_names[k]; k++) {
                        const struct scheme *s = scheme_builtin(scheme_builtin_names[k]);
                        if (!s || rank >= s->n_grades || n == MAX_GRADES)
                                continue;
                        const char *name = s->grades[rank].name;
                        bool seen = false;
                        for (size_t i = 0; i < n && !seen; i++)
                                seen = strcmp(grade_names[i], name) == 0;
                        if (!seen)
                                grade_names[n++] = name;
                }
}

const char *const *query_grade_names(void)
{
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, gather_grade_names);
        return grade_names;
}

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

static bool bad(struct outcome *out, const char *field, const char *message)
{
        return app_fail(out, APP_INVALID, field, message);
}

bool query_read(struct app *a, const struct query_input *in, struct query_form *f,
                struct outcome *out)
{
        memset(f, 0, sizeof(*f));
        struct task_query *q = &f->q;
        q->min_centi = INT64_MIN;
        q->max_centi = INT64_MAX;
        q->sort = SORT_YEAR;
        q->desc = true;
        f->page = 1;
        f->typed = *in;
        struct query_input *t = &f->typed;
        /* "" does not filter */
        const char **all[] = {&t->year, &t->unit,     &t->supervisor, &t->status,
                              &t->grade, &t->min,     &t->max,        &t->findings,
                              &t->sort, &t->order,    &t->page};
        for (size_t i = 0; i < sizeof all / sizeof *all; i++)
                if (*all[i] && !**all[i])
                        *all[i] = NULL;
        const char *page = t->page;
        if (t->year) {
                if (!digits(t->year, 4) || strlen(t->year) != 4)
                        return bad(out, "year", "查询条件“年度”应为四位数字，如 2024");
                q->year = atoi(t->year);
        }
        if (t->unit && strlen(t->unit) > 100)
                return bad(out, "unit", "查询条件“单位”过长：请输入单位编码或名称的一部分（最多 100 字节）");
        q->unit = t->unit;
        if (t->supervisor) {
                if (!digits(t->supervisor, 6) || strlen(t->supervisor) != 6 ||
                    !unit_is_supervising(t->supervisor))
                        return bad(out, "supervisor", "查询条件“主管部门”无效：请从列表中选择一个主管部门"
                                                      "（接口中为其 6 位单位编码，以 001 结尾）");
                q->department = app_printf(a, "%.3s", t->supervisor);
        }
        if (t->status && strcmp(t->status, "returned") == 0) {
                q->returned = true; /* 已退回: in whatever step answers the return */
        } else if (t->status) {
                if (wf_status_parse(t->status) == WF_UNKNOWN)
                        return bad(out, "status", "查询条件“状态”无效：请从列表中选择一个状态"
                                      "（接口中为 draft、unit_review、supervisor_review、"
                                      "finance_review、done 或 returned）");
                q->status = t->status;
        }
        if (t->grade) {
                const char *const *g = query_grade_names();
                while (*g && strcmp(*g, t->grade) != 0)
                        g++;
                if (!*g)
                        return bad(out, "grade", "查询条件“等级”无效：请从列表中选择一个等级");
        }
        q->grade = t->grade;
        if (t->min && !score_bound(t->min, &q->min_centi))
                return bad(out, "min", "查询条件“最低分”应为 0 到 100 之间的数，最多两位小数");
        if (t->max && !score_bound(t->max, &q->max_centi))
                return bad(out, "max", "查询条件“最高分”应为 0 到 100 之间的数，最多两位小数");
        if (t->min && t->max && q->min_centi > q->max_centi)
                return bad(out, "min", "查询条件有误：最低分高于最高分");
        if (t->findings) {
                if (!digits(t->findings, 6))
                        return bad(out, "findings", "查询条件“发现问题数”应为非负整数");
                q->min_findings = atoll(t->findings);
        }
        if (t->sort) {
                int k = -1;
                for (int i = 0; i < SORT_N && k < 0; i++)
                        if (strcmp(t->sort, query_sort_names[i]) == 0)
                                k = i;
                if (k < 0)
                        return bad(out, "sort", "排序字段无效：应为 year、unit、status、total、grade、"
                                      "errors、warnings 或 updated");
                q->sort = (enum task_sort)k;
                q->desc = false;
        }
        if (t->order) {
                if (strcmp(t->order, "asc") != 0 && strcmp(t->order, "desc") != 0)
                        return bad(out, "order", "排序方向应为 asc 或 desc");
                q->desc = strcmp(t->order, "desc") == 0;
        }
        if (page) {
                if (!digits(page, 6) || atoll(page) < 1)
                        return bad(out, "page", "页码应为正整数");
                f->page = atoll(page);
        }
        q->limit = QUERY_PAGE_SIZE;
        q->offset = (f->page - 1) * QUERY_PAGE_SIZE;
        return true;
}

bool query_tasks(struct app *a, const struct query_input *in, int64_t limit, struct query_form *f,
                 struct results *rows, struct outcome *out)
{
        if (!query_read(a, in, f, out))
                return false;
        if (limit > 0) {
                f->q.limit = limit;
                f->q.offset = 0;
        }
        if (store_task_query(a->db, a->arena, &a->scope, &f->q, &rows->tasks, &rows->n,
                             &rows->total) != STORE_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, "查询自评任务失败，请稍后重试");
        return true;
}
