/* Signing in and out, and changing passwords (see signin.h). */
#include "signin.h"

#include "../store/db.h"

#include <stdio.h>
#include <string.h>

enum {
        ACCOUNT_LIMIT = 5,     /* failures per account … */
        ADDRESS_LIMIT = 20,    /* … and per client address … */
        THROTTLE_WINDOW = 900, /* … within 15 minutes lock it … */
        THROTTLE_LOCK = 900,   /* … for 15 minutes */
};

static void start_session(struct app *a, const struct user *u, struct new_session *s)
{
        char csrf[TOKEN_CHARS + 1];
        unsigned char unused[TOKEN_HASH_LEN];
        token_new(s->token, s->hash);
        token_new(csrf, unused);
        store_session_insert(a->db, s->hash, u->id, csrf, a->ip, a->now, a->now + a->session_max);
        s->csrf = arena_strdup(a->arena, csrf);
        s->user = *u;
}

static const char *throttle_message(struct app *a, int64_t seconds)
{
        return app_printf(a, "登录失败次数过多，请 %lld 分钟后再试",
                          (long long)((seconds + 59) / 60));
}

bool app_login(struct app *a, const char *phone, const char *password, struct new_session *s,
               struct outcome *out)
{
        if (!phone)
                return app_fail(out, APP_INVALID, "phone", "请输入手机号");
        if (!password || !*password)
                return app_fail(out, APP_INVALID, "password", "请输入密码");
        a->system_actor = phone; /* who the anonymous caller claims to be, for the audit log */
        char account[64], address[64];
        snprintf(account, sizeof account, "phone:%.40s", phone);
        snprintf(address, sizeof address, "ip:%.40s", a->ip);
        /* counted before the password is checked, one attempt at a time */
        int64_t locked = store_throttle_take(a->db, address, a->now, THROTTLE_WINDOW, ADDRESS_LIMIT,
                                             THROTTLE_LOCK);
        if (!locked && (locked = store_throttle_take(a->db, account, a->now, THROTTLE_WINDOW,
                                                     ACCOUNT_LIMIT, THROTTLE_LOCK)))
                store_throttle_refund(a->db, address);
        if (locked) {
                app_audit(a, "login.throttled", phone, NULL);
                return app_fail(out, APP_THROTTLED, "phone", throttle_message(a, locked));
        }
        struct user u;
        bool found = store_user_by_phone(a->db, a->arena, phone, &u) == STORE_OK && !u.disabled;
        /* verify against a real hash even for an unknown phone, so timing tells nothing */
        static const char dummy[] = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                                    "B1Xw3n8w8m6Yq7l8lmvJH2mA1c0tPZ0Q0bx1S9bqGzk";
        bool ok = password_verify(found ? u.password_hash : dummy, password) && found;
        if (!ok) {
                db_begin(a->db, DB_HERE);
                store_throttle_failed(a->db, account, a->now, ACCOUNT_LIMIT, THROTTLE_LOCK);
                store_throttle_failed(a->db, address, a->now, ADDRESS_LIMIT, THROTTLE_LOCK);
                app_audit(a, "login.failed", phone, found ? "密码错误" : "账号不存在或已停用");
                db_commit(a->db);
                return app_fail(out, APP_UNAUTHORIZED, "password", "手机号或密码不正确");
        }
        db_begin(a->db, DB_HERE);
        store_throttle_clear(a->db, account);
        store_throttle_refund(a->db, address);
        start_session(a, &u, s);
        a->actor = &s->user;
        app_audit(a, "login", phone, u.must_change ? "一次性密码登录" : NULL);
        if (db_commit(a->db) != DB_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        out->status = APP_OK;
        out->id = u.id;
        return true;
}

void app_logout(struct app *a, const unsigned char *hash)
{
        if (!hash)
                return;
        store_session_delete(a->db, hash);
        app_audit(a, "logout", NULL, NULL);
}

bool app_password(struct app *a, const char *old, const char *fresh, const char *confirm,
                  struct new_session *s, struct outcome *out)
{
        const struct user *me = a->actor;
        if (!me)
                return app_fail(out, APP_FORBIDDEN, NULL, "请先登录");
        if (!old || !*old)
                return app_fail(out, APP_INVALID, "old",
                                "请输入原密码（首次登录请输入一次性密码）");
        if (!fresh || !*fresh)
                return app_fail(out, APP_INVALID, "new", "请输入新密码");
        if (confirm && strcmp(fresh, confirm) != 0)
                return app_fail(out, APP_INVALID, "confirm", "两次输入的新密码不一致");
        struct user full;
        if (store_user_by_phone(a->db, a->arena, me->phone, &full) != STORE_OK)
                return app_fail(out, APP_NOT_FOUND, NULL, "账号不存在");
        if (!password_verify(full.password_hash, old)) {
                app_audit(a, "password.failed", me->phone, "原密码错误");
                return app_fail(out, APP_INVALID, "old", "原密码不正确");
        }
        const char *why = password_policy(fresh, me->phone, old);
        if (why)
                return app_fail(out, APP_INVALID, "new", why);
        char hash[PASSWORD_HASH_MAX];
        if (!password_hash(fresh, hash))
                return app_fail(out, APP_FAILED, NULL, "密码加密失败，请重试");
        db_begin(a->db, DB_HERE);
        enum store_rc rc = store_user_set_password(a->db, me->id, hash, false, a->now);
        full.must_change = false;
        if (rc == STORE_OK) {
                start_session(a, &full, s); /* the old sessions ended with the password */
                app_audit(a, "password.change", me->phone, NULL);
        }
        if (rc != STORE_OK || db_commit(a->db) != DB_OK) {
                db_rollback(a->db);
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        }
        out->status = APP_OK;
        return true;
}
