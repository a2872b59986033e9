/* A list of self-evaluation tasks as a table (the to-do list, the query
 * page): year, unit, status, computed total, grade, findings, update. */
#ifndef JX_VIEW_TASKS_H
#define JX_VIEW_TASKS_H

#include "query.h"

/* The table of tasks[0..n). With f, the column headers are links that
 * sort by that column (again: the other direction). */
void view_task_table(struct req *r, const struct task *tasks, size_t n, const struct query_form *f);

#endif
