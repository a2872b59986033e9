/* API: sign in and out, change password, who am I. */
#include "../web.h"
#include "json.h"
#include "../handlers.h"

void api_session(struct req *r)
{
        /* a signed-in client gets its session's token, others the form's */
        const char *csrf = r->authed ? r->session.csrf : anon_csrf(r);
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "csrf");
        jw_str(&w, csrf);
        jw_key(&w, "signed_in");
        jw_bool(&w, r->authed);
        jw_obj_end(&w);
}

/* 200 with the signed-in user, the session's CSRF token and whether the
 * password must be changed first. */
static void reply_me(struct req *r)
{
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "user");
        api_user(&w, &r->session.user);
        jw_key(&w, "csrf");
        jw_str(&w, r->session.csrf);
        jw_key(&w, "must_change_password");
        jw_bool(&w, r->session.user.must_change);
        jw_obj_end(&w);
}

void api_login(struct req *r)
{
        struct outcome out = {0};
        struct new_session s;
        if (!app_login(&r->app, req_field(r, "phone"), req_param(r, "password"), &s, &out)) {
                api_fail(r, &out);
                return;
        }
        web_session_start(r, &s);
        reply_me(r);
}

void api_logout(struct req *r)
{
        web_session_end(r);
        api_ok(r);
}

void api_password(struct req *r)
{
        struct outcome out = {0};
        struct new_session s;
        if (!app_password(&r->app, req_param(r, "old"), req_param(r, "new"),
                          req_param(r, "confirm"), &s, &out)) {
                api_fail(r, &out);
                return;
        }
        web_session_start(r, &s);
        reply_me(r);
}

void api_me(struct req *r)
{
        reply_me(r);
}
