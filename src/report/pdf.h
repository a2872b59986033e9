/* The report as PDF, laid out with pango and drawn with cairo. */
#ifndef JX_PDF_H
#define JX_PDF_H

#include "../base/buf.h"
#include "../base/diag.h"
#include "report.h"

#include <stdbool.h>

/* Append the PDF file of r to out: A4 with official-document margins,
 * WenQuanYi Zen Hei (fonts-wqy-zenhei) embedded as
 * subsets, CJK line breaking, tables with merged cells that break across
 * pages with their header rows repeated, page numbers and an outline of
 * the sections. Returns false and appends a diagnostic when the CJK
 * fonts are missing or cairo fails; out is then unchanged.
 *
 * Thread-safe: each thread renders with its own pango font map (pango's
 * per-thread default, created on the thread's first call and released
 * when the thread exits); nothing else is shared. */
bool pdf_render(const struct report *r, struct buf *out, struct diags *errs);

/* At the end of a process that rendered PDFs on its main thread (the
 * command line, tests): release that thread's font map and the global
 * caches of cairo and fontconfig, so that leak checkers see no memory
 * left. No PDF may be rendered afterwards, and no other thread may be
 * rendering. The server does not call it: its threads' font maps are
 * released when the threads exit, and the caches live as long as it. */
void pdf_shutdown(void);

#endif
