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

/* A task the signed-in user may see, read to some depth (task_view_open). */
struct task_view {
        struct task task;
        struct doc *doc;             /* NULL when the stored document cannot be read */
        const struct scheme *scheme; /* shared; NULL when its scheme is not a shipped one */
        struct evaluation *eval;     /* NULL unless doc and scheme are */
        const char *problem;         /* why doc, scheme or eval is NULL (Chinese), or NULL */
};

/* How much of a task task_view_open() reads. */
enum task_depth {
        TASK_ROW,       /* its row without the document (tv->task.document NULL) */
        TASK_DOCUMENT,  /* the row with the document */
        TASK_EVALUATED, /* and the document evaluated (task_view_evaluate) */
};

/* Read the task of path argument 0 into tv, to depth. Answers the request
 * itself and returns false when the id is malformed or zero, the task does
 * not exist or lies outside the user's scope (all three: 404 "自评任务不存
 * 在或无权查看", so other units' ids cannot be probed) or the database
 * fails (500). Release with task_view_free(). */
bool task_view_open(struct req *r, enum task_depth depth, struct task_view *tv);
/* task_view_open(r, TASK_EVALUATED, tv) for handlers that need the
 * evaluation: when the document cannot be evaluated, answers 500 with the
 * reason (tv->problem), frees tv and returns false too. */
bool task_view_open_evaluated(struct req *r, struct task_view *tv);
/* Parse the view's document (read at the task's version when the view
 * has none) and load its scheme (a shipped one only): tv->doc and
 * tv->scheme; false with tv->problem when one fails. */
bool task_view_parse(struct req *r, struct task_view *tv);
/* task_view_parse() and evaluate: tv->eval, or tv->problem. */
void task_view_evaluate(struct req *r, struct task_view *tv);
void task_view_free(struct task_view *tv);

#endif
