/* Reading requests and writing replies (see http.h). */
#include "http.h"
#include "html.h"
#include "server.h"

#include "../base/fname.h"
#include "../base/jsonw.h"

#include <microhttpd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *find(const struct param *p, size_t n, const char *name)
{
        for (size_t i = 0; i < n; i++)
                if (strcmp(p[i].name, name) == 0)
                        return p[i].value;
        return NULL;
}

const char *req_param(const struct req *r, const char *name)
{
        const char *v = find(r->form, r->n_form, name);
        return v ? v : find(r->query, r->n_query, name);
}

const char *req_body_param(const struct req *r, const char *name)
{
        return find(r->form, r->n_form, name);
}

const char *req_field(const struct req *r, const char *name)
{
        const char *v = req_param(r, name);
        if (!v)
                return NULL;
        while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
                v++;
        size_t n = strlen(v);
        while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
                n--;
        return n ? arena_strndup(r->arena, v, n) : NULL;
}

const char *req_header(const struct req *r, const char *name)
{
        return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(const struct req *r, const char *name)
{
        return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

int64_t req_arg_id(const struct req *r, size_t i)
{
        if (i >= r->n_path_args)
                return 0;
        const char *s = r->path_args[i];
        if (!*s || strlen(s) > 15 || strspn(s, "0123456789") != strlen(s))
                return 0;
        return strtoll(s, NULL, 10);
}

bool req_is_api(const struct req *r)
{
        return strncmp(r->path, "/api/", 5) == 0;
}

bool url_is_local_path(const char *url)
{
        if (!url || url[0] != '/' || url[1] == '/' || url[1] == '\\')
                return false;
        size_t n = 0;
        for (const unsigned char *p = (const unsigned char *)url; *p; p++, n++)
                if (*p <= 0x20 || *p >= 0x7f || *p == '\\' || n >= 2000)
                        return false;
        return true;
}

const char *req_printf(struct req *r, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        const char *s = arena_vprintf(r->arena, fmt, ap);
        va_end(ap);
        return s;
}

void reply_header(struct req *r, const char *name, const char *value)
{
        if (r->n_headers == MAX_REPLY_HEADERS)
                abort(); /* a programming error: raise the limit */
        r->headers[r->n_headers++] = (struct header){name, arena_strdup(r->arena, value)};
}

void reply_redirect(struct req *r, const char *url)
{
        buf_reset(&r->out);
        r->status = 303;
        r->content_type = "text/plain; charset=utf-8";
        reply_header(r, "Location", url);
}

void reply_json(struct req *r, int status)
{
        buf_reset(&r->out);
        r->status = status;
        r->content_type = "application/json; charset=utf-8";
}

void reply_html(struct req *r, int status)
{
        buf_reset(&r->out);
        r->status = status;
        r->content_type = "text/html; charset=utf-8";
}

static bool attr_char(unsigned char c)
{
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c && strchr("!#$&+-.^_`|~", c));
}

void reply_download(struct req *r, const char *media_type, const char *filename, const void *data,
                    size_t len)
{
        filename = fname_clean(r->arena, filename);
        bool ascii = true;
        for (const char *p = filename; *p && ascii; p++)
                ascii =
                    *p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\' && *p != '%' && *p != ';';
        const char *dot = strrchr(filename, '.');
        struct buf b = BUF_INIT;
        if (ascii)
                buf_printf(&b, "attachment; filename=\"%s\"; filename*=UTF-8''", filename);
        else
                buf_printf(&b, "attachment; filename=\"download%s\"; filename*=UTF-8''",
                           dot && strlen(dot) <= 6 ? dot : "");
        for (const unsigned char *p = (const unsigned char *)filename; *p; p++)
                if (attr_char(*p))
                        buf_putc(&b, (char)*p);
                else
                        buf_printf(&b, "%%%02X", *p);
        buf_reset(&r->out);
        r->status = 200;
        r->content_type = media_type;
        reply_header(r, "Content-Disposition", arena_strdup(r->arena, buf_str(&b)));
        buf_free(&b);
        buf_append(&r->out, data, len);
}

void reply_error(struct req *r, int status, const char *message)
{
        if (req_is_api(r)) {
                reply_json(r, status);
                struct jsonw w;
                jw_init(&w, &r->out, false);
                jw_obj_begin(&w);
                jw_key(&w, "error");
                jw_str(&w, message);
                jw_obj_end(&w);
                return;
        }
        reply_html(r, status);
        html(
            r,
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>%s</title>"
            "<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body class=\"error-page\"><main>"
            "<h1>%s</h1><p class=\"message\">%s</p><p><a href=\"/\">返回首页</a></p></main></body></html>",
            status == 404   ? "页面不存在"
            : status == 403 ? "无权访问"
                            : "请求有误",
            status == 404   ? "页面不存在"
            : status == 403 ? "无权访问"
            : status >= 500 ? "系统暂时无法处理"
                            : "请求有误",
            message);
}

void reply_session_cookie(struct req *r, const char *token)
{
        const struct server_config *cfg = server_config(r->srv);
        struct buf c = BUF_INIT;
        if (token)
                buf_printf(&c, "jx_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
                           token, (long long)cfg->session_max,
                           cfg->secure_cookies ? "; Secure" : "");
        else
                buf_printf(&c, "jx_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
                           cfg->secure_cookies ? "; Secure" : "");
        reply_header(r, "Set-Cookie", buf_str(&c));
        buf_free(&c);
}

void req_app_refresh(struct req *r)
{
        const char *claimed = req_field(r, "phone");
        r->app = (struct app){.db = r->db,
                              .arena = r->arena,
                              .now = r->now,
                              .actor = r->authed ? &r->session.user : NULL,
                              .system_actor = claimed ? claimed : "-",
                              .ip = r->ip,
                              .scope = r->scope,
                              .session_max = server_config(r->srv)->session_max};
}
