/* jixiao show: render a document as Chinese tables in the terminal. */
#include "evaluate.h"

#include "../doc/doc_io.h"
#include "../term/show.h"

#include <stdio.h>

static int run(const struct command *self, int argc, char **argv)
{
        const char *width_opt = NULL, *scheme = NULL;
        const struct optspec opts[] = {{"--width", OPT_VALUE, &width_opt},
                                       {"--scheme", OPT_VALUE, &scheme}};
        char *pos[1];
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 2, pos, 1, 1, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        long width = (long)cli_width();
        if (width_opt && !args_int(self, "--width", width_opt, 40, 1000, &width))
                return EXIT_USAGE;
        struct loaded *l;
        if (cli_evaluate(pos[0], scheme, &l) == EXIT_USAGE)
                return EXIT_USAGE;
        struct buf out = BUF_INIT;
        show_doc(l->doc, l->eval, (size_t)width, &out);
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        loaded_release(l);
        return EXIT_OK;
}

const struct command command_show = {
    "show", run, "以中文表格显示自评文档",
    "用法：jixiao show [--width N] [--scheme 名称|文件] FILE\n\n"
    "按种子表格的版式在终端显示自评文档 FILE：自评表（年度预算申请、年度总体目标、\n"
    "绩效指标）、项目支出表、基础数据表、评价基础数据、报告正文和附件。\n"
    "计算列显示按评分方案计算的数值；文档填列的数与之不一致时，在其下注明“表列”数。\n\n"
    "选项：\n"
    "  --width N     表格总宽度（列数），默认取终端宽度，非终端时为 120\n"
    "  --scheme 方案  评分方案名称或方案文件路径；默认取文档的 scheme 字段\n"};
