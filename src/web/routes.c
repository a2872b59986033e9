/* The resources of the web system, each declared once: its path, for each
 * method the page and the JSON API handler (the API at "/api" + path),
 * the posts allowed (the authorization matrix of docs/security.md), what
 * its body may be, and what its {id} names. web_routes() expands them
 * into the route table the server dispatches on; path arguments are typed
 * (route.h), so no route shadows another whatever their order, which
 * tests/unit/test_routes.c checks for every route. */
#include "handlers.h"

#include "../auth/authz.h"

#include <pthread.h>
#include <stdio.h>

typedef void handler(struct req *r);

/* One method of a resource: its page, its API call, who may use them. */
struct verb {
        handler *page, *api;
        unsigned roles;
};

struct resource {
        const char *path;
        struct verb get, post;
        unsigned flags;     /* R_PUBLIC, R_ANY_PASSWORD, R_UPLOAD */
        enum web_scope scope; /* what the path's {id} names */
};

#define GET(p, a, roles)  .get = {(p), (a), (roles)}
#define POST(p, a, roles) .post = {(p), (a), (roles)}

static const struct resource resources[] = {
    /* signing in */
    {"/login", GET(page_login_form, NULL, ANY_ROLE), POST(page_login, api_login, ANY_ROLE),
     R_PUBLIC},
    {"/logout", POST(page_logout, api_logout, ANY_ROLE), .flags = R_ANY_PASSWORD},
    {"/password", GET(page_password_form, NULL, ANY_ROLE),
     POST(page_password, api_password, ANY_ROLE), R_ANY_PASSWORD},
    {"/session", GET(NULL, api_session, ANY_ROLE), .flags = R_PUBLIC},
    {"/me", GET(NULL, api_me, ANY_ROLE), .flags = R_ANY_PASSWORD},
    {"/static/{name}", GET(page_static, NULL, ANY_ROLE), .flags = R_PUBLIC},
    {"/", GET(page_home, NULL, ANY_ROLE)},
    /* administration */
    {"/units", GET(page_units, api_units, CAN_VIEW_UNITS),
     POST(page_unit_create, api_unit_create, CAN_MANAGE_UNITS)},
    {"/units/{code}", GET(page_unit, NULL, CAN_MANAGE_UNITS),
     POST(page_unit_update, api_unit_update, CAN_MANAGE_UNITS), .scope = SCOPE_UNIT},
    {"/users", GET(page_users, api_users, CAN_MANAGE_USERS),
     POST(page_user_create, api_user_create, CAN_MANAGE_USERS)},
    {"/users/{id}", GET(page_user, NULL, CAN_MANAGE_USERS),
     POST(page_user_update, api_user_update, CAN_MANAGE_USERS), .scope = SCOPE_USER},
    {"/users/{id}/reset", POST(page_user_reset, api_user_reset, CAN_MANAGE_USERS),
     .scope = SCOPE_USER},
    {"/years", GET(page_years, api_years, CAN_MANAGE_YEARS),
     POST(page_year_create, api_year_create, CAN_MANAGE_YEARS)},
    {"/years/{year}/issue", POST(page_year_issue, api_year_issue, CAN_MANAGE_YEARS)},
    {"/years/{year}/goals", POST(page_goals_import, api_goals_import, CAN_MANAGE_YEARS)},
    {"/years/{year}/summary.xlsx", GET(page_year_summary, page_year_summary, CAN_VIEW_SUMMARY)},
    {"/audit", GET(page_audit, api_audit, CAN_VIEW_AUDIT)},
    /* tasks */
    {"/tasks", GET(page_tasks, api_tasks, CAN_VIEW_TASKS)},
    {"/todo", GET(NULL, api_todo, CAN_VIEW_TASKS)},
    {"/tasks/batch", POST(page_tasks_batch, NULL, CAN_REVIEW_TASKS)},
    {"/tasks.xlsx", GET(page_tasks_export, page_tasks_export, CAN_VIEW_TASKS)},
    {"/tasks/reports.{format}", GET(page_tasks_reports, page_tasks_reports, CAN_VIEW_TASKS)},
    {"/tasks/{id}", GET(page_task, api_task_get, CAN_VIEW_TASKS), .scope = SCOPE_TASK},
    {"/tasks/{id}/document", GET(NULL, api_task_document, CAN_VIEW_TASKS), .scope = SCOPE_TASK},
    {"/tasks/{id}/events", GET(NULL, api_task_events, CAN_VIEW_TASKS), .scope = SCOPE_TASK},
    {"/tasks/{id}/export.{format}", GET(page_task_export, page_task_export, CAN_VIEW_TASKS),
     .scope = SCOPE_TASK},
    {"/tasks/{id}/import", POST(page_task_import, page_task_import, CAN_EDIT_TASKS),
     .flags = R_UPLOAD, .scope = SCOPE_TASK},
    {"/tasks/{id}/transition", POST(page_task_transition, api_task_transition, CAN_REVIEW_TASKS),
     .scope = SCOPE_TASK},
    {"/tasks/{id}/preview", POST(NULL, api_task_preview, CAN_EDIT_TASKS), .scope = SCOPE_TASK},
    {"/tasks/{id}/save", POST(NULL, api_task_save, CAN_EDIT_TASKS), .scope = SCOPE_TASK},
    {"/tasks/{id}/basic", GET(page_edit_basic, NULL, CAN_VIEW_TASKS),
     POST(page_edit_basic, NULL, CAN_EDIT_TASKS), .scope = SCOPE_TASK},
    {"/tasks/{id}/self", GET(page_edit_self, NULL, CAN_VIEW_TASKS),
     POST(page_edit_self, NULL, CAN_EDIT_TASKS), .scope = SCOPE_TASK},
    {"/tasks/{id}/projects", GET(page_projects, NULL, CAN_VIEW_TASKS),
     POST(page_projects, NULL, CAN_EDIT_TASKS), .scope = SCOPE_TASK},
    {"/tasks/{id}/report", GET(page_edit_report, NULL, CAN_VIEW_TASKS),
     POST(page_edit_report, NULL, CAN_EDIT_TASKS), .scope = SCOPE_TASK},
    {"/tasks/{id}/projects/{n}", GET(page_edit_project, NULL, CAN_VIEW_TASKS),
     POST(page_edit_project, NULL, CAN_EDIT_TASKS), .scope = SCOPE_TASK},
    /* attachments */
    {"/tasks/{id}/files", GET(page_files, api_files, CAN_VIEW_TASKS),
     POST(page_file_upload, api_file_upload, CAN_EDIT_TASKS), R_UPLOAD, SCOPE_TASK},
    {"/tasks/{id}/files/{fid}", GET(page_file_download, api_file_download, CAN_VIEW_TASKS),
     .scope = SCOPE_TASK},
    {"/tasks/{id}/files/{fid}/delete", POST(page_file_delete, api_file_delete, CAN_EDIT_TASKS),
     .scope = SCOPE_TASK},
};

enum { N_RESOURCES = sizeof resources / sizeof resources[0] };

/* 2 methods × page and API per resource at most */
static struct route routes[4 * N_RESOURCES];
static struct route_info infos[4 * N_RESOURCES];
static size_t n_routes;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void add(const struct resource *res, const char *method, const struct verb *v, bool api)
{
        handler *h = api ? v->api : v->page;
        if (!h)
                return;
        const char *pattern = res->path;
        if (api) { /* "/api" + path ("/api" for "/") */
                static char paths[N_RESOURCES][64];
                size_t k = (size_t)(res - resources);
                snprintf(paths[k], sizeof paths[k], "/api%s", res->path);
                pattern = paths[k];
        }
        infos[n_routes] = (struct route_info){res->scope};
        routes[n_routes++] = (struct route){method, pattern, h,
                                            res->flags | (api ? R_JSON : 0u), v->roles};
}

static void build(void)
{
        for (size_t i = 0; i < N_RESOURCES; i++) {
                const struct resource *res = &resources[i];
                add(res, "GET", &res->get, false);
                add(res, "POST", &res->post, false);
                add(res, "GET", &res->get, true);
                add(res, "POST", &res->post, true);
        }
}

const struct route *web_routes(size_t *n, const struct route_info **info)
{
        pthread_once(&once, build);
        *n = n_routes;
        if (info)
                *info = infos;
        return routes;
}
