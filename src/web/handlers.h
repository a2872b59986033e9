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
void page_unit_update(struct req *r);
void page_users(struct req *r);
void page_user_create(struct req *r);
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
void page_edit_basic(struct req *r);
void page_edit_self(struct req *r);
void page_edit_project(struct req *r);
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

/* The route table, for the server and for tests. */
extern const struct route app_routes[];
extern const size_t app_routes_count;

#endif
