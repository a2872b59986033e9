/* jixiao export-xlsx: write the tables workbook of a document (the
 * spreadsheet template of its task) to a file — a helper for tests and
 * users until "jixiao export --format xlsx" covers it. */
#include "evaluate.h"

#include "../sheet/sheet.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Write data to path through a temporary file renamed into place. */
static bool write_file(const char *path, const struct buf *data)
{
        struct buf tmp = BUF_INIT;
        buf_printf(&tmp, "%s.tmp", path);
        FILE *f = fopen(buf_str(&tmp), "wb");
        bool ok = f && fwrite(data->data, 1, data->len, f) == data->len;
        if (f && fclose(f) != 0)
                ok = false;
        if (ok && rename(buf_str(&tmp), path) != 0)
                ok = false;
        if (!ok) {
                fprintf(stderr, "jixiao export-xlsx：无法写入 %s：%s\n", path, strerror(errno));
                remove(buf_str(&tmp));
        }
        buf_free(&tmp);
        return ok;
}

static int run(const struct command *self, int argc, char **argv)
{
        const char *scheme = NULL, *out_path = NULL;
        const struct optspec opts[] = {{"--scheme", OPT_VALUE, &scheme},
                                       {"--out", OPT_VALUE, &out_path}};
        char *pos[1];
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 2, pos, 1, 1, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        if (!out_path) {
                fprintf(stderr, "jixiao export-xlsx：缺少 --out 文件名\n");
                return EXIT_USAGE;
        }
        struct cli_run r;
        if (cli_evaluate(pos[0], scheme, &r) == EXIT_USAGE)
                return EXIT_USAGE;
        struct buf out = BUF_INIT;
        struct diags errs = DIAGS_INIT;
        int code = EXIT_OK;
        if (!sheet_tables_write(r.doc, r.eval, &out, &errs)) {
                diags_print(&errs, stderr);
                code = EXIT_USAGE;
        } else if (!write_file(out_path, &out)) {
                code = EXIT_USAGE;
        }
        diags_free(&errs);
        buf_free(&out);
        cli_run_free(&r);
        return code;
}

const struct command command_export_xlsx = {
    "export-xlsx", run, "导出自评表格工作簿（XLSX，亦即填报模板）",
    "用法：jixiao export-xlsx [--scheme 名称|文件] --out 文件.xlsx FILE\n\n"
    "把自评文档 FILE 的基础数据表、部门整体支出绩效自评表和各项目支出绩效自评表\n"
    "写成一个 XLSX 工作簿，版式同种子表格：金额以万元两位小数显示，执行率为百分比，\n"
    "得分、总分和等级按评分方案计算。浅黄色单元格为填报项，填写后可用\n"
    "jixiao import 导回；浅蓝色单元格为计算结果。\n\n"
    "选项：\n"
    "  --out 文件     输出的 XLSX 文件\n"
    "  --scheme 方案  评分方案名称或方案文件路径；默认取文档的 scheme 字段\n\n"
    "退出码：0 成功；2 文档或方案无法读取，或文件无法写入。\n"};
