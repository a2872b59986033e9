/* Static files (CSS, JavaScript) served from the binary: no CDN, no build
 * step, works offline on an intranet. */
#include "../web.h"
#include "../handlers.h"

#include "../../base/embedded.h"

#include <string.h>

struct asset_type {
        const char *suffix;
        const char *content_type;
};

static const struct asset_type types[] = {
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".svg", "image/svg+xml"},
};

void page_static(struct req *r)
{
        const char *name = r->path_args[0];
        const char *type = NULL;
        size_t n = strlen(name);
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
                size_t k = strlen(types[i].suffix);
                if (n > k && strcmp(name + n - k, types[i].suffix) == 0)
                        type = types[i].content_type;
        }
        struct buf key = BUF_INIT;
        buf_printf(&key, "assets/%s", name);
        const struct embedded_file *f =
            type && !strchr(name, '/') ? embedded_find(buf_str(&key)) : NULL;
        buf_free(&key);
        if (!f) {
                reply_error(r, 404, "文件不存在");
                return;
        }
        buf_reset(&r->out);
        buf_append(&r->out, f->data, f->size);
        r->status = 200;
        r->content_type = type;
        reply_header(r, "Cache-Control", "public, max-age=3600");
}
