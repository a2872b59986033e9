/* Helpers for JSON API handlers: the reply envelope and the JSON shapes of
 * the domain objects (docs/api.md). */
#ifndef JX_API_H
#define JX_API_H

#include "../../base/jsonw.h"
#include "../../http/http.h"
#include "../../app/app.h"

/* Start a JSON object reply with status; the caller writes members and
 * closes the object with jw_obj_end. */
void api_begin(struct req *r, int status, struct jsonw *w);
/* {"ok": true} */
void api_ok(struct req *r);
/* {"error": …, "field": …} with the operation's status. */
void api_fail(struct req *r, const struct outcome *out);

void api_user(struct jsonw *w, const struct user *u);
void api_unit(struct jsonw *w, const struct unit *u);
void api_task(struct jsonw *w, const struct task *t);

#endif
