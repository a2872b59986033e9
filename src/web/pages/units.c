/* Pages: budget units (/units), searched and paged: every post sees the
 * units of its scope; the administrator also adds units, and on a unit's
 * page (/units/{code}) renames or disables it. The writes are
 * app_unit_create/app_unit_update (src/app/admin.c); this file only reads
 * the form and renders the outcome. */
#include "../web.h"
#include "../../app/lists.h"
#include "../html/layout.h"
#include "../html/list_nav.h"
#include "../../app/admin.h"
#include "../handlers.h"

#include <stdarg.h>
#include <string.h>

/* What was submitted, shown again after a failed post (NULL members: the
 * stored values). */
struct unit_form {
        const char *new_code; /* the add form */
        const char *new_name;
        const char *row_code; /* the row whose form failed */
        const char *row_name;
        const char *row_version;
        bool row_disabled;
};

static bool six_digits(const char *s)
{
        return s && strlen(s) == 6 && strspn(s, "0123456789") == 6;
}

/* The notice of a redirect after a successful post (?ok=…&code=…). */
static const char *done_notice(struct req *r)
{
        const char *ok = req_param(r, "ok"), *code = req_param(r, "code");
        if (!ok || !six_digits(code))
                return NULL;
        if (strcmp(ok, "created") == 0)
                return req_printf(r, "已添加单位 %s。", code);
        if (strcmp(ok, "updated") == 0)
                return req_printf(r, "已保存单位 %s 的修改。", code);
        return NULL;
}

static void add_form(struct req *r, const struct unit_form *f)
{
        html_raw(r,
                 "<h2>添加单位</h2><form method=\"post\" action=\"/units\" class=\"card inline\">");
        form_csrf(r);
        html(r,
             "<label>单位编码<input name=\"code\" inputmode=\"numeric\" required minlength=\"6\" "
             "maxlength=\"6\" pattern=\"[0-9]{6}\" value=\"%s\"></label>"
             "<label>单位名称<input name=\"name\" required maxlength=\"200\" value=\"%s\"></label>"
             "<button type=\"submit\">添加</button></form>"
             "<p class=\"hint\">单位编码为 6 位数字：前三位为部门，后三位为单位，001 为主管部门；"
             "二级机构须先建立其主管部门，停用主管部门前须先停用其二级机构。"
             "停用单位后，该单位的账号立即退出且不能登录，下达自评任务时跳过该单位。</p>",
             f->new_code ? f->new_code : "", f->new_name ? f->new_name : "");
}

/* The administrator's rename/disable form of unit u. */
static void unit_form(struct req *r, const struct unit *u, const struct unit_form *f,
                      const struct outcome *failed)
{
        bool mine = f->row_code && strcmp(f->row_code, u->code) == 0;
        const char *name = mine ? f->row_name : u->name;
        bool disabled = mine ? f->row_disabled : u->disabled;
        html(r, "<form method=\"post\" action=\"/units/%s\" class=\"card inline\">", u->code);
        form_csrf(r);
        html(r, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
             mine && f->row_version ? f->row_version
                                    : req_printf(r, "%lld", (long long)u->version));
        bool bad = failed && failed->field && strcmp(failed->field, "name") == 0;
        html(r, "<label>名称<input name=\"name\" required maxlength=\"200\" value=\"%s\"",
             name ? name : "");
        if (bad)
                html_raw(r, " class=\"invalid\" aria-invalid=\"true\"");
        html_raw(r, ">");
        if (bad)
                html(r, "<small class=\"field-error\" role=\"alert\">%s</small>", failed->error);
        html(r,
             "</label><label class=\"check\"><input type=\"checkbox\" name=\"disabled\" "
             "value=\"1\"%s> 停用</label><button type=\"submit\">保存</button></form>",
             disabled ? " checked" : "");
}

static void units_page(struct req *r, int status, const char *notice, const char *error,
                       const struct unit_form *f)
{
        bool admin = r->session.user.role == ROLE_ADMIN;
        struct list_input in = {req_param(r, "q"), req_param(r, "page")};
        struct unit *units;
        struct list_found found;
        struct outcome rd = {0};
        bool ok = app_units_find(&r->app, &in, &units, &found, &rd);
        if (!ok && rd.status == APP_UNAVAILABLE) {
                reply_error(r, 503, "读取单位失败，请稍后重试");
                return;
        }
        page_begin(r, "预算单位");
        r->status = ok ? status : web_status(rd.status);
        if (notice)
                page_notice(r, notice);
        if (error)
                page_error(r, error);
        if (admin)
                add_form(r, f);
        html_raw(r, "<h2>单位列表</h2>");
        list_search(r, "/units", "查找单位", "编码或名称的一部分", &in, ok ? NULL : &rd);
        if (!ok || !found.n) {
                html_raw(r, ok ? "<p class=\"muted\">没有找到单位。</p>" : "");
                page_end(r);
                return;
        }
        html_raw(r, "<table><thead><tr><th>编码</th><th>名称</th><th>类型</th><th>状态</th>");
        if (admin)
                html_raw(r, "<th>操作</th>");
        html_raw(r, "</tr></thead><tbody>");
        for (size_t i = 0; i < found.n; i++) {
                const struct unit *u = &units[i];
                html(r, "<tr id=\"unit-%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", u->code,
                     u->code, u->name, unit_is_supervising(u->code) ? "主管部门" : "二级机构",
                     u->disabled ? "停用" : "启用");
                if (admin)
                        html(r, "<td><a href=\"/units/%s\">修改名称 / 停用</a></td>", u->code);
                html_raw(r, "</tr>");
        }
        html_raw(r, "</tbody></table>");
        list_pager(r, "/units", &in, &found, "个单位");
        page_end(r);
}

/* One unit's page, for the administrator: its form. */
static void unit_page(struct req *r, const struct unit *u, int status, const struct unit_form *f,
                      const struct outcome *failed)
{
        page_begin(r, req_printf(r, "单位 %s %s", u->code, u->name));
        r->status = status;
        if (failed && !(failed->field && strcmp(failed->field, "name") == 0))
                page_error(r, failed->error);
        html_raw(r, "<p><a href=\"/units\">← 返回单位列表</a></p>");
        unit_form(r, u, f, failed);
        html_raw(r, "<p class=\"hint\">停用单位后，该单位的账号立即退出且不能登录，"
                    "下达自评任务时跳过该单位；停用主管部门前须先停用其二级机构。</p>");
        page_end(r);
}

void page_unit(struct req *r)
{
        struct unit u;
        struct outcome out = {0};
        if (!app_unit(&r->app, r->path_args[0], &u, &out)) {
                reply_failure(r, &out);
                return;
        }
        struct unit_form f = {0};
        unit_page(r, &u, 200, &f, NULL);
}

void page_units(struct req *r)
{
        struct unit_form f = {0};
        units_page(r, 200, done_notice(r), NULL, &f);
}

static void done(struct req *r, const char *what, const char *code)
{
        struct buf url = BUF_INIT;
        buf_printf(&url, "/units?q=%s&ok=%s&code=%s#unit-%s", code, what, code, code);
        reply_redirect(r, buf_str(&url));
        buf_free(&url);
}

void page_unit_create(struct req *r)
{
        struct unit_form f = {.new_code = req_field(r, "code"), .new_name = req_field(r, "name")};
        struct outcome out = {0};
        if (!app_unit_create(&r->app, f.new_code, f.new_name, &out)) {
                units_page(r, web_status(out.status), NULL, out.error, &f);
                return;
        }
        done(r, "created", f.new_code);
}

void page_unit_update(struct req *r)
{
        const char *code = r->path_args[0];
        struct unit_form f = {
            .row_code = code,
            .row_name = req_field(r, "name"),
            .row_version = req_field(r, "version"),
            .row_disabled = req_param(r, "disabled") != NULL,
        };
        struct outcome out = {0};
        if (app_unit_update(&r->app, code, f.row_version, f.row_name, f.row_disabled, &out)) {
                done(r, "updated", code);
                return;
        }
        struct outcome rd = {0};
        struct unit u;
        if (!app_unit(&r->app, code, &u, &rd)) {
                reply_failure(r, &out);
                return;
        }
        if (out.status == APP_CONFLICT)
                f.row_code = NULL; /* someone else changed it: show the stored unit */
        unit_page(r, &u, web_status(out.status), &f, &out);
}
