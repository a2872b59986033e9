/* Self-evaluation tasks: statuses, new documents, cached engine results. */
#ifndef JX_TASKS_H
#define JX_TASKS_H

#include "../doc/doc.h"
#include "../engine/scheme.h"
#include "../http/http.h"

/* The Chinese name of a task status (draft → 经办岗填报中, …). */
const char *task_status_label(const char *status);

/* Build the document of a new task for unit and year under scheme: the
 * unit (with its supervising unit), the year, the scheme, and the declared
 * goals and indicators when declared (a document's JSON) is given, else
 * the scheme's indicator skeleton. Sets t->document and the cached
 * results. False if declared cannot be read. */
bool task_new_document(struct req *r, const struct scheme *s, const struct unit *u, int64_t year,
                       const char *declared, struct task *t);

/* Serialize d into t->document and cache its engine results (total,
 * grade, errors, warnings) under scheme s. */
void task_set_document(struct req *r, const struct doc *d, const struct scheme *s, struct task *t);

#endif
