/* A full disk, for real: the database on a small tmpfs mounted in a
 * mount namespace of this test program (a user namespace too when not
 * root, so no privilege is needed), filled up while the server runs.
 * Saving then answers that the server's disk is full and nothing was
 * saved (507, in Chinese, JSON for the API and a page for the forms),
 * the health endpoint reports it, and everything works again once space
 * is freed. */
#define _GNU_SOURCE /* unshare */
#include "../support/http.h"

#include "../../src/store/db.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define PREPARER     "15104002001"
#define NEW_PASSWORD "Jixiao-Full-2026!"

static char dir[64];    /* the tmpfs */
static bool have_tmpfs; /* it could be mounted */
static char template_db[256];

static bool write_text(const char *path, const char *text)
{
        int fd = open(path, O_WRONLY);
        if (fd < 0)
                return false;
        bool ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
        close(fd);
        return ok;
}

/* A private mount namespace with a 6 MiB tmpfs at dir. */
static bool mount_tmpfs(void)
{
        uid_t uid = getuid();
        gid_t gid = getgid();
        if (uid != 0) {
                if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
                        return false;
                char map[64];
                snprintf(map, sizeof map, "0 %u 1\n", (unsigned)uid);
                write_text("/proc/self/setgroups", "deny");
                if (!write_text("/proc/self/uid_map", map))
                        return false;
                snprintf(map, sizeof map, "0 %u 1\n", (unsigned)gid);
                if (!write_text("/proc/self/gid_map", map))
                        return false;
        } else if (unshare(CLONE_NEWNS) != 0) {
                return false;
        }
        if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
                return false;
        snprintf(dir, sizeof dir, "/tmp/jixiao-full-XXXXXX");
        if (!mkdtemp(dir))
                return false;
        return mount("jixiao-test", dir, "tmpfs", 0, "size=6m") == 0;
}

static int setup(void **state)
{
        (void)state;
        have_tmpfs = mount_tmpfs();
        if (!have_tmpfs)
                fprintf(stderr, "no tmpfs could be mounted (%s): the test is skipped\n",
                        strerror(errno));
        demo_db(template_db);
        return 0;
}

/* Fill the file system of path until not one more byte fits. */
static void fill(const char *path)
{
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        assert_true(fd >= 0);
        static char block[65536];
        while (write(fd, block, sizeof block) > 0)
                ;
        while (write(fd, block, 1) > 0)
                ;
        close(fd);
}

static int64_t task_version(struct client *c, int64_t task)
{
        struct response r = http_getf(c, "/api/tasks/%lld", (long long)task);
        assert_int_equal(r.status, 200);
        const char *v = strstr(r.body.data, "\"version\":");
        assert_non_null(v);
        int64_t version = atoll(v + 10);
        response_free(&r);
        return version;
}

/* Save a new goal text of n bytes at version v through the API. */
static struct response save(struct client *c, int64_t task, int64_t v, size_t n, char mark)
{
        struct buf body = BUF_INIT;
        buf_printf(&body, "{\"version\":\"%lld\",\"$.self_eval.goal.achieved\":\"", (long long)v);
        for (size_t i = 0; i < n; i++)
                buf_putc(&body, (char)(mark + (char)(i % 7)));
        buf_puts(&body, "\"}");
        char path[64];
        snprintf(path, sizeof path, "/api/tasks/%lld/save", (long long)task);
        struct response r = http(c, "POST", path, "application/json", body.data, true);
        buf_free(&body);
        return r;
}

static void test_a_full_disk_is_reported_and_nothing_is_saved(void **state)
{
        (void)state;
        if (!have_tmpfs)
                skip();
        char db[300], cmd[700], filler[300];
        snprintf(db, sizeof db, "%s/demo.db", dir);
        snprintf(filler, sizeof filler, "%s/filler", dir);
        snprintf(cmd, sizeof cmd, "cp %s %s", template_db, db);
        assert_int_equal(system(cmd), 0);
        struct db *d = test_db_open(db);
        int64_t task = task_id_of(d, "104002", 2024);
        db_close(d);
        struct server s;
        server_start(&s, db);
        struct client c;
        client_init(&c, &s);
        client_login_fresh(&c, PREPARER, NEW_PASSWORD);
        int64_t v = task_version(&c, task);
        struct response r = save(&c, task, v, 100, 'a');
        assert_int_equal(r.status, 200);
        response_free(&r);
        v++;
        /* healthy: 200 and the figures */
        r = http(&c, "GET", "/healthz", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "\"status\":\"ok\""));
        assert_non_null(strstr(r.body.data, "\"reachable\":true"));
        assert_non_null(strstr(r.body.data, "\"writable\":true"));
        assert_non_null(strstr(r.body.data, "\"full\":false"));
        response_free(&r);

        fill(filler);
        /* the API: 507, the reason, and the task as it was */
        r = save(&c, task, v, 200000, 'k');
        fprintf(stderr, "save on a full disk: %d %s\n", r.status, r.body.data);
        assert_int_equal(r.status, 507);
        assert_non_null(strstr(r.body.data, "服务器磁盘已满"));
        assert_non_null(strstr(r.body.data, "未保存"));
        assert_null(strstr(r.body.data, "繁忙"));
        response_free(&r);
        assert_int_equal(task_version(&c, task), v);
        /* the form: the same sentence on a page */
        char form[400];
        snprintf(form, sizeof form, "csrf=%s&version=%lld&%%24.self_eval.goal.achieved=", c.csrf,
                 (long long)v);
        struct buf body = BUF_INIT;
        buf_puts(&body, form);
        buf_repeat(&body, "x", 150000);
        char path[64];
        snprintf(path, sizeof path, "/tasks/%lld/self", (long long)task);
        r = http(&c, "POST", path, "application/x-www-form-urlencoded", body.data, false);
        buf_free(&body);
        assert_int_equal(r.status, 507);
        assert_non_null(strstr(r.body.data, "<html"));
        assert_non_null(strstr(r.body.data, "服务器磁盘已满"));
        response_free(&r);
        /* the health endpoint tells monitoring */
        r = http(&c, "GET", "/healthz", NULL, NULL, false);
        fprintf(stderr, "health on a full disk: %d %s\n", r.status, r.body.data);
        assert_int_equal(r.status, 503);
        assert_non_null(strstr(r.body.data, "\"full\":true"));
        assert_non_null(strstr(r.body.data, "\"reachable\":true"));
        assert_non_null(strstr(r.body.data, "磁盘已满"));
        response_free(&r);

        /* space again: saved, healthy */
        assert_int_equal(unlink(filler), 0);
        r = save(&c, task, v, 200000, 'k');
        assert_int_equal(r.status, 200);
        response_free(&r);
        sleep(1); /* the health endpoint probes the database at most once a second */
        r = http(&c, "GET", "/healthz", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "\"full\":false"));
        response_free(&r);
        server_stop(&s);
        /* what was acknowledged is stored, and the file is sound */
        d = test_db_open(db);
        struct db_stmt *st = db_prepare(d, "PRAGMA integrity_check");
        assert_int_equal(db_step(st), DB_ROW);
        assert_string_equal(db_col_text(st, 0), "ok");
        db_reset(st);
        db_close(d);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_a_full_disk_is_reported_and_nothing_is_saved),
        };
        return cmocka_run_group_tests(tests, setup, NULL);
}
