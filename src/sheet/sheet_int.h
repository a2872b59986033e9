/* What the XLSX writer and the importer of src/sheet share: where a grid
 * sits on its sheet (the lines above it and the legend below) and which
 * sheets the tables workbook holds, under which names. The importer reads
 * a workbook against exactly the layout the writer produced. Not for use
 * outside src/sheet. */
#ifndef JX_SHEET_INT_H
#define JX_SHEET_INT_H

#include "../base/buf.h"
#include "../doc/doc.h"
#include "../engine/engine.h"
#include "../tables/grid.h"

#include <stdint.h>

#define SHEET_NONE SIZE_MAX

/* The rows of a sheet holding one grid (0-based). */
struct sheet_frame {
        size_t title, subtitle, caption; /* lines above the grid, SHEET_NONE when absent */
        size_t top;                      /* first row of the grid */
        size_t legend;                   /* the legend below the grid, or SHEET_NONE */
        size_t rows;                     /* rows used in all */
};

/* The legend under a grid that has entered cells. */
extern const char sheet_legend[];

void sheet_frame(const struct grid *g, struct sheet_frame *f);

/* One sheet of the tables workbook. */
struct sheet_plan {
        const char *name;  /* sheet name, valid for Excel and unique */
        struct grid *grid; /* its table */
};

/* The sheets of the tables workbook of d and its evaluation e, in order:
 * 基础数据表 (always, as the form to fill in), 自评表, then one sheet per
 * project named after it. Everything lives in arena a; returns the count
 * and sets *out. */
size_t sheet_tables_plan(struct arena *a, const struct doc *d, const struct evaluation *e,
                         struct sheet_plan **out);

/* The workbook is a template to fill in offline: where a table grows by
 * rows the unit adds (上级专项资金 of 基础数据表) it offers SHEET_SPARE_ROWS
 * blank rows to fill. The template's document: a copy of d with them
 * appended (free with doc_free). */
enum { SHEET_SPARE_ROWS = 3 };
struct doc *sheet_template(const struct doc *d);
/* After an import into a template's document: the spare rows of
 * template t of document d that were left blank are dropped. */
void sheet_drop_blank_spares(struct doc *t, const struct doc *d);

/* A valid sheet name made from raw: the characters []:*?/\ replaced by
 * "_", leading and trailing apostrophes and spaces dropped, cut to 31
 * UTF-16 units at a character boundary, fallback when nothing is left,
 * and "（2）", "（3）"… appended (within 31 units) until it differs, case
 * ignored, from used[0..n_used). Allocated in a. */
const char *sheet_name_unique(struct arena *a, const char *raw, const char *fallback,
                              const char *const *used, size_t n_used);

/* "A1" style reference of (row, col), 0-based, into out (16 bytes). */
char *sheet_ref(size_t row, size_t col, char out[16]);

/* Characters (UTF-16 units) a spreadsheet cell holds at most. */
enum { SHEET_CELL_MAX = 32767 };

/* The text a cell shows for s: s itself, or, when s (with its "_xHHHH_"
 * look-alikes escaped as the writer does) would not fit in a cell, its
 * beginning and the note "……（超出单元格字数上限，已截断）". Returns s or the
 * contents of tmp. The importer treats a cell still showing this cut text
 * as unchanged, so a long text is never shortened by a round trip. */
const char *sheet_cell_text(const char *s, struct buf *tmp);
/* True when s starts with "_x" four hex digits "_" (an OOXML escape). */
bool sheet_escape_like(const char *s);

enum sheet_num_status {
        SHEET_NUM_OK,
        SHEET_NUM_SYNTAX, /* not a number */
        SHEET_NUM_RANGE,  /* far too large (more than 40 integer digits) */
};

/* Append to out the decimal that the text of a spreadsheet number stands
 * for ("716.83", "-1.5E-07", "0.30000000000000004"), in the document's
 * grammar and without binary floating point: an exponent moves the
 * decimal point; digits beyond the 15th significant one are rounded
 * half-up, because a double holds 15–17 significant digits of which only
 * the first 15 are what was typed (Excel keeps 15); trailing zeros of the
 * fraction are dropped. Very small numbers come out with more than 40
 * decimals (too many for any document field). */
enum sheet_num_status sheet_number_text(const char *s, struct buf *out);

#endif
