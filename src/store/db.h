/* The database interface: connections, prepared statements, transactions.
 *
 * Every SQL statement in jixiao goes through this interface with its
 * values bound, never formatted into the SQL text. The SQL lives in the
 * store_*.c files, one per domain; this file's implementation
 * (db_sqlite.c) is the only one that knows the engine, so a PostgreSQL
 * backend can be added beside it. Statements are prepared once per
 * connection and cached by their SQL text's address, so callers pass
 * string literals.
 *
 * Errors: a statement that does not prepare is a programming error and
 * aborts with its SQL text. Runtime failures (busy, constraint, I/O) are
 * returned as DB_* codes and described by db_errmsg(). */
#ifndef JX_DB_H
#define JX_DB_H

#include "../base/arena.h"
#include "../base/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum db_rc {
        DB_OK = 0,
        DB_ROW,        /* db_step: a row is available */
        DB_DONE,       /* db_step: no more rows */
        DB_BUSY,       /* the database stayed locked beyond the busy timeout */
        DB_CONSTRAINT, /* a UNIQUE, CHECK or FOREIGN KEY constraint failed */
        DB_ERROR,      /* anything else (I/O, corruption) */
        DB_FULL,       /* the disk (or the database's size limit) is full: nothing was written */
};

/* Open the database file path (creating it when create is true) with
 * WAL, foreign keys, full synchronous commits and a busy timeout. Returns
 * NULL and a diagnostic on failure. */
struct db *db_open(const char *path, bool create, struct diags *errs);
void db_close(struct db *db);

/* The cached prepared statement for sql (a string literal), reset and
 * with its bindings cleared. Aborts if sql does not prepare. */
struct db_stmt *db_prepare(struct db *db, const char *sql);

/* Bind values to the 1-based parameter idx. Text is copied; NULL text
 * binds NULL. */
void db_bind_text(struct db_stmt *st, int idx, const char *s);
void db_bind_int(struct db_stmt *st, int idx, int64_t v);
/* A row id, or NULL for 0 (no row: e.g. an action of the system). */
void db_bind_id(struct db_stmt *st, int idx, int64_t id);
void db_bind_null(struct db_stmt *st, int idx);
void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);

/* Step: DB_ROW, DB_DONE or an error code. */
enum db_rc db_step(struct db_stmt *st);
/* Reset a statement after reading the rows wanted, releasing its read
 * snapshot. (db_prepare resets too, and db_run does after running.) */
void db_reset(struct db_stmt *st);
/* Step a statement that returns no rows: DB_OK or an error code. */
enum db_rc db_run(struct db_stmt *st);

/* Columns of the current row (0-based). Text stays valid until the next
 * step or reset of the statement; NULL for SQL NULL. */
const char *db_col_text(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
bool db_col_null(struct db_stmt *st, int col);
const void *db_col_blob(struct db_stmt *st, int col, size_t *n);
/* A text column copied into arena a (NULL for SQL NULL). */
const char *db_col_copy(struct db_stmt *st, int col, struct arena *a);

/* Run SQL without parameters (schema changes, pragmas); DB_OK or an error. */
enum db_rc db_exec(struct db *db, const char *sql);

/* Transactions nest: the outermost begin starts an immediate (write)
 * transaction, the matching commit commits. A rollback at any depth
 * dooms the whole transaction. where names the caller for diagnostics. */
enum db_rc db_begin(struct db *db, const char *where);
enum db_rc db_commit(struct db *db);
void db_rollback(struct db *db);
/* A read transaction for a request that only reads: the statements until
 * db_read_end() see one snapshot of the database, and the file locks are
 * taken once instead of around every statement. Only outside any other
 * transaction, and nothing may write inside it (db_begin() aborts). */
enum db_rc db_read_begin(struct db *db);
void db_read_end(struct db *db);
/* Where the open transaction was begun, or NULL. */
const char *db_transaction_owner(const struct db *db);

int64_t db_last_id(struct db *db);
int db_changes(struct db *db);
/* The last error of the connection, for logs and messages. */
const char *db_errmsg(struct db *db);
/* True when a statement, commit or transaction of this connection failed
 * with DB_FULL since the previous call; the mark is cleared. (A caller
 * that only sees a failed write can so tell a full disk from the rest.) */
bool db_take_full(struct db *db);

/* A consistent copy of the live database into a new file. */
enum db_rc db_backup(struct db *db, const char *to_path);

#define DB_HERE    __FILE__ ":" DB_STR(__LINE__)
#define DB_STR(x)  DB_STR2(x)
#define DB_STR2(x) #x

#endif
