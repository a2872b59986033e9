/* jixiao score: score an evaluation by its scheme's rules. */
#include "evaluate.h"

#include "../engine/engine_report.h"
#include "../term/score_view.h"

#include <stdio.h>

static int run(const struct command *self, int argc, char **argv)
{
        bool json = false;
        const char *scheme = NULL, *width_opt = NULL;
        const struct optspec opts[] = {{"--json", OPT_FLAG, &json},
                                       {"--scheme", OPT_VALUE, &scheme},
                                       {"--width", OPT_VALUE, &width_opt}};
        char *pos[1];
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 3, pos, 1, 1, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        long width = (long)cli_width();
        if (width_opt && !args_int(self, "--width", width_opt, 40, 1000, &width))
                return EXIT_USAGE;
        struct loaded *r;
        int code = cli_evaluate(pos[0], scheme, &r);
        if (code == EXIT_USAGE)
                return code;
        struct buf out = BUF_INIT;
        if (json) {
                struct jsonw w;
                jw_init(&w, &out, true);
                engine_json(&w, r->eval, true);
                buf_putc(&out, '\n');
        } else {
                view_score(r->eval, (size_t)width, &out);
        }
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        loaded_release(r);
        return code;
}

const struct command command_score = {
    "score", run, "按评分方案计分：计算得分与表列得分对照",
    "用法：jixiao score [--json] [--scheme 名称|文件] [--width N] FILE\n\n"
    "按评分方案的规则为自评文档 FILE 计分：预算执行率、每个指标（显示计分规则和所用数据）、\n"
    "总分和评价等级，与文档所列（表列）得分对照；项目支出表逐个计分。\n\n"
    "选项：\n"
    "  --json          输出一个 JSON 对象：total、stated_total、grade、indicators、findings 等\n"
    "  --scheme 方案   评分方案名称（national、shenzhen、henan、urumqi）或方案文件路径；\n"
    "                  默认取文档的 scheme 字段，未填时为 national\n"
    "  --width N       表格宽度\n\n"
    "退出码：0 无错误；1 有阻止提交的错误（明细见 jixiao check）；2 文档或方案无法读取。\n"};
