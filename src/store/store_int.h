/* Shared by the storage modules (src/store/store_*.c), not by their
 * users: the result of a statement as a store result, and how a user row
 * is selected and read (by the account functions and by sessions). */
#ifndef JX_STORE_INT_H
#define JX_STORE_INT_H

#include "store.h"

/* DB_OK → STORE_OK, a constraint violation → STORE_DUPLICATE, anything
 * else → STORE_ERROR. */
static inline enum store_rc rc_of(enum db_rc rc)
{
        return rc == DB_OK ? STORE_OK : rc == DB_CONSTRAINT ? STORE_DUPLICATE : STORE_ERROR;
}

/* The columns of a user with its unit (n) that store_read_user reads, in
 * its order; u and n are users and units. */
#define USER_COLUMNS                                                                                       \
        "u.id, u.phone, u.name, u.unit_id, n.code, n.name, u.role, u.must_change, u.disabled, u.version, " \
        "u.password_hash, coalesce(n.disabled, 0)"
#define USER_COLUMN_COUNT 12

/* A row that begins with USER_COLUMNS. For signing in (for_login) the
 * password hash is read too, and an account of a disabled unit counts as
 * disabled. */
void store_read_user(struct db_stmt *st, struct arena *a, struct user *u, bool for_login);

/* Bind a scope as ?1 (all), ?2 (a unit's own id), ?3 (a department's
 * 3-digit prefix). */
void store_bind_scope(struct db_stmt *st, const struct scope *sc);

#endif
