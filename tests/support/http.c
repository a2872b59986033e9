/* Test server and HTTP client (see http.h). */
#define _GNU_SOURCE /* strcasestr */
#include "http.h"

#include "../../src/store/db.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ---- demo database -------------------------------------------------------- */

static struct {
        char phone[16];
        char password[64];
} logins[64];
static size_t n_logins;

void demo_db(char path[256])
{
        char dir[] = "/tmp/jixiao-test-XXXXXX";
        assert_non_null(mkdtemp(dir));
        snprintf(path, 256, "%s/demo.db", dir);
        struct run r = run_jixiao(NULL, "demo", "--db", path, NULL);
        if (r.status != 0)
                fprintf(stderr, "%s", r.err.data);
        assert_int_equal(r.status, 0);
        n_logins = 0;
        for (char *line = strtok(r.out.data, "\n"); line; line = strtok(NULL, "\n")) {
                /* rows of the login table: "│ phone │ password │ post │ unit │" */
                char phone[16], pw[64];
                if (sscanf(line, "│ %15s │ %63s", phone, pw) == 2 && strlen(phone) == 11 &&
                    phone[0] == '1' && n_logins < 64) {
                        snprintf(logins[n_logins].phone, sizeof logins[0].phone, "%s", phone);
                        snprintf(logins[n_logins].password, sizeof logins[0].password, "%s", pw);
                        n_logins++;
                }
        }
        run_free(&r);
        assert_true(n_logins > 10);
}

const char *demo_password(const char *phone)
{
        for (size_t i = 0; i < n_logins; i++)
                if (strcmp(logins[i].phone, phone) == 0)
                        return logins[i].password;
        fail_msg("no demo login for %s", phone);
        return NULL;
}

/* ---- server ------------------------------------------------------------------ */

/* Servers still running when the test program ends (a failed assertion
 * skips server_stop) are stopped at exit. */
static pid_t running[16];

static void stop_leftovers(void)
{
        for (size_t i = 0; i < 16; i++)
                if (running[i] > 0) {
                        kill(running[i], SIGKILL);
                        waitpid(running[i], NULL, 0);
                }
}

static void track(pid_t pid, bool add)
{
        static bool registered;
        if (!registered) {
                atexit(stop_leftovers);
                registered = true;
        }
        for (size_t i = 0; i < 16; i++)
                if (add ? running[i] == 0 : running[i] == pid) {
                        running[i] = add ? pid : 0;
                        return;
                }
}

void server_start(struct server *s, const char *db)
{
        server_start_wrapped(s, db, NULL);
}

void server_start_wrapped(struct server *s, const char *db, const char *const *wrapper)
{
        snprintf(s->db, sizeof s->db, "%s", db);
        snprintf(s->log, sizeof s->log, "%s.access.log", db);
        int out[2];
        assert_int_equal(pipe(out), 0);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        posix_spawn_file_actions_addclose(&fa, out[0]);
        posix_spawn_file_actions_addclose(&fa, out[1]);
        const char *serve[] = {jixiao_bin(),   "serve",       "--db",      db,
                               "--listen",     "127.0.0.1:0", "--threads", "4",
                               "--access-log", s->log,        NULL};
        const char *argv[32];
        size_t n_argv = 0;
        for (size_t i = 0; wrapper && wrapper[i] && n_argv < 20; i++)
                argv[n_argv++] = wrapper[i];
        memcpy(argv + n_argv, serve, sizeof serve);
        assert_int_equal(posix_spawn(&s->pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
        posix_spawn_file_actions_destroy(&fa);
        track(s->pid, true);
        close(out[1]);
        char line[256] = "";
        size_t n = 0;
        while (n <
               sizeof line - 1) { /* the first line names the URL: "… http://127.0.0.1:PORT/ …" */
                ssize_t k = read(out[0], line + n, 1);
                if (k <= 0 || line[n] == '\n')
                        break;
                n += (size_t)k;
        }
        line[n] = '\0';
        close(out[0]);
        const char *colon = strrchr(line, ':');
        assert_non_null(colon);
        s->port = atoi(colon + 1);
        assert_true(s->port > 0);
}

void server_stop(struct server *s)
{
        kill(s->pid, SIGTERM);
        int status;
        waitpid(s->pid, &status, 0);
        track(s->pid, false);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
}

void server_kill(struct server *s)
{
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        track(s->pid, false);
}

/* ---- client --------------------------------------------------------------------- */

void client_init(struct client *c, const struct server *s)
{
        memset(c, 0, sizeof(*c));
        c->srv = s;
}

/* A connection to s, or -1 when may_fail and it is refused. */
static int connect_from(const struct server *s, const char *source, bool may_fail)
{
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (source && *source) {
                struct sockaddr_in from = {.sin_family = AF_INET};
                inet_pton(AF_INET, source, &from.sin_addr);
                assert_int_equal(bind(fd, (struct sockaddr *)&from, sizeof from), 0);
        }
        struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port)};
        inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
        if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
                if (!may_fail)
                        fail_msg("cannot connect to the server at port %d", s->port);
                close(fd);
                return -1;
        }
        return fd;
}

static void parse_response(const struct buf *raw, struct response *r)
{
        r->status = 0;
        r->headers = (struct buf)BUF_INIT;
        r->body = (struct buf)BUF_INIT;
        const char *data = buf_str(raw);
        const char *end = strstr(data, "\r\n\r\n");
        if (sscanf(data, "HTTP/1.%*d %d", &r->status) != 1 || !end)
                return;
        buf_append(&r->headers, data, (size_t)(end - data + 2));
        const char *body = end + 4;
        size_t len = raw->len - (size_t)(body - data);
        const char *te = strcasestr(buf_str(&r->headers), "Transfer-Encoding: chunked");
        if (!te) {
                buf_append(&r->body, body, len);
                return;
        }
        while (len) { /* de-chunk */
                char *next;
                unsigned long n = strtoul(body, &next, 16);
                const char *crlf = strstr(next, "\r\n");
                if (!crlf || n == 0)
                        break;
                buf_append(&r->body, crlf + 2, n);
                body = crlf + 2 + n + 2;
                len = raw->len - (size_t)(body - data);
        }
        if (!r->body.data)
                buf_puts(&r->body, "");
}

static struct response raw_from(const struct server *s, const char *source, bool may_fail,
                                const char *raw, size_t len);

struct response http_raw(const struct server *s, const char *raw, size_t len)
{
        return raw_from(s, NULL, false, raw, len);
}

static struct response raw_from(const struct server *s, const char *source, bool may_fail,
                                const char *raw, size_t len)
{
        int fd = connect_from(s, source, may_fail);
        if (fd < 0) {
                struct response r = {0, BUF_INIT, BUF_INIT};
                buf_puts(&r.headers, "");
                buf_puts(&r.body, "");
                return r;
        }
        size_t sent = 0;
        while (sent < len) {
                ssize_t k = send(fd, raw + sent, len - sent, MSG_NOSIGNAL);
                if (k <= 0)
                        break; /* the server may answer and close before reading everything */
                sent += (size_t)k;
        }
        shutdown(fd, SHUT_WR);
        struct buf in = BUF_INIT;
        char chunk[65536];
        ssize_t k;
        while ((k = recv(fd, chunk, sizeof chunk, 0)) > 0)
                buf_append(&in, chunk, (size_t)k);
        close(fd);
        struct response r;
        parse_response(&in, &r);
        if (!r.body.data)
                buf_puts(&r.body, "");
        if (!r.headers.data)
                buf_puts(&r.headers, "");
        buf_free(&in);
        return r;
}

static void remember_cookies(struct client *c, const struct response *r)
{
        const char *p = buf_str(&r->headers);
        while ((p = strcasestr(p, "\r\nSet-Cookie: "))) {
                p += 14;
                const char *eq = strchr(p, '='), *semi = strpbrk(p, ";\r");
                if (!eq || !semi || eq > semi)
                        continue;
                struct cookie ck;
                snprintf(ck.name, sizeof ck.name, "%.*s", (int)(eq - p), p);
                snprintf(ck.value, sizeof ck.value, "%.*s", (int)(semi - eq - 1), eq + 1);
                size_t i = 0;
                while (i < c->n_cookies && strcmp(c->jar[i].name, ck.name) != 0)
                        i++;
                if (i == c->n_cookies && c->n_cookies < 8)
                        c->n_cookies++;
                if (i < 8)
                        c->jar[i] = ck;
        }
}

struct response http(struct client *c, const char *method, const char *path,
                     const char *content_type, const char *body, bool csrf)
{
        return http_body(c, method, path, content_type, body, body ? strlen(body) : 0, csrf);
}

struct response http_vgetf(struct client *c, const char *fmt, va_list ap)
{
        char path[512];
        vsnprintf(path, sizeof path, fmt, ap);
        return http(c, "GET", path, NULL, NULL, false);
}

struct response http_getf(struct client *c, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        struct response r = http_vgetf(c, fmt, ap);
        va_end(ap);
        return r;
}

struct response http_body(struct client *c, const char *method, const char *path,
                          const char *content_type, const void *body, size_t len, bool csrf)
{
        struct buf req = BUF_INIT;
        buf_printf(&req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n", method,
                   path, c->srv->port);
        if (c->n_cookies) {
                buf_puts(&req, "Cookie: ");
                for (size_t i = 0; i < c->n_cookies; i++)
                        if (c->jar[i].value[0])
                                buf_printf(&req, "%s=%s; ", c->jar[i].name, c->jar[i].value);
                buf_puts(&req, "\r\n");
        }
        if (csrf && c->csrf[0])
                buf_printf(&req, "X-CSRF-Token: %s\r\n", c->csrf);
        if (body)
                buf_printf(&req, "Content-Type: %s\r\nContent-Length: %zu\r\n", content_type, len);
        buf_puts(&req, "\r\n");
        if (body)
                buf_append(&req, body, len);
        struct response r = raw_from(c->srv, c->source, c->may_fail, req.data, req.len);
        buf_free(&req);
        remember_cookies(c, &r);
        return r;
}

void response_free(struct response *r)
{
        buf_free(&r->headers);
        buf_free(&r->body);
}

const char *response_header(const struct response *r, const char *name)
{
        static char value[512];
        char key[64];
        snprintf(key, sizeof key, "\r\n%s: ", name);
        const char *p = strcasestr(buf_str(&r->headers), key);
        if (!p)
                return NULL;
        p += strlen(key);
        size_t n = strcspn(p, "\r");
        snprintf(value, sizeof value, "%.*s", (int)n, p);
        return value;
}

/* The value of "key":"…" in a JSON text, into out. */
static bool json_string_member(const char *json, const char *key, char *out, size_t cap)
{
        char pattern[64];
        snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
        const char *p = strstr(json, pattern);
        if (!p)
                return false;
        p += strlen(pattern);
        size_t n = strcspn(p, "\"");
        snprintf(out, cap, "%.*s", (int)n, p);
        return true;
}

int client_login(struct client *c, const char *phone, const char *password)
{
        struct response s = http(c, "GET", "/api/session", NULL, NULL, false);
        assert_int_equal(s.status, 200);
        assert_true(json_string_member(s.body.data, "csrf", c->csrf, sizeof c->csrf));
        response_free(&s);
        char body[256];
        snprintf(body, sizeof body, "{\"phone\":\"%s\",\"password\":\"%s\"}", phone, password);
        struct response r = http(c, "POST", "/api/login", "application/json", body, true);
        int status = r.status;
        if (getenv("JIXIAO_TEST_DEBUG"))
                fprintf(stderr, "login %s: %d %s\n", phone, status, r.body.data);
        if (status == 200)
                assert_true(json_string_member(r.body.data, "csrf", c->csrf, sizeof c->csrf));
        response_free(&r);
        return status;
}

void client_login_fresh(struct client *c, const char *phone, const char *new_password)
{
        assert_int_equal(client_login(c, phone, demo_password(phone)), 200);
        char body[256];
        snprintf(body, sizeof body, "{\"old\":\"%s\",\"new\":\"%s\",\"confirm\":\"%s\"}",
                 demo_password(phone), new_password, new_password);
        struct response r = http(c, "POST", "/api/password", "application/json", body, true);
        if (r.status != 200)
                fprintf(stderr, "password change for %s: %d %s\n", phone, r.status, r.body.data);
        assert_int_equal(r.status, 200);
        assert_true(json_string_member(r.body.data, "csrf", c->csrf, sizeof c->csrf));
        response_free(&r);
}

void clients_sign_in(struct client *cl, size_t n, const struct server *s, const char *const *phones,
                     const char *new_password)
{
        for (size_t i = 0; i < n; i++) {
                client_init(&cl[i], s);
                client_login_fresh(&cl[i], phones[i], new_password);
        }
}

void multipart_body(struct buf *b, const struct part *parts, size_t n)
{
        buf_reset(b);
        for (size_t i = 0; i < n; i++) {
                buf_printf(
                    b, "--" MULTIPART_BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"",
                    parts[i].name);
                if (parts[i].filename)
                        buf_printf(b, "; filename=\"%s\"\r\nContent-Type: application/octet-stream",
                                   parts[i].filename);
                buf_puts(b, "\r\n\r\n");
                buf_append(b, parts[i].data, parts[i].len);
                buf_puts(b, "\r\n");
        }
        buf_puts(b, "--" MULTIPART_BOUNDARY "--\r\n");
}

struct response http_upload(struct client *c, int64_t task, const char *kind, const char *project,
                            const char *filename, const struct buf *data)
{
        struct part parts[3] = {{"kind", NULL, kind, strlen(kind)},
                                {"file", filename, data->data, data->len},
                                {"project", NULL, project, project ? strlen(project) : 0}};
        struct buf body = BUF_INIT;
        multipart_body(&body, parts, project ? 3 : 2);
        char path[64];
        snprintf(path, sizeof path, "/api/tasks/%lld/files", (long long)task);
        struct response r =
            http_body(c, "POST", path, "multipart/form-data; boundary=" MULTIPART_BOUNDARY,
                      body.data, body.len, true);
        buf_free(&body);
        return r;
}

struct db *test_db_open(const char *path)
{
        struct diags errs = DIAGS_INIT;
        struct db *db = db_open(path, false, &errs);
        if (!db)
                diags_print(&errs, stderr);
        assert_non_null(db);
        diags_free(&errs);
        return db;
}

int64_t task_id_of(struct db *db, const char *code, int64_t year)
{
        struct db_stmt *st = db_prepare(db, "SELECT t.id FROM tasks t JOIN units u ON "
                                            "u.id = t.unit_id WHERE u.code = ?1 AND t.year = ?2");
        db_bind_text(st, 1, code);
        db_bind_int(st, 2, year);
        assert_int_equal(db_step(st), DB_ROW);
        int64_t id = db_col_int(st, 0);
        db_reset(st);
        return id;
}
