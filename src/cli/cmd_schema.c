/* jixiao schema: print the field-by-field reference of the document
 * format, generated from the descriptor tables. docs/format.md embeds this
 * output, and a test keeps the two identical. */
#include "cli.h"

#include "../doc/doc_io.h"

#include <stdio.h>

enum { MAX_SCHEMAS = 128 };

static void type_name(const struct field *f, struct buf *b)
{
        switch (f->type) {
        case FT_STR:
                buf_puts(b, "string");
                break;
        case FT_TEXT:
                buf_puts(b, "text");
                break;
        case FT_DEC:
                buf_puts(b, "decimal");
                break;
        case FT_INT:
                buf_printf(b, "integer %" PRId64 "–%" PRId64, f->min, f->max);
                break;
        case FT_BOOL:
                buf_puts(b, "boolean");
                break;
        case FT_ENUM:
                buf_puts(b, "one of");
                for (size_t i = 0; i < f->en->n; i++)
                        buf_printf(b, "%s `%s`", i ? "," : "", f->en->names[i]);
                break;
        case FT_OBJ:
                buf_printf(b, "[%s](#%s)", f->sub->name, f->sub->name);
                break;
        case FT_ARR:
                buf_printf(b, "array of [%s](#%s)", f->sub->name, f->sub->name);
                break;
        case FT_DECS:
                buf_puts(b, "array of decimal");
                break;
        }
}

/* Append the reference of every schema reachable from the root. */
static void reference(struct buf *out)
{
        const struct schema *queue[MAX_SCHEMAS];
        size_t head = 0, tail = 0;
        queue[tail++] = &schema_doc;
        while (head < tail) {
                const struct schema *s = queue[head++];
                buf_printf(out, "### %s\n\n%s\n\n", s->name, s->label);
                buf_puts(out, "| key | 中文名 | type | required | note |\n|---|---|---|---|---|\n");
                for (size_t i = 0; i < s->n_fields; i++) {
                        const struct field *f = &s->fields[i];
                        buf_printf(out, "| `%s` | %s | ", f->key, f->label);
                        type_name(f, out);
                        buf_printf(out, " | %s | %s |\n", f->flags & FL_REQUIRED ? "yes" : "",
                                   f->note ? f->note : "");
                        if (f->type != FT_OBJ && f->type != FT_ARR)
                                continue;
                        bool known = false;
                        for (size_t k = 0; k < tail; k++)
                                known |= queue[k] == f->sub;
                        if (!known && tail < MAX_SCHEMAS)
                                queue[tail++] = f->sub;
                }
                buf_putc(out, '\n');
        }
}

static int run(const struct command *self, int argc, char **argv)
{
        size_t n;
        enum args_status st = args_parse(self, argc, argv, NULL, 0, NULL, 0, 0, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        struct buf out = BUF_INIT;
        reference(&out);
        fwrite(out.data, 1, out.len, stdout);
        buf_free(&out);
        return EXIT_OK;
}

const struct command command_schema = {
    "schema", run, "输出自评文档格式的字段说明（Markdown）",
    "用法：jixiao schema\n\n"
    "按字段列出自评文档 JSON 格式：键名、中文名、类型、是否必填、说明。\n"
    "docs/format.md 的字段参考部分即由此生成。\n"};
