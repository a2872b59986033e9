/* jixiao schema: print the field-by-field reference of the document
 * format, generated from its descriptor tables. docs/format.md embeds
 * this output, and a test keeps the two identical. */
#include "cli.h"

#include "../doc/doc_io.h"

#include <stdio.h>

static int run(const struct command *self, int argc, char **argv)
{
        size_t n;
        enum args_status st = args_parse(self, argc, argv, NULL, 0, NULL, 0, 0, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        struct buf out = BUF_INIT;
        schema_reference(&schema_doc, &out);
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        return EXIT_OK;
}

const struct command command_schema = {
    "schema", run, "输出自评文档格式的字段说明（Markdown）",
    "用法：jixiao schema\n\n"
    "按字段列出自评文档 JSON 格式：键名、中文名、类型、是否必填、说明。\n"
    "docs/format.md 的字段参考部分即由此生成。\n"};
