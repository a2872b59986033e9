/* Pages: sign in (/login), sign out (/logout), change password (/password). */
#include "layout.h"
#include "ops.h"
#include "pages.h"

#include "../auth/auth.h"

#include <string.h>

/* Only local paths are followed after signing in. */
static const char *safe_next(const char *next)
{
        return url_is_local_path(next) ? next : "/";
}

static void login_form(struct req *r, const char *phone, const char *error, int status)
{
        page_begin(r, "登录");
        r->status = status;
        if (error)
                page_error(r, error);
        html(
            r,
            "<form method=\"post\" action=\"/login\" class=\"card narrow\">"
            "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
            "<input type=\"hidden\" name=\"next\" value=\"%s\">"
            "<label>手机号<input name=\"phone\" inputmode=\"numeric\" autocomplete=\"username\" "
            "required maxlength=\"20\" value=\"%s\" autofocus></label>"
            "<label>密码<input name=\"password\" type=\"password\" autocomplete=\"current-password\" "
            "required maxlength=\"128\"></label>"
            "<button type=\"submit\">登录</button>"
            "<p class=\"hint\">首次登录请使用管理员提供的一次性密码，登录后须设置自己的密码。</p></form>",
            anon_csrf(r), safe_next(req_param(r, "next")), phone ? phone : "");
        page_end(r);
}

void page_login_form(struct req *r)
{
        if (r->authed) {
                reply_redirect(r, "/");
                return;
        }
        login_form(r, NULL, NULL, 200);
}

void page_login(struct req *r)
{
        struct op out = {0};
        const char *phone = req_field(r, "phone");
        if (!op_login(r, phone, req_param(r, "password"), &out)) {
                login_form(r, phone, out.error, out.status);
                return;
        }
        reply_redirect(r,
                       r->session.user.must_change ? "/password" : safe_next(req_param(r, "next")));
}

void page_logout(struct req *r)
{
        op_logout(r);
        reply_redirect(r, "/login");
}

static void password_form(struct req *r, const char *error, int status)
{
        page_begin(r, "修改密码");
        r->status = status;
        if (r->session.user.must_change)
                page_notice(r, "您正在使用一次性密码，请先设置自己的密码后再使用系统。");
        if (error)
                page_error(r, error);
        html_raw(r, "<form method=\"post\" action=\"/password\" class=\"card narrow\">");
        form_csrf(r);
        html(
            r,
            "<label>%s<input name=\"old\" type=\"password\" autocomplete=\"current-password\" required "
            "maxlength=\"128\"></label>"
            "<label>新密码<input name=\"new\" type=\"password\" autocomplete=\"new-password\" required "
            "minlength=\"10\" maxlength=\"128\"></label>"
            "<label>确认新密码<input name=\"confirm\" type=\"password\" autocomplete=\"new-password\" "
            "required maxlength=\"128\"></label>"
            "<p class=\"hint\">密码至少 10 个字符，须包含大写字母、小写字母、数字、符号中的至少三类，"
            "不能包含手机号，不能使用系统默认密码等常见密码。</p>"
            "<button type=\"submit\">保存新密码</button></form>",
            r->session.user.must_change ? "一次性密码" : "原密码");
        page_end(r);
}

void page_password_form(struct req *r)
{
        password_form(r, NULL, 200);
}

void page_password(struct req *r)
{
        struct op out = {0};
        if (!op_password(r, req_param(r, "old"), req_param(r, "new"), req_param(r, "confirm"),
                         &out)) {
                password_form(r, out.error, out.status);
                return;
        }
        page_begin(r, "修改密码");
        page_notice(r, "密码已修改。其他设备上的登录已全部退出。");
        html_raw(r, "<p><a href=\"/\">进入系统</a></p>");
        page_end(r);
}
