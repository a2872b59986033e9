/* jixiao fmt: read a document and print its canonical JSON form. */
#include "cli.h"

#include "../doc/doc_io.h"

#include <stdio.h>

static int run(const struct command *self, int argc, char **argv)
{
        char *pos[1];
        size_t n;
        enum args_status st = args_parse(self, argc, argv, NULL, 0, pos, 1, 1, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_load_file(pos[0], &errs);
        if (!d) {
                diags_print(&errs, stderr);
                diags_free(&errs);
                return EXIT_USAGE;
        }
        struct buf out = BUF_INIT;
        doc_write(d, &out);
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        doc_free(d);
        return EXIT_OK;
}

const struct command command_fmt = {
    "fmt", run, "检查文档格式并输出规范化的 JSON",
    "用法：jixiao fmt FILE\n\n"
    "读取自评文档 FILE（JSON，格式见 docs/format.md），输出规范化的形式：\n"
    "字段按格式顺序排列，空白字段省略，小数写成最短的精确形式。\n"
    "文档有误时逐条列出错误（JSON 路径、实际内容、应有内容），退出码 2。\n"};
