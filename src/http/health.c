/* The health endpoint (see health.h). */
#include "health.h"

#include "../base/jsonw.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

/* The last probe, shared by the worker threads. */
static struct {
        pthread_mutex_t lock;
        int64_t at; /* when it ran (seconds), 0: never */
        bool readable, writable, full;
} probe = {PTHREAD_MUTEX_INITIALIZER, 0, false, false, false};

/* Free and total bytes of the file system holding path; false if unknown. */
static bool disk_space(const char *path, uint64_t *free_bytes, uint64_t *total)
{
        char *dir = strdup(path);
        if (!dir)
                return false;
        char *slash = strrchr(dir, '/');
        if (slash == dir)
                slash[1] = '\0';
        else if (slash)
                *slash = '\0';
        else
                strcpy(dir, ".");
        struct statvfs vfs;
        bool ok = statvfs(dir, &vfs) == 0;
        free(dir);
        if (ok) {
                *free_bytes = (uint64_t)vfs.f_bavail * vfs.f_frsize;
                *total = (uint64_t)vfs.f_blocks * vfs.f_frsize;
        }
        return ok;
}

void health_reply(struct req *r, const char *db_path)
{
        if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
                reply_error(r, 405, "此地址只支持 GET 请求");
                return;
        }
        pthread_mutex_lock(&probe.lock);
        if (r->now != probe.at && r->db) {
                db_take_full(r->db);
                probe.writable = store_health_probe(r->db, r->now, &probe.readable) == STORE_OK;
                probe.full = db_take_full(r->db);
                probe.at = r->now;
        } else if (!r->db) {
                probe.readable = probe.writable = false;
        }
        bool readable = probe.readable, writable = probe.writable, full = probe.full;
        pthread_mutex_unlock(&probe.lock);
        uint64_t free_bytes = 0, total = 0;
        bool known = disk_space(db_path, &free_bytes, &total);
        full |= known && free_bytes < HEALTH_FULL_BYTES;
        bool low = known && free_bytes < HEALTH_LOW_BYTES && free_bytes < total / 10;
        const char *status = !readable   ? "database_error"
                             : full      ? "disk_full"
                             : !writable ? "database_error"
                             : low       ? "low_disk"
                                         : "ok";
        const char *message =
            !readable ? "数据库无法读取，系统无法使用；请检查数据库文件和服务器日志"
            : full ? "服务器磁盘已满，保存都会失败且不保存任何内容；请立即清理数据库所在磁盘的空间"
            : !writable ? "数据库无法写入，保存都会失败；请检查数据库文件的权限和服务器日志"
            : low ? "服务器磁盘空间不足，请尽快清理数据库所在磁盘的空间"
                  : "正常";
        bool healthy = readable && writable && !full;
        reply_json(r, healthy ? 200 : 503);
        struct jsonw w;
        jw_init(&w, &r->out, false);
        jw_obj_begin(&w);
        jw_key(&w, "status");
        jw_str(&w, status);
        jw_key(&w, "database");
        jw_obj_begin(&w);
        jw_key(&w, "reachable");
        jw_bool(&w, readable);
        jw_key(&w, "writable");
        jw_bool(&w, writable);
        jw_obj_end(&w);
        jw_key(&w, "disk");
        jw_obj_begin(&w);
        jw_key(&w, "free_bytes");
        if (known)
                jw_int(&w, (int64_t)free_bytes);
        else
                jw_null(&w);
        jw_key(&w, "total_bytes");
        if (known)
                jw_int(&w, (int64_t)total);
        else
                jw_null(&w);
        jw_key(&w, "full");
        jw_bool(&w, full);
        jw_key(&w, "low");
        jw_bool(&w, low || full);
        jw_obj_end(&w);
        jw_key(&w, "message");
        jw_str(&w, message);
        jw_obj_end(&w);
}
