/* jixiao backup: a consistent copy of a live database. */
#include "cli.h"

#include "../store/db.h"

#include <stdio.h>
#include <unistd.h>

static int run(const struct command *self, int argc, char **argv)
{
        const char *from = NULL, *to = NULL;
        const struct optspec opts[] = {{"--db", OPT_VALUE, &from}, {"--to", OPT_VALUE, &to}};
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 2, NULL, 0, 0, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        if (!from || !to) {
                fprintf(stderr, "jixiao backup：须指定 --db 数据库文件和 --to 备份文件\n");
                return EXIT_USAGE;
        }
        if (access(to, F_OK) == 0) {
                fprintf(stderr, "jixiao backup：备份文件 %s 已存在，请换一个文件名\n", to);
                return EXIT_USAGE;
        }
        struct diags errs = DIAGS_INIT;
        struct db *db = db_open(from, false, &errs);
        if (!db) {
                diags_print(&errs, stderr);
                diags_free(&errs);
                return 1;
        }
        enum db_rc rc = db_backup(db, to);
        if (rc != DB_OK)
                fprintf(stderr, "jixiao backup：备份失败：%s\n", db_errmsg(db));
        else
                printf("已备份到 %s\n", to);
        db_close(db);
        return rc == DB_OK ? 0 : 1;
}

const struct command command_backup = {
    "backup", run, "备份运行中的数据库",
    "用法：jixiao backup --db 文件 --to 备份文件\n\n"
    "把数据库（可以正在被 jixiao serve 使用）的一个一致快照写入新文件。备份文件不能已存在。\n"};
