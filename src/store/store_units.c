/* Units (预算单位) and scopes: which units a user may see. */
#include "store_int.h"

#include "../base/vec.h"

#include <string.h>

void store_bind_scope(struct db_stmt *st, const struct scope *sc)
{
        db_bind_int(st, 1, sc->all);
        db_bind_int(st, 2, sc->unit_id);
        db_bind_text(st, 3, sc->prefix ? sc->prefix : "");
}

bool unit_is_supervising(const char *code)
{
        return strlen(code) == 6 && strcmp(code + 3, "001") == 0;
}

static void read_unit(struct db_stmt *st, struct arena *a, struct unit *u)
{
        u->id = db_col_int(st, 0);
        u->code = db_col_copy(st, 1, a);
        u->name = db_col_copy(st, 2, a);
        u->disabled = db_col_int(st, 3) != 0;
        u->version = db_col_int(st, 4);
}

#define UNIT_COLUMNS "id, code, name, disabled, version"

enum store_rc store_units(struct db *db, struct arena *a, const struct scope *sc, struct unit **out,
                          size_t *n)
{
        struct db_stmt *st =
            db_prepare(db, "SELECT " UNIT_COLUMNS " FROM units "
                           "WHERE ?1 OR id = ?2 OR substr(code, 1, 3) = ?3 ORDER BY code");
        store_bind_scope(st, sc);
        struct vec v = VEC_INIT(struct unit);
        enum db_rc rc;
        while ((rc = db_step(st)) == DB_ROW)
                read_unit(st, a, vec_push(&v));
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

#define UNITS_FOUND                                                                                \
        " FROM units WHERE (?1 OR id = ?2 OR substr(code, 1, 3) = ?3) "                             \
        "AND (?4 IS NULL OR instr(code, ?4) > 0 OR instr(name, ?4) > 0)"

enum store_rc store_supervising_units(struct db *db, struct arena *a, const struct scope *sc,
                                      struct unit **out, size_t *n)
{
        struct db_stmt *st = db_prepare(db, "SELECT " UNIT_COLUMNS " FROM units "
                                            "WHERE (?1 OR id = ?2 OR substr(code, 1, 3) = ?3) "
                                            "AND substr(code, 4, 3) = '001' ORDER BY code");
        store_bind_scope(st, sc);
        struct vec v = VEC_INIT(struct unit);
        enum db_rc rc;
        while ((rc = db_step(st)) == DB_ROW)
                read_unit(st, a, vec_push(&v));
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_units_find(struct db *db, struct arena *a, const struct scope *sc,
                               const struct store_page *p, struct unit **out, size_t *n,
                               int64_t *total)
{
        *n = 0;
        *out = NULL;
        struct db_stmt *st = db_prepare(db, "SELECT count(*)" UNITS_FOUND);
        store_bind_scope(st, sc);
        db_bind_text(st, 4, p->search);
        enum db_rc rc = db_step(st);
        *total = rc == DB_ROW ? db_col_int(st, 0) : 0;
        db_reset(st);
        if (rc != DB_ROW)
                return STORE_ERROR;
        st = db_prepare(db, "SELECT " UNIT_COLUMNS UNITS_FOUND " ORDER BY code LIMIT ?5 OFFSET ?6");
        store_bind_scope(st, sc);
        db_bind_text(st, 4, p->search);
        db_bind_int(st, 5, p->limit);
        db_bind_int(st, 6, p->offset);
        struct vec v = VEC_INIT(struct unit);
        while ((rc = db_step(st)) == DB_ROW)
                read_unit(st, a, vec_push(&v));
        db_reset(st);
        *out = vec_finish(&v, a, n);
        return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_unit_by_code(struct db *db, struct arena *a, const char *code, struct unit *out)
{
        struct db_stmt *st = db_prepare(db, "SELECT " UNIT_COLUMNS " FROM units WHERE code = ?1");
        db_bind_text(st, 1, code);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW)
                read_unit(st, a, out);
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_unit_by_id(struct db *db, struct arena *a, int64_t id, struct unit *out)
{
        struct db_stmt *st = db_prepare(db, "SELECT " UNIT_COLUMNS " FROM units WHERE id = ?1");
        db_bind_int(st, 1, id);
        enum db_rc rc = db_step(st);
        if (rc == DB_ROW)
                read_unit(st, a, out);
        db_reset(st);
        return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

enum store_rc store_unit_insert(struct db *db, const char *code, const char *name, int64_t now,
                                int64_t *id)
{
        struct db_stmt *st = db_prepare(
            db, "INSERT INTO units (code, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)");
        db_bind_text(st, 1, code);
        db_bind_text(st, 2, name);
        db_bind_int(st, 3, now);
        enum store_rc rc = rc_of(db_run(st));
        if (rc == STORE_OK && id)
                *id = db_last_id(db);
        return rc;
}

enum store_rc store_unit_update(struct db *db, int64_t id, int64_t version, const char *name,
                                bool disabled, int64_t now)
{
        struct db_stmt *st =
            db_prepare(db, "UPDATE units SET name = ?3, disabled = ?4, updated_at = ?5, "
                           "version = version + 1 WHERE id = ?1 AND version = ?2");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, version);
        db_bind_text(st, 3, name);
        db_bind_int(st, 4, disabled);
        db_bind_int(st, 5, now);
        enum store_rc rc = rc_of(db_run(st));
        if (rc == STORE_OK && db_changes(db) == 1 && disabled) {
                /* the accounts of a disabled unit keep no session */
                st = db_prepare(db, "DELETE FROM sessions WHERE user_id IN "
                                    "(SELECT id FROM users WHERE unit_id = ?1)");
                db_bind_int(st, 1, id);
                return rc_of(db_run(st));
        }
        if (rc != STORE_OK || db_changes(db) == 1)
                return rc;
        struct unit u;
        struct arena *a = arena_new();
        rc = store_unit_by_id(db, a, id, &u) == STORE_OK ? STORE_CONFLICT : STORE_NOT_FOUND;
        arena_free(a);
        return rc;
}

bool scope_has_unit(struct db *db, const struct scope *sc, int64_t unit_id)
{
        if (sc->all || unit_id == sc->unit_id)
                return true;
        if (!sc->prefix)
                return false;
        struct db_stmt *st =
            db_prepare(db, "SELECT 1 FROM units WHERE id = ?1 AND substr(code, 1, 3) = ?2");
        db_bind_int(st, 1, unit_id);
        db_bind_text(st, 2, sc->prefix);
        bool ok = db_step(st) == DB_ROW;
        db_reset(st);
        return ok;
}
