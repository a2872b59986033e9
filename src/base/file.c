/* Whole-file reading (see file.h). */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

bool file_read(const char *path, size_t max, struct buf *out, struct diags *errs)
{
        FILE *f = fopen(path, "rb");
        if (!f) {
                diags_add(errs, path, NULL, "无法打开文件：%s", strerror(errno));
                return false;
        }
        char chunk[65536];
        size_t n, total = 0;
        bool ok = true;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
                total += n;
                if (total > max) {
                        diags_add(errs, path, NULL, "文件过大，上限 %zu MiB", max >> 20);
                        ok = false;
                        break;
                }
                buf_append(out, chunk, n);
        }
        if (ok && ferror(f)) {
                diags_add(errs, path, NULL, "读取文件失败：%s", strerror(errno));
                ok = false;
        }
        fclose(f);
        return ok;
}
