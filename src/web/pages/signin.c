/* Pages: sign in (/login), sign out (/logout), change password (/password). */
#include "../web.h"
#include "../html/layout.h"
#include "../handlers.h"

#include "../../auth/auth.h"

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
            "<p class=\"hint\">首次登录请使用管理员提供的一次性密码，登录后须设置自己的密码。</p>"
            "<details class=\"forgot\"><summary>忘记密码？</summary><p>jixiao 不通过短信或邮件找回密码。"
            "请联系本地区财政局负责绩效管理系统的管理员，说明您的姓名、单位和手机号；"
            "管理员在“用户管理”中为您重置后，会告诉您一个一次性密码，"
            "用它登录后须立即设置新密码。</p></details></form>",
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
        struct outcome out = {0};
        const char *phone = req_field(r, "phone");
        struct new_session s;
        if (!app_login(&r->app, phone, req_param(r, "password"), &s, &out)) {
                login_form(r, phone, out.error, web_status(out.status));
                return;
        }
        web_session_start(r, &s);
        reply_redirect(r,
                       r->session.user.must_change ? "/password" : safe_next(req_param(r, "next")));
}

void page_logout(struct req *r)
{
        web_session_end(r);
        reply_redirect(r, "/login");
}

/* A password box; after a refusal about it, the reason under it. */
static void password_box(struct req *r, const char *label, const char *name, const char *attrs,
                         const struct outcome *failed)
{
        bool bad = failed && failed->field && strcmp(failed->field, name) == 0;
        html(r, "<label>%s<input name=\"%s\" type=\"password\" required maxlength=\"128\"", label,
             name);
        html_raw(r, attrs);
        if (bad)
                html_raw(r, " class=\"invalid\" aria-invalid=\"true\"");
        html_raw(r, ">");
        if (bad)
                html(r, "<small class=\"field-error\" role=\"alert\">%s</small>", failed->error);
        html_raw(r, "</label>");
}

static void password_form(struct req *r, const struct outcome *failed, int status)
{
        page_begin(r, "修改密码");
        r->status = status;
        if (r->session.user.must_change)
                page_notice(r, "您正在使用一次性密码，请先设置自己的密码后再使用系统。");
        if (failed && !failed->field)
                page_error(r, failed->error);
        html_raw(r, "<form method=\"post\" action=\"/password\" class=\"card narrow\">");
        form_csrf(r);
        password_box(r, r->session.user.must_change ? "一次性密码" : "原密码", "old",
                     " autocomplete=\"current-password\"", failed);
        password_box(r, "新密码", "new", " autocomplete=\"new-password\" minlength=\"10\"", failed);
        password_box(r, "确认新密码", "confirm", " autocomplete=\"new-password\"", failed);
        html_raw(r, "<p class=\"hint\">密码至少 10 个字符，须包含大写字母、小写字母、数字、符号中的至少三类，"
                    "不能包含手机号，不能是常见或有规律的密码（如系统默认密码 Aa111111@ 及其变体、"
                    "键盘顺序、重复或连续的数字）。</p>"
                    "<button type=\"submit\">保存新密码</button></form>");
        page_end(r);
}

void page_password_form(struct req *r)
{
        password_form(r, NULL, 200);
}

void page_password(struct req *r)
{
        struct outcome out = {0};
        struct new_session s;
        if (!app_password(&r->app, req_param(r, "old"), req_param(r, "new"),
                          req_param(r, "confirm"), &s, &out)) {
                password_form(r, &out, web_status(out.status));
                return;
        }
        web_session_start(r, &s);
        page_begin(r, "修改密码");
        page_notice(r, "密码已修改。其他设备上的登录已全部退出。");
        html_raw(r, "<p><a href=\"/\">进入系统</a></p>");
        page_end(r);
}
