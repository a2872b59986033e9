/* jixiao import: fill a task's document from its tables workbook (the
 * template made by "jixiao export --format xlsx", filled in) and write the new
 * document — the same document a web import stores (task_import_workbook)
 * — or list every problem and change nothing. */
#include "evaluate.h"

#include "../base/file.h"
#include "../doc/doc_io.h"
#include "../app/task_change.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { MAX_BOOK = 64 << 20 }; /* bytes read at most; the reader's own limit is lower */

/* Write text to path through a temporary file renamed into place. */
static bool write_file(const char *path, const struct buf *text)
{
        struct buf tmp = BUF_INIT;
        buf_printf(&tmp, "%s.tmp", path);
        FILE *f = fopen(buf_str(&tmp), "wb");
        bool ok = f && fwrite(text->data, 1, text->len, f) == text->len;
        if (f && fclose(f) != 0)
                ok = false;
        if (ok && rename(buf_str(&tmp), path) != 0)
                ok = false;
        if (!ok) {
                fprintf(stderr, "jixiao import：无法写入 %s：%s\n", path, strerror(errno));
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
        char *pos[2];
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 2, pos, 2, 2, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        struct loaded *r;
        if (cli_evaluate(pos[0], scheme, &r) == EXIT_USAGE)
                return EXIT_USAGE;
        struct diags errs = DIAGS_INIT;
        struct buf book = BUF_INIT;
        int code = EXIT_OK;
        if (!file_read(pos[1], MAX_BOOK, &book, &errs)) {
                code = EXIT_USAGE;
        } else {
                bool unusable;
                struct evaluation *e;
                struct doc *d = task_import_workbook(r->doc, r->scheme, book.data, book.len, &errs,
                                                     &unusable, &e);
                engine_free(e);
                if (!d) {
                        code = unusable ? EXIT_USAGE : EXIT_INVALID;
                } else {
                        struct buf json = BUF_INIT;
                        doc_write(d, &json);
                        if (out_path) {
                                if (!write_file(out_path, &json))
                                        code = EXIT_USAGE;
                        } else {
                                fwrite(json.data, 1, json.len, stdout);
                        }
                        buf_free(&json);
                        doc_free(d);
                }
        }
        if (code != EXIT_OK) {
                if (code == EXIT_INVALID)
                        fprintf(stderr, "jixiao import：工作簿有 %zu 处错误，未导入任何数据：\n",
                                diags_count(&errs));
                diags_print(&errs, stderr);
        }
        diags_free(&errs);
        buf_free(&book);
        loaded_release(r);
        return code;
}

const struct command command_import = {
    "import", run, "从填好的表格工作簿（XLSX）导入自评数据",
    "用法：jixiao import [--scheme 名称|文件] [--out 新文件.json] TASK.json BOOK.xlsx\n\n"
    "读取由任务 TASK.json 的模板（jixiao export --format xlsx 导出的工作簿）填写而成的\n"
    "BOOK.xlsx，把每个浅黄色填报单元格的值写入文档：数字按文件中的十进制文本\n"
    "精确读取，空白单元格清空对应字段。工作表须齐全且不多不少，表头、标签和\n"
    "行列须与模板一致；任何一处错误都不导入任何数据，并逐条列出错误所在的\n"
    "工作表、单元格（如 自评表!F12）和规则。\n\n"
    "选项：\n"
    "  --out 文件     把导入后的文档写入该文件（默认输出到标准输出）\n"
    "  --scheme 方案  评分方案名称或方案文件路径；默认取文档的 scheme 字段\n\n"
    "退出码：0 导入成功；1 工作簿有错误（已列出，未导入）；2 任务文档、方案或\n"
    "工作簿无法使用（不是 XLSX 文件、超出大小限制等）。\n"};
