/* The export formats (see export.h). Adding a format is one entry in the
 * table below. */
#include "export.h"

#include "docx.h"
#include "pdf.h"
#include "report.h"

#include "../sheet/sheet.h"

#include <string.h>

static const struct export_format formats[] = {
    {"docx", REPORT_DOCX, ".docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "自评报告（Word 文档）", report_docx_write},
    {"pdf", REPORT_PDF, ".pdf", "application/pdf", "自评报告（PDF）", report_pdf_write},
    {"xlsx", REPORT_XLSX, ".xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     "自评表格（Excel 工作簿）", sheet_tables_write},
};

enum { N_FORMATS = sizeof formats / sizeof formats[0] };

const struct export_format *export_format_find(const char *name)
{
        for (size_t i = 0; i < N_FORMATS; i++)
                if (name && strcmp(formats[i].name, name) == 0)
                        return &formats[i];
        return NULL;
}

const struct export_format *export_format_get(enum report_format f)
{
        for (size_t i = 0; i < N_FORMATS; i++)
                if (formats[i].format == f)
                        return &formats[i];
        return NULL;
}

const char *export_format_names(void)
{
        return "docx、pdf、xlsx";
}

bool report_write(const struct doc *d, const struct evaluation *e, enum report_format f,
                  struct buf *out, struct diags *errs)
{
        const struct export_format *fmt = export_format_get(f);
        if (!fmt) {
                diags_add(errs, "", NULL, "未知的导出格式");
                return false;
        }
        if (!fmt->write) {
                diags_add(errs, "", NULL, "此版本未包含 %s 导出（%s）", fmt->name, fmt->label);
                return false;
        }
        size_t before = out->len;
        bool ok = fmt->write(d, e, out, errs);
        if (!ok && out->len > before)
                buf_truncate(out, before);
        return ok;
}

bool report_docx_write(const struct doc *d, const struct evaluation *e, struct buf *out,
                       struct diags *errs)
{
        struct report *r = report_build(d, e);
        bool ok = docx_render(r, out, errs);
        report_free(r);
        return ok;
}

bool report_pdf_write(const struct doc *d, const struct evaluation *e, struct buf *out,
                      struct diags *errs)
{
        struct report *r = report_build(d, e);
        bool ok = pdf_render(r, out, errs);
        report_free(r);
        return ok;
}
