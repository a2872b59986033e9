/* Self-evaluation tasks: the document of a new task, reading a task the
 * actor may see (its row, its document parsed and evaluated, shared
 * through the loaded-document cache), the summary columns kept with it,
 * and the actor's to-do list. */
#ifndef JX_APP_TASKS_H
#define JX_APP_TASKS_H

#include "app.h"
#include "loaded.h"

#include "../doc/doc.h"
#include "../engine/engine.h"
#include "../engine/scheme.h"

/* Build the document of a new task for unit and year under scheme: the
 * unit (with its supervising unit), the year, the scheme, and the declared
 * goals and indicators when declared (a document's JSON) is given, else
 * the scheme's indicator skeleton. Sets t->document and its summary
 * columns. False if declared cannot be read. */
bool task_new_document(struct app *a, const struct scheme *s, const struct unit *u, int64_t year,
                       const char *declared, struct task *t);

/* Serialize d into t->document (in a's arena) and set the summary
 * columns the lists show (total, grade, errors, warnings) from e, its
 * evaluation. */
void task_set_document(struct app *a, const struct doc *d, const struct evaluation *e,
                       struct task *t);

/* The tasks that wait for the actor (they hold them, see wf_holds),
 * oldest update first. False when the database fails. */
bool todo_list(struct app *a, struct task **out, size_t *n);

/* ---- reading a task the actor may see ------------------------------------------------ */

/* A task read to some depth (task_open). */
struct task_view {
        struct task task;
        /* TASK_EVALUATED: the document at the task's version, parsed and
         * evaluated (shared and read-only; released by task_view_free) */
        struct loaded *loaded;
        const struct doc *doc;
        const struct scheme *scheme;
        const struct evaluation *eval;
};

/* How much of a task task_open() reads. */
enum task_depth {
        TASK_ROW,       /* its row without the document (task.document NULL) */
        TASK_DOCUMENT,  /* the row with the stored document's text */
        TASK_EVALUATED, /* the row, and the document parsed and evaluated */
};

/* Read task id into tv, to depth. Fails with APP_NOT_FOUND when the id is
 * not positive, the task does not exist or lies outside the actor's scope
 * (all three "自评任务不存在或无权查看", so other units' ids cannot be
 * probed), APP_UNAVAILABLE when the database fails and APP_FAILED when its
 * document cannot be read or evaluated (why in out->error). Release tv
 * with task_view_free() in every case. */
bool task_open(struct app *a, int64_t id, enum task_depth depth, struct task_view *tv,
               struct outcome *out);
/* Load and evaluate the document of a task opened at TASK_ROW or
 * TASK_DOCUMENT (as task_open at TASK_EVALUATED). */
bool task_view_evaluate(struct app *a, struct task_view *tv, struct outcome *out);
void task_view_free(struct task_view *tv);

/* The loaded document of task t at its version (cached, or read, parsed,
 * evaluated and remembered), with a reference for the caller; NULL with
 * out set when it cannot be read. With flags LOAD_NO_EVAL a document not
 * cached is only parsed (and not remembered). task_loaded() for callers
 * that skip a task that cannot be read. */
struct loaded *task_load(struct app *a, struct task *t, unsigned flags, struct outcome *out);
struct loaded *task_loaded(struct app *a, const struct task *t);

#endif
