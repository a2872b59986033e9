/* jixiao show: render a document as Chinese tables in the terminal. */
#include "evaluate.h"

#include "../doc/doc_io.h"
#include "../term/show.h"

#include <stdio.h>

static int run(const struct command *self, int argc, char **argv)
{
        const char *width_opt = NULL;
        const struct optspec opts[] = {{"--width", OPT_VALUE, &width_opt}};
        char *pos[1];
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 1, pos, 1, 1, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        long width = (long)cli_width();
        if (width_opt && !args_int(self, "--width", width_opt, 40, 1000, &width))
                return EXIT_USAGE;
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_load_file(pos[0], &errs);
        if (!d) {
                diags_print(&errs, stderr);
                diags_free(&errs);
                return EXIT_USAGE;
        }
        struct buf out = BUF_INIT;
        show_doc(d, (size_t)width, &out);
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        doc_free(d);
        return EXIT_OK;
}

const struct command command_show = {
    "show", run, "以中文表格显示自评文档",
    "用法：jixiao show [--width N] FILE\n\n"
    "按种子表格的版式在终端显示自评文档 FILE：基础数据表、评价基础数据、\n"
    "自评表（年度预算申请、年度总体目标、绩效指标）、项目支出表、附件。\n"
    "显示的是文档所载（表列）数值，不做计算。\n\n"
    "选项：\n"
    "  --width N   表格总宽度（列数），默认取终端宽度，非终端时为 120\n"};
