/* Attachments of a self-evaluation task (文件管理 of seed 004's manual):
 * which files a task must have before it is submitted — the unit's
 * 自评报告 and one 项目自评报告 per project of its document — and the
 * upload and delete operations the pages and the API share. */
#ifndef JX_FILES_H
#define JX_FILES_H

#include "../doc/doc.h"
#include "../http/http.h"
#include "ops.h"

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
 * their number; *out is allocated in r->arena. */
size_t files_needed(struct req *r, const struct doc *d, const struct stored_file *files, size_t n,
                    struct file_need **out);

/* The submission gate: true when task t (document d, may be NULL) lacks
 * a required attachment, and then appends to why one Chinese sentence
 * naming every missing one, e.g. "请先上传：自评报告；项目“xx”的项目自评报告。".
 * Fails closed: when the files cannot be read, true with a sentence
 * saying so. Reads the database; memory in r->arena. */
bool files_missing(struct req *r, const struct task *t, const struct doc *d, struct buf *why);

/* Why user u may not upload or delete attachments of t now (Chinese),
 * or NULL when u may (wf_may_edit). Static text. */
const char *files_locked(const struct user *u, const struct task *t);

/* Upload the file part "file" of the request (r->uploads) as an
 * attachment of task t (document d, for the project names) of kind
 * "self_report", "project_report" (project: the name of one of d's
 * projects) or "other" (project ignored). Checks, in this order: the
 * user may edit t (403), kind (400), project (400), one file chosen
 * (400), its name (filetype_clean_name, 400), not empty (400), at most
 * FILES_MAX_BYTES (413), its type by content (filetype_detect, 400), at
 * most FILES_MAX_PER_TASK files (400), not the same content already
 * uploaded as the same attachment (409). Then, in one transaction: the
 * task re-read and the edit right re-checked, the file stored with its
 * SHA-256 (hex), a timeline event "upload" and an audit entry
 * "task.upload". On success fills *stored (without content) and
 * out->id. */
bool op_file_upload(struct req *r, const struct task *t, const struct doc *d, const char *kind,
                    const char *project, struct stored_file *stored, struct op *out);

/* Delete attachment file_id of task t: 403 when the user may not edit
 * t, 404 when t has no such file; in one transaction with a timeline
 * event "delete_file" and an audit entry "task.delete_file". */
bool op_file_delete(struct req *r, const struct task *t, int64_t file_id, struct op *out);

#endif
