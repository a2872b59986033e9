/* Page frame (see layout.h). */
#include "layout.h"

#include "../../auth/authz.h"

#include <string.h>
#include <time.h>

struct nav_item {
        const char *href;
        const char *label;
        unsigned roles;
};

static const struct nav_item nav[] = {
    {"/", "待办事项", POSTS_ALL},
    {"/tasks", "绩效自评", CAN_VIEW_TASKS},
    {"/units", "预算单位", CAN_VIEW_UNITS},
    {"/users", "用户管理", CAN_MANAGE_USERS},
    {"/years", "年度与任务", CAN_MANAGE_YEARS},
    {"/audit", "审计日志", CAN_VIEW_AUDIT},
};

void form_csrf(struct req *r)
{
        html(r, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
             r->authed ? r->session.csrf : "");
}

void page_begin(struct req *r, const char *title)
{
        reply_html(r, 200);
        html(r,
             "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<title>%s · 绩效自评系统</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
             "<script src=\"/static/app.js\" defer></script></head><body>",
             title);
        html_raw(r, "<a class=\"skip-link\" href=\"#content\">跳到正文</a>"
                    "<header class=\"top\"><a class=\"brand\" href=\"/\">绩效自评系统</a>");
        if (r->authed) {
                const struct user *u = &r->session.user;
                html_raw(r, "<nav aria-label=\"主导航\">");
                if (!u->must_change)
                        for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++)
                                if (nav[i].roles & ROLE_BIT(u->role))
                                        html(r,
                                             strcmp(nav[i].href, r->path) == 0
                                                 ? "<a href=\"%s\" class=\"current\">%s</a>"
                                                 : "<a href=\"%s\">%s</a>",
                                             nav[i].href, nav[i].label);
                html_raw(r, "</nav><div class=\"who\">");
                html(r, "<span>%s · %s%s%s</span>", u->name, u->unit_name ? u->unit_name : "",
                     u->unit_name ? " " : "", role_label(u->role));
                html_raw(
                    r,
                    "<a href=\"/password\">修改密码</a><form method=\"post\" action=\"/logout\">");
                form_csrf(r);
                html_raw(r, "<button type=\"submit\" class=\"link\">退出</button></form></div>");
        }
        html(r, "</header><main id=\"content\" tabindex=\"-1\"><h1>%s</h1>", title);
}

void page_end(struct req *r)
{
        html_raw(r, "</main><footer>jixiao 部门整体支出绩效自评系统</footer></body></html>\n");
}

void page_error(struct req *r, const char *message)
{
        html(r, "<div class=\"alert error\" role=\"alert\">%s</div>", message);
}

void page_notice(struct req *r, const char *message)
{
        html(r, "<div class=\"alert notice\" role=\"status\">%s</div>", message);
}

const char *fmt_time(struct req *r, int64_t t)
{
        time_t local = (time_t)(t + 8 * 3600); /* China Standard Time, no daylight saving */
        struct tm tm;
        gmtime_r(&local, &tm);
        char s[32];
        strftime(s, sizeof s, "%Y-%m-%d %H:%M", &tm);
        return arena_strdup(r->arena, s);
}
