/* The web server on libmicrohttpd (see server.h).
 *
 * libmicrohttpd calls on_request several times per request: headers
 * first, then body chunks, then once more with no data. The request's
 * context lives in *con_cls from the first call to on_completed. Bodies
 * are collected with a size cap; a request announcing a larger body is
 * refused before it is read. Each worker thread opens its own database
 * connection on first use.
 *
 * Slow heads: libmicrohttpd's timeout closes a connection only after a
 * time without any byte, so a client sending a header line every few
 * seconds could hold a connection for ever. Every connection is watched
 * (MHD_OPTION_NOTIFY_CONNECTION) from the moment it waits for a request's
 * head until the head is complete (the first call of on_request); a
 * watchdog thread shuts down the socket of one that waited longer than
 * head_timeout, and libmicrohttpd then closes it as closed by the client.
 * The socket stays open until the close notification has taken the
 * watch lock, so the watchdog never touches another connection's file
 * descriptor. */
#include "server.h"
#include "health.h"
#include "route.h"

#include "../base/xalloc.h"
#include "../store/migrate.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A connection while it waits for a request's head. */
struct watch {
        int fd;
        struct timespec since; /* when the wait for the current head began */
        bool in_request;       /* the head is complete: not watched until the answer is sent */
        bool cut;              /* shut down by the watchdog */
        struct watch *prev, *next;
};

struct server {
        struct server_config cfg;
        struct MHD_Daemon *daemon;
        FILE *log;
        pthread_mutex_t lock; /* guards log writes and dbs */
        struct db **dbs;      /* every thread's connection, closed at the end */
        size_t n_dbs;
        int64_t last_purge;
        pthread_mutex_t watch_lock; /* guards watched and stopping */
        pthread_cond_t watch_wake;
        struct watch *watched;
        bool stopping;
        pthread_t watchdog;
};

struct ctx {
        struct req req;
        struct buf body;
        bool too_large;
        size_t limit; /* bytes the route takes in a body */
        size_t sent; /* bytes of the body answered, for the access log */
        struct timespec start;
};

static __thread struct db *thread_db;

const struct server_config *server_config(const struct server *s)
{
        return &s->cfg;
}

void server_defaults(struct server_config *cfg)
{
        cfg->threads = 8;
        cfg->access_log = NULL;
        cfg->secure_cookies = false;
        cfg->max_body = 1 << 20;
        cfg->max_upload = 20 << 20;
        cfg->max_connections = 512;
        cfg->per_ip_connections = 16;
        cfg->timeout = 30;
        cfg->head_timeout = 10;
        cfg->session_idle = 2 * 3600;
        cfg->session_max = 12 * 3600;
}

static struct db *worker_db(struct server *s)
{
        if (thread_db)
                return thread_db;
        struct diags errs = DIAGS_INIT;
        thread_db = db_open(s->cfg.db_path, false, &errs);
        diags_free(&errs);
        if (!thread_db)
                return NULL;
        pthread_mutex_lock(&s->lock);
        s->dbs = xrealloc(s->dbs, (s->n_dbs + 1) * sizeof(*s->dbs));
        s->dbs[s->n_dbs++] = thread_db;
        pthread_mutex_unlock(&s->lock);
        return thread_db;
}

/* ---- slow heads ----------------------------------------------------------------- */

static double seconds_since(const struct timespec *t0)
{
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
        struct server *s = cls;
        struct watch *w = *socket_context;
        if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
                const union MHD_ConnectionInfo *info =
                    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
                w = xcalloc(1, sizeof(*w));
                w->fd = info ? info->connect_fd : -1;
                clock_gettime(CLOCK_MONOTONIC, &w->since);
                pthread_mutex_lock(&s->watch_lock);
                w->next = s->watched;
                if (s->watched)
                        s->watched->prev = w;
                s->watched = w;
                pthread_mutex_unlock(&s->watch_lock);
                *socket_context = w;
        } else if (w) { /* closed: libmicrohttpd closes the socket after this returns */
                pthread_mutex_lock(&s->watch_lock);
                if (w->prev)
                        w->prev->next = w->next;
                else
                        s->watched = w->next;
                if (w->next)
                        w->next->prev = w->prev;
                pthread_mutex_unlock(&s->watch_lock);
                free(w);
                *socket_context = NULL;
        }
}

/* The head of the connection's request is complete (in_request), or its
 * answer was sent and the wait for the next head begins. */
static void watch_request(struct server *s, struct MHD_Connection *c, bool in_request)
{
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        struct watch *w = info ? info->socket_context : NULL;
        if (!w)
                return;
        pthread_mutex_lock(&s->watch_lock);
        w->in_request = in_request;
        clock_gettime(CLOCK_MONOTONIC, &w->since);
        pthread_mutex_unlock(&s->watch_lock);
}

/* Once a second, shut down the connections whose head is overdue. */
static void *watchdog(void *arg)
{
        struct server *s = arg;
        pthread_mutex_lock(&s->watch_lock);
        while (!s->stopping) {
                struct timespec until;
                clock_gettime(CLOCK_REALTIME, &until);
                until.tv_sec += 1;
                pthread_cond_timedwait(&s->watch_wake, &s->watch_lock, &until);
                for (struct watch *w = s->watched; w && !s->stopping; w = w->next)
                        if (!w->in_request && !w->cut && w->fd >= 0 &&
                            seconds_since(&w->since) > s->cfg.head_timeout) {
                                shutdown(w->fd, SHUT_RDWR);
                                w->cut = true;
                        }
        }
        pthread_mutex_unlock(&s->watch_lock);
        return NULL;
}

/* ---- responses ------------------------------------------------------------------ */

/* Queue r's answer; the body's memory passes to libmicrohttpd (which frees
 * it once sent) rather than being copied. */
static enum MHD_Result send_reply(struct MHD_Connection *c, struct ctx *x)
{
        struct req *r = &x->req;
        x->sent = r->out.len;
        char *body = buf_detach(&r->out);
        struct MHD_Response *resp =
            MHD_create_response_from_buffer(x->sent, body, MHD_RESPMEM_MUST_FREE);
        if (!resp) {
                free(body);
                return MHD_NO;
        }
        MHD_add_response_header(resp, "Content-Type",
                                r->content_type ? r->content_type : "text/plain; charset=utf-8");
        MHD_add_response_header(
            resp, "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        MHD_add_response_header(resp, "X-Frame-Options", "DENY");
        MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
        MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
        bool cache_set = false;
        for (size_t i = 0; i < r->n_headers; i++) {
                MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
                cache_set |= strcmp(r->headers[i].name, "Cache-Control") == 0;
        }
        if (!cache_set)
                MHD_add_response_header(resp, "Cache-Control", "no-store");
        enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
        MHD_destroy_response(resp);
        return ok;
}

/* Uploads (attachments, spreadsheets to import) may be larger than forms:
 * the route says which it takes. */
static size_t body_limit(const struct server *s, const char *method, const char *url)
{
        const struct route *rt = route_find(s->cfg.routes, s->cfg.n_routes, method, url);
        return rt && (rt->flags & R_UPLOAD) ? s->cfg.max_upload : s->cfg.max_body;
}

/* The 413 answer, naming the limit that applied. */
static void refuse_too_large(struct server *s, struct req *r, size_t limit)
{
        if (limit == s->cfg.max_upload)
                reply_error(r, 413,
                            req_printf(r,
                                       "提交的内容过大：上传文件的请求不能超过 %zu MB，"
                                       "请缩小文件后重试",
                                       s->cfg.max_upload >> 20));
        else
                reply_error(r, 413, "提交的内容过大，请缩小后重试");
}

static void purge_sessions(struct server *s, struct req *r)
{
        if (r->now - s->last_purge < 60)
                return;
        s->last_purge = r->now; /* a benign race: at worst two threads purge */
        store_sessions_purge(r->db, r->now, s->cfg.session_idle);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
        (void)version;
        struct server *s = cls;
        struct ctx *x = *con_cls;
        if (!x) {
                watch_request(s, c, true);
                x = xcalloc(1, sizeof(*x));
                clock_gettime(CLOCK_MONOTONIC, &x->start);
                struct req *r = &x->req;
                r->arena = arena_new();
                r->srv = s;
                r->conn = c;
                r->method = arena_strdup(r->arena, method);
                r->path = arena_strdup(r->arena, url);
                r->status = 200;
                *con_cls = x;
                x->limit = body_limit(s, method, url);
                const char *len =
                    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
                if (len && strtoull(len, NULL, 10) > x->limit) {
                        x->too_large = true;
                        r->now = (int64_t)time(NULL);
                        route_prepare(r);
                        refuse_too_large(s, r, x->limit);
                        return send_reply(c, x);
                }
                return MHD_YES;
        }
        if (*upload_size) {
                if (!x->too_large && x->body.len + *upload_size > x->limit) {
                        x->too_large = true;
                        buf_free(&x->body);
                }
                if (!x->too_large)
                        buf_append(&x->body, upload, *upload_size);
                *upload_size = 0;
                return MHD_YES;
        }
        struct req *r = &x->req;
        r->now = (int64_t)time(NULL);
        route_prepare(r);
        if (x->too_large) {
                refuse_too_large(s, r, x->limit);
                return send_reply(c, x);
        }
        r->db = worker_db(s);
        if (!r->db) {
                if (strcmp(r->path, "/healthz") == 0)
                        health_reply(r, s->cfg.db_path);
                else
                        reply_error(r, 503, "数据库暂时无法打开，请稍后重试或联系系统管理员");
                return send_reply(c, x);
        }
        r->body = x->body.data ? x->body.data : "";
        r->body_len = x->body.len;
        if (strcmp(r->path, "/healthz") == 0) { /* the server's own, before any session */
                health_reply(r, s->cfg.db_path);
                return send_reply(c, x);
        }
        purge_sessions(s, r);
        route_dispatch(r, s->cfg.routes, s->cfg.n_routes);
        return send_reply(c, x);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
        struct server *s = cls;
        watch_request(s, c, false);
        struct ctx *x = *con_cls;
        if (!x)
                return;
        struct timespec end;
        clock_gettime(CLOCK_MONOTONIC, &end);
        double ms = (double)(end.tv_sec - x->start.tv_sec) * 1e3 +
                    (double)(end.tv_nsec - x->start.tv_nsec) / 1e6;
        char when[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        struct req *r = &x->req;
        pthread_mutex_lock(&s->lock);
        fprintf(s->log, "%s %s %s %s %d %zu %.1fms %s%s\n", when, r->ip ? r->ip : "-", r->method,
                r->path, r->status, x->sent, ms, r->authed ? r->session.user.phone : "-",
                why == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
        fflush(s->log);
        pthread_mutex_unlock(&s->lock);
        buf_free(&r->out);
        buf_free(&x->body);
        arena_free(r->arena);
        free(x);
        *con_cls = NULL;
}

/* ---- start and stop ------------------------------------------------------------- */

static bool parse_listen(const char *listen, struct sockaddr_in *sa, struct diags *errs)
{
        const char *colon = strrchr(listen, ':');
        char host[64];
        memset(sa, 0, sizeof(*sa));
        sa->sin_family = AF_INET;
        if (!colon || (size_t)(colon - listen) >= sizeof host) {
                diags_add(errs, "--listen", NULL,
                          "监听地址应为 主机:端口，例如 127.0.0.1:8080，实际为“%s”", listen);
                return false;
        }
        memcpy(host, listen, (size_t)(colon - listen));
        host[colon - listen] = '\0';
        char *end;
        long port = strtol(colon + 1, &end, 10);
        if (*end || end == colon + 1 || port < 0 || port > 65535 ||
            inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
                diags_add(errs, "--listen", NULL,
                          "监听地址应为 IPv4地址:端口，例如 127.0.0.1:8080，实际为“%s”", listen);
                return false;
        }
        sa->sin_port = htons((uint16_t)port);
        return true;
}

/* Check the database once before serving: it must exist at the current
 * schema version (a newer binary migrates an older database). */
static bool prepare_database(const char *path, struct diags *errs)
{
        struct db *db = db_open(path, false, errs);
        if (!db)
                return false;
        bool ok = migrate_to(db, migrate_latest(), errs);
        db_close(db);
        return ok;
}

int server_run(const struct server_config *cfg, struct diags *errs)
{
        struct sockaddr_in sa;
        if (!parse_listen(cfg->listen, &sa, errs) || !prepare_database(cfg->db_path, errs))
                return 1;
        struct server *s = xcalloc(1, sizeof(*s));
        s->cfg = *cfg;
        pthread_mutex_init(&s->lock, NULL);
        pthread_mutex_init(&s->watch_lock, NULL);
        pthread_cond_init(&s->watch_wake, NULL);
        s->log = stderr;
        if (cfg->access_log && !(s->log = fopen(cfg->access_log, "a"))) {
                diags_add(errs, cfg->access_log, NULL, "无法打开访问日志：%s", strerror(errno));
                free(s);
                return 1;
        }
        /* the workers inherit a mask without SIGTERM/SIGINT; this thread waits for them */
        sigset_t stop;
        sigemptyset(&stop);
        sigaddset(&stop, SIGTERM);
        sigaddset(&stop, SIGINT);
        pthread_sigmask(SIG_BLOCK, &stop, NULL);
        signal(SIGPIPE, SIG_IGN);
        s->daemon = MHD_start_daemon(
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0,
            NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
            MHD_OPTION_THREAD_POOL_SIZE, cfg->threads, MHD_OPTION_CONNECTION_LIMIT,
            cfg->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_connections,
            MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
            (size_t)(64 * 1024), MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
            MHD_OPTION_NOTIFY_CONNECTION, on_connection, s, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
            MHD_OPTION_END);
        if (!s->daemon) {
                diags_add(errs, cfg->listen, NULL, "无法在 %s 上启动服务（端口被占用或无权限）",
                          cfg->listen);
                if (s->log != stderr)
                        fclose(s->log);
                free(s);
                return 1;
        }
        pthread_create(&s->watchdog, NULL, watchdog, s);
        const union MHD_DaemonInfo *info =
            MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
        char host[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
        printf("jixiao：服务已启动，请用浏览器打开 http://%s:%u/ （Ctrl-C 停止）\n", host,
               info ? info->port : ntohs(sa.sin_port));
        fflush(stdout);
        int sig;
        sigwait(&stop, &sig);
        fprintf(stderr, "jixiao：收到 %s，处理完进行中的请求后停止\n",
                sig == SIGTERM ? "SIGTERM" : "SIGINT");
        MHD_socket listener = MHD_quiesce_daemon(s->daemon); /* no new connections */
        pthread_mutex_lock(&s->watch_lock);
        s->stopping = true;
        pthread_cond_signal(&s->watch_wake);
        pthread_mutex_unlock(&s->watch_lock);
        pthread_join(s->watchdog, NULL);
        MHD_stop_daemon(s->daemon); /* waits for the workers */
        if (listener != MHD_INVALID_SOCKET)
                close(listener);
        for (size_t i = 0; i < s->n_dbs; i++)
                db_close(s->dbs[i]);
        free(s->dbs);
        if (s->log != stderr)
                fclose(s->log);
        pthread_mutex_destroy(&s->lock);
        pthread_mutex_destroy(&s->watch_lock);
        pthread_cond_destroy(&s->watch_wake);
        free(s);
        fprintf(stderr, "jixiao：已停止\n");
        return 0;
}
