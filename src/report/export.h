/* Exporting an evaluation as a file a finance office uses: the report as
 * DOCX or PDF, the seed tables as XLSX. One table of formats serves the
 * command line (jixiao export) and the web server; a format this build
 * lacks has no writer and answers with a clear message. */
#ifndef JX_EXPORT_H
#define JX_EXPORT_H

#include "../base/buf.h"
#include "../base/diag.h"
#include "../doc/doc.h"
#include "../engine/engine.h"

#include <stdbool.h>

enum report_format { REPORT_DOCX, REPORT_PDF, REPORT_XLSX };

/* Writes the file of d as evaluated in e (e->doc == d) to out; returns
 * false with diagnostics in errs on failure. */
typedef bool (*export_writer)(const struct doc *d, const struct evaluation *e, struct buf *out,
                              struct diags *errs);

struct export_format {
        const char *name; /* "docx", as given to --format */
        enum report_format format;
        const char *extension;  /* ".docx" */
        const char *media_type; /* Content-Type of the file */
        const char *label;      /* 自评报告（Word） … for messages and pages */
        export_writer write;    /* NULL: not available in this build */
};

/* The format named name ("docx", "pdf", "xlsx"; case-sensitive), or NULL. */
const struct export_format *export_format_find(const char *name);
/* The entry of format f (never NULL for a valid enum value). */
const struct export_format *export_format_get(enum report_format f);
/* "docx、pdf、xlsx", for usage messages. */
const char *export_format_names(void);

/* Append the file of d in format f to out. Returns false, leaving out
 * unchanged, with a one-line Chinese diagnostic in errs when the format
 * is not in this build or its writer fails. Thread-safe; every call
 * builds and frees its own report. This is the function the web server
 * calls. */
bool report_write(const struct doc *d, const struct evaluation *e, enum report_format f,
                  struct buf *out, struct diags *errs);

/* The writers behind the DOCX and PDF entries: report_build, render,
 * report_free. */
bool report_docx_write(const struct doc *d, const struct evaluation *e, struct buf *out,
                       struct diags *errs);
bool report_pdf_write(const struct doc *d, const struct evaluation *e, struct buf *out,
                      struct diags *errs);

#endif
