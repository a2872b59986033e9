/* Reading what the actor may see, for the pages, the API and the command
 * line: units and accounts in scope, fiscal years, the audit log, a task's
 * timeline and files. Each fails with APP_UNAVAILABLE when the database
 * does (nothing to show), APP_NOT_FOUND for a single row that is not
 * there. Results live in the operation's arena. */
#ifndef JX_APP_LISTS_H
#define JX_APP_LISTS_H

#include "app.h"

/* A searched, paged list as typed: search, part of a code, name or phone
 * number ("" or NULL for all), and page (1-based, NULL for the first). */
enum { LIST_PAGE_SIZE = 50 };
struct list_input {
        const char *search, *page;
};
/* What a list found: the page shown, of pages, of total matches. */
struct list_found {
        int64_t page, pages, total;
        size_t n;
};
/* The units in scope search finds, a page of them (APP_INVALID on
 * "search" or "page" when malformed). */
bool app_units_find(struct app *a, const struct list_input *in, struct unit **units,
                    struct list_found *found, struct outcome *out);
/* The accounts in scope search finds (phone, name, unit code or name). */
bool app_users_find(struct app *a, const struct list_input *in, struct user **users,
                    struct list_found *found, struct outcome *out);
/* The supervising units (主管部门) in scope: the choices of a query. */
bool app_supervising_units(struct app *a, struct unit **units, size_t *n, struct outcome *out);
bool app_unit(struct app *a, const char *code, struct unit *u, struct outcome *out);
bool app_unit_by_id(struct app *a, int64_t id, struct unit *u, struct outcome *out);
bool app_user(struct app *a, int64_t id, struct user *u, struct outcome *out);
bool app_years(struct app *a, struct year **years, size_t *n, struct outcome *out);
bool app_year(struct app *a, int64_t year, struct year *y, struct outcome *out);
/* The newest audit entries first, at most limit, older than before_id > 0. */
bool app_audit_entries(struct app *a, int64_t before_id, size_t limit, struct audit_entry **e,
                       size_t *n, struct outcome *out);
/* The timeline of task t (opened by task_open, so in scope), oldest first. */
bool app_task_events(struct app *a, const struct task *t, struct task_event **e, size_t *n,
                     struct outcome *out);
/* The files of task t without content, in upload order; one with it. */
bool app_task_files(struct app *a, const struct task *t, struct stored_file **f, size_t *n,
                    struct outcome *out);
bool app_task_file(struct app *a, const struct task *t, int64_t id, struct stored_file *f,
                   struct outcome *out);

#endif
