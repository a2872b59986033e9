/* The web adapters' shared replies (see web.h). */
#include "web.h"

#include "api/json.h"

#include "../http/server.h"

#include <string.h>

int web_status(enum app_status s)
{
        static const int status[] = {
            [APP_OK] = 200,           [APP_CREATED] = 201,   [APP_INVALID] = 400,
            [APP_UNAUTHORIZED] = 401, [APP_FORBIDDEN] = 403, [APP_NOT_FOUND] = 404,
            [APP_CONFLICT] = 409,     [APP_TOO_LARGE] = 413, [APP_BLOCKED] = 422,
            [APP_THROTTLED] = 429,    [APP_FAILED] = 500,    [APP_UNAVAILABLE] = 503,
        };
        return (size_t)s < sizeof status / sizeof *status && status[s] ? status[s] : 500;
}

void reply_failure(struct req *r, const struct outcome *out)
{
        if (req_is_api(r))
                api_fail(r, out);
        else
                reply_error(r, web_status(out->status), out->error ? out->error : "请求有误");
}

void reply_export(struct req *r, struct download *d)
{
        reply_download(r, d->media_type, d->name, d->data.data, d->data.len);
        buf_free(&d->data);
}

void web_session_start(struct req *r, const struct new_session *s)
{
        reply_session_cookie(r, s->token);
        r->authed = true;
        r->session.user = s->user;
        r->session.csrf = s->csrf;
        memcpy(r->token_hash, s->hash, sizeof s->hash);
        req_app_refresh(r);
}

void web_session_end(struct req *r)
{
        if (r->authed)
                app_logout(&r->app, r->token_hash);
        reply_session_cookie(r, NULL);
        r->authed = false;
        req_app_refresh(r);
}

const char *anon_csrf(struct req *r)
{
        const char *have = req_cookie(r, "jx_csrf");
        if (have && strlen(have) == TOKEN_CHARS)
                return have;
        char token[TOKEN_CHARS + 1];
        unsigned char unused[TOKEN_HASH_LEN];
        token_new(token, unused);
        struct buf c = BUF_INIT;
        buf_printf(&c, "jx_csrf=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
                   server_config(r->srv)->secure_cookies ? "; Secure" : "");
        reply_header(r, "Set-Cookie", buf_str(&c));
        buf_free(&c);
        return arena_strdup(r->arena, token);
}

bool web_task_open(struct req *r, enum task_depth depth, struct task_view *tv)
{
        struct outcome out = {0};
        if (task_open(&r->app, req_arg_id(r, 0), depth, tv, &out))
                return true;
        task_view_free(tv);
        reply_failure(r, &out);
        return false;
}

bool web_change_open(struct req *r, struct task_change *tc)
{
        struct outcome out = {0};
        if (task_change_open(&r->app, req_arg_id(r, 0), tc, &out))
                return true;
        task_change_free(tc);
        reply_failure(r, &out);
        return false;
}

size_t web_uploads(struct req *r, struct upload_file **out)
{
        struct upload_file *files = arena_alloc(r->arena, (r->n_uploads + 1) * sizeof(*files));
        size_t n = 0;
        for (size_t i = 0; i < r->n_uploads; i++)
                if (strcmp(r->uploads[i].field, "file") == 0 && r->uploads[i].filename[0])
                        files[n++] = (struct upload_file){r->uploads[i].filename,
                                                          r->uploads[i].data, r->uploads[i].len};
        *out = files;
        return n;
}

void web_query_input(const struct req *r, struct query_input *in)
{
        *in = (struct query_input){.year = req_field(r, "year"),
                                   .unit = req_field(r, "unit"),
                                   .supervisor = req_field(r, "supervisor"),
                                   .status = req_field(r, "status"),
                                   .grade = req_field(r, "grade"),
                                   .min = req_field(r, "min"),
                                   .max = req_field(r, "max"),
                                   .findings = req_field(r, "findings"),
                                   .sort = req_field(r, "sort"),
                                   .order = req_field(r, "order"),
                                   .page = req_field(r, "page")};
}

void web_change_set(struct req *r, struct change_set *cs)
{
        struct typed_value *v = arena_alloc(r->arena, (r->n_form + 1) * sizeof(*v));
        size_t n = 0;
        for (size_t i = 0; i < r->n_form; i++)
                if (r->form[i].name[0] == '$') /* csrf, version, op … are not values */
                        v[n++] = (struct typed_value){r->form[i].name, r->form[i].value};
        *cs = (struct change_set){v, n, req_param(r, "op"), NULL};
}
