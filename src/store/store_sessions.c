/* Sessions (by the hash of their token) and login throttling. */
#include "store_int.h"

enum store_rc store_session_insert(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES],
                                   int64_t user_id, const char *csrf, const char *ip, int64_t now,
                                   int64_t expires_at)
{
        struct db_stmt *st =
            db_prepare(db, "INSERT INTO sessions (token_hash, user_id, csrf, created_at, seen_at, "
                           "expires_at, ip) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)");
        db_bind_blob(st, 1, hash, TOKEN_HASH_BYTES);
        db_bind_int(st, 2, user_id);
        db_bind_text(st, 3, csrf);
        db_bind_int(st, 4, now);
        db_bind_int(st, 5, expires_at);
        db_bind_text(st, 6, ip);
        return rc_of(db_run(st));
}

enum store_rc store_session_get(struct db *db, struct arena *a,
                                const unsigned char hash[TOKEN_HASH_BYTES], int64_t now,
                                int64_t idle, struct session *out)
{
        struct db_stmt *st = db_prepare(
            db,
            "SELECT " USER_COLUMNS ", s.csrf, s.seen_at, s.expires_at "
            "FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN units n ON n.id = u.unit_id "
            "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND s.seen_at > ?2 - ?3 AND u.disabled = 0 "
            "AND (n.id IS NULL OR n.disabled = 0)");
        db_bind_blob(st, 1, hash, TOKEN_HASH_BYTES);
        db_bind_int(st, 2, now);
        db_bind_int(st, 3, idle);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW) {
                store_read_user(st, a, &out->user, false);
                out->csrf = db_col_copy(st, USER_COLUMN_COUNT, a);
                out->seen_at = db_col_int(st, USER_COLUMN_COUNT + 1);
                out->expires_at = db_col_int(st, USER_COLUMN_COUNT + 2);
        }
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_session_touch(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES],
                                  int64_t now)
{
        struct db_stmt *st =
            db_prepare(db, "UPDATE sessions SET seen_at = ?2 WHERE token_hash = ?1");
        db_bind_blob(st, 1, hash, TOKEN_HASH_BYTES);
        db_bind_int(st, 2, now);
        return rc_of(db_run(st));
}

enum store_rc store_session_delete(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES])
{
        struct db_stmt *st = db_prepare(db, "DELETE FROM sessions WHERE token_hash = ?1");
        db_bind_blob(st, 1, hash, TOKEN_HASH_BYTES);
        return rc_of(db_run(st));
}

enum store_rc store_sessions_purge(struct db *db, int64_t now, int64_t idle)
{
        struct db_stmt *st =
            db_prepare(db, "DELETE FROM sessions WHERE expires_at <= ?1 OR seen_at <= ?1 - ?2");
        db_bind_int(st, 1, now);
        db_bind_int(st, 2, idle);
        return rc_of(db_run(st));
}

int64_t store_throttle_locked(struct db *db, const char *key, int64_t now)
{
        struct db_stmt *st = db_prepare(db, "SELECT locked_until FROM throttle WHERE key = ?1");
        db_bind_text(st, 1, key);
        int64_t left = 0;
        if (db_step(st) == DB_ROW && db_col_int(st, 0) > now)
                left = db_col_int(st, 0) - now;
        db_reset(st);
        return left;
}

enum store_rc store_throttle_fail(struct db *db, const char *key, int64_t now, int64_t window,
                                  int limit, int64_t lock)
{
        /* a new window starts when the old one is over */
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO throttle (key, failures, window_start) VALUES (?1, 1, ?2) "
                "ON CONFLICT (key) DO UPDATE SET "
                "failures = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE failures + 1 END, "
                "window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END");
        db_bind_text(st, 1, key);
        db_bind_int(st, 2, now);
        db_bind_int(st, 3, window);
        enum store_rc rc = rc_of(db_run(st));
        if (rc != STORE_OK)
                return rc;
        st = db_prepare(
            db, "UPDATE throttle SET locked_until = ?2 + ?3, failures = 0, window_start = ?2 "
                "WHERE key = ?1 AND failures >= ?4");
        db_bind_text(st, 1, key);
        db_bind_int(st, 2, now);
        db_bind_int(st, 3, lock);
        db_bind_int(st, 4, limit);
        return rc_of(db_run(st));
}

enum store_rc store_throttle_clear(struct db *db, const char *key)
{
        struct db_stmt *st = db_prepare(db, "DELETE FROM throttle WHERE key = ?1");
        db_bind_text(st, 1, key);
        return rc_of(db_run(st));
}

/* The attempt counted for key within the window: failures and lock. */
static bool throttle_row(struct db *db, const char *key, int64_t *failures, int64_t *locked_until)
{
        struct db_stmt *st =
            db_prepare(db, "SELECT failures, locked_until FROM throttle WHERE key = ?1");
        db_bind_text(st, 1, key);
        bool ok = db_step(st) == DB_ROW;
        if (ok) {
                *failures = db_col_int(st, 0);
                *locked_until = db_col_int(st, 1);
        }
        db_reset(st);
        return ok;
}

int64_t store_throttle_take(struct db *db, const char *key, int64_t now, int64_t window, int limit,
                            int64_t lock)
{
        if (db_begin(db, DB_HERE) != DB_OK)
                return lock;
        /* count first: the row's lock serializes simultaneous attempts */
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO throttle (key, failures, window_start) VALUES (?1, 1, ?2) "
                "ON CONFLICT (key) DO UPDATE SET "
                "failures = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE failures + 1 END, "
                "window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END");
        db_bind_text(st, 1, key);
        db_bind_int(st, 2, now);
        db_bind_int(st, 3, window);
        int64_t failures = 0, locked_until = 0, left = 0;
        if (db_run(st) != DB_OK || !throttle_row(db, key, &failures, &locked_until)) {
                db_rollback(db);
                return lock;
        }
        enum store_rc rc = STORE_OK;
        if (locked_until > now) {
                left = locked_until - now;
                rc = store_throttle_refund(db, key);
        } else if (failures > limit) {
                left = lock;
                st = db_prepare(db, "UPDATE throttle SET locked_until = ?2 + ?3, failures = 0, "
                                    "window_start = ?2 WHERE key = ?1");
                db_bind_text(st, 1, key);
                db_bind_int(st, 2, now);
                db_bind_int(st, 3, lock);
                rc = rc_of(db_run(st));
        }
        if (rc != STORE_OK) {
                db_rollback(db);
                return lock;
        }
        return db_commit(db) == DB_OK ? left : lock;
}

enum store_rc store_throttle_failed(struct db *db, const char *key, int64_t now, int limit,
                                    int64_t lock)
{
        struct db_stmt *st = db_prepare(
            db, "UPDATE throttle SET locked_until = ?2 + ?3, failures = 0, window_start = ?2 "
                "WHERE key = ?1 AND failures >= ?4 AND locked_until <= ?2");
        db_bind_text(st, 1, key);
        db_bind_int(st, 2, now);
        db_bind_int(st, 3, lock);
        db_bind_int(st, 4, limit);
        return rc_of(db_run(st));
}

enum store_rc store_throttle_refund(struct db *db, const char *key)
{
        struct db_stmt *st = db_prepare(
            db, "UPDATE throttle SET failures = failures - 1 WHERE key = ?1 AND failures > 0");
        db_bind_text(st, 1, key);
        return rc_of(db_run(st));
}
