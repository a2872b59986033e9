/* User accounts: phone number, name, unit and post, password hash. */
#include "store_int.h"

#include "../base/vec.h"

#include <string.h>

static const char *const role_names[] = {NULL, "preparer", "reviewer", "finance", "admin"};
static const char *const role_labels[] = {NULL, "经办岗", "审核岗", "财政绩效经办", "系统管理员"};

const char *role_name(enum role r)
{
        return r >= ROLE_PREPARER && r <= ROLE_ADMIN ? role_names[r] : NULL;
}

const char *role_label(enum role r)
{
        return r >= ROLE_PREPARER && r <= ROLE_ADMIN ? role_labels[r] : NULL;
}

enum role role_parse(const char *name)
{
        for (int r = ROLE_PREPARER; r <= ROLE_ADMIN; r++)
                if (name && strcmp(name, role_names[r]) == 0)
                        return (enum role)r;
        return ROLE_NONE;
}

#define USER_FROM " FROM users u LEFT JOIN units n ON n.id = u.unit_id "

void store_read_user(struct db_stmt *st, struct arena *a, struct user *u, bool for_login)
{
        u->id = db_col_int(st, 0);
        u->phone = db_col_copy(st, 1, a);
        u->name = db_col_copy(st, 2, a);
        u->unit_id = db_col_null(st, 3) ? 0 : db_col_int(st, 3);
        u->unit_code = db_col_copy(st, 4, a);
        u->unit_name = db_col_copy(st, 5, a);
        u->role = role_parse(db_col_text(st, 6));
        u->must_change = db_col_int(st, 7) != 0;
        u->disabled = db_col_int(st, 8) != 0 || (for_login && db_col_int(st, 11) != 0);
        u->version = db_col_int(st, 9);
        u->password_hash = for_login ? db_col_copy(st, 10, a) : NULL;
}

#define USERS_FOUND                                                                                \
        USER_FROM "WHERE (?1 OR u.unit_id = ?2 OR substr(n.code, 1, 3) = ?3) "                      \
        "AND (?4 IS NULL OR instr(u.phone, ?4) > 0 OR instr(u.name, ?4) > 0 "                       \
        "OR instr(n.code, ?4) > 0 OR instr(n.name, ?4) > 0)"

enum store_rc store_users_find(struct db *db, struct arena *a, const struct scope *sc,
                               const struct store_page *p, struct user **out, size_t *n,
                               int64_t *total)
{
        *n = 0;
        *out = NULL;
        struct db_stmt *st = db_prepare(db, "SELECT count(*)" USERS_FOUND);
        store_bind_scope(st, sc);
        db_bind_text(st, 4, p->search);
        enum db_rc rc = db_step(st);
        *total = rc == DB_ROW ? db_col_int(st, 0) : 0;
        db_reset(st);
        if (rc != DB_ROW)
                return STORE_ERROR;
        st = db_prepare(db, "SELECT " USER_COLUMNS USERS_FOUND
                            " ORDER BY n.code IS NOT NULL, n.code, u.role, u.phone "
                            "LIMIT ?5 OFFSET ?6");
        store_bind_scope(st, sc);
        db_bind_text(st, 4, p->search);
        db_bind_int(st, 5, p->limit);
        db_bind_int(st, 6, p->offset);
        struct vec v = VEC_INIT(struct user);
        while ((rc = db_step(st)) == DB_ROW)
                store_read_user(st, a, vec_push(&v), false);
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_user_by_id(struct db *db, struct arena *a, int64_t id, struct user *out)
{
        struct db_stmt *st = db_prepare(db, "SELECT " USER_COLUMNS USER_FROM "WHERE u.id = ?1");
        db_bind_int(st, 1, id);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW)
                store_read_user(st, a, out, false);
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_user_by_phone(struct db *db, struct arena *a, const char *phone,
                                  struct user *out)
{
        struct db_stmt *st = db_prepare(db, "SELECT " USER_COLUMNS USER_FROM "WHERE u.phone = ?1");
        db_bind_text(st, 1, phone);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW)
                store_read_user(st, a, out, true);
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_user_insert(struct db *db, const struct user *u, const char *password_hash,
                                int64_t now, int64_t *id)
{
        struct db_stmt *st = db_prepare(
            db,
            "INSERT INTO users (phone, name, unit_id, role, password_hash, must_change, created_at, "
            "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)");
        db_bind_text(st, 1, u->phone);
        db_bind_text(st, 2, u->name);
        db_bind_id(st, 3, u->unit_id);
        db_bind_text(st, 4, role_name(u->role));
        db_bind_text(st, 5, password_hash);
        db_bind_int(st, 6, now);
        enum store_rc rc = rc_of(db_run(st));
        if (rc == STORE_OK && id)
                *id = db_last_id(db);
        return rc;
}

enum store_rc store_user_update(struct db *db, int64_t id, int64_t version, const char *name,
                                int64_t unit_id, enum role role, bool disabled, int64_t now)
{
        struct db_stmt *st =
            db_prepare(db, "UPDATE users SET name = ?3, unit_id = ?4, role = ?5, disabled = ?6, "
                           "updated_at = ?7, version = version + 1 WHERE id = ?1 AND version = ?2");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, version);
        db_bind_text(st, 3, name);
        db_bind_id(st, 4, unit_id);
        db_bind_text(st, 5, role_name(role));
        db_bind_int(st, 6, disabled);
        db_bind_int(st, 7, now);
        enum store_rc rc = rc_of(db_run(st));
        if (rc != STORE_OK)
                return rc;
        if (db_changes(db) == 1) {
                if (disabled) { /* a disabled account keeps no session */
                        st = db_prepare(db, "DELETE FROM sessions WHERE user_id = ?1");
                        db_bind_int(st, 1, id);
                        return rc_of(db_run(st));
                }
                return STORE_OK;
        }
        st = db_prepare(db, "SELECT 1 FROM users WHERE id = ?1");
        db_bind_int(st, 1, id);
        rc = db_step(st) == DB_ROW ? STORE_CONFLICT : STORE_NOT_FOUND;
        db_reset(st);
        return rc;
}

enum store_rc store_user_set_password(struct db *db, int64_t id, const char *hash, bool must_change,
                                      int64_t now)
{
        if (db_begin(db, DB_HERE) != DB_OK)
                return STORE_ERROR;
        struct db_stmt *st = db_prepare(
            db, "UPDATE users SET password_hash = ?2, must_change = ?3, updated_at = ?4, "
                "version = version + 1 WHERE id = ?1");
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, hash);
        db_bind_int(st, 3, must_change);
        db_bind_int(st, 4, now);
        enum store_rc rc = rc_of(db_run(st));
        if (rc == STORE_OK && db_changes(db) != 1)
                rc = STORE_NOT_FOUND;
        if (rc == STORE_OK) {
                st = db_prepare(db, "DELETE FROM sessions WHERE user_id = ?1");
                db_bind_int(st, 1, id);
                rc = rc_of(db_run(st));
        }
        if (rc != STORE_OK) {
                db_rollback(db);
                return rc;
        }
        return db_commit(db) == DB_OK ? STORE_OK : STORE_ERROR;
}
