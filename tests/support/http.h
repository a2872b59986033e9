/* A real jixiao server for integration tests, and a small HTTP client
 * with a cookie jar that speaks raw sockets (so tests can also send
 * malformed and oversized requests). */
#ifndef JX_TEST_HTTP_H
#define JX_TEST_HTTP_H

#include "testutil.h"

#include <stdarg.h>
#include <sys/types.h>

struct server {
        pid_t pid;
        int port;
        char db[512];
        char log[600];
};

/* A fresh demo database in a temporary directory; fills logins with the
 * one-time password of each demo phone (see jixiao demo). */
void demo_db(char path[256]);
/* The one-time password jixiao demo printed for phone (after demo_db). */
const char *demo_password(const char *phone);

struct db;
/* The database at path opened beside the running server (asserts it
 * opens); db_close() when done. */
struct db *test_db_open(const char *path);
/* The id of the task of unit code for year in db (asserts it exists). */
int64_t task_id_of(struct db *db, const char *code, int64_t year);

/* Start "jixiao serve" on db at a free loopback port; wait until it
 * listens. */
void server_start(struct server *s, const char *db);
/* The same with the server run by the NULL-terminated command line
 * wrapper (e.g. valgrind and its options) before jixiao's own. */
void server_start_wrapped(struct server *s, const char *db, const char *const *wrapper);
/* SIGTERM, wait, assert it exited cleanly. */
void server_stop(struct server *s);
/* SIGKILL, as a crash or a power cut would stop it, and wait. */
void server_kill(struct server *s);

struct cookie {
        char name[32];
        char value[128];
};

struct client {
        const struct server *srv;
        struct cookie jar[8];
        size_t n_cookies;
        char csrf[64];   /* the session's CSRF token once signed in */
        char source[16]; /* the loopback address to connect from ("127.0.0.9"); "": any */
        bool may_fail;   /* a refused or broken connection answers status 0 (no assertion) */
};

struct response {
        int status;
        struct buf headers;
        struct buf body;
};

void client_init(struct client *c, const struct server *s);
/* Send a request; body may be NULL. Cookies from the jar go with it and
 * Set-Cookie answers update it. X-CSRF-Token is sent when c->csrf is set
 * and csrf is true. */
struct response http(struct client *c, const char *method, const char *path,
                     const char *content_type, const char *body, bool csrf);
/* GET of the path printf(fmt, …) builds, without CSRF token. */
struct response http_getf(struct client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
struct response http_vgetf(struct client *c, const char *fmt, va_list ap);
/* The same with a body of len bytes that may hold any byte (uploads). */
struct response http_body(struct client *c, const char *method, const char *path,
                          const char *content_type, const void *body, size_t len, bool csrf);
/* A part of a multipart/form-data body; parts with a filename are files. */
struct part {
        const char *name;
        const char *filename;
        const void *data;
        size_t len;
};
#define MULTIPART_BOUNDARY "----jixiao-test-boundary-7d3f"
/* Replace b with a multipart/form-data body of parts[0..n). */
void multipart_body(struct buf *b, const struct part *parts, size_t n);
/* Upload data as filename with the kind (and project) fields to the API
 * path /api/tasks/{task}/files, CSRF token in the header. */
struct response http_upload(struct client *c, int64_t task, const char *kind, const char *project,
                            const char *filename, const struct buf *data);

/* Send raw bytes as the whole request. */
struct response http_raw(const struct server *s, const char *raw, size_t len);
void response_free(struct response *r);
/* A header of the response (case-insensitive name) or NULL; static buffer. */
const char *response_header(const struct response *r, const char *name);

/* Sign in by the API (GET /api/session for the anonymous CSRF cookie,
 * then POST /api/login); on success c->csrf is the session's token.
 * Returns the HTTP status. */
int client_login(struct client *c, const char *phone, const char *password);
/* Sign in with a demo account and replace its one-time password by
 * new_password; asserts success. */
void client_login_fresh(struct client *c, const char *phone, const char *new_password);
/* client_init and client_login_fresh for each of the n clients, cl[i]
 * signed in as phones[i]. */
void clients_sign_in(struct client *cl, size_t n, const struct server *s, const char *const *phones,
                     const char *new_password);

#endif
