/* Every handler of the route table (routes.c), pages and API. */
#ifndef JX_PAGES_H
#define JX_PAGES_H

#include "../http/http.h"

/* sign-in (page_auth.c, api_auth.c) */
void page_login_form(struct req *r);
void page_login(struct req *r);
void page_logout(struct req *r);
void page_password_form(struct req *r);
void page_password(struct req *r);
void api_session(struct req *r);
void api_login(struct req *r);
void api_logout(struct req *r);
void api_password(struct req *r);
void api_me(struct req *r);

/* static files (static.c) and the home page (page_home.c) */
void page_static(struct req *r);
void page_home(struct req *r);

/* administration (page_units.c, page_users.c, page_years.c, page_audit.c, api_admin.c) */
void page_units(struct req *r);
void page_unit_create(struct req *r);
void page_unit(struct req *r);
void page_unit_update(struct req *r);
void page_users(struct req *r);
void page_user_create(struct req *r);
void page_user(struct req *r);
void page_user_update(struct req *r);
void page_user_reset(struct req *r);
void page_years(struct req *r);
void page_year_create(struct req *r);
void page_year_issue(struct req *r);
void page_goals_import(struct req *r);
void page_audit(struct req *r);
void api_units(struct req *r);
void api_unit_create(struct req *r);
void api_unit_update(struct req *r);
void api_users(struct req *r);
void api_user_create(struct req *r);
void api_user_update(struct req *r);
void api_user_reset(struct req *r);
void api_years(struct req *r);
void api_year_create(struct req *r);
void api_year_issue(struct req *r);
void api_goals_import(struct req *r);
void api_audit(struct req *r);

/* tasks (page_tasks.c, page_edit.c, api_tasks.c) */
void page_tasks(struct req *r);
void page_task(struct req *r);
void page_task_transition(struct req *r);
void page_tasks_batch(struct req *r);
void page_edit_basic(struct req *r);
void page_edit_self(struct req *r);
void page_edit_project(struct req *r);
void page_edit_report(struct req *r);
void page_projects(struct req *r);

/* exports and imports (page_export.c) */
void page_task_export(struct req *r);
void page_task_import(struct req *r);
void page_tasks_export(struct req *r);
void page_tasks_reports(struct req *r);
void page_year_summary(struct req *r);
void api_tasks(struct req *r);
void api_todo(struct req *r);
void api_task_get(struct req *r);
void api_task_document(struct req *r);
void api_task_events(struct req *r);
void api_task_preview(struct req *r);
void api_task_save(struct req *r);
void api_task_transition(struct req *r);

/* attachments (page_files.c, api_files.c) */
void page_files(struct req *r);
void page_file_upload(struct req *r);
void page_file_download(struct req *r);
void page_file_delete(struct req *r);
void api_files(struct req *r);
void api_file_upload(struct req *r);
void api_file_download(struct req *r);
void api_file_delete(struct req *r);

/* What a route's {id} names, for the scope tests (an id of another unit
 * must be answered as if it did not exist). */
enum web_scope {
        SCOPE_NONE,
        SCOPE_TASK, /* a task in the user's scope */
        SCOPE_UNIT, /* {code}: a unit */
        SCOPE_USER, /* an account */
};

struct route_info {
        enum web_scope scope;
};

/* The route table of the resources (routes.c), built once: *n routes;
 * *info (may be NULL) gives each route's scope kind, in the same order. */
const struct route *web_routes(size_t *n, const struct route_info **info);

#endif
