/* 绩效自评查询: the criteria of the query page, the API and the exports
 * of a list, read from what the user typed (year, unit, 主管部门, status
 * or 已退回, grade, score range, findings, sort, order, page) with a message naming the
 * criterion and its rule, and the query itself in the actor's scope. */
#ifndef JX_APP_QUERY_H
#define JX_APP_QUERY_H

#include "app.h"

enum { QUERY_PAGE_SIZE = 50 };

/* The criteria as typed (NULL or "" when absent). */
struct query_input {
        const char *year, *unit, *supervisor, *status, *grade, *min, *max, *findings, *sort, *order,
            *page;
};

struct query_form {
        struct task_query q;
        int64_t page; /* 1-based */
        struct query_input typed;
};

/* Read the criteria; absent ones do not filter. APP_INVALID naming the
 * criterion and its rule when one is malformed. */
bool query_read(struct app *a, const struct query_input *in, struct query_form *f,
                struct outcome *out);

/* The tasks the criteria find, in the actor's scope: one page of matches
 * (limit > 0: the first limit instead, for exports). */
struct results {
        struct task *tasks;
        size_t n;
        int64_t total; /* all matches */
};
bool query_tasks(struct app *a, const struct query_input *in, int64_t limit, struct query_form *f,
                 struct results *out_rows, struct outcome *out);

/* The grade names a task may have: those of every shipped scheme, each
 * once, best first (NULL-terminated, static). */
const char *const *query_grade_names(void);

/* Names of the sort keys ("year", "unit", …), by enum task_sort. */
extern const char *const query_sort_names[SORT_N];

#endif
