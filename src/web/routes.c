/* The route table: method, path, handler, flags and the posts allowed
 * (the authorization matrix of docs/security.md). Guards in route.c run
 * before every handler: session, one-time password, post, CSRF. */
#include "pages.h"

#include "../auth/authz.h"

const struct route app_routes[] = {
    /* sign-in */
    {"GET", "/login", page_login_form, R_PUBLIC, ANY_ROLE},
    {"POST", "/login", page_login, R_PUBLIC, ANY_ROLE},
    {"POST", "/logout", page_logout, R_ANY_PASSWORD, ANY_ROLE},
    {"GET", "/password", page_password_form, R_ANY_PASSWORD, ANY_ROLE},
    {"POST", "/password", page_password, R_ANY_PASSWORD, ANY_ROLE},
    {"GET", "/static/{name}", page_static, R_PUBLIC, ANY_ROLE},
    {"GET", "/", page_home, 0, ANY_ROLE},
    /* administration */
    {"GET", "/units", page_units, 0, CAN_VIEW_UNITS},
    {"POST", "/units", page_unit_create, 0, CAN_MANAGE_UNITS},
    {"POST", "/units/{code}", page_unit_update, 0, CAN_MANAGE_UNITS},
    {"GET", "/users", page_users, 0, CAN_MANAGE_USERS},
    {"POST", "/users", page_user_create, 0, CAN_MANAGE_USERS},
    {"POST", "/users/{id}", page_user_update, 0, CAN_MANAGE_USERS},
    {"POST", "/users/{id}/reset", page_user_reset, 0, CAN_MANAGE_USERS},
    {"GET", "/years", page_years, 0, CAN_MANAGE_YEARS},
    {"POST", "/years", page_year_create, 0, CAN_MANAGE_YEARS},
    {"POST", "/years/{year}/issue", page_year_issue, 0, CAN_MANAGE_YEARS},
    {"POST", "/years/{year}/goals", page_goals_import, 0, CAN_MANAGE_YEARS},
    {"GET", "/audit", page_audit, 0, CAN_VIEW_AUDIT},
    /* tasks */
    {"GET", "/tasks", page_tasks, 0, CAN_VIEW_TASKS},
    {"GET", "/tasks/{id}", page_task, 0, CAN_VIEW_TASKS},
    {"POST", "/tasks/{id}/transition", page_task_transition, 0, CAN_REVIEW_TASKS},
    {"GET", "/tasks/{id}/basic", page_edit_basic, 0, CAN_VIEW_TASKS},
    {"POST", "/tasks/{id}/basic", page_edit_basic, 0, CAN_EDIT_TASKS},
    {"GET", "/tasks/{id}/self", page_edit_self, 0, CAN_VIEW_TASKS},
    {"POST", "/tasks/{id}/self", page_edit_self, 0, CAN_EDIT_TASKS},
    {"GET", "/tasks/{id}/projects", page_projects, 0, CAN_VIEW_TASKS},
    {"POST", "/tasks/{id}/projects", page_projects, 0, CAN_EDIT_TASKS},
    {"GET", "/tasks/{id}/projects/{n}", page_edit_project, 0, CAN_VIEW_TASKS},
    {"POST", "/tasks/{id}/projects/{n}", page_edit_project, 0, CAN_EDIT_TASKS},
    /* attachments */
    {"GET", "/tasks/{id}/files", page_files, 0, CAN_VIEW_TASKS},
    {"POST", "/tasks/{id}/files", page_file_upload, 0, CAN_EDIT_TASKS},
    {"GET", "/tasks/{id}/files/{fid}", page_file_download, 0, CAN_VIEW_TASKS},
    {"POST", "/tasks/{id}/files/{fid}/delete", page_file_delete, 0, CAN_EDIT_TASKS},
    /* JSON API */
    {"GET", "/api/session", api_session, R_PUBLIC, ANY_ROLE},
    {"POST", "/api/login", api_login, R_PUBLIC, ANY_ROLE},
    {"POST", "/api/logout", api_logout, R_ANY_PASSWORD, ANY_ROLE},
    {"POST", "/api/password", api_password, R_ANY_PASSWORD, ANY_ROLE},
    {"GET", "/api/me", api_me, R_ANY_PASSWORD, ANY_ROLE},
    {"GET", "/api/units", api_units, 0, CAN_VIEW_UNITS},
    {"POST", "/api/units", api_unit_create, 0, CAN_MANAGE_UNITS},
    {"POST", "/api/units/{code}", api_unit_update, 0, CAN_MANAGE_UNITS},
    {"GET", "/api/users", api_users, 0, CAN_MANAGE_USERS},
    {"POST", "/api/users", api_user_create, 0, CAN_MANAGE_USERS},
    {"POST", "/api/users/{id}", api_user_update, 0, CAN_MANAGE_USERS},
    {"POST", "/api/users/{id}/reset", api_user_reset, 0, CAN_MANAGE_USERS},
    {"GET", "/api/years", api_years, 0, CAN_MANAGE_YEARS},
    {"POST", "/api/years", api_year_create, 0, CAN_MANAGE_YEARS},
    {"POST", "/api/years/{year}/issue", api_year_issue, 0, CAN_MANAGE_YEARS},
    {"POST", "/api/years/{year}/goals", api_goals_import, 0, CAN_MANAGE_YEARS},
    {"GET", "/api/audit", api_audit, 0, CAN_VIEW_AUDIT},
    {"GET", "/api/tasks", api_tasks, 0, CAN_VIEW_TASKS},
    {"GET", "/api/todo", api_todo, 0, CAN_VIEW_TASKS},
    {"GET", "/api/tasks/{id}", api_task_get, 0, CAN_VIEW_TASKS},
    {"GET", "/api/tasks/{id}/document", api_task_document, 0, CAN_VIEW_TASKS},
    {"GET", "/api/tasks/{id}/events", api_task_events, 0, CAN_VIEW_TASKS},
    {"POST", "/api/tasks/{id}/preview", api_task_preview, 0, CAN_EDIT_TASKS},
    {"POST", "/api/tasks/{id}/save", api_task_save, 0, CAN_EDIT_TASKS},
    {"POST", "/api/tasks/{id}/transition", api_task_transition, 0, CAN_REVIEW_TASKS},
    {"GET", "/api/tasks/{id}/files", api_files, 0, CAN_VIEW_TASKS},
    {"POST", "/api/tasks/{id}/files", api_file_upload, 0, CAN_EDIT_TASKS},
    {"GET", "/api/tasks/{id}/files/{fid}", api_file_download, 0, CAN_VIEW_TASKS},
    {"POST", "/api/tasks/{id}/files/{fid}/delete", api_file_delete, 0, CAN_EDIT_TASKS},
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
