/* JSON API helpers (see json.h). */
#include "json.h"

#include "../web.h"

#include <string.h>

void api_begin(struct req *r, int status, struct jsonw *w)
{
        reply_json(r, status);
        jw_init(w, &r->out, false);
        jw_obj_begin(w);
}

void api_ok(struct req *r)
{
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "ok");
        jw_bool(&w, true);
        jw_obj_end(&w);
}

void api_fail(struct req *r, const struct outcome *out)
{
        struct jsonw w;
        api_begin(r, web_status(out->status), &w);
        jw_key(&w, "error");
        jw_str(&w, out->error ? out->error : "请求有误");
        if (out->field) {
                jw_key(&w, "field");
                jw_str(&w, out->field);
        }
        jw_obj_end(&w);
}

void api_user(struct jsonw *w, const struct user *u)
{
        jw_obj_begin(w);
        jw_key(w, "id");
        jw_int(w, u->id);
        jw_key(w, "phone");
        jw_str(w, u->phone);
        jw_key(w, "name");
        jw_str(w, u->name);
        jw_key(w, "role");
        jw_str(w, role_name(u->role));
        jw_key(w, "role_label");
        jw_str(w, role_label(u->role));
        jw_key(w, "unit_code");
        jw_str(w, u->unit_code);
        jw_key(w, "unit_name");
        jw_str(w, u->unit_name);
        jw_key(w, "disabled");
        jw_bool(w, u->disabled);
        jw_key(w, "must_change_password");
        jw_bool(w, u->must_change);
        jw_key(w, "version");
        jw_int(w, u->version);
        jw_obj_end(w);
}

void api_unit(struct jsonw *w, const struct unit *u)
{
        jw_obj_begin(w);
        jw_key(w, "code");
        jw_str(w, u->code);
        jw_key(w, "name");
        jw_str(w, u->name);
        jw_key(w, "supervising");
        jw_bool(w, unit_is_supervising(u->code));
        jw_key(w, "disabled");
        jw_bool(w, u->disabled);
        jw_key(w, "version");
        jw_int(w, u->version);
        jw_obj_end(w);
}

void api_task(struct jsonw *w, const struct task *t)
{
        jw_obj_begin(w);
        jw_key(w, "id");
        jw_int(w, t->id);
        jw_key(w, "year");
        jw_int(w, t->year);
        jw_key(w, "unit_code");
        jw_str(w, t->unit_code);
        jw_key(w, "unit_name");
        jw_str(w, t->unit_name);
        jw_key(w, "supervisor_name");
        jw_str(w, t->supervisor_name);
        jw_key(w, "status");
        jw_str(w, t->status);
        jw_key(w, "status_label");
        jw_str(w, wf_task_label(t));
        jw_key(w, "returned");
        jw_bool(w, t->returned);
        jw_key(w, "filled_in");
        jw_bool(w, !wf_unfilled(t));
        jw_key(w, "version");
        jw_int(w, t->version);
        jw_key(w, "total");
        if (t->total) {
                dec_t d;
                if (dec_parse(t->total, strlen(t->total), &d) == DEC_OK)
                        jw_dec_number(w, d, 2);
                else
                        jw_null(w);
        } else {
                jw_null(w);
        }
        jw_key(w, "grade");
        jw_str(w, t->grade);
        jw_key(w, "errors");
        jw_int(w, t->errors);
        jw_key(w, "warnings");
        jw_int(w, t->warnings);
        jw_key(w, "updated_at");
        jw_int(w, t->updated_at);
        jw_obj_end(w);
}
