/* The report as a Word document (DOCX): WordprocessingML parts in a ZIP
 * archive written in memory with libzip. */
#ifndef JX_DOCX_H
#define JX_DOCX_H

#include "../base/buf.h"
#include "../base/diag.h"
#include "report.h"

#include <stdbool.h>

/* Append the DOCX file of r to out. A4 portrait with official-document
 * margins, Chinese font names with East Asian attributes (仿宋_GB2312
 * body, 黑体 and 楷体_GB2312 headings, 方正小标宋简体 title; Word, WPS and
 * LibreOffice substitute what a machine lacks), page numbers in the
 * footer, tables from the grids with merged cells and repeated header
 * rows. The output is the same for the same report (fixed timestamps).
 * Returns false and appends a diagnostic when libzip fails; out is then
 * unchanged. Thread-safe. */
bool docx_render(const struct report *r, struct buf *out, struct diags *errs);

#endif
