/* jixiao schema: print the field-by-field reference of the document
 * format (or, with --scheme, of the scheme format), generated from the
 * descriptor tables. docs/format.md and docs/schemes.md embed this output,
 * and a test keeps them identical. */
#include "cli.h"

#include "../doc/doc_io.h"
#include "../engine/scheme_schema.h"

#include <stdio.h>

static int run(const struct command *self, int argc, char **argv)
{
        bool scheme = false;
        const struct optspec opts[] = {{"--scheme", OPT_FLAG, &scheme}};
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 1, NULL, 0, 0, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        struct buf out = BUF_INIT;
        schema_reference(scheme ? &schema_scheme : &schema_doc, &out);
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        return EXIT_OK;
}

const struct command command_schema = {
    "schema", run, "输出自评文档格式的字段说明（Markdown）",
    "用法：jixiao schema [--scheme]\n\n"
    "按字段列出自评文档 JSON 格式：键名、中文名、类型、是否必填、说明。\n"
    "带 --scheme 时列出评分方案文件的格式。\n"
    "docs/format.md 和 docs/schemes.md 的字段参考部分即由此生成。\n"};
