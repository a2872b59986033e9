/* The health probe of the monitoring endpoint: a read and a committed
 * one-row write, so that a full disk or a read-only file shows. */
#include "store_int.h"

#include <stdio.h>

enum store_rc store_health_probe(struct db *db, int64_t now, bool *readable)
{
        struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM meta");
        *readable = db_step(st) == DB_ROW;
        db_reset(st);
        if (!*readable || db_begin(db, DB_HERE) != DB_OK)
                return STORE_ERROR;
        char at[24];
        snprintf(at, sizeof at, "%lld", (long long)now);
        st = db_prepare(db, "INSERT INTO meta (key, value) VALUES ('health_probe', ?1) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        db_bind_text(st, 1, at);
        if (db_run(st) != DB_OK) {
                db_rollback(db);
                return STORE_ERROR;
        }
        return db_commit(db) == DB_OK ? STORE_OK : STORE_ERROR;
}
