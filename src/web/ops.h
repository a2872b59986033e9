/* Operations shared by the HTML pages and the JSON API: each validates
 * its input, runs its writes in one transaction, records the audit entry,
 * and reports the outcome in struct op. Pages and API handlers only
 * translate requests into these calls and outcomes into replies. */
#ifndef JX_OPS_H
#define JX_OPS_H

#include "../doc/doc_edit.h"
#include "../http/http.h"
#include "../workflow/workflow.h"
#include "tasks.h"

struct op {
        int status;        /* HTTP status of the outcome (200, 201, 400, 401, 403, 404, 409, 429) */
        const char *error; /* Chinese message naming the field and the rule; NULL on success */
        const char *field; /* the form field concerned, or NULL */
        int64_t id;        /* the created or changed row */
        const char *secret; /* a one-time password to show once */
        size_t count;       /* e.g. tasks issued */
};

/* A request context for running operations outside the server (the
 * command line): its own arena, the database, the time, and an
 * administrator identity named actor for the audit log. Free with
 * ops_local_end(). */
void ops_local_begin(struct req *r, struct db *db, const char *actor);
void ops_local_end(struct req *r);

/* Set out to a failure and return false. */
bool op_fail(struct op *out, int status, const char *field, const char *error);
/* Read the version an update was based on; false with out set when it is
 * missing or not a positive integer. */
bool op_version(const char *s, int64_t *v, struct op *out);
/* Commit the operation's transaction with status; a failed commit is 503. */
bool op_commit(struct req *r, struct op *out, int status);
/* Roll the transaction back and fail. */
bool op_abort(struct req *r, struct op *out, int status, const char *field, const char *error);

/* ---- sign-in (ops_auth.c) --------------------------------------------------------- */

/* Check phone and password with throttling per account and per address;
 * on success start a session and set its cookie. */
bool op_login(struct req *r, const char *phone, const char *password, struct op *out);
/* End the request's session and clear its cookie. */
void op_logout(struct req *r);
/* Replace the signed-in user's password (old may be the one-time one),
 * end their other sessions and start a fresh one. */
bool op_password(struct req *r, const char *old, const char *fresh, const char *confirm,
                 struct op *out);
/* The token for the double-submit CSRF cookie of anonymous forms, setting
 * the cookie when the client has none. */
const char *anon_csrf(struct req *r);

/* ---- administration (ops_admin.c) ------------------------------------------------ */

/* Add a unit. code is six digits; a subordinate unit (not xxx001) needs
 * its supervising unit xxx001, enabled. */
bool op_unit_create(struct req *r, const char *code, const char *name, struct op *out);
/* Rename, disable or enable a unit read at version. An enabled
 * subordinate unit always has an enabled supervising unit: xxx001 is
 * disabled only after its subordinate units, and they are enabled only
 * while it is. Disabling ends the sessions of the unit's accounts. */
bool op_unit_update(struct req *r, const char *code, const char *version, const char *name,
                    bool disabled, struct op *out);
/* Create an account with a one-time password (out->secret). */
bool op_user_create(struct req *r, const char *phone, const char *name, const char *unit_code,
                    const char *role, struct op *out);
bool op_user_update(struct req *r, int64_t id, const char *version, const char *name,
                    const char *unit_code, const char *role, bool disabled, struct op *out);
/* Give an account a new one-time password (out->secret). */
bool op_user_reset(struct req *r, int64_t id, struct op *out);
bool op_year_create(struct req *r, const char *year, const char *scheme, struct op *out);
/* Import a unit's declared goals and indicators (a document, JSON). */
bool op_goals_import(struct req *r, int64_t year, const char *json, size_t len, struct op *out);
/* Issue the year's self-evaluation task to every enabled unit that has
 * none (out->count). */
bool op_year_issue(struct req *r, int64_t year, struct op *out);

/* ---- tasks (ops_task.c) ------------------------------------------------------------ */

/* A task opened for a change by the signed-in user. */
struct task_change {
        struct task_view tv;      /* the task as stored; its document as changed; evaluation */
        const char *stored;       /* the stored document before the change */
        struct diags input;       /* typed values refused, by path */
        struct doc_change *other; /* after a 409: what the other save changed */
        size_t n_other;
        int64_t other_version; /* the version that other save made */
        const char **renamed;  /* projects renamed: from, to, from, to … */
        size_t n_renamed;
        const char *via; /* how the change came, for the timeline (e.g. 导入 Excel), or NULL */
};

/* Open the task of path argument 0 (answering 404/500 itself and
 * returning false) and parse its document. */
bool task_change_open(struct req *r, struct task_change *tc);
/* Apply the request's typed values (form fields named by document path,
 * "$.…") and, with rows, its row operation (field "op": "add:<array
 * path>", "remove:", "up:", "down:<element path>"); then write the
 * engine's computed figures into the document and evaluate it (with its
 * computed cells). Refused values go to tc->input. */
void task_change_apply(struct req *r, struct task_change *tc, bool rows);
/* Replace the document by the tables of an uploaded workbook (the
 * template of this task filled in, src/sheet); refused cells go to
 * tc->input (path: the sheet and cell, e.g. 自评表!F12). Then as
 * task_change_apply. False when the file is not a workbook at all. */
bool task_change_import(struct task_change *tc, const void *data, size_t len);
/* True when the signed-in user may edit t now (they hold it, in draft or
 * unit_review: wf_may_edit); else false with out set to 403 and why. */
bool op_task_may_edit(struct req *r, const struct task *t, struct op *out);
/* Store the changed document if the user may edit the task (403), no
 * typed value was refused (400) and version is still the task's (409,
 * with tc->other set); records what changed in the timeline. out->id is
 * the new version. */
bool op_task_save(struct req *r, struct task_change *tc, const char *version, struct op *out);
void task_change_free(struct task_change *tc);

/* 送审, 审核通过 or 退回 (comment required) the task of tv (its document
 * evaluated), taken by the signed-in user at version. Refused when they
 * do not hold it (403), when it changed since version (409), or while a
 * blocking error, a missing file or (for a supervising unit's own task)
 * an unfinished subordinate task remains (422). */
bool op_task_transition(struct req *r, struct task_view *tv, enum wf_action a, const char *comment,
                        const char *version, struct op *out);

#endif
