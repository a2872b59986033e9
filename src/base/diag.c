/* Located error messages (see diag.h). */
#include "diag.h"
#include "buf.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>

void diags_add(struct diags *d, const char *path, const char *label, const char *fmt, ...)
{
        if (d->n >= DIAG_MAX) {
                d->dropped++;
                return;
        }
        if ((d->n & (d->n - 1)) == 0) /* grow at powers of two */
                d->items = xrealloc(d->items, (d->n ? d->n * 2 : 1) * sizeof(*d->items));
        struct buf msg = BUF_INIT;
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&msg, fmt, ap);
        va_end(ap);
        struct diag *g = &d->items[d->n++];
        g->path = xstrdup(path ? path : "");
        g->label = label ? xstrdup(label) : NULL;
        g->msg = buf_detach(&msg);
}

size_t diags_count(const struct diags *d)
{
        return d->n + d->dropped;
}

char *diag_line(const struct diag *g)
{
        struct buf b = BUF_INIT;
        buf_puts(&b, g->path);
        if (g->label)
                buf_printf(&b, "（%s）", g->label);
        buf_printf(&b, "：%s", g->msg);
        return buf_detach(&b);
}

void diags_print(const struct diags *d, FILE *out)
{
        for (size_t i = 0; i < d->n; i++) {
                char *line = diag_line(&d->items[i]);
                fprintf(out, "%s\n", line);
                free(line);
        }
        if (d->dropped)
                fprintf(out, "……另有 %zu 处错误未列出\n", d->dropped);
}

void diags_free(struct diags *d)
{
        for (size_t i = 0; i < d->n; i++) {
                free(d->items[i].path);
                free(d->items[i].label);
                free(d->items[i].msg);
        }
        free(d->items);
        d->items = NULL;
        d->n = d->dropped = 0;
}
