/* The append-only audit log (the schema refuses updates and deletes). */
#include "store.h"

#include "../base/vec.h"

enum store_rc store_audit(struct db *db, const struct audit_entry *e)
{
        struct db_stmt *st = db_prepare(
            db,
            "INSERT INTO audit (at, user_id, actor, ip, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        db_bind_int(st, 1, e->at);
        db_bind_id(st, 2, e->user_id);
        db_bind_text(st, 3, e->actor ? e->actor : "");
        db_bind_text(st, 4, e->ip ? e->ip : "");
        db_bind_text(st, 5, e->action);
        db_bind_text(st, 6, e->target);
        db_bind_text(st, 7, e->detail);
        return db_run(st) == DB_OK ? STORE_OK : STORE_ERROR;
}

enum store_rc store_audit_list(struct db *db, struct arena *a, int64_t before_id, size_t limit,
                               struct audit_entry **out, size_t *n)
{
        struct db_stmt *st =
            db_prepare(db, "SELECT id, at, user_id, actor, ip, action, target, detail FROM audit "
                           "WHERE ?1 <= 0 OR id < ?1 ORDER BY id DESC LIMIT ?2");
        db_bind_int(st, 1, before_id);
        db_bind_int(st, 2, (int64_t)limit);
        struct vec v = VEC_INIT(struct audit_entry);
        enum db_rc rc;
        while ((rc = db_step(st)) == DB_ROW) {
                struct audit_entry *e = vec_push(&v);
                e->id = db_col_int(st, 0);
                e->at = db_col_int(st, 1);
                e->user_id = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
                e->actor = db_col_copy(st, 3, a);
                e->ip = db_col_copy(st, 4, a);
                e->action = db_col_copy(st, 5, a);
                e->target = db_col_copy(st, 6, a);
                e->detail = db_col_copy(st, 7, a);
        }
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}
