/* The web server's request interface: what every page and API handler
 * receives (struct req) and the calls it uses to answer.
 *
 * A request is handled by one thread from start to end; everything it
 * allocates comes from r->arena and is freed when the response is sent,
 * so handlers never free. There is no global request state. */
#ifndef JX_HTTP_H
#define JX_HTTP_H

#include "../app/app.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct server;

/* A name=value pair of the query string, form body or JSON body. */
struct param {
        const char *name;
        const char *value;
};

/* A file part of a multipart/form-data body (multipart.h). The strings
 * live in the request's arena; data points into the request body, which
 * lives as long as the request. */
struct upload {
        const char *field;        /* the form field's name */
        const char *filename;     /* as the client sent it ("" when no file was chosen) */
        const char *content_type; /* as the client claimed it, or NULL; never trusted */
        const char *data;
        size_t len;
};

struct header {
        const char *name;
        const char *value;
};

enum {
        MAX_PATH_ARGS = 4,
        MAX_REPLY_HEADERS = 12,
};

struct req {
        struct arena *arena;
        struct server *srv;
        struct db *db; /* this thread's connection */
        void *conn;    /* the HTTP library's connection */
        int64_t now;   /* seconds since the epoch, fixed for the request */

        const char *method;
        const char *path; /* without the query string */
        const char *ip;
        struct param *query;
        size_t n_query;
        struct param *form; /* urlencoded form, text parts of a multipart form or
                               top-level JSON members */
        size_t n_form;
        struct upload *uploads; /* file parts of a multipart form */
        size_t n_uploads;
        const char *body; /* the raw body (NUL-terminated) */
        size_t body_len;
        const char *path_args[MAX_PATH_ARGS]; /* {…} segments of the route */
        size_t n_path_args;
        const struct route *route;

        bool authed; /* a live session */
        struct session session;
        unsigned char token_hash[32];
        struct scope scope; /* the units the user may see */
        struct app app;     /* the context of the operations the handler runs */

        /* the answer */
        int status;
        const char *content_type;
        struct buf out;
        struct header headers[MAX_REPLY_HEADERS];
        size_t n_headers;
};

/* Route flags. */
enum {
        R_PUBLIC = 1 << 0,       /* reachable without a session */
        R_JSON = 1 << 1,         /* an API call: JSON errors, 401 rather than redirect */
        R_ANY_PASSWORD = 1 << 2, /* reachable while a one-time password is in force */
        R_UPLOAD = 1 << 3,       /* a body up to the upload limit (files, workbooks) */
};

struct route {
        const char *method;
        const char *pattern; /* "/tasks/{id}": {…} matches one segment */
        void (*handler)(struct req *r);
        unsigned flags;
        unsigned roles; /* bitmask of 1 << enum role; 0: any signed-in user */
};

#define ROLE_BIT(r) (1u << (r))
#define ANY_ROLE    0u

/* ---- reading the request -------------------------------------------------- */

/* A query parameter, form field or JSON member, or NULL. */
const char *req_param(const struct req *r, const char *name);
/* A form field or JSON member of the body only, never the query string
 * (for secrets such as the CSRF token: URLs end up in logs and history). */
const char *req_body_param(const struct req *r, const char *name);
/* The same as req_param, trimmed of surrounding white space; "" becomes NULL. */
const char *req_field(const struct req *r, const char *name);
/* A request header or cookie, or NULL. */
const char *req_header(const struct req *r, const char *name);
const char *req_cookie(const struct req *r, const char *name);
/* The path argument i as a positive integer, or 0. */
int64_t req_arg_id(const struct req *r, size_t i);
/* True for an API request (its route has R_JSON). */
bool req_is_api(const struct req *r);
/* True when url is a path on this site that no browser can read as
 * another site, so it may be followed after signing in: it starts with
 * one '/' not followed by '/' or '\', and holds only printable ASCII
 * without blanks or backslashes (browsers drop tabs and newlines and read
 * '\' as '/', so "/<TAB>/evil.example" leads to //evil.example), at most
 * 2,000 bytes. NULL is not local. */
bool url_is_local_path(const char *url);

/* printf into the request's arena (freed with the request). */
const char *req_printf(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- answering ------------------------------------------------------------- */

/* The answer to a request whose write the full disk refused (507). */
#define HTTP_DISK_FULL                                                                                                    \
        "服务器磁盘已满，本次未保存任何内容。请联系系统管理员清理服务器磁盘空间后，" \
        "返回上一页重新提交"

void reply_header(struct req *r, const char *name, const char *value);
/* 303 See Other to url (a local path). */
void reply_redirect(struct req *r, const char *url);
/* An error in the request's language: a JSON object {"error": message}
 * for API calls, an HTML page otherwise. message is plain Chinese text. */
void reply_error(struct req *r, int status, const char *message);
/* Start a JSON reply with this status; write the body into r->out. */
void reply_json(struct req *r, int status);
/* Start an HTML reply with this status; write the body into r->out. */
void reply_html(struct req *r, int status);

/* Answer 200 with a file to download: its media type, and its name
 * cleaned by fname_clean() (src/base/fname.h) as Content-Disposition (RFC
 * 6266: a plain ASCII name, or "download.<ext>" with the exact name
 * percent-encoded beside it). The bytes are copied. */
void reply_download(struct req *r, const char *media_type, const char *filename, const void *data,
                    size_t len);

/* Set the session cookie (NULL clears it). */
void reply_session_cookie(struct req *r, const char *token);

/* Set r->app, the context of the operations a handler runs, from what
 * the request knows now (database, arena, time, user, scope, address).
 * The router calls it before the handler; a handler that signs a user in
 * or out calls it again. */
void req_app_refresh(struct req *r);

#endif
