/* Changing a task's document: the one save pipeline of the edit pages,
 * the API and the workbook import.
 *
 *   open     the task and its document (the cached one, or parsed once)
 *   apply    a change set on a copy: typed values by document path, one
 *            row operation, or a filled workbook; refused values are kept
 *            by path; the result is checked in memory by every rule the
 *            parser applies, the engine's figures are written in and it
 *            is scored once
 *   save     under the version the user started from: the document and
 *            its summary columns, the timeline event with what changed,
 *            renamed projects' files and the audit entry in one
 *            transaction; the saved document stays loaded for the next
 *            reader
 *
 * Nothing here knows of HTTP: the web adapters turn a request into a
 * change set and the outcome into a page or a JSON reply. */
#ifndef JX_APP_TASK_CHANGE_H
#define JX_APP_TASK_CHANGE_H

#include "tasks.h"

#include "../doc/doc_edit.h"
#include "../workflow/workflow.h"

/* A value typed into a cell: its document path ("$.self_eval.budget.
 * adjusted") and the text. */
struct typed_value {
        const char *path;
        const char *text;
};

/* What a user changes in one save. */
struct change_set {
        const struct typed_value *values;
        size_t n_values;
        /* one row operation, or NULL: "add:<array path>", "remove:<element
         * path>", "up:<element path>", "down:<element path>" */
        const char *row_op;
        const char *via; /* how the change came, for the timeline (导入 Excel …), or NULL */
};

/* One member changed by the other save, by the user, or by both: what
 * saving again makes of it. */
struct merged_change {
        const char *label;
        const char *before; /* in the version the user opened */
        const char *theirs; /* the other save's value, NULL when it left it */
        const char *mine;   /* the user's, NULL when they left it */
};

struct task_change {
        struct task_view tv;   /* the task as read (its row; the stored document) */
        const struct doc *base; /* the document before the change (shared, read-only) */
        struct doc *doc;        /* the changed document; owned until saved */
        struct evaluation *eval; /* doc's evaluation, with its computed cells */
        struct diags input;     /* typed values refused, by path (or sheet!cell) */
        const char *via;
        const struct change_set *cs; /* the change applied (the caller's) */
        /* after APP_CONFLICT: what the other saves changed since the
         * version the user opened, and the version they made */
        struct doc_change *other;
        size_t n_other;
        int64_t other_version;
        /* ... and, for a change set, the change carried over onto that
         * version: tc->doc is now the other's document with the values
         * the user changed (kept, their paths in kept), ready to be saved
         * again at other_version; merged says what overwrites what */
        const char **kept;
        size_t n_kept;
        struct merged_change *merged;
        size_t n_merged;
        struct doc *rebased_from; /* the other's document (owned) */
        /* projects renamed by the change: from, to, from, to … */
        const char **renamed;
        size_t n_renamed;
        struct loaded *saved; /* after a save: the stored document, loaded */
};

/* Open task id for a change (its row and document; see task_open for
 * the failures). Release with task_change_free() in every case. */
bool task_change_open(struct app *a, int64_t id, struct task_change *tc, struct outcome *out);
/* Apply the change set to a copy of the document, then check, adopt the
 * engine's figures and evaluate it (tc->doc, tc->eval). Values a user may
 * not set ($.unit, $.scheme …) and values the document refuses go to
 * tc->input. */
void task_change_apply(struct app *a, struct task_change *tc, const struct change_set *cs);
/* Replace the document by the tables of a filled workbook (the template
 * of this task, src/sheet): refused cells go to tc->input (path: the
 * sheet and cell, e.g. 自评表!F12); then as task_change_apply. False
 * (APP_INVALID on "file") when data is not a workbook at all. */
bool task_change_import(struct app *a, struct task_change *tc, const void *data, size_t len,
                        struct outcome *out);
/* True when the actor may edit t now (they hold it, in draft or
 * unit_review); else APP_FORBIDDEN saying why. The preview is theirs only
 * too. */
bool task_may_edit(struct app *a, const struct task *t, struct outcome *out);

/* Store the changed document if the actor may edit the task
 * (APP_FORBIDDEN), no typed value was refused (APP_INVALID) and version
 * is still the task's. Else APP_CONFLICT, with tc->other set and, for a
 * change set, the user's own changes carried over onto the current
 * version (tc->doc, tc->kept, tc->merged) for them to check and save
 * again at tc->other_version. out->id is the new version. */
bool task_change_save(struct app *a, struct task_change *tc, const char *version,
                      struct outcome *out);
void task_change_free(struct task_change *tc);

/* The document a filled workbook makes of base — the workbook's cells over
 * base, checked like a parsed document, the engine's figures adopted —
 * and its evaluation (*eval): what a web import stores and "jixiao
 * import" writes. NULL with the refused cells in errs; *unusable when the
 * file is not a workbook at all. */
struct doc *task_import_workbook(const struct doc *base, const struct scheme *s, const void *data,
                                 size_t len, struct diags *errs, bool *unusable,
                                 struct evaluation **eval);

/* 送审, 审核通过 or 退回 (comment required) the task of tv (opened at
 * TASK_EVALUATED), taken by the actor at version. Refused when they do
 * not hold it (APP_FORBIDDEN), when it changed since version
 * (APP_CONFLICT), or while a blocking error, a missing file or (for a
 * supervising unit's own task) an unfinished subordinate task remains
 * (APP_BLOCKED). out->id is the new version. */
bool task_transition(struct app *a, struct task_view *tv, enum wf_action act, const char *comment,
                     const char *version, struct outcome *out);

/* One task of a batch of reviews: the task as the list showed it (its id
 * and version) and what became of it. */
struct batch_item {
        int64_t id;
        const char *version;
        const char *unit; /* its unit, for the answer ("104002 绥宁县…") */
        struct outcome out;
};

/* The same review action on each of n tasks (the 待办 list's check boxes),
 * each as task_transition on its own; a return needs its comment first
 * (APP_INVALID on "comment", nothing done). True when all went through;
 * each item's outcome says what became of it. */
bool task_transition_batch(struct app *a, struct batch_item *items, size_t n, enum wf_action act,
                           const char *comment, struct outcome *out);

#endif
