/* Attachments of self-evaluation tasks (the files table of migration 3):
 * the uploaded bytes with what was found about them — kind, project,
 * name, media type by content, size, SHA-256, who uploaded them and
 * when. Lists never read the content; only store_file_get does. */
#include "store_int.h"

#include "../base/vec.h"

#include <string.h>

/* The columns every read returns, in this order (0–10). */
static void read_row(struct db_stmt *st, struct arena *a, struct stored_file *f)
{
        f->id = db_col_int(st, 0);
        f->task_id = db_col_int(st, 1);
        f->kind = db_col_copy(st, 2, a);
        f->project = db_col_copy(st, 3, a);
        f->name = db_col_copy(st, 4, a);
        f->media_type = db_col_copy(st, 5, a);
        f->size = db_col_int(st, 6);
        f->sha256 = db_col_copy(st, 7, a);
        f->uploaded_by = db_col_null(st, 8) ? 0 : db_col_int(st, 8);
        f->uploader = db_col_copy(st, 9, a);
        f->uploaded_at = db_col_int(st, 10);
        f->content = NULL;
}

enum store_rc store_files(struct db *db, struct arena *a, int64_t task_id, struct stored_file **out,
                          size_t *n)
{
        struct db_stmt *st = db_prepare(
            db, "SELECT f.id, f.task_id, f.kind, f.project, f.name, f.media_type, f.size, "
                "f.sha256, f.uploaded_by, u.name, f.uploaded_at FROM files f "
                "LEFT JOIN users u ON u.id = f.uploaded_by WHERE f.task_id = ?1 ORDER BY f.id");
        db_bind_int(st, 1, task_id);
        struct vec v = VEC_INIT(struct stored_file);
        enum db_rc rc;
        while ((rc = db_step(st)) == DB_ROW)
                read_row(st, a, vec_push(&v));
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_file_get(struct db *db, struct arena *a, int64_t task_id, int64_t id,
                             struct stored_file *out)
{
        struct db_stmt *st = db_prepare(
            db, "SELECT f.id, f.task_id, f.kind, f.project, f.name, f.media_type, f.size, "
                "f.sha256, f.uploaded_by, u.name, f.uploaded_at, f.content FROM files f "
                "LEFT JOIN users u ON u.id = f.uploaded_by WHERE f.task_id = ?1 AND f.id = ?2");
        db_bind_int(st, 1, task_id);
        db_bind_int(st, 2, id);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW) {
                read_row(st, a, out);
                size_t n = 0;
                const void *blob = db_col_blob(st, 11, &n);
                void *copy = arena_alloc(a, n ? n : 1);
                if (n)
                        memcpy(copy, blob, n);
                out->content = copy;
                out->size = (int64_t)n; /* what is actually stored */
        }
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_file_insert(struct db *db, const struct stored_file *f, int64_t *id)
{
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO files (task_id, kind, project, name, media_type, size, sha256, "
                "content, uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                "?10)");
        db_bind_int(st, 1, f->task_id);
        db_bind_text(st, 2, f->kind);
        db_bind_text(st, 3, f->project);
        db_bind_text(st, 4, f->name);
        db_bind_text(st, 5, f->media_type);
        db_bind_int(st, 6, f->size);
        db_bind_text(st, 7, f->sha256);
        db_bind_blob(st, 8, f->content, (size_t)f->size);
        db_bind_id(st, 9, f->uploaded_by);
        db_bind_int(st, 10, f->uploaded_at);
        enum store_rc rc = rc_of(db_run(st));
        if (rc == STORE_OK && id)
                *id = db_last_id(db);
        return rc;
}

enum store_rc store_file_delete(struct db *db, int64_t task_id, int64_t id)
{
        struct db_stmt *st = db_prepare(db, "DELETE FROM files WHERE task_id = ?1 AND id = ?2");
        db_bind_int(st, 1, task_id);
        db_bind_int(st, 2, id);
        enum store_rc rc = rc_of(db_run(st));
        if (rc == STORE_OK && db_changes(db) == 0)
                return STORE_NOT_FOUND;
        return rc;
}

enum store_rc store_files_rename_project(struct db *db, int64_t task_id, const char *from,
                                         const char *to)
{
        struct db_stmt *st =
            db_prepare(db, "UPDATE files SET project = ?3 WHERE task_id = ?1 AND project = ?2");
        db_bind_int(st, 1, task_id);
        db_bind_text(st, 2, from);
        db_bind_text(st, 3, to);
        return rc_of(db_run(st));
}
