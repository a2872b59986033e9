/* jixiao init: create a database, or migrate an older one. */
#include "cli.h"

#include "../auth/auth.h"
#include "../store/migrate.h"
#include "../app/admin.h"

#include <stdio.h>

static int run(const struct command *self, int argc, char **argv)
{
        const char *path = NULL, *admin = NULL;
        const struct optspec opts[] = {{"--db", OPT_VALUE, &path}, {"--admin", OPT_VALUE, &admin}};
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 2, NULL, 0, 0, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        if (!path) {
                fprintf(stderr, "jixiao init：缺少 --db 数据库文件\n");
                return EXIT_USAGE;
        }
        if (!auth_init())
                return 1;
        struct diags errs = DIAGS_INIT;
        struct db *db = db_open(path, true, &errs);
        int before = db ? migrate_version(db) : -1;
        bool ok = db && migrate_to(db, migrate_latest(), &errs);
        if (ok && admin) {
                struct app a;
                struct outcome out = {0};
                app_local_begin(&a, db, "jixiao init");
                ok = app_user_create(&a, admin, "系统管理员", NULL, "admin", &out);
                if (ok)
                        printf("系统管理员：手机号 %s，一次性密码 %s（首次登录后须修改）\n", admin,
                               out.secret);
                else
                        fprintf(stderr, "jixiao init：--admin（%s）：%s\n", admin, out.error);
                app_local_end(&a);
        }
        db_close(db);
        if (!ok) {
                diags_print(&errs, stderr);
                diags_free(&errs);
                return 1;
        }
        diags_free(&errs);
        if (before == 0)
                printf("已创建数据库 %s（结构版本 %d）\n", path, migrate_latest());
        else if (before < migrate_latest())
                printf("已将数据库 %s 从结构版本 %d 升级到 %d\n", path, before, migrate_latest());
        else
                printf("数据库 %s 已是最新结构版本 %d\n", path, migrate_latest());
        return 0;
}

const struct command command_init = {
    "init", run, "创建数据库或升级旧数据库",
    "用法：jixiao init --db 文件 [--admin 手机号]\n\n"
    "创建空数据库（文件不存在时）或把旧版本的数据库升级到当前结构版本（一个事务内完成，\n"
    "失败时数据库不变）。比本程序新的数据库拒绝处理。\n\n"
    "选项：\n"
    "  --admin 手机号   同时开设一个系统管理员账号，显示其一次性密码\n"};
