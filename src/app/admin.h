/* Administration (the administrator's posts, and jixiao demo/init on the
 * command line): units, accounts, fiscal years, declared goals, issuing
 * the year's self-evaluation tasks. */
#ifndef JX_APP_ADMIN_H
#define JX_APP_ADMIN_H

#include "app.h"

#include "../doc/doc.h"

/* Add a unit. code is six digits; a subordinate unit (not xxx001) needs
 * its supervising unit xxx001, enabled. out->id: the unit. */
bool app_unit_create(struct app *a, const char *code, const char *name, struct outcome *out);
/* Rename, disable or enable a unit read at version. An enabled
 * subordinate unit always has an enabled supervising unit: xxx001 is
 * disabled only after its subordinate units, and they are enabled only
 * while it is. Disabling ends the sessions of the unit's accounts. */
bool app_unit_update(struct app *a, const char *code, const char *version, const char *name,
                     bool disabled, struct outcome *out);
/* Create an account with a one-time password (out->secret). role is a
 * post's name (preparer, reviewer, finance, admin); unit_code is needed
 * for the unit's posts and refused for the others. */
bool app_user_create(struct app *a, const char *phone, const char *name, const char *unit_code,
                     const char *role, struct outcome *out);
/* Change an account read at version. The actor can neither disable
 * their own account nor give up their own administrator post. */
bool app_user_update(struct app *a, int64_t id, const char *version, const char *name,
                     const char *unit_code, const char *role, bool disabled, struct outcome *out);
/* Give an account a new one-time password (out->secret). */
bool app_user_reset(struct app *a, int64_t id, struct outcome *out);
/* Set up a fiscal year ("2024") with a shipped scheme (default national). */
bool app_year_create(struct app *a, const char *year, const char *scheme, struct outcome *out);
/* Import a unit's declared goals and indicators (a document, JSON). */
bool app_goals_import(struct app *a, int64_t year, const char *json, size_t len,
                      struct outcome *out);
/* Issue the year's self-evaluation task to every enabled unit that has
 * none (out->count). */
bool app_year_issue(struct app *a, int64_t year, struct outcome *out);
/* Make the evaluation document d (of a unit and year that exist, the
 * unit named as stored) that unit's task for that year, as it stands: a
 * migration from another system, or the demo's seeds. */
bool app_task_from_document(struct app *a, const struct doc *d, struct outcome *out);

#endif
