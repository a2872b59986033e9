/* The criteria of 绩效自评查询 (GET /tasks, GET /api/tasks) read from the
 * query string: year, unit (part of its code or name), status, grade,
 * score range, findings count, sort column and order, page. */
#ifndef JX_QUERY_H
#define JX_QUERY_H

#include "../http/http.h"

enum { QUERY_PAGE_SIZE = 50 };

struct query_form {
        struct task_query q;
        int64_t page; /* 1-based */
        /* as typed, for drawing the form again */
        const char *year, *unit, *status, *grade, *min, *max, *findings, *sort, *order;
};

/* Read the criteria; absent or empty parameters do not filter. Answers
 * 400 naming the parameter and its rule and returns false when one is
 * malformed. */
bool query_read(struct req *r, struct query_form *f);

/* The tasks the request's criteria find, in the user's scope: read the
 * criteria into f, then one page of matches (limit > 0: the first limit
 * instead, for exports) into *out, *n, and the number of all matches into
 * *total. Answers 400 or 503 itself and returns false on failure. */
struct results {
        struct task *tasks;
        size_t n;
        int64_t total;
};
bool query_tasks(struct req *r, struct query_form *f, int64_t limit, struct results *out);

/* The query string of f with sort/order/page replaced (NULL: keep), for
 * links; in the arena, starting with '?'. */
const char *query_link(struct req *r, const struct query_form *f, const char *sort,
                       const char *order, int64_t page);

/* Names of the sort keys ("year", "unit", …), by enum task_sort. */
extern const char *const query_sort_names[SORT_N];

#endif
