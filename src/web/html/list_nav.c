/* The search box and pager of long lists (see list_nav.h). */
#include "list_nav.h"

#include "layout.h"

#include <stdio.h>
#include <string.h>

void list_search(struct req *r, const char *action, const char *label, const char *placeholder,
                 const struct list_input *in, const struct outcome *failed)
{
        bool bad = failed && failed->field && strcmp(failed->field, "search") == 0;
        html(r,
             "<form method=\"get\" action=\"%s\" class=\"card inline search\" role=\"search\">"
             "<label>%s<input name=\"q\" type=\"search\" maxlength=\"100\" value=\"%s\" "
             "placeholder=\"%s\"",
             action, label, in->search ? in->search : "", placeholder);
        if (bad)
                html_raw(r, " class=\"invalid\" aria-invalid=\"true\"");
        html_raw(r, ">");
        if (bad)
                html(r, "<small class=\"field-error\" role=\"alert\">%s</small>", failed->error);
        html_raw(r, "</label><button type=\"submit\">查找</button></form>");
        if (in->search && *in->search)
                html(r, "<p class=\"hint\"><a href=\"%s\">显示全部</a></p>", action);
        if (failed && !bad)
                page_error(r, failed->error);
}

/* The link to page n of the list, keeping the search. */
static const char *page_link(struct req *r, const char *action, const struct list_input *in,
                             int64_t n)
{
        struct buf b = BUF_INIT;
        char page[24];
        snprintf(page, sizeof page, "%lld", (long long)n);
        buf_printf(&b, "%s?", action);
        url_param(&b, "q", in->search);
        url_param(&b, "page", page);
        const char *s = req_printf(r, "%s", buf_str(&b));
        buf_free(&b);
        return s;
}

void list_pager(struct req *r, const char *action, const struct list_input *in,
                const struct list_found *f, const char *counted)
{
        html(r, "<nav class=\"hint pager\" aria-label=\"分页\">共 %lld %s", (long long)f->total,
             counted);
        if (f->pages > 1) {
                html(r, "，第 %lld / %lld 页　", (long long)f->page, (long long)f->pages);
                if (f->page > 1)
                        html(r, "<a href=\"%s\" rel=\"prev\">上一页</a>　",
                             page_link(r, action, in, f->page - 1));
                if (f->page < f->pages)
                        html(r, "<a href=\"%s\" rel=\"next\">下一页</a>",
                             page_link(r, action, in, f->page + 1));
        }
        html_raw(r, "</nav>");
}
