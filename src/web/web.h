/* What every web adapter shares: the HTTP status of an operation's
 * outcome, and the replies for failures and downloads. The pages
 * (src/web/pages), the JSON API (src/web/api) and the HTML renderers
 * (src/web/html) are thin adapters of the application layer (src/app). */
#ifndef JX_WEB_H
#define JX_WEB_H

#include "../app/app.h"
#include "../app/exports.h"
#include "../app/files.h"
#include "../app/signin.h"
#include "../app/query.h"
#include "../app/task_change.h"
#include "../app/tasks.h"
#include "../http/http.h"

/* 200, 201, 400, 401, 403, 404, 409, 413, 422, 429, 500 or 503. */
int web_status(enum app_status s);
/* Answer a failed operation: {"error", "field"} for the API, an error
 * page otherwise, with its HTTP status. */
void reply_failure(struct req *r, const struct outcome *out);
/* Answer 200 with a file made by an export (and free its bytes). */
void reply_export(struct req *r, struct download *d);

/* Carry a session just started in the response's cookie and make it the
 * request's own (for what the handler still shows). */
void web_session_start(struct req *r, const struct new_session *s);
/* End the request's session and clear its cookie. */
void web_session_end(struct req *r);
/* The token for the double-submit CSRF cookie of anonymous forms, setting
 * the cookie when the client has none. */
const char *anon_csrf(struct req *r);

/* Open the task of path argument 0 to depth (task_open); on failure
 * answer it (404, 500, 503) and return false. Release tv with
 * task_view_free() after a success. */
bool web_task_open(struct req *r, enum task_depth depth, struct task_view *tv);
/* Open the task of path argument 0 for a change (task_change_open); on
 * failure answer it and return false. task_change_free() afterwards. */
bool web_change_open(struct req *r, struct task_change *tc);
/* The files chosen in the form field "file" (those with a name), in the
 * request's arena: their number, *out the first. */
size_t web_uploads(struct req *r, struct upload_file **out);

/* The query criteria of the request's parameters (year, unit, status,
 * grade, min, max, findings, sort, order, page). */
void web_query_input(const struct req *r, struct query_input *in);
/* The change set of an edit form or API call: every parameter named by a
 * document path ("$.…") as a typed value, and the row operation of "op". */
void web_change_set(struct req *r, struct change_set *cs);

#endif
