/* ZIP archives in memory on libzip (see zipw.h). */
#include "zipw.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct zipw {
        zip_source_t *src; /* the archive's bytes */
        zip_t *za;
};

static bool failed(struct diags *errs, const char *what, zip_error_t *ze)
{
        diags_add(errs, "", NULL, "生成压缩文件失败（%s）：%s", what, zip_error_strerror(ze));
        return false;
}

struct zipw *zipw_new(struct diags *errs)
{
        zip_error_t ze;
        zip_error_init(&ze);
        struct zipw *z = xcalloc(1, sizeof(*z));
        z->src = zip_source_buffer_create(NULL, 0, 0, &ze);
        if (z->src)
                z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &ze);
        if (!z->za) {
                failed(errs, "创建归档", &ze);
                zip_source_free(z->src);
                free(z);
                z = NULL;
        } else {
                zip_source_keep(z->src); /* read back after zip_close */
        }
        zip_error_fini(&ze);
        return z;
}

bool zipw_add(struct zipw *z, const char *name, const void *data, size_t len, time_t mtime,
              struct diags *errs)
{
        void *copy = xmalloc(len ? len : 1);
        memcpy(copy, data, len);
        zip_source_t *s = zip_source_buffer(z->za, copy, len, 1); /* libzip frees copy */
        if (!s) {
                free(copy);
                return failed(errs, name, zip_get_error(z->za));
        }
        zip_int64_t idx = zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
                zip_source_free(s);
                return failed(errs, name, zip_get_error(z->za));
        }
        zip_file_set_mtime(z->za, (zip_uint64_t)idx, mtime, 0);
        zip_set_file_compression(z->za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6);
        return true;
}

bool zipw_finish(struct zipw *z, struct buf *out, struct diags *errs)
{
        bool ok = zip_close(z->za) == 0;
        if (!ok) {
                failed(errs, "写入归档", zip_get_error(z->za));
                zip_discard(z->za);
        }
        z->za = NULL;
        zip_stat_t st;
        zip_stat_init(&st);
        if (ok && (zip_source_stat(z->src, &st) != 0 || zip_source_open(z->src) != 0))
                ok = failed(errs, "读取归档", zip_source_error(z->src));
        else if (ok) {
                size_t before = out->len;
                buf_reserve(out, (size_t)st.size);
                zip_int64_t got = zip_source_read(z->src, out->data + out->len, st.size);
                if (got < 0 || (zip_uint64_t)got != st.size) {
                        ok = failed(errs, "读取归档", zip_source_error(z->src));
                        buf_truncate(out, before);
                } else {
                        out->len += (size_t)got;
                        out->data[out->len] = '\0';
                }
                zip_source_close(z->src);
        }
        zipw_free(z);
        return ok;
}

void zipw_free(struct zipw *z)
{
        if (!z)
                return;
        if (z->za)
                zip_discard(z->za);
        zip_source_free(z->src);
        free(z);
}
