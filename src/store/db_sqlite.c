/* The database interface on SQLite (see db.h). */
#include "db.h"

#include "../base/xalloc.h"

#include <assert.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

enum { CACHE_SLOTS = 128 }; /* statements cached per connection (open addressing) */

struct db_stmt {
        sqlite3_stmt *st;
        const char *sql; /* the key: the caller's literal */
        struct db *db;
};

struct db {
        sqlite3 *h;
        struct db_stmt cache[CACHE_SLOTS];
        int depth;         /* transaction nesting */
        bool doomed;       /* a nested rollback happened */
        const char *owner; /* where the outermost transaction began */
        bool reading;      /* in db_read_begin() */
        bool full;         /* a write failed for lack of space (db_take_full) */
};

static void die_sql(struct db *db, const char *sql)
{
        fprintf(stderr, "jixiao: SQL error: %s\n  in: %s\n", sqlite3_errmsg(db->h), sql);
        abort();
}

static enum db_rc code_of(int rc)
{
        switch (rc & 0xff) {
        case SQLITE_OK:
                return DB_OK;
        case SQLITE_ROW:
                return DB_ROW;
        case SQLITE_DONE:
                return DB_DONE;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
                return DB_BUSY;
        case SQLITE_CONSTRAINT:
                return DB_CONSTRAINT;
        case SQLITE_FULL:
                return DB_FULL;
        default:
                return DB_ERROR;
        }
}

/* The result of a call on db: an I/O error for want of space (the WAL
 * index or a journal growing) counts as a full disk too; the mark is
 * kept for db_take_full(). */
static enum db_rc rc_of(struct db *db, int rc)
{
        enum db_rc r = code_of(rc);
        if (r == DB_ERROR && (rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno(db->h) == ENOSPC)
                r = DB_FULL;
        if (r == DB_FULL)
                db->full = true;
        return r;
}

struct db *db_open(const char *path, bool create, struct diags *errs)
{
        sqlite3 *h = NULL;
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
        int rc = sqlite3_open_v2(path, &h, flags, NULL);
        if (rc != SQLITE_OK) {
                diags_add(errs, path, NULL, "无法打开数据库：%s",
                          h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
                sqlite3_close(h);
                return NULL;
        }
        struct db *db = xcalloc(1, sizeof(*db));
        db->h = h;
        sqlite3_busy_timeout(h, 5000);
        sqlite3_extended_result_codes(h, 1);
        const char *setup =
            "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
        if (sqlite3_exec(h, setup, NULL, NULL, NULL) != SQLITE_OK) {
                diags_add(errs, path, NULL, "无法打开数据库：%s", sqlite3_errmsg(h));
                db_close(db);
                return NULL;
        }
        return db;
}

void db_close(struct db *db)
{
        if (!db)
                return;
        for (size_t i = 0; i < CACHE_SLOTS; i++)
                sqlite3_finalize(db->cache[i].st);
        sqlite3_close(db->h);
        free(db);
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
        size_t slot = ((uintptr_t)sql >> 3) % CACHE_SLOTS;
        for (size_t probe = 0; probe < CACHE_SLOTS; probe++, slot = (slot + 1) % CACHE_SLOTS) {
                struct db_stmt *s = &db->cache[slot];
                if (s->sql == sql) {
                        sqlite3_reset(s->st);
                        sqlite3_clear_bindings(s->st);
                        return s;
                }
                if (!s->sql) {
                        if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st,
                                               NULL) != SQLITE_OK)
                                die_sql(db, sql);
                        s->sql = sql;
                        s->db = db;
                        return s;
                }
        }
        fprintf(stderr, "jixiao: statement cache full (%d)\n", CACHE_SLOTS);
        abort();
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
        if (s)
                sqlite3_bind_text(st->st, idx, s, -1, SQLITE_TRANSIENT);
        else
                sqlite3_bind_null(st->st, idx);
}

void db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
        sqlite3_bind_int64(st->st, idx, v);
}

void db_bind_id(struct db_stmt *st, int idx, int64_t id)
{
        if (id)
                sqlite3_bind_int64(st->st, idx, id);
        else
                sqlite3_bind_null(st->st, idx);
}

void db_bind_null(struct db_stmt *st, int idx)
{
        sqlite3_bind_null(st->st, idx);
}

void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
        sqlite3_bind_blob64(st->st, idx, p, n, SQLITE_TRANSIENT);
}

enum db_rc db_step(struct db_stmt *st)
{
        return rc_of(st->db, sqlite3_step(st->st));
}

void db_reset(struct db_stmt *st)
{
        sqlite3_reset(st->st);
}

enum db_rc db_run(struct db_stmt *st)
{
        enum db_rc rc = db_step(st);
        sqlite3_reset(st->st);
        return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

const char *db_col_text(struct db_stmt *st, int col)
{
        return (const char *)sqlite3_column_text(st->st, col);
}

int64_t db_col_int(struct db_stmt *st, int col)
{
        return sqlite3_column_int64(st->st, col);
}

bool db_col_null(struct db_stmt *st, int col)
{
        return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

const void *db_col_blob(struct db_stmt *st, int col, size_t *n)
{
        const void *p = sqlite3_column_blob(st->st, col);
        *n = (size_t)sqlite3_column_bytes(st->st, col);
        return p;
}

const char *db_col_copy(struct db_stmt *st, int col, struct arena *a)
{
        const char *s = db_col_text(st, col);
        return s ? arena_strndup(a, s, (size_t)sqlite3_column_bytes(st->st, col)) : NULL;
}

enum db_rc db_exec(struct db *db, const char *sql)
{
        return rc_of(db, sqlite3_exec(db->h, sql, NULL, NULL, NULL));
}

enum db_rc db_begin(struct db *db, const char *where)
{
        assert(!db->reading); /* a write inside a read transaction: a programming error */
        if (db->depth++ > 0)
                return DB_OK;
        db->doomed = false;
        db->owner = where;
        enum db_rc rc = db_exec(db, "BEGIN IMMEDIATE");
        if (rc != DB_OK) {
                db->depth = 0;
                db->owner = NULL;
        }
        return rc;
}

enum db_rc db_commit(struct db *db)
{
        if (db->depth == 0)
                return DB_ERROR;
        if (--db->depth > 0)
                return db->doomed ? DB_ERROR : DB_OK;
        db->owner = NULL;
        if (db->doomed) {
                db_exec(db, "ROLLBACK");
                return DB_ERROR;
        }
        enum db_rc rc = db_exec(db, "COMMIT");
        if (rc != DB_OK)
                db_exec(db, "ROLLBACK");
        return rc;
}

void db_rollback(struct db *db)
{
        if (db->depth == 0)
                return;
        db->doomed = true;
        if (--db->depth == 0) {
                db_exec(db, "ROLLBACK");
                db->owner = NULL;
        }
}

enum db_rc db_read_begin(struct db *db)
{
        assert(db->depth == 0 && !db->reading);
        enum db_rc rc = db_run(db_prepare(db, "BEGIN"));
        db->reading = rc == DB_OK;
        return rc;
}

void db_read_end(struct db *db)
{
        if (!db->reading)
                return;
        db->reading = false;
        if (db_run(db_prepare(db, "COMMIT")) != DB_OK)
                db_exec(db, "ROLLBACK"); /* never leave the connection on an old snapshot */
}

const char *db_transaction_owner(const struct db *db)
{
        return db->owner;
}

int64_t db_last_id(struct db *db)
{
        return sqlite3_last_insert_rowid(db->h);
}

int db_changes(struct db *db)
{
        return sqlite3_changes(db->h);
}

const char *db_errmsg(struct db *db)
{
        return sqlite3_errmsg(db->h);
}

bool db_take_full(struct db *db)
{
        bool full = db->full;
        db->full = false;
        return full;
}

enum db_rc db_backup(struct db *db, const char *to_path)
{
        /* VACUUM INTO reads one snapshot of the database: consistent while
         * other connections keep writing. */
        struct db_stmt *st = db_prepare(db, "VACUUM INTO ?1");
        db_bind_text(st, 1, to_path);
        return db_run(st);
}
