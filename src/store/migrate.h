/* The versioned database schema and its migrations. */
#ifndef JX_MIGRATE_H
#define JX_MIGRATE_H

#include "db.h"

/* The schema version this binary writes. */
int migrate_latest(void);

/* The schema version of an open database (0 for an empty one), or -1
 * when it cannot be read. */
int migrate_version(struct db *db);

/* Bring the database to version target (migrate_latest() for normal use)
 * in one transaction. Refuses, leaving the database untouched, a database
 * newer than this binary; appends a diagnostic and returns false on any
 * failure. */
bool migrate_to(struct db *db, int target, struct diags *errs);

#endif
