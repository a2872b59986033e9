/* Page: fiscal years and tasks (/years), for the administrator: setting up
 * a year with its scoring scheme, importing units' declared goals, and
 * issuing the year's self-evaluation tasks. The writes are op_year_create,
 * app_goals_import and app_year_issue (src/app/admin.c). */
#include "../web.h"
#include "../../app/lists.h"
#include "../html/layout.h"
#include "../../app/admin.h"
#include "../handlers.h"

#include "../../engine/scheme.h"

#include <stdarg.h>
#include <string.h>

/* What was submitted, shown again after a failed post. */
struct year_form {
        const char *year; /* the add form */
        const char *scheme;
        int64_t goals_year; /* the year whose goals import failed, or 0 */
        const char *document;
};

/* A shipped scheme's name and title. */
struct scheme_title {
        const char *name;
        const char *title;
};

/* The shipped schemes with their titles, in the arena; *n set. */
static struct scheme_title *scheme_titles(struct req *r, size_t *n)
{
        size_t count = 0;
        while (scheme_builtin_names[count])
                count++;
        struct scheme_title *t = arena_alloc(r->arena, count * sizeof *t);
        for (size_t i = 0; i < count; i++) {
                const struct scheme *s = scheme_builtin(scheme_builtin_names[i]);
                t[i].name = scheme_builtin_names[i];
                t[i].title = s ? s->title : t[i].name;
        }
        *n = count;
        return t;
}

static const char *title_of(const struct scheme_title *t, size_t n, const char *name)
{
        for (size_t i = 0; i < n; i++)
                if (strcmp(t[i].name, name) == 0)
                        return t[i].title;
        return name;
}

static void add_form(struct req *r, const struct scheme_title *t, size_t n,
                     const struct year_form *f)
{
        html_raw(r,
                 "<h2>设置年度</h2><form method=\"post\" action=\"/years\" class=\"card inline\">");
        form_csrf(r);
        html(r,
             "<label>年度<input name=\"year\" inputmode=\"numeric\" required minlength=\"4\" "
             "maxlength=\"4\" pattern=\"[0-9]{4}\" placeholder=\"例如 2026\" value=\"%s\"></label>"
             "<label>评分方案<select name=\"scheme\">",
             f->year ? f->year : "");
        for (size_t i = 0; i < n; i++)
                html(r, "<option value=\"%s\"%s>%s</option>", t[i].name,
                     f->scheme && strcmp(f->scheme, t[i].name) == 0 ? " selected" : "", t[i].title);
        html_raw(r, "</select></label><button type=\"submit\">添加年度</button></form>");
}

/* The issue and goals-import cells of one year. */
static void year_forms(struct req *r, const struct year *y, const struct year_form *f)
{
        html(r,
             "<td><form method=\"post\" action=\"/years/%lld/issue\" "
             "data-confirm=\"确定下达 %lld 年度自评任务吗？系统将为每个尚无该年度任务的启用单位"
             "各建立一个自评任务，已有任务的单位不受影响。\">",
             (long long)y->year, (long long)y->year);
        form_csrf(r);
        html_raw(r, "<button type=\"submit\">下达自评任务</button></form></td>");
        bool mine = f->goals_year == y->year;
        html(r,
             "<td><details%s><summary>导入绩效目标</summary>"
             "<form method=\"post\" action=\"/years/%lld/goals\">",
             mine ? " open" : "", (long long)y->year);
        form_csrf(r);
        html(r,
             "<label>绩效目标（JSON 文档）<textarea name=\"document\" rows=\"10\" required "
             "spellcheck=\"false\">%s</textarea></label>"
             "<p class=\"hint\">每次导入一个单位的绩效目标文件（自评文档格式，年度须为 %lld，"
             "单位编码须已建立）。同一单位再次导入将替换原有内容；已下达的任务不随之改变。</p>"
             "<button type=\"submit\" class=\"secondary\">导入</button></form></details></td>",
             mine && f->document ? f->document : "", (long long)y->year);
}

static void years_page(struct req *r, int status, const char *notice, const char *error,
                       const struct year_form *f)
{
        struct outcome rd = {0};
        struct year *years;
        size_t n;
        if (!app_years(&r->app, &years, &n, &rd)) {
                reply_error(r, 503, "读取年度失败，请稍后重试");
                return;
        }
        size_t n_titles;
        struct scheme_title *titles = scheme_titles(r, &n_titles);
        page_begin(r, "年度与任务");
        r->status = status;
        if (notice)
                page_notice(r, notice);
        if (error)
                page_error(r, error);
        add_form(r, titles, n_titles, f);
        html_raw(r, "<h2>年度列表</h2>");
        if (!n) {
                html_raw(r, "<p class=\"muted\">尚未设置年度。</p>");
                page_end(r);
                return;
        }
        html_raw(
            r, "<table><thead><tr><th>年度</th><th>评分方案</th><th class=\"num\">已下达任务数</th>"
               "<th>下达任务</th><th>绩效目标</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
                html(r,
                     "<tr id=\"year-%lld\"><td>%lld</td><td>%s <span class=\"muted\">%s</span></td>"
                     "<td class=\"num\">%lld</td>",
                     (long long)years[i].year, (long long)years[i].year,
                     title_of(titles, n_titles, years[i].scheme), years[i].scheme,
                     (long long)years[i].tasks);
                year_forms(r, &years[i], f);
                html_raw(r, "</tr>");
        }
        html_raw(r, "</tbody></table>");
        page_end(r);
}

void page_years(struct req *r)
{
        struct year_form f = {0};
        years_page(r, 200, NULL, NULL, &f);
}

void page_year_create(struct req *r)
{
        struct year_form f = {.year = req_field(r, "year"), .scheme = req_field(r, "scheme")};
        struct outcome out = {0};
        if (!app_year_create(&r->app, f.year, f.scheme, &out)) {
                years_page(r, web_status(out.status), NULL, out.error, &f);
                return;
        }
        struct year_form empty = {0};
        years_page(r, 200, req_printf(r, "已设置 %lld 年度。", (long long)out.id), NULL, &empty);
}

void page_year_issue(struct req *r)
{
        int64_t year = req_arg_id(r, 0);
        struct outcome out = {0};
        struct year_form empty = {0};
        if (!app_year_issue(&r->app, year, &out)) {
                years_page(r, web_status(out.status), NULL, out.error, &empty);
                return;
        }
        years_page(
            r, 200,
            out.count
                ? req_printf(r, "已下达 %lld 年度自评任务 %zu 个。", (long long)year, out.count)
                : req_printf(r, "%lld 年度没有需要下达的任务：每个启用单位都已有该年度的任务。",
                             (long long)year),
            NULL, &empty);
}

void page_goals_import(struct req *r)
{
        struct outcome rd = {0};
        struct year_form f = {.goals_year = req_arg_id(r, 0), .document = req_param(r, "document")};
        struct outcome out = {0};
        const char *doc = f.document ? f.document : "";
        if (!app_goals_import(&r->app, f.goals_year, doc, strlen(doc), &out)) {
                years_page(r, web_status(out.status), NULL, out.error, &f);
                return;
        }
        struct unit u;
        const char *notice = req_printf(r, "已导入 %lld 年度绩效目标。", (long long)f.goals_year);
        if (app_unit_by_id(&r->app, out.id, &u, &rd))
                notice = req_printf(r, "已导入单位 %s（%s）的 %lld 年度绩效目标。", u.code, u.name,
                                    (long long)f.goals_year);
        struct year_form empty = {0};
        years_page(r, 200, notice, NULL, &empty);
}
