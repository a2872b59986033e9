/* Routing and the guards every route passes (see route.h). */
#include "route.h"
#include "form.h"
#include "multipart.h"
#include "server.h"

#include "../auth/auth.h"
#include "../base/utf8.h"
#include "../base/vec.h"
#include "../schema/schema.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- preparing -------------------------------------------------------------- */

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
        (void)kind;
        struct req *r = ((void **)cls)[0];
        struct vec *v = ((void **)cls)[1];
        struct param *p = vec_push(v);
        p->name = arena_strdup(r->arena, key);
        p->value = arena_strdup(r->arena, value ? value : "");
        return MHD_YES;
}

void route_prepare(struct req *r)
{
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        char ip[INET6_ADDRSTRLEN] = "?";
        if (ci && ci->client_addr) {
                if (ci->client_addr->sa_family == AF_INET)
                        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr,
                                  ip, sizeof ip);
                else if (ci->client_addr->sa_family == AF_INET6)
                        inet_ntop(AF_INET6,
                                  &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, ip,
                                  sizeof ip);
        }
        r->ip = arena_strdup(r->arena, ip);
        struct vec v = VEC_INIT(struct param);
        void *cls[2] = {r, &v};
        MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect, cls);
        r->query = vec_finish(&v, r->arena, &r->n_query);
}

/* ---- bodies ------------------------------------------------------------------- */

static bool parse_urlencoded(struct req *r)
{
        return form_urlencoded_parse(r->arena, r->body, r->body_len, &r->form, &r->n_form);
}

static bool parse_json(struct req *r, const char **why)
{
        json_error_t err;
        json_t *root = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &err);
        if (!root || !json_is_object(root)) {
                struct buf b = BUF_INIT;
                if (root)
                        buf_puts(&b, "应为 JSON 对象");
                else
                        bind_json_error(&err, &b);
                *why = arena_strdup(r->arena, buf_str(&b));
                buf_free(&b);
                json_decref(root);
                return false;
        }
        struct vec v = VEC_INIT(struct param);
        const char *key;
        json_t *val;
        json_object_foreach(root, key, val)
        {
                char num[32];
                const char *text = NULL;
                if (json_is_string(val))
                        text = json_string_value(val);
                else if (json_is_integer(val))
                        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(val)),
                            text = num;
                else if (json_is_boolean(val))
                        text = json_is_true(val) ? "true" : "false";
                if (!text)
                        continue; /* objects, arrays, reals and null: the handler reads r->body */
                struct param *p = vec_push(&v);
                p->name = arena_strdup(r->arena, key);
                p->value = arena_strdup(r->arena, text);
        }
        json_decref(root);
        r->form = vec_finish(&v, r->arena, &r->n_form);
        return true;
}

/* Parse the body by its content type; false after replying 400. */
static bool parse_body(struct req *r)
{
        if (!r->body_len)
                return true;
        const char *type = req_header(r, "Content-Type");
        if (type && strncmp(type, "application/x-www-form-urlencoded", 33) == 0) {
                if (!parse_urlencoded(r)) {
                        reply_error(r, 400, "表单内容编码有误，请刷新页面后重试");
                        return false;
                }
        } else if (type && strncmp(type, "application/json", 16) == 0) {
                const char *why = NULL;
                if (!parse_json(r, &why)) {
                        struct buf msg = BUF_INIT;
                        buf_printf(&msg, "请求内容不是有效的 JSON：%s", why);
                        reply_error(r, 400, buf_str(&msg));
                        buf_free(&msg);
                        return false;
                }
        } else if (type && strncasecmp(type, "multipart/form-data", 19) == 0) {
                struct multipart m;
                const char *why = multipart_parse(r->arena, type, r->body, r->body_len, &m);
                if (why) {
                        reply_error(r, 400, why);
                        return false;
                }
                r->form = m.fields;
                r->n_form = m.n_fields;
                r->uploads = m.uploads;
                r->n_uploads = m.n_uploads;
        }
        return true;
}

static bool params_valid(const struct param *p, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (!utf8_valid(p[i].name, strlen(p[i].name)) ||
                    !utf8_valid(p[i].value, strlen(p[i].value)))
                        return false;
        return true;
}

/* ---- matching ----------------------------------------------------------------- */

/* Does s[0..n) have the type of the path argument named name[0..k)?
 * {id}, {fid}, {n}: a positive integer; {code}: a unit code (6 digits);
 * {year}: 4 digits; {format}: a file format (letters); {name}: a static
 * file's name. Any other name is a programming error of the route table. */
static bool arg_typed(const char *name, size_t k, const char *s, size_t n)
{
        size_t digits = strspn(s, "0123456789");
#define IS(lit) (k == sizeof(lit) - 1 && memcmp(name, lit, k) == 0)
        if (IS("id") || IS("fid") || IS("n"))
                return digits >= n && n && n <= 18 && s[0] != '0';
        if (IS("code"))
                return n == 6 && digits >= 6;
        if (IS("year"))
                return n == 4 && digits >= 4;
        if (IS("format")) {
                for (size_t i = 0; i < n; i++)
                        if (s[i] < 'a' || s[i] > 'z')
                                return false;
                return n && n <= 10;
        }
        if (IS("name")) {
                for (size_t i = 0; i < n; i++)
                        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                              (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-' ||
                              s[i] == '_'))
                                return false;
                return n && n <= 64 && s[0] != '.';
        }
#undef IS
        abort();
}

/* Does path have the shape of pattern, whatever its arguments hold? The
 * first argument of the wrong type goes to *arg (its name) and *value. */
static bool shape_match(const char *pattern, const char *path, struct arena *a, const char **arg,
                        const char **value)
{
        *arg = NULL;
        while (*pattern && *path) {
                if (*pattern == '{') {
                        const char *close = strchr(pattern, '}');
                        size_t seg = close[1] ? strcspn(path, (char[]){close[1], '/', 0})
                                              : strcspn(path, "/");
                        size_t k = (size_t)(close - pattern - 1);
                        if (seg == 0)
                                return false;
                        if (!*arg && !arg_typed(pattern + 1, k, path, seg)) {
                                *arg = arena_strndup(a, pattern + 1, k);
                                *value = arena_strndup(a, path, seg);
                        }
                        pattern = close + 1;
                        path += seg;
                        continue;
                }
                if (*pattern++ != *path++)
                        return false;
        }
        return !*pattern && !*path;
}

/* Why a path that has the shape of a route names nothing: its argument of
 * the wrong type, in words, or NULL. */
static const char *bad_argument(struct req *r, const struct route *routes, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                const char *arg, *value = NULL;
                if (!shape_match(routes[i].pattern, r->path, r->arena, &arg, &value) || !arg)
                        continue;
                const char *what = strcmp(arg, "code") == 0     ? "单位编码，应为 6 位数字"
                                   : strcmp(arg, "year") == 0   ? "年度，应为 4 位数字，如 2024"
                                   : strcmp(arg, "format") == 0 ? "文件格式"
                                   : strcmp(arg, "name") == 0   ? "文件名"
                                                                : "编号，应为正整数";
                return req_printf(r, "地址中的“%s”不是有效的%s，请从页面上的链接进入", value,
                                  what);
        }
        return NULL;
}

bool route_match(const char *pattern, const char *path, struct req *r)
{
        size_t n_args = 0;
        while (*pattern && *path) {
                if (*pattern == '{') {
                        const char *close = strchr(pattern, '}');
                        /* an argument ends where the pattern's next literal character is */
                        size_t seg = close[1] ? strcspn(path, (char[]){close[1], '/', 0})
                                              : strcspn(path, "/");
                        if (!close || seg == 0 || n_args == MAX_PATH_ARGS ||
                            !arg_typed(pattern + 1, (size_t)(close - pattern - 1), path, seg))
                                return false;
                        if (r)
                                r->path_args[n_args] = arena_strndup(r->arena, path, seg);
                        n_args++;
                        pattern = close + 1;
                        path += seg;
                        continue;
                }
                if (*pattern++ != *path++)
                        return false;
        }
        if (*pattern || *path)
                return false;
        if (r)
                r->n_path_args = n_args;
        return true;
}

const struct route *route_find(const struct route *routes, size_t n, const char *method,
                               const char *path)
{
        for (size_t i = 0; i < n; i++)
                if (route_match(routes[i].pattern, path, NULL) &&
                    (strcmp(routes[i].method, method) == 0 ||
                     (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)))
                        return &routes[i];
        return NULL;
}

/* ---- guards --------------------------------------------------------------------- */

/* The session of the jx_session cookie, if live; true when its last-seen
 * time is a minute old and should be touched once the request is done. */
static bool load_session(struct req *r)
{
        const char *token = req_cookie(r, "jx_session");
        if (!token || strlen(token) != TOKEN_CHARS)
                return false;
        token_hash(token, r->token_hash);
        const struct server_config *cfg = server_config(r->srv);
        if (store_session_get(r->db, r->arena, r->token_hash, r->now, cfg->session_idle,
                              &r->session) != STORE_OK)
                return false;
        r->authed = true;
        const struct user *u = &r->session.user;
        r->scope.all = u->role == ROLE_FINANCE || u->role == ROLE_ADMIN;
        r->scope.unit_id = u->unit_id;
        r->scope.prefix = u->unit_code && unit_is_supervising(u->unit_code)
                              ? arena_strndup(r->arena, u->unit_code, 3)
                              : NULL;
        return r->now - r->session.seen_at >= 60;
}

static bool changes_state(const struct req *r)
{
        return strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0;
}

/* The CSRF token: the session's, or for anonymous forms the value of the
 * jx_csrf cookie set with the form (double submit). It comes in the body
 * or the header, never in the URL. */
static bool csrf_ok(const struct req *r)
{
        const char *sent = req_body_param(r, "csrf");
        if (!sent)
                sent = req_header(r, "X-CSRF-Token");
        const char *expected = r->authed ? r->session.csrf : req_cookie(r, "jx_csrf");
        return sent && expected && strlen(expected) >= 16 && secret_equal(sent, expected);
}

static void deny_anonymous(struct req *r)
{
        if (req_is_api(r)) {
                reply_error(r, 401, "未登录或登录已过期，请先登录");
                return;
        }
        struct buf url = BUF_INIT;
        buf_puts(&url, "/login");
        if (strcmp(r->method, "GET") == 0 && strcmp(r->path, "/") != 0) {
                buf_puts(&url, "?next=");
                for (const char *p = r->path; *p; p++) /* the path is ours: letters, digits, / */
                        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '/' ||
                            *p == '-' || *p == '_')
                                buf_putc(&url, *p);
        }
        reply_redirect(r, buf_str(&url));
        buf_free(&url);
}

/* The guards of route hit, then its handler (r->session loaded). */
static void guard_and_handle(struct req *r, const struct route *hit)
{
        if (!(hit->flags & R_PUBLIC) && !r->authed) {
                deny_anonymous(r);
                return;
        }
        if (r->authed && r->session.user.must_change &&
            !(hit->flags & (R_ANY_PASSWORD | R_PUBLIC))) {
                if (req_is_api(r))
                        reply_error(r, 403, "请先修改一次性密码后再使用系统");
                else
                        reply_redirect(r, "/password");
                return;
        }
        if (hit->roles && !(r->authed && (hit->roles & ROLE_BIT(r->session.user.role)))) {
                reply_error(r, 403, "您的岗位无权进行此操作");
                return;
        }
        if (changes_state(r) && !csrf_ok(r)) {
                reply_error(r, 403, "页面已过期或请求来源无法验证（CSRF），请刷新页面后重试");
                return;
        }
        req_app_refresh(r);
        hit->handler(r);
}

void route_dispatch(struct req *r, const struct route *routes, size_t n)
{
        const struct route *hit = NULL;
        bool path_known = false;
        for (size_t i = 0; i < n && !hit; i++) {
                if (!route_match(routes[i].pattern, r->path, NULL))
                        continue;
                path_known = true;
                if (strcmp(routes[i].method, r->method) == 0 ||
                    (strcmp(r->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0))
                        hit = &routes[i];
        }
        if (!hit) {
                const char *bad = path_known ? NULL : bad_argument(r, routes, n);
                reply_error(r, path_known ? 405 : 404,
                            path_known ? "此地址不支持该请求方法，请从页面上的链接或按钮进入"
                            : bad      ? bad
                                       : "页面不存在，请检查地址");
                return;
        }
        route_match(hit->pattern, r->path, r);
        r->route = hit;
        if (!parse_body(r))
                return;
        if (!params_valid(r->query, r->n_query) || !params_valid(r->form, r->n_form)) {
                reply_error(r, 400, "请求参数含有无效字符（不是 UTF-8 编码）");
                return;
        }
        /* A request that only reads (GET, HEAD) runs in one read transaction:
         * one snapshot for all its queries, the database's locks taken once. */
        bool snapshot = !changes_state(r) && db_read_begin(r->db) == DB_OK;
        bool touch = load_session(r);
        db_take_full(r->db); /* from here on, this request's own writes */
        guard_and_handle(r, hit);
        /* A write refused for want of disk space: whatever the handler made
         * of its failure (busy, 503, a lockout), say what happened. Every
         * write is one transaction, so nothing of the request was kept. */
        if (db_take_full(r->db) && r->status >= 400)
                reply_error(r, 507, HTTP_DISK_FULL);
        if (snapshot)
                db_read_end(r->db);
        if (touch) /* a write, so outside the snapshot */
                store_session_touch(r->db, r->token_hash, r->now);
}
