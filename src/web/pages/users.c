/* Pages: accounts, for the administrator: the list (/users), searched and
 * paged, with the form opening an account; an account's page
 * (/users/{id}) changing name, post and unit, disabling, and resetting
 * its password. A new one-time password is shown once, on the page
 * answering the post, and nowhere else (not in a URL, not stored in
 * clear). The writes are app_user_* (src/app/admin.c). */
#include "../web.h"
#include "../../app/lists.h"
#include "../html/layout.h"
#include "../html/list_nav.h"
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

/* The box of a form field; after a refusal about it, the reason under it. */
static void field(struct req *r, const char *label, const char *name, const char *value,
                  const char *attrs, const struct outcome *failed)
{
        bool bad = failed && failed->field && strcmp(failed->field, name) == 0;
        html(r, "<label>%s<input name=\"%s\" value=\"%s\"", label, name, value ? value : "");
        html_raw(r, attrs);
        if (bad)
                html_raw(r, " class=\"invalid\" aria-invalid=\"true\"");
        html_raw(r, ">");
        if (bad)
                html(r, "<small class=\"field-error\" role=\"alert\">%s</small>", failed->error);
        html_raw(r, "</label>");
}

static void role_field(struct req *r, const char *selected, const struct outcome *failed)
{
        bool bad = failed && failed->field && strcmp(failed->field, "role") == 0;
        html_raw(r, "<label>岗位<select name=\"role\" required");
        if (bad)
                html_raw(r, " class=\"invalid\" aria-invalid=\"true\"");
        html_raw(r, "><option value=\"\">请选择</option>");
        role_options(r, selected);
        html_raw(r, "</select>");
        if (bad)
                html(r, "<small class=\"field-error\" role=\"alert\">%s</small>", failed->error);
        html_raw(r, "</label>");
}

/* Whether a failure is said at one of the fields of the forms here. */
static bool at_field(const struct outcome *failed)
{
        static const char *const names[] = {"phone", "name", "role", "unit_code"};
        for (size_t i = 0; failed && failed->field && i < sizeof names / sizeof *names; i++)
                if (strcmp(failed->field, names[i]) == 0)
                        return true;
        return false;
}

static void create_form(struct req *r, const struct user_form *f, const struct outcome *failed)
{
        html(r, "<details class=\"card\"%s><summary><strong>开设账号</strong></summary>",
             failed ? " open" : "");
        html_raw(r, "<form method=\"post\" action=\"/users\" class=\"inline\">");
        form_csrf(r);
        field(r, "手机号", "phone", f->phone,
              " inputmode=\"numeric\" required maxlength=\"11\" pattern=\"1[0-9]{10}\"", failed);
        field(r, "姓名", "name", f->name, " required maxlength=\"100\"", failed);
        role_field(r, f->role, failed);
        field(r, "单位编码", "unit_code", f->unit_code,
              " inputmode=\"numeric\" maxlength=\"6\" placeholder=\"6 位数字\"", failed);
        html_raw(r, "<button type=\"submit\">开设账号</button></form>"
                    "<p class=\"hint\">经办岗、审核岗须填写所属单位的 6 位编码（可在“预算单位”中查找），"
                    "财政绩效经办、系统管理员不填；开设后系统生成一次性密码，只在本页显示一次。</p>"
                    "</details>");
}

static void users_page(struct req *r, int status, const char *notice, const struct outcome *failed,
                       const struct secret *s, const struct user_form *f)
{
        struct list_input in = {req_param(r, "q"), req_param(r, "page")};
        struct user *users;
        struct list_found found;
        struct outcome rd = {0};
        bool ok = app_users_find(&r->app, &in, &users, &found, &rd);
        if (!ok && rd.status == APP_UNAVAILABLE) {
                reply_error(r, 503, "读取账号失败，请稍后重试");
                return;
        }
        page_begin(r, "用户管理");
        r->status = ok ? status : web_status(rd.status);
        if (notice)
                page_notice(r, notice);
        if (s)
                secret_box(r, s);
        if (failed && !at_field(failed))
                page_error(r, failed->error);
        create_form(r, f, failed);
        html_raw(r, "<h2>账号列表</h2>");
        list_search(r, "/users", "查找账号", "手机号、姓名、单位编码或名称", &in, ok ? NULL : &rd);
        if (!ok || !found.n) {
                html_raw(r, ok ? "<p class=\"muted\">没有找到账号。</p>" : "");
                page_end(r);
                return;
        }
        html_raw(r, "<table><thead><tr><th>手机号</th><th>姓名</th><th>单位</th><th>岗位</th>"
                    "<th>状态</th><th>操作</th></tr></thead><tbody>");
        for (size_t i = 0; i < found.n; i++) {
                const struct user *u = &users[i];
                html(r,
                     "<tr id=\"user-%lld\"><td>%s</td><td>%s</td><td>%s%s%s</td><td>%s</td>"
                     "<td>%s%s</td><td><a href=\"/users/%lld\">修改 / 重置密码</a></td></tr>",
                     (long long)u->id, u->phone, u->name, u->unit_code ? u->unit_code : "—",
                     u->unit_name ? " " : "", u->unit_name ? u->unit_name : "", role_label(u->role),
                     u->disabled ? "停用" : "启用", u->must_change ? "（一次性密码未改）" : "",
                     (long long)u->id);
        }
        html_raw(r, "</tbody></table>");
        list_pager(r, "/users", &in, &found, "个账号");
        page_end(r);
}

/* An account's page: its form and the reset of its password. */
static void user_page(struct req *r, const struct user *u, int status, const char *notice,
                      const struct outcome *failed, const struct secret *s,
                      const struct user_form *f)
{
        page_begin(r, req_printf(r, "账号 %s %s", u->phone, u->name));
        r->status = status;
        if (notice)
                page_notice(r, notice);
        if (s)
                secret_box(r, s);
        if (failed && !at_field(failed))
                page_error(r, failed->error);
        html_raw(r, "<p><a href=\"/users\">← 返回账号列表</a></p>");
        bool mine = f->row_id == u->id;
        html(r, "<form method=\"post\" action=\"/users/%lld\" class=\"card inline\">",
             (long long)u->id);
        form_csrf(r);
        html(r, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
             mine && f->row_version ? f->row_version
                                    : req_printf(r, "%lld", (long long)u->version));
        field(r, "姓名", "name", mine ? f->row_name : u->name, " required maxlength=\"100\"",
              failed);
        role_field(r, mine ? f->row_role : role_name(u->role), failed);
        field(r, "单位编码", "unit_code", mine ? f->row_unit : u->unit_code,
              " inputmode=\"numeric\" maxlength=\"6\"", failed);
        html(r,
             "<label class=\"check\"><input type=\"checkbox\" name=\"disabled\" value=\"1\"%s> "
             "停用</label><button type=\"submit\">保存</button></form>",
             (mine ? f->row_disabled : u->disabled) ? " checked" : "");
        html(r,
             "<form method=\"post\" action=\"/users/%lld/reset\" class=\"card\" "
             "data-confirm=\"确定重置 %s（%s）的密码吗？原密码立即失效，该账号的登录全部退出。\">",
             (long long)u->id, u->phone, u->name);
        form_csrf(r);
        html_raw(r, "<p>忘记密码时，为本人重置：系统生成一个一次性密码，只在本页显示一次，"
                    "本人用它登录后须立即设置新密码。</p>"
                    "<button type=\"submit\" class=\"secondary\">重置密码</button></form>");
        page_end(r);
}

void page_users(struct req *r)
{
        struct user_form f = {0};
        users_page(r, 200, NULL, NULL, NULL, &f);
}

void page_user(struct req *r)
{
        struct user u;
        struct outcome out = {0};
        if (!app_user(&r->app, req_arg_id(r, 0), &u, &out)) {
                reply_failure(r, &out);
                return;
        }
        struct user_form f = {0};
        const char *ok = req_param(r, "ok");
        user_page(r, &u, 200, ok && strcmp(ok, "updated") == 0 ? "账号信息已保存。" : NULL, NULL,
                  NULL, &f);
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
                users_page(r, web_status(out.status), NULL, &out, NULL, &f);
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
        if (app_user_update(&r->app, f.row_id, f.row_version, f.row_name, f.row_unit, f.row_role,
                            f.row_disabled, &out)) {
                reply_redirect(r, req_printf(r, "/users/%lld?ok=updated", (long long)f.row_id));
                return;
        }
        struct outcome rd = {0};
        struct user u;
        if (!app_user(&r->app, f.row_id, &u, &rd)) {
                reply_failure(r, &out);
                return;
        }
        if (out.status == APP_CONFLICT)
                f.row_id = 0; /* someone else changed it: show the stored account */
        user_page(r, &u, web_status(out.status), NULL, &out, NULL, &f);
}

void page_user_reset(struct req *r)
{
        struct outcome out = {0};
        struct user_form empty = {0};
        struct user u;
        struct outcome rd = {0};
        if (!app_user_reset(&r->app, req_arg_id(r, 0), &out)) {
                if (app_user(&r->app, req_arg_id(r, 0), &u, &rd))
                        user_page(r, &u, web_status(out.status), NULL, &out, NULL, &empty);
                else
                        reply_failure(r, &out);
                return;
        }
        if (!app_user(&r->app, out.id, &u, &rd)) {
                reply_failure(r, &rd);
                return;
        }
        struct secret s = {u.phone, u.name, out.secret};
        user_page(r, &u, 200, "密码已重置，该账号原有的登录已全部退出。", NULL, &s, &empty);
}
