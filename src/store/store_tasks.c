/* Fiscal years, declared goals and self-evaluation tasks. A task holds
 * its document as canonical JSON (the format of docs/format.md), so the
 * engine reads and writes it without loss, plus the engine's results for
 * lists and queries. */
#include "store.h"

#include "../base/vec.h"

static enum store_rc rc_of(enum db_rc rc)
{
        return rc == DB_OK ? STORE_OK : rc == DB_CONSTRAINT ? STORE_DUPLICATE : STORE_ERROR;
}

enum store_rc store_years(struct db *db, struct arena *a, struct year **out, size_t *n)
{
        struct db_stmt *st = db_prepare(
            db, "SELECT y.year, y.scheme, (SELECT count(*) FROM tasks t WHERE t.year = y.year) "
                "FROM years y ORDER BY y.year DESC");
        struct vec v = VEC_INIT(struct year);
        enum db_rc rc;
        while ((rc = db_step(st)) == DB_ROW) {
                struct year *y = vec_push(&v);
                y->year = db_col_int(st, 0);
                y->scheme = db_col_copy(st, 1, a);
                y->tasks = db_col_int(st, 2);
        }
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_year_get(struct db *db, struct arena *a, int64_t year, struct year *out)
{
        struct db_stmt *st = db_prepare(
            db, "SELECT y.year, y.scheme, (SELECT count(*) FROM tasks t WHERE t.year = y.year) "
                "FROM years y WHERE y.year = ?1");
        db_bind_int(st, 1, year);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW) {
                out->year = db_col_int(st, 0);
                out->scheme = db_col_copy(st, 1, a);
                out->tasks = db_col_int(st, 2);
        }
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_year_insert(struct db *db, int64_t year, const char *scheme, int64_t now)
{
        struct db_stmt *st =
            db_prepare(db, "INSERT INTO years (year, scheme, created_at) VALUES (?1, ?2, ?3)");
        db_bind_int(st, 1, year);
        db_bind_text(st, 2, scheme);
        db_bind_int(st, 3, now);
        return rc_of(db_run(st));
}

enum store_rc store_declaration_put(struct db *db, int64_t unit_id, int64_t year,
                                    const char *document, int64_t now)
{
        struct db_stmt *st =
            db_prepare(db, "INSERT INTO declarations (unit_id, year, document, imported_at) "
                           "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (unit_id, year) DO UPDATE SET "
                           "document = excluded.document, imported_at = excluded.imported_at");
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, year);
        db_bind_text(st, 3, document);
        db_bind_int(st, 4, now);
        return rc_of(db_run(st));
}

enum store_rc store_declaration_get(struct db *db, struct arena *a, int64_t unit_id, int64_t year,
                                    const char **document)
{
        struct db_stmt *st =
            db_prepare(db, "SELECT document FROM declarations WHERE unit_id = ?1 AND year = ?2");
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, year);
        enum db_rc rc = db_step(st);
        *document = rc == DB_ROW ? db_col_copy(st, 0, a) : NULL;
        db_reset(st);
        return rc == DB_ROW || rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

#define TASK_COLUMNS                                                                                             \
        "t.id, t.unit_id, u.code, u.name, t.year, t.status, t.version, t.total, t.grade, t.errors, t.warnings, " \
        "t.updated_at"
#define TASK_FROM " FROM tasks t JOIN units u ON u.id = t.unit_id "

static void read_task(struct db_stmt *st, struct arena *a, struct task *t)
{
        t->id = db_col_int(st, 0);
        t->unit_id = db_col_int(st, 1);
        t->unit_code = db_col_copy(st, 2, a);
        t->unit_name = db_col_copy(st, 3, a);
        t->year = db_col_int(st, 4);
        t->status = db_col_copy(st, 5, a);
        t->version = db_col_int(st, 6);
        t->total = db_col_copy(st, 7, a);
        t->grade = db_col_copy(st, 8, a);
        t->errors = db_col_null(st, 9) ? 0 : db_col_int(st, 9);
        t->warnings = db_col_null(st, 10) ? 0 : db_col_int(st, 10);
        t->updated_at = db_col_int(st, 11);
        t->document = NULL;
}

enum store_rc store_tasks(struct db *db, struct arena *a, const struct scope *sc,
                          const struct task_filter *f, struct task **out, size_t *n)
{
        struct db_stmt *st =
            db_prepare(db, "SELECT " TASK_COLUMNS TASK_FROM
                           "WHERE (?1 OR t.unit_id = ?2 OR substr(u.code, 1, 3) = ?3) "
                           "AND (?4 = 0 OR t.year = ?4) AND (?5 IS NULL OR t.status = ?5) "
                           "ORDER BY t.year DESC, u.code");
        db_bind_int(st, 1, sc->all);
        db_bind_int(st, 2, sc->unit_id);
        db_bind_text(st, 3, sc->prefix ? sc->prefix : "");
        db_bind_int(st, 4, f ? f->year : 0);
        db_bind_text(st, 5, f ? f->status : NULL);
        struct vec v = VEC_INIT(struct task);
        enum db_rc rc;
        while ((rc = db_step(st)) == DB_ROW)
                read_task(st, a, vec_push(&v));
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_task_get(struct db *db, struct arena *a, int64_t id, bool with_document,
                             struct task *out)
{
        struct db_stmt *st =
            with_document
                ? db_prepare(db, "SELECT " TASK_COLUMNS ", t.document" TASK_FROM "WHERE t.id = ?1")
                : db_prepare(db, "SELECT " TASK_COLUMNS TASK_FROM "WHERE t.id = ?1");
        db_bind_int(st, 1, id);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW) {
                read_task(st, a, out);
                if (with_document)
                        out->document = db_col_copy(st, 12, a);
        }
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_task_document(struct db *db, struct arena *a, int64_t id, int64_t version,
                                  const char **document)
{
        struct db_stmt *st =
            db_prepare(db, "SELECT document FROM tasks WHERE id = ?1 AND version = ?2");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, version);
        enum db_rc rc = db_step(st);
        *document = rc == DB_ROW ? db_col_copy(st, 0, a) : NULL;
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_task_insert(struct db *db, const struct task *t, int64_t now, int64_t *id)
{
        struct db_stmt *st = db_prepare(
            db,
            "INSERT INTO tasks (unit_id, year, status, document, total, grade, errors, warnings, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        db_bind_int(st, 1, t->unit_id);
        db_bind_int(st, 2, t->year);
        db_bind_text(st, 3, t->status);
        db_bind_text(st, 4, t->document);
        db_bind_text(st, 5, t->total);
        db_bind_text(st, 6, t->grade);
        db_bind_int(st, 7, t->errors);
        db_bind_int(st, 8, t->warnings);
        db_bind_int(st, 9, now);
        enum store_rc rc = rc_of(db_run(st));
        if (rc == STORE_OK && id)
                *id = db_last_id(db);
        return rc;
}

enum store_rc store_task_update(struct db *db, int64_t id, int64_t version, const struct task *t,
                                int64_t user_id, int64_t now)
{
        struct db_stmt *st = db_prepare(
            db,
            "UPDATE tasks SET status = ?3, document = ?4, total = ?5, grade = ?6, errors = ?7, warnings = ?8, "
            "updated_at = ?9, updated_by = ?10, version = version + 1 WHERE id = ?1 AND version = ?2");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, version);
        db_bind_text(st, 3, t->status);
        db_bind_text(st, 4, t->document);
        db_bind_text(st, 5, t->total);
        db_bind_text(st, 6, t->grade);
        db_bind_int(st, 7, t->errors);
        db_bind_int(st, 8, t->warnings);
        db_bind_int(st, 9, now);
        if (user_id)
                db_bind_int(st, 10, user_id);
        else
                db_bind_null(st, 10);
        enum store_rc rc = rc_of(db_run(st));
        if (rc != STORE_OK || db_changes(db) == 1)
                return rc;
        st = db_prepare(db, "SELECT 1 FROM tasks WHERE id = ?1");
        db_bind_int(st, 1, id);
        rc = db_step(st) == DB_ROW ? STORE_CONFLICT : STORE_NOT_FOUND;
        db_reset(st);
        return rc;
}
