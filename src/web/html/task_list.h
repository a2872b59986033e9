/* A list of self-evaluation tasks as a table (the to-do list, the query
 * page): year, unit, status, computed total, grade, findings, update. */
#ifndef JX_VIEW_TASKS_H
#define JX_VIEW_TASKS_H

#include "../../app/query.h"
#include "../../http/http.h"

/* The query string of f with sort/order/page replaced (NULL: keep), for
 * links; in the arena, starting with '?'. */
const char *query_link(struct req *r, const struct query_form *f, const char *sort,
                       const char *order, int64_t page);

/* The table of tasks[0..n). With f, the column headers are links that
 * sort by that column (again: the other direction). With pick, a first
 * column of check boxes (name "task", value "id:version") for the tasks
 * whose pick[i] is set, for a batch form around the table. */
void view_task_table(struct req *r, const struct task *tasks, size_t n, const struct query_form *f,
                     const bool *pick);

#endif
