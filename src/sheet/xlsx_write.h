/* Writing XLSX workbooks with libxlsxwriter: a workbook written to a
 * temporary file and handed back as bytes, cell formats made once per
 * look, the print setup every sheet shares, and the drawing of a grid
 * (src/tables/grid.h) with its title rows and legend on one sheet.
 * Numbers are written as the decimal the document holds: converted to a
 * double only at the library's boundary, and written as text when a
 * double would not give the same decimal back (more than 15 significant
 * digits). Not for use outside src/sheet. */
#ifndef JX_XLSX_WRITE_H
#define JX_XLSX_WRITE_H

#include "../base/buf.h"
#include "../base/diag.h"
#include "../tables/grid.h"

#include <xlsxwriter.h>

struct xw_format_entry;

/* A workbook being written. */
struct xw {
        lxw_workbook *wb;
        char path[4096];              /* the temporary file */
        struct xw_format_entry *fmts; /* formats made so far (a list) */
        struct arena *arena;          /* keys of the format list */
};

/* Start a workbook in a new temporary file under $TMPDIR (or /tmp).
 * Returns false, with a diagnostic, when no file can be made. */
bool xw_open(struct xw *w, struct diags *errs);
/* Finish the workbook, append its bytes to out — all of them or, on
 * failure, nothing — and remove the temporary file. With out NULL the
 * workbook is abandoned (after a failure while writing it). Returns
 * false, with a diagnostic, on failure. Always releases w. */
bool xw_close(struct xw *w, struct buf *out, struct diags *errs);

/* The format of a cell of a grid: flags CF_*, number style and places,
 * text around the number. Made once per distinct look. */
lxw_format *xw_format(struct xw *w, unsigned flags, enum number_style style, int places,
                      const char *prefix, const char *suffix);
/* A date format ("yyyy-mm-dd", with " hh:mm" when time), bordered. */
lxw_format *xw_date_format(struct xw *w, bool time);
/* Title (16 pt bold, centred), subtitle and caption formats. */
lxw_format *xw_title_format(struct xw *w, int level);

/* A4, fit to one page wide, centred, page numbers in the footer; rows
 * 0..repeat−1 repeated on every page; landscape when wide. */
void xw_print_setup(lxw_worksheet *ws, size_t repeat, bool landscape);

/* Write the exact decimal v in cell (row, col) with format f: as a number,
 * or as text when a double cannot carry it. percent: v is a percentage
 * (98.91) written as the fraction 0.9891 for a percent format. */
void xw_number(lxw_worksheet *ws, size_t row, size_t col, dec_t v, bool percent, lxw_format *f);

/* Text for libxlsxwriter: a literal "_xHHHH_" in s (which spreadsheet
 * programs would read as an escaped character) written as "_x005F_xHHHH_".
 * Returns s itself when it has none, else the contents of tmp. */
const char *xw_escape(const char *s, struct buf *tmp);
/* worksheet_write_string() of s, cut to what a cell holds
 * (sheet_cell_text) and escaped (xw_escape). */
void xw_string(lxw_worksheet *ws, size_t row, size_t col, const char *s, lxw_format *f);

/* Display width of UTF-8 text in half-width columns (CJK counts 2). */
size_t xw_text_width(const char *s);

/* Draw grid g on a new sheet named name (already valid and unique), with
 * its title rows above and the legend below (layout of sheet_frame()). */
bool xw_grid_sheet(struct xw *w, const char *name, const struct grid *g, struct diags *errs);

#endif
