/* Page: accounts (/users), for the administrator: the list, opening an
 * account, changing name, post and unit, disabling, and resetting a
 * password. A new one-time password is shown once, on the page answering
 * the post, and nowhere else (not in a URL, not stored in clear). The
 * writes are app_user_* (src/app/admin.c). */
#include "../web.h"
#include "../../app/lists.h"
#include "../html/layout.h"
#include "../../app/admin.h"
#include "../handlers.h"

#include <string.h>

/* What was submitted, shown again after a failed post (NULL members: the
 * stored values). */
struct user_form {
        const char *phone; /* the create form */
        const char *name;
        const char *role;
        const char *unit_code;
        int64_t row_id; /* the row whose form failed, or 0 */
        const char *row_name;
        const char *row_role;
        const char *row_unit;
        const char *row_version;
        bool row_disabled;
};

/* A one-time password to show once. */
struct secret {
        const char *phone;
        const char *name;
        const char *password;
};

static const enum role roles[] = {ROLE_PREPARER, ROLE_REVIEWER, ROLE_FINANCE, ROLE_ADMIN};

static void role_options(struct req *r, const char *selected)
{
        for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
                const char *name = role_name(roles[i]);
                html(r, "<option value=\"%s\"%s>%s</option>", name,
                     selected && strcmp(selected, name) == 0 ? " selected" : "",
                     role_label(roles[i]));
        }
}

static void secret_box(struct req *r, const struct secret *s)
{
        html(r,
             "<div class=\"card\" role=\"status\"><p>账号 %s（%s）的一次性密码："
             "<strong class=\"secret\">%s</strong></p>"
             "<p class=\"hint\">只显示这一次，请当面或通过安全渠道告知本人，首次登录后须修改。"
             "离开本页后无法再次查看，如遗失请重新重置密码。</p></div>",
             s->phone, s->name ? s->name : "", s->password);
}

static void create_form(struct req *r, const struct unit *units, size_t n,
                        const struct user_form *f)
{
        html_raw(r,
                 "<h2>开设账号</h2><form method=\"post\" action=\"/users\" class=\"card inline\">");
        form_csrf(r);
        html(r,
             "<label>手机号<input name=\"phone\" inputmode=\"numeric\" required maxlength=\"11\" "
             "pattern=\"1[0-9]{10}\" value=\"%s\"></label>"
             "<label>姓名<input name=\"name\" required maxlength=\"100\" value=\"%s\"></label>"
             "<label>岗位<select name=\"role\" required><option value=\"\">请选择</option>",
             f->phone ? f->phone : "", f->name ? f->name : "");
        role_options(r, f->role);
        html_raw(r, "</select></label><label>单位<select name=\"unit_code\">"
                    "<option value=\"\">（财政绩效经办、系统管理员不选单位）</option>");
        for (size_t i = 0; i < n; i++)
                if (!units[i].disabled)
                        html(r, "<option value=\"%s\"%s>%s %s</option>", units[i].code,
                             f->unit_code && strcmp(f->unit_code, units[i].code) == 0 ? " selected"
                                                                                      : "",
                             units[i].code, units[i].name);
        html_raw(r, "</select></label><button type=\"submit\">开设账号</button></form>"
                    "<p class=\"hint\">经办岗、审核岗须选择所属单位；开设后系统生成一次性密码，"
                    "只在本页显示一次。</p>");
}

/* The update and reset forms of one row (two cells). */
static void row_forms(struct req *r, const struct user *u, const struct user_form *f)
{
        bool mine = f->row_id == u->id;
        const char *name = mine ? f->row_name : u->name;
        const char *role = mine ? f->row_role : role_name(u->role);
        const char *unit = mine ? f->row_unit : u->unit_code;
        bool disabled = mine ? f->row_disabled : u->disabled;
        html(r, "<td><form method=\"post\" action=\"/users/%lld\" class=\"inline\">",
             (long long)u->id);
        form_csrf(r);
        if (mine)
                html(r, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
                     f->row_version ? f->row_version : "");
        else
                html(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                     (long long)u->version);
        html(r,
             "<label>姓名<input name=\"name\" required maxlength=\"100\" value=\"%s\"></label>"
             "<label>岗位<select name=\"role\">",
             name ? name : "");
        role_options(r, role);
        html(r,
             "</select></label><label>单位编码<input name=\"unit_code\" list=\"unit-codes\" "
             "inputmode=\"numeric\" maxlength=\"6\" value=\"%s\"></label>"
             "<label><input type=\"checkbox\" name=\"disabled\" value=\"1\"%s> 停用</label>"
             "<button type=\"submit\" class=\"secondary\">保存</button></form></td>",
             unit ? unit : "", disabled ? " checked" : "");
        html(r,
             "<td><form method=\"post\" action=\"/users/%lld/reset\" "
             "data-confirm=\"确定重置 %s（%s）的密码吗？原密码立即失效，该账号的登录全部退出。\">",
             (long long)u->id, u->phone, u->name);
        form_csrf(r);
        html_raw(r, "<button type=\"submit\" class=\"secondary\">重置密码</button></form></td>");
}

static void users_page(struct req *r, int status, const char *notice, const char *error,
                       const struct secret *s, const struct user_form *f)
{
        struct outcome rd = {0};
        struct user *users;
        struct unit *units;
        size_t n, n_units;
        if (!app_users(&r->app, &users, &n, &rd) ||
            !app_all_units(&r->app, &units, &n_units, &rd)) {
                reply_error(r, 503, "读取账号失败，请稍后重试");
                return;
        }
        page_begin(r, "用户管理");
        r->status = status;
        if (notice)
                page_notice(r, notice);
        if (s)
                secret_box(r, s);
        if (error)
                page_error(r, error);
        create_form(r, units, n_units, f);
        html_raw(r, "<h2>账号列表</h2>");
        if (!n) {
                html_raw(r, "<p class=\"muted\">暂无账号。</p>");
                page_end(r);
                return;
        }
        html_raw(r, "<table><thead><tr><th>手机号</th><th>姓名</th><th>单位</th><th>岗位</th>"
                    "<th>状态</th><th>需改密码</th><th>修改</th><th>密码</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
                const struct user *u = &users[i];
                html(r,
                     "<tr id=\"user-%lld\"><td>%s</td><td>%s</td><td>%s%s%s</td><td>%s</td>"
                     "<td>%s</td><td>%s</td>",
                     (long long)u->id, u->phone, u->name, u->unit_code ? u->unit_code : "—",
                     u->unit_name ? " " : "", u->unit_name ? u->unit_name : "", role_label(u->role),
                     u->disabled ? "停用" : "启用", u->must_change ? "是" : "否");
                row_forms(r, u, f);
                html_raw(r, "</tr>");
        }
        html_raw(r, "</tbody></table><datalist id=\"unit-codes\">");
        for (size_t i = 0; i < n_units; i++)
                if (!units[i].disabled)
                        html(r, "<option value=\"%s\">%s</option>", units[i].code, units[i].name);
        html_raw(r, "</datalist>");
        page_end(r);
}

void page_users(struct req *r)
{
        const char *ok = req_param(r, "ok");
        struct user_form f = {0};
        users_page(r, 200, ok && strcmp(ok, "updated") == 0 ? "账号信息已保存。" : NULL, NULL, NULL,
                   &f);
}

void page_user_create(struct req *r)
{
        struct user_form f = {
            .phone = req_field(r, "phone"),
            .name = req_field(r, "name"),
            .role = req_field(r, "role"),
            .unit_code = req_field(r, "unit_code"),
        };
        struct outcome out = {0};
        if (!app_user_create(&r->app, f.phone, f.name, f.unit_code, f.role, &out)) {
                users_page(r, web_status(out.status), NULL, out.error, NULL, &f);
                return;
        }
        struct secret s = {f.phone, f.name, out.secret};
        struct user_form empty = {0};
        users_page(r, 200, "账号已开设。", NULL, &s, &empty);
}

void page_user_update(struct req *r)
{
        struct user_form f = {
            .row_id = req_arg_id(r, 0),
            .row_name = req_field(r, "name"),
            .row_role = req_field(r, "role"),
            .row_unit = req_field(r, "unit_code"),
            .row_version = req_field(r, "version"),
            .row_disabled = req_param(r, "disabled") != NULL,
        };
        struct outcome out = {0};
        if (!app_user_update(&r->app, f.row_id, f.row_version, f.row_name, f.row_unit, f.row_role,
                            f.row_disabled, &out)) {
                if (out.status == APP_CONFLICT)
                        f.row_id = 0; /* someone else changed it: show the stored row */
                users_page(r, web_status(out.status), NULL, out.error, NULL, &f);
                return;
        }
        struct buf url = BUF_INIT;
        buf_printf(&url, "/users?ok=updated#user-%lld", (long long)f.row_id);
        reply_redirect(r, buf_str(&url));
        buf_free(&url);
}

void page_user_reset(struct req *r)
{
        struct outcome rd = {0};
        struct outcome out = {0};
        struct user_form empty = {0};
        if (!app_user_reset(&r->app, req_arg_id(r, 0), &out)) {
                users_page(r, web_status(out.status), NULL, out.error, NULL, &empty);
                return;
        }
        struct user u;
        struct secret s = {.password = out.secret};
        if (app_user(&r->app, out.id, &u, &rd)) {
                s.phone = u.phone;
                s.name = u.name;
        }
        users_page(r, 200, "密码已重置，该账号原有的登录已全部退出。", NULL, &s, &empty);
}
