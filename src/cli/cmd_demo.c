/* jixiao demo: a ready database with the four seed departments. */
#include "cli.h"

#include "../auth/auth.h"
#include "../base/embedded.h"
#include "../doc/doc_io.h"
#include "../store/migrate.h"
#include "../term/table.h"
#include "../app/admin.h"
#include "../store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The jurisdiction: each seed's department with subordinate units. */
static const struct {
        const char *code, *name;
} units[] = {
    {"101001", "深圳市商务局"},
    {"101002", "深圳市投资促进局"},
    {"102001", "郑州市上街区商务局"},
    {"102002", "上街区商贸流通服务中心"},
    {"102003", "上街区商务发展促进中心"},
    {"102004", "上街区粮食管理中心"},
    {"103001", "乌鲁木齐高新区（新市区）商务局"},
    {"103002", "高新区（新市区）商务服务中心"},
    {"104001", "绥宁县商务局"},
    {"104002", "绥宁县投资促进事务中心"},
};

static const struct {
        const char *year, *scheme;
} years[] = {{"2021", "henan"}, {"2023", "urumqi"}, {"2024", "national"}};

static const char *const seeds[] = {
    "examples/seed-001-shenzhen-2024.json",
    "examples/seed-002-shangjie-2021.json",
    "examples/seed-003-urumqi-2023.json",
    "examples/seed-004-suining-2024.json",
};

struct login {
        char phone[16];
        char secret[OTP_CHARS + 1];
        const char *post, *unit;
};

static bool add_user(struct app *a, const char *phone, const char *name, const char *unit_code,
                     const char *unit_name, const char *role, struct login *out)
{
        struct outcome op = {0};
        if (!app_user_create(a, phone, name, unit_code, role, &op)) {
                fprintf(stderr, "jixiao demo：开设账号 %s 失败：%s\n", phone, op.error);
                return false;
        }
        snprintf(out->phone, sizeof out->phone, "%s", phone);
        snprintf(out->secret, sizeof out->secret, "%s", op.secret);
        out->post = role_label(role_parse(role));
        out->unit = unit_name ? unit_name : "财政局";
        return true;
}

/* A seed's evaluation as its unit's task for its year. */
static bool add_seed(struct app *a, const char *name)
{
        const struct embedded_file *f = embedded_find(name);
        struct diags errs = DIAGS_INIT;
        struct doc *d = f ? doc_parse((const char *)f->data, f->size, &errs) : NULL;
        struct outcome out = {0};
        bool ok = d && app_task_from_document(a, d, &out);
        if (!ok)
                fprintf(stderr, "jixiao demo：无法载入 %s%s%s\n", name, out.error ? "：" : "",
                        out.error ? out.error : "");
        diags_free(&errs);
        doc_free(d);
        return ok;
}

static bool build(struct app *a, struct login *logins, size_t *n)
{
        struct outcome op = {0};
        *n = 0;
        if (!add_user(a, "18800000001", "系统管理员", NULL, NULL, "admin", &logins[(*n)++]) ||
            !add_user(a, "18800000002", "财政局绩效科", NULL, NULL, "finance", &logins[(*n)++]))
                return false;
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
                if (!app_unit_create(a, units[i].code, units[i].name, &op)) {
                        fprintf(stderr, "jixiao demo：建立单位 %s 失败：%s\n", units[i].code,
                                op.error);
                        return false;
                }
                for (int post = 1; post <= 2; post++) {
                        char phone[16];
                        snprintf(phone, sizeof phone, "15%s00%d", units[i].code, post);
                        const char *name = post == 1 ? "经办人" : "审核人";
                        if (!add_user(a, phone, name, units[i].code, units[i].name,
                                      post == 1 ? "preparer" : "reviewer", &logins[(*n)++]))
                                return false;
                }
        }
        for (size_t i = 0; i < sizeof years / sizeof years[0]; i++)
                if (!app_year_create(a, years[i].year, years[i].scheme, &op))
                        return false;
        for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++)
                if (!add_seed(a, seeds[i]))
                        return false;
        for (size_t i = 0; i < sizeof years / sizeof years[0]; i++)
                if (!app_year_issue(a, atoi(years[i].year), &op))
                        return false;
        return true;
}

static int run(const struct command *self, int argc, char **argv)
{
        const char *path = NULL;
        const struct optspec opts[] = {{"--db", OPT_VALUE, &path}};
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 1, NULL, 0, 0, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        if (!path) {
                fprintf(stderr, "jixiao demo：缺少 --db 数据库文件\n");
                return EXIT_USAGE;
        }
        if (access(path, F_OK) == 0) {
                fprintf(stderr,
                        "jixiao demo：%s 已存在；演示库只建在新文件上，请删除它或换一个文件名\n",
                        path);
                return EXIT_USAGE;
        }
        if (!auth_init())
                return 1;
        struct diags errs = DIAGS_INIT;
        struct db *db = db_open(path, true, &errs);
        if (!db || !migrate_to(db, migrate_latest(), &errs)) {
                diags_print(&errs, stderr);
                diags_free(&errs);
                db_close(db);
                return 1;
        }
        diags_free(&errs);
        struct app a;
        app_local_begin(&a, db, "jixiao demo");
        struct login logins[2 + 2 * sizeof units / sizeof units[0]];
        size_t count;
        db_begin(db, DB_HERE);
        bool ok = build(&a, logins, &count);
        if (ok)
                ok = db_commit(db) == DB_OK;
        else
                db_rollback(db);
        app_local_end(&a);
        db_close(db);
        if (!ok) {
                unlink(path);
                return 1;
        }
        printf("演示数据库 %s：四个种子部门、%zu 个预算单位、2021/2023/2024 年度自评任务。\n"
               "以下账号的一次性密码只显示这一次，首次登录后须设置自己的密码：\n\n",
               path, sizeof units / sizeof units[0]);
        const char *const headers[] = {"手机号", "一次性密码", "岗位", "单位"};
        struct ttable *t = tt_new(4, headers);
        for (size_t i = 0; i < count; i++) {
                const char *const row[] = {logins[i].phone, logins[i].secret, logins[i].post,
                                           logins[i].unit};
                tt_row(t, row);
        }
        struct buf out = BUF_INIT;
        tt_render(t, 100, &out);
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        tt_free(t);
        return 0;
}

const struct command command_demo = {
    "demo", run, "创建演示数据库（四个种子部门）",
    "用法：jixiao demo --db 文件\n\n"
    "在新文件上创建演示数据库：四个种子部门（深圳市商务局、上街区商务局、乌鲁木齐高新区商务局、\n"
    "绥宁县商务局）及其下属单位，2021、2023、2024 年度，种子自评文档作为各部门的自评任务，\n"
    "下属单位的新任务，以及每个岗位的账号。各账号的一次性密码只在这里显示一次。\n"};
