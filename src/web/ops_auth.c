/* Signing in and out, and changing passwords (see ops.h). */
#include "ops.h"

#include "../auth/auth.h"
#include "../http/server.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

enum {
        ACCOUNT_LIMIT = 5,     /* failures per account … */
        ADDRESS_LIMIT = 20,    /* … and per client address … */
        THROTTLE_WINDOW = 900, /* … within 15 minutes lock it … */
        THROTTLE_LOCK = 900,   /* … for 15 minutes */
};

void ops_local_begin(struct req *r, struct db *db, const char *actor)
{
        memset(r, 0, sizeof(*r));
        r->arena = arena_new();
        r->db = db;
        r->now = (int64_t)time(NULL);
        r->ip = "local";
        r->method = "CLI";
        r->path = "";
        r->authed = true;
        r->session.user = (struct user){.phone = "-", .name = actor, .role = ROLE_ADMIN};
        r->scope.all = true;
}

void ops_local_end(struct req *r)
{
        buf_free(&r->out);
        arena_free(r->arena);
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

static void start_session(struct req *r, const struct user *u)
{
        char token[TOKEN_CHARS + 1], csrf[TOKEN_CHARS + 1];
        unsigned char hash[TOKEN_HASH_LEN], unused[TOKEN_HASH_LEN];
        token_new(token, hash);
        token_new(csrf, unused);
        const struct server_config *cfg = server_config(r->srv);
        store_session_insert(r->db, hash, u->id, csrf, r->ip, r->now, r->now + cfg->session_max);
        reply_session_cookie(r, token);
        r->authed = true;
        r->session.user = *u;
        r->session.csrf = arena_strdup(r->arena, csrf);
        memcpy(r->token_hash, hash, sizeof hash);
}

static const char *throttle_message(struct req *r, int64_t seconds)
{
        return arena_printf(r->arena, "登录失败次数过多，请 %lld 分钟后再试",
                            (long long)((seconds + 59) / 60));
}

bool op_login(struct req *r, const char *phone, const char *password, struct op *out)
{
        if (!phone)
                return op_fail(out, 400, "phone", "请输入手机号");
        if (!password || !*password)
                return op_fail(out, 400, "password", "请输入密码");
        char account[64], address[64];
        snprintf(account, sizeof account, "phone:%.40s", phone);
        snprintf(address, sizeof address, "ip:%.40s", r->ip);
        /* counted before the password is checked, one attempt at a time */
        int64_t locked = store_throttle_take(r->db, address, r->now, THROTTLE_WINDOW, ADDRESS_LIMIT,
                                             THROTTLE_LOCK);
        if (!locked && (locked = store_throttle_take(r->db, account, r->now, THROTTLE_WINDOW,
                                                     ACCOUNT_LIMIT, THROTTLE_LOCK)))
                store_throttle_refund(r->db, address);
        if (locked) {
                req_audit(r, "login.throttled", phone, NULL);
                return op_fail(out, 429, "phone", throttle_message(r, locked));
        }
        struct user u;
        bool found = store_user_by_phone(r->db, r->arena, phone, &u) == STORE_OK && !u.disabled;
        /* verify against a real hash even for an unknown phone, so timing tells nothing */
        static const char dummy[] = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                                    "B1Xw3n8w8m6Yq7l8lmvJH2mA1c0tPZ0Q0bx1S9bqGzk";
        bool ok = password_verify(found ? u.password_hash : dummy, password) && found;
        if (!ok) {
                db_begin(r->db, DB_HERE);
                store_throttle_failed(r->db, account, r->now, ACCOUNT_LIMIT, THROTTLE_LOCK);
                store_throttle_failed(r->db, address, r->now, ADDRESS_LIMIT, THROTTLE_LOCK);
                req_audit(r, "login.failed", phone, found ? "密码错误" : "账号不存在或已停用");
                db_commit(r->db);
                return op_fail(out, 401, "password", "手机号或密码不正确");
        }
        db_begin(r->db, DB_HERE);
        store_throttle_clear(r->db, account);
        store_throttle_refund(r->db, address);
        start_session(r, &u);
        req_audit(r, "login", phone, u.must_change ? "一次性密码登录" : NULL);
        if (db_commit(r->db) != DB_OK)
                return op_fail(out, 503, NULL, "数据库繁忙，请稍后重试");
        out->status = 200;
        out->id = u.id;
        return true;
}

void op_logout(struct req *r)
{
        if (r->authed) {
                store_session_delete(r->db, r->token_hash);
                req_audit(r, "logout", NULL, NULL);
        }
        reply_session_cookie(r, NULL);
        r->authed = false;
}

bool op_password(struct req *r, const char *old, const char *fresh, const char *confirm,
                 struct op *out)
{
        const struct user *me = &r->session.user;
        if (!old || !*old)
                return op_fail(out, 400, "old", "请输入原密码（首次登录请输入一次性密码）");
        if (!fresh || !*fresh)
                return op_fail(out, 400, "new", "请输入新密码");
        if (confirm && strcmp(fresh, confirm) != 0)
                return op_fail(out, 400, "confirm", "两次输入的新密码不一致");
        struct user full;
        if (store_user_by_phone(r->db, r->arena, me->phone, &full) != STORE_OK)
                return op_fail(out, 404, NULL, "账号不存在");
        if (!password_verify(full.password_hash, old)) {
                req_audit(r, "password.failed", me->phone, "原密码错误");
                return op_fail(out, 400, "old", "原密码不正确");
        }
        const char *why = password_policy(fresh, me->phone, old);
        if (why)
                return op_fail(out, 400, "new", why);
        char hash[PASSWORD_HASH_MAX];
        if (!password_hash(fresh, hash))
                return op_fail(out, 500, NULL, "密码加密失败，请重试");
        db_begin(r->db, DB_HERE);
        enum store_rc rc = store_user_set_password(r->db, me->id, hash, false, r->now);
        full.must_change = false;
        if (rc == STORE_OK) {
                start_session(r, &full); /* the old sessions ended with the password */
                req_audit(r, "password.change", me->phone, NULL);
        }
        if (rc != STORE_OK || db_commit(r->db) != DB_OK) {
                db_rollback(r->db);
                return op_fail(out, 503, NULL, "数据库繁忙，请稍后重试");
        }
        out->status = 200;
        return true;
}
