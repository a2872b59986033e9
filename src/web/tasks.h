/* Self-evaluation tasks: new documents, cached engine results, reading a
 * task the user may see. */
#ifndef JX_TASKS_H
#define JX_TASKS_H

#include "../doc/doc.h"
#include "../engine/scheme.h"
#include "../engine/engine.h"
#include "../http/http.h"

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

/* The tasks that wait for the signed-in user (they hold them, see
 * wf_holds), oldest update first. False when the database fails. */
bool todo_list(struct req *r, struct task **out, size_t *n);

/* ---- reading a task the user may see ------------------------------------------------- */

/* A task the signed-in user may see, with its document evaluated. */
struct task_view {
        struct task task;
        struct doc *doc;             /* NULL when the stored document cannot be read */
        const struct scheme *scheme; /* shared; NULL when its scheme is not a shipped one */
        struct evaluation *eval;     /* NULL unless doc and scheme are */
        const char *problem;         /* why doc, scheme or eval is NULL (Chinese), or NULL */
};

/* Read the task of path argument 0 into tv. Answers the request itself
 * and returns false when the id is malformed or zero, the task does not
 * exist or lies outside the user's scope (all three: 404 "自评任务不存在
 * 或无权查看", so other units' ids cannot be probed) or the database fails
 * (500). With evaluate, also parses the document, loads its scheme (a
 * shipped one only) and evaluates it; a failure there is not answered but
 * described in tv->problem. Release with task_view_free(). */
bool task_view_open(struct req *r, bool evaluate, struct task_view *tv);
/* Parse tv's stored document and load its scheme (tv->doc, tv->scheme),
 * without evaluating; false with tv->problem when either fails. */
bool task_view_parse(struct req *r, struct task_view *tv);
void task_view_free(struct task_view *tv);

#endif
