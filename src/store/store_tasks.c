/* Fiscal years, declared goals and self-evaluation tasks. A task holds
 * its document as canonical JSON (the format of docs/format.md), so the
 * engine reads and writes it without loss, plus the engine's results for
 * lists and queries.
 *
 * Earlier versions of a document are kept in task_versions as their line
 * difference from the next version (src/base/linediff.h), every
 * STORE_HISTORY_SNAPSHOT-th version and any whose difference would not
 * be smaller whole; the current version lives only in tasks. A version is
 * restored from the nearest whole one above it (or the current document)
 * by applying the differences downwards. The oldest versions go once a
 * task keeps more than STORE_HISTORY_VERSIONS of them or more than
 * STORE_HISTORY_BYTES (tasks.history_bytes counts them); the timeline
 * (task_events) keeps what every save changed. */
#include "store_int.h"

#include "../base/buf.h"
#include "../base/dec.h"
#include "../base/linediff.h"
#include "../base/vec.h"
#include "../base/xalloc.h"

#include <stdlib.h>
#include <string.h>

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

/* The computed total × 100 of a task's cached total text, for queries. */
static void bind_centi(struct db_stmt *st, int idx, const char *total)
{
        dec_t d;
        if (total && dec_parse(total, strlen(total), &d) == DEC_OK)
                db_bind_int(st, idx, dec_round(d, 2).raw / (DEC_SCALE / 100));
        else
                db_bind_null(st, idx);
}

/* ?3 to ?9 of inserting or updating a task: its status, document, the
 * engine's results and the time; ?12 and ?13: returned, entered. */
static void bind_state(struct db_stmt *st, const struct task *t, int64_t now)
{
        db_bind_text(st, 3, t->status);
        db_bind_text(st, 4, t->document);
        db_bind_text(st, 5, t->total);
        db_bind_text(st, 6, t->grade);
        db_bind_int(st, 7, t->errors);
        db_bind_int(st, 8, t->warnings);
        db_bind_int(st, 9, now);
        db_bind_int(st, 12, t->returned);
        db_bind_int(st, 13, t->entered);
}

/* The oldest versions of task id while it keeps more than the bound;
 * newest is the version just kept. */
static enum store_rc prune_history(struct db *db, int64_t id, int64_t newest)
{
        struct db_stmt *st =
            db_prepare(db, "SELECT t.history_bytes, (SELECT min(v.version) FROM task_versions v "
                           "WHERE v.task_id = t.id) FROM tasks t WHERE t.id = ?1");
        db_bind_int(st, 1, id);
        if (db_step(st) != DB_ROW) {
                db_reset(st);
                return STORE_ERROR;
        }
        int64_t bytes = db_col_int(st, 0), oldest = db_col_int(st, 1);
        db_reset(st);
        int64_t before = bytes;
        while (oldest && oldest <= newest &&
               (newest - oldest + 1 > STORE_HISTORY_VERSIONS || bytes > STORE_HISTORY_BYTES)) {
                st = db_prepare(db, "SELECT document FROM task_versions "
                                    "WHERE task_id = ?1 AND version = ?2");
                db_bind_int(st, 1, id);
                db_bind_int(st, 2, oldest);
                if (db_step(st) == DB_ROW && db_col_text(st, 0))
                        bytes -= (int64_t)strlen(db_col_text(st, 0));
                db_reset(st);
                st =
                    db_prepare(db, "DELETE FROM task_versions WHERE task_id = ?1 AND version = ?2");
                db_bind_int(st, 1, id);
                db_bind_int(st, 2, oldest);
                if (db_run(st) != DB_OK)
                        return STORE_ERROR;
                oldest++;
        }
        if (bytes == before)
                return STORE_OK;
        st = db_prepare(db, "UPDATE tasks SET history_bytes = ?2 WHERE id = ?1");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, bytes < 0 ? 0 : bytes);
        return rc_of(db_run(st));
}

/* Keep version (whose document was old, saved by saved_by at saved_at)
 * now that next is the task's document: as the difference from next, or
 * whole. Then hold the task's history within its bound. */
static enum store_rc keep_previous(struct db *db, int64_t id, int64_t version, const char *old,
                                   const char *next, int64_t saved_by, int64_t saved_at)
{
        size_t old_len = strlen(old);
        struct buf delta = BUF_INIT;
        bool whole = version % STORE_HISTORY_SNAPSHOT == 0;
        if (!whole) {
                linediff_make(next, strlen(next), old, old_len, &delta);
                whole = delta.len >= old_len;
        }
        const char *kept = whole ? old : buf_str(&delta);
        size_t kept_len = whole ? old_len : delta.len;
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO task_versions (task_id, version, document, saved_by, saved_at, delta) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (task_id, version) DO UPDATE SET "
                "document = excluded.document, saved_by = excluded.saved_by, "
                "saved_at = excluded.saved_at, delta = excluded.delta");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, version);
        db_bind_text(st, 3, kept);
        db_bind_id(st, 4, saved_by);
        db_bind_int(st, 5, saved_at);
        db_bind_int(st, 6, !whole);
        enum store_rc rc = rc_of(db_run(st));
        buf_free(&delta);
        if (rc != STORE_OK)
                return rc;
        st = db_prepare(db, "UPDATE tasks SET history_bytes = history_bytes + ?2 WHERE id = ?1");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, (int64_t)kept_len);
        rc = rc_of(db_run(st));
        return rc == STORE_OK ? prune_history(db, id, version) : rc;
}

#define TASK_COLUMNS                                                                                             \
        "t.id, t.unit_id, u.code, u.name, t.year, t.status, t.version, t.total, t.grade, t.errors, t.warnings, " \
        "t.updated_at, t.returned, t.entered, s.name"
/* s: the unit's supervising unit (its department's xxx001; itself for one) */
#define TASK_FROM                                                                                  \
        " FROM tasks t JOIN units u ON u.id = t.unit_id "                                          \
        "LEFT JOIN units s ON s.code = substr(u.code, 1, 3) || '001' "

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
        t->returned = db_col_int(st, 12) != 0;
        t->entered = db_col_int(st, 13) != 0;
        t->supervisor_name = db_col_copy(st, 14, a);
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
                        out->document = db_col_copy(st, 15, a);
        }
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_task_insert(struct db *db, const struct task *t, int64_t now, int64_t *id)
{
        struct db_stmt *st = db_prepare(
            db,
            "INSERT INTO tasks (unit_id, year, status, document, total, grade, errors, warnings, updated_at, "
            "total_centi, returned, entered) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12, ?13)");
        db_bind_int(st, 1, t->unit_id);
        db_bind_int(st, 2, t->year);
        bind_state(st, t, now);
        bind_centi(st, 10, t->total);
        enum store_rc rc = rc_of(db_run(st));
        if (rc == STORE_OK && id)
                *id = db_last_id(db);
        return rc;
}

enum store_rc store_task_update(struct db *db, int64_t id, int64_t version, const struct task *t,
                                int64_t user_id, int64_t now)
{
        /* the version replaced, to keep: read in the caller's write transaction */
        struct db_stmt *st = db_prepare(db, "SELECT document, updated_by, updated_at FROM tasks "
                                            "WHERE id = ?1 AND version = ?2");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, version);
        enum db_rc found = db_step(st);
        char *old = NULL;
        int64_t saved_by = 0, saved_at = 0;
        if (found == DB_ROW) {
                const char *doc = db_col_text(st, 0);
                old = xstrdup(doc ? doc : "");
                saved_by = db_col_null(st, 1) ? 0 : db_col_int(st, 1);
                saved_at = db_col_int(st, 2);
        }
        db_reset(st);
        enum store_rc rc = STORE_OK;
        if (found == DB_ROW) {
                st = db_prepare(
                    db,
                    "UPDATE tasks SET status = ?3, document = ?4, total = ?5, grade = ?6, errors = ?7, warnings = ?8, "
                    "updated_at = ?9, updated_by = ?10, total_centi = ?11, returned = ?12, entered = ?13, "
                    "version = version + 1 "
                    "WHERE id = ?1 AND version = ?2");
                db_bind_int(st, 1, id);
                db_bind_int(st, 2, version);
                bind_state(st, t, now);
                db_bind_id(st, 10, user_id);
                bind_centi(st, 11, t->total);
                rc = rc_of(db_run(st));
                if (rc == STORE_OK && db_changes(db) == 1)
                        rc = keep_previous(db, id, version, old, t->document, saved_by, saved_at);
                else if (rc == STORE_OK)
                        found = DB_DONE;
        }
        free(old);
        if (found == DB_ROW || rc != STORE_OK)
                return rc;
        if (found != DB_DONE)
                return STORE_ERROR;
        st = db_prepare(db, "SELECT 1 FROM tasks WHERE id = ?1");
        db_bind_int(st, 1, id);
        rc = db_step(st) == DB_ROW ? STORE_CONFLICT : STORE_NOT_FOUND;
        db_reset(st);
        return rc;
}

/* A kept version read by store_task_version. */
struct kept {
        int64_t version;
        const char *text; /* in the caller's arena */
        bool delta;
};

enum store_rc store_task_version(struct db *db, struct arena *a, int64_t id, int64_t version,
                                 const char **document)
{
        *document = NULL;
        struct db_stmt *st = db_prepare(db, "SELECT version, document FROM tasks WHERE id = ?1");
        db_bind_int(st, 1, id);
        enum db_rc rc = db_step(st);
        int64_t current = rc == DB_ROW ? db_col_int(st, 0) : 0;
        const char *text = rc == DB_ROW ? db_col_copy(st, 1, a) : NULL;
        db_reset(st);
        if (rc != DB_ROW)
                return rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
        if (version == current) {
                *document = text ? text : "";
                return STORE_OK;
        }
        if (version < 1 || version > current)
                return STORE_NOT_FOUND;
        /* version, version + 1, … up to the first one kept whole */
        st = db_prepare(db,
                        "SELECT version, document, delta FROM task_versions "
                        "WHERE task_id = ?1 AND version >= ?2 AND version < ?3 ORDER BY version");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, version);
        db_bind_int(st, 3, current);
        struct vec v = VEC_INIT(struct kept);
        bool whole = false;
        while (!whole && (rc = db_step(st)) == DB_ROW) {
                struct kept *k = vec_push(&v);
                k->version = db_col_int(st, 0);
                k->text = db_col_copy(st, 1, a);
                k->delta = db_col_int(st, 2) != 0;
                whole = !k->delta;
        }
        db_reset(st);
        size_t n;
        struct kept *rows = vec_finish(&v, a, &n);
        if (!whole && rc != DB_DONE)
                return STORE_ERROR;
        for (size_t i = 0; i < n; i++)
                if (rows[i].version != version + (int64_t)i || !rows[i].text)
                        return STORE_NOT_FOUND; /* a version no longer kept */
        if (!whole && (n == 0 || rows[n - 1].version != current - 1))
                return STORE_NOT_FOUND;
        /* from the whole one (or the current document) downwards */
        size_t i = n;
        const char *at = text ? text : "";
        if (whole)
                at = rows[--i].text;
        struct buf b = BUF_INIT;
        while (i-- > 0) {
                buf_reset(&b);
                if (!linediff_apply(at, strlen(at), rows[i].text, strlen(rows[i].text), &b)) {
                        buf_free(&b);
                        return STORE_ERROR;
                }
                at = arena_strndup(a, buf_str(&b), b.len);
        }
        buf_free(&b);
        *document = at;
        return STORE_OK;
}

/* ---- the query ------------------------------------------------------------------------- */

/* ORDER BY of each sort key; ties by year, then unit code. */
static const char *const sort_sql[SORT_N][2] = {
    [SORT_YEAR] = {"t.year, u.code", "t.year DESC, u.code"},
    [SORT_UNIT] = {"u.code, t.year DESC", "u.code DESC, t.year DESC"},
    [SORT_STATUS] = {"CASE t.status WHEN 'draft' THEN 0 WHEN 'unit_review' THEN 1 WHEN "
                     "'supervisor_review' THEN 2 WHEN 'finance_review' THEN 3 ELSE 4 END, t.year "
                     "DESC, u.code",
                     "CASE t.status WHEN 'draft' THEN 0 WHEN 'unit_review' THEN 1 WHEN "
                     "'supervisor_review' THEN 2 WHEN 'finance_review' THEN 3 ELSE 4 END DESC, "
                     "t.year DESC, u.code"},
    [SORT_TOTAL] = {"t.total_centi, t.year DESC, u.code",
                    "t.total_centi DESC, t.year DESC, u.code"},
    [SORT_GRADE] = {"t.grade, t.year DESC, u.code", "t.grade DESC, t.year DESC, u.code"},
    [SORT_ERRORS] = {"t.errors, t.year DESC, u.code", "t.errors DESC, t.year DESC, u.code"},
    [SORT_WARNINGS] = {"t.warnings, t.year DESC, u.code", "t.warnings DESC, t.year DESC, u.code"},
    [SORT_UPDATED] = {"t.updated_at, u.code", "t.updated_at DESC, u.code"},
};

#define QUERY_WHERE                                                                                \
        "WHERE (?1 OR t.unit_id = ?2 OR substr(u.code, 1, 3) = ?3) AND (?4 = 0 OR t.year = ?4) "   \
        "AND (?5 IS NULL OR t.status = ?5) AND (?6 IS NULL OR t.grade = ?6) "                      \
        "AND (?7 IS NULL OR instr(u.code, ?7) > 0 OR instr(u.name, ?7) > 0) "                      \
        "AND (?8 IS NULL OR t.total_centi >= ?8) AND (?9 IS NULL OR t.total_centi <= ?9) "         \
        "AND (coalesce(t.errors, 0) + coalesce(t.warnings, 0) >= ?10) "                           \
        "AND (?13 IS NULL OR substr(u.code, 1, 3) = ?13) AND (?14 = 0 OR t.returned = 1) "

static void bind_query(struct db_stmt *st, const struct scope *sc, const struct task_query *q)
{
        db_bind_int(st, 1, sc->all);
        db_bind_int(st, 2, sc->unit_id);
        db_bind_text(st, 3, sc->prefix ? sc->prefix : "");
        db_bind_int(st, 4, q->year);
        db_bind_text(st, 5, q->status);
        db_bind_text(st, 6, q->grade);
        db_bind_text(st, 7, q->unit);
        if (q->min_centi == INT64_MIN)
                db_bind_null(st, 8);
        else
                db_bind_int(st, 8, q->min_centi);
        if (q->max_centi == INT64_MAX)
                db_bind_null(st, 9);
        else
                db_bind_int(st, 9, q->max_centi);
        db_bind_int(st, 10, q->min_findings);
        db_bind_text(st, 13, q->department);
        db_bind_int(st, 14, q->returned);
}

enum store_rc store_task_query(struct db *db, struct arena *a, const struct scope *sc,
                               const struct task_query *q, struct task **out, size_t *n,
                               int64_t *total)
{
        struct db_stmt *st = db_prepare(db, "SELECT count(*)" TASK_FROM QUERY_WHERE);
        bind_query(st, sc, q);
        enum db_rc rc = db_step(st);
        *total = rc == DB_ROW ? db_col_int(st, 0) : 0;
        db_reset(st);
        if (rc != DB_ROW)
                return STORE_ERROR;
        /* the ORDER BY comes from the fixed table above, never from input */
        char sql[1024];
        snprintf(sql, sizeof sql, "SELECT %s%s%s ORDER BY %s LIMIT ?11 OFFSET ?12", TASK_COLUMNS,
                 TASK_FROM, QUERY_WHERE, sort_sql[q->sort][q->desc]);
        st = db_prepare(db, sql);
        bind_query(st, sc, q);
        db_bind_int(st, 11, q->limit);
        db_bind_int(st, 12, q->offset);
        struct vec v = VEC_INIT(struct task);
        while ((rc = db_step(st)) == DB_ROW)
                read_task(st, a, vec_push(&v));
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_department_open(struct db *db, struct arena *a, const char *prefix,
                                    int64_t year, int64_t *open, const char **first)
{
        struct db_stmt *st = db_prepare(
            db, "SELECT count(*), min(u.name)" TASK_FROM
                "WHERE t.year = ?1 AND substr(u.code, 1, 3) = ?2 AND substr(u.code, 4) <> '001' "
                "AND t.status <> 'done'");
        db_bind_int(st, 1, year);
        db_bind_text(st, 2, prefix);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW) {
                *open = db_col_int(st, 0);
                *first = db_col_null(st, 1) ? NULL : db_col_copy(st, 1, a);
        }
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : STORE_ERROR;
}

/* ---- the timeline ------------------------------------------------------------------------ */

enum store_rc store_task_event_add(struct db *db, int64_t task_id, const struct task_event *e)
{
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO task_events (task_id, at, user_id, action, from_status, to_status, "
                "comment, changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        db_bind_int(st, 1, task_id);
        db_bind_int(st, 2, e->at);
        db_bind_id(st, 3, e->user_id);
        db_bind_text(st, 4, e->action);
        db_bind_text(st, 5, e->from_status);
        db_bind_text(st, 6, e->to_status);
        db_bind_text(st, 7, e->comment);
        db_bind_text(st, 8, e->changes);
        return rc_of(db_run(st));
}

enum store_rc store_task_events(struct db *db, struct arena *a, int64_t task_id,
                                struct task_event **out, size_t *n)
{
        struct db_stmt *st = db_prepare(
            db, "SELECT e.id, e.at, e.user_id, "
                "CASE WHEN us.id IS NULL THEN '系统' ELSE us.name || '（' || "
                "CASE us.role WHEN 'preparer' THEN '经办岗' WHEN 'reviewer' THEN '审核岗' "
                "WHEN 'finance' THEN '财政绩效经办' ELSE '系统管理员' END || "
                "coalesce('，' || un.name, '') || '）' END, "
                "e.action, e.from_status, e.to_status, e.comment, e.changes "
                "FROM task_events e LEFT JOIN users us ON us.id = e.user_id "
                "LEFT JOIN units un ON un.id = us.unit_id WHERE e.task_id = ?1 ORDER BY e.id");
        db_bind_int(st, 1, task_id);
        struct vec v = VEC_INIT(struct task_event);
        enum db_rc rc;
        while ((rc = db_step(st)) == DB_ROW) {
                struct task_event *e = vec_push(&v);
                e->id = db_col_int(st, 0);
                e->at = db_col_int(st, 1);
                e->user_id = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
                e->user = db_col_copy(st, 3, a);
                e->action = db_col_copy(st, 4, a);
                e->from_status = db_col_copy(st, 5, a);
                e->to_status = db_col_copy(st, 6, a);
                e->comment = db_col_copy(st, 7, a);
                e->changes = db_col_copy(st, 8, a);
        }
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}
