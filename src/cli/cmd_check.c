/* jixiao check: list an evaluation's validation errors and findings. */
#include "evaluate.h"

#include "../engine/engine_report.h"
#include "../term/score_view.h"

#include <stdio.h>

static int run(const struct command *self, int argc, char **argv)
{
        bool json = false;
        const char *scheme = NULL;
        const struct optspec opts[] = {{"--json", OPT_FLAG, &json},
                                       {"--scheme", OPT_VALUE, &scheme}};
        char *pos[1];
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 2, pos, 1, 1, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        struct loaded *r;
        int code = cli_evaluate(pos[0], scheme, &r);
        if (code == EXIT_USAGE)
                return code;
        struct buf out = BUF_INIT;
        if (json) {
                struct jsonw w;
                jw_init(&w, &out, true);
                engine_json(&w, r->eval, false);
                buf_putc(&out, '\n');
        } else {
                view_findings(r->eval, &out);
        }
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        loaded_release(r);
        return code;
}

const struct command command_check = {
    "check", run, "检查自评文档：阻止提交的错误和不一致之处",
    "用法：jixiao check [--json] [--scheme 名称|文件] FILE\n\n"
    "重新计算自评文档 FILE 中所有可推算的数字，列出：\n"
    "  错误  阻止提交的问题（收入/支出分类合计与 A/B 不符、指标分值合计不为 90、\n"
    "        得分超过分值、扣分未填偏差原因……）；\n"
    "  警告  表列或正文数字与计算不符、自评得分高于规则得分、单位或数量级不符、\n"
    "        完成值远超目标、支出超预算……；\n"
    "  提示  无法复核的指标、换算单位等。\n"
    "每条给出编码、位置（JSON 路径和中文名称）、表列值、计算值、规则和说明。\n\n"
    "选项：\n"
    "  --json          输出 JSON：errors、warnings、infos、findings\n"
    "  --scheme 方案   评分方案名称或文件路径（默认取文档的 scheme 字段）\n\n"
    "退出码：0 无错误；1 有错误；2 文档或方案无法读取。\n"};
