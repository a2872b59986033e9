/* Attachments of a self-evaluation task (文件管理 of seed 004's manual):
 * which files a task must have before it is submitted — the unit's
 * 自评报告 and one 项目自评报告 per project of its document — and the
 * upload and delete operations the pages and the API share. */
#ifndef JX_FILES_H
#define JX_FILES_H

#include "app.h"

#include "../base/buf.h"
#include "../doc/doc.h"

enum {
        FILES_MAX_BYTES = 16 << 20, /* one file; the request may be up to max_upload */
        FILES_MAX_PER_TASK = 100,
};

/* 自评报告, 项目自评报告, 其他材料 for self_report, project_report, other;
 * NULL for anything else. */
const char *files_kind_label(const char *kind);

/* One required attachment and the file that satisfies it. */
struct file_need {
        const char *kind;               /* self_report or project_report */
        const char *project;            /* the project's name, for project_report */
        const struct stored_file *file; /* the latest satisfying file, or NULL */
};

/* The attachments document d requires (d NULL: only the 自评报告): the
 * 自评报告, then a 项目自评报告 for each differently named project in
 * document order, each matched with the latest of files[0..n). Returns
 * their number; *out is allocated in a->arena. */
size_t files_needed(struct app *a, const struct doc *d, const struct stored_file *files, size_t n,
                    struct file_need **out);

/* The submission gate: true when task t (document d, may be NULL) lacks
 * a required attachment, and then appends to why one Chinese sentence
 * naming every missing one, e.g. "请先上传：自评报告；项目“xx”的项目自评报告。".
 * Fails closed: when the files cannot be read, true with a sentence
 * saying so. Reads the database; memory in a->arena. */
bool files_missing(struct app *a, const struct task *t, const struct doc *d, struct buf *why);

/* Why user u may not upload or delete attachments of t now (Chinese),
 * or NULL when u may (wf_may_edit). Static text. */
const char *files_locked(const struct user *u, const struct task *t);

/* A file a user chose to upload: its name as the client sent it and its
 * bytes (which live as long as the operation). */
struct upload_file {
        const char *name;
        const void *data;
        size_t len;
};

/* Upload the one file chosen (files[0..n_files): none or several are
 * refused) as an attachment of task t (document d, for the project names) of kind
 * "self_report", "project_report" (project: the name of one of d's
 * projects) or "other" (project ignored). Checks, in this order: the
 * actor may edit t (APP_FORBIDDEN), kind, project, one file chosen, its
 * name (filetype_clean_name), not empty (APP_INVALID), at most
 * FILES_MAX_BYTES (APP_TOO_LARGE), its type by content (filetype_detect),
 * at most FILES_MAX_PER_TASK files (APP_INVALID), not the same content
 * already uploaded as the same attachment (APP_CONFLICT). Then, in one transaction: the
 * task re-read and the edit right re-checked, the file stored with its
 * SHA-256 (hex), a timeline event "upload" and an audit entry
 * "task.upload". On success fills *stored (without content) and
 * out->id. */
bool app_file_upload(struct app *a, const struct task *t, const struct doc *d, const char *kind,
                     const char *project, const struct upload_file *files, size_t n_files,
                     struct stored_file *stored, struct outcome *out);

/* Delete attachment file_id of task t: APP_FORBIDDEN when the actor may not edit
 * t, APP_NOT_FOUND when t has no such file; in one transaction with a timeline
 * event "delete_file" and an audit entry "task.delete_file". */
bool app_file_delete(struct app *a, const struct task *t, int64_t file_id, struct outcome *out);

#endif
