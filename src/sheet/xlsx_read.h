/* A small XLSX reader of our own on libzip and expat: the sheets of a
 * workbook by name, and in each its non-empty cells — shared strings,
 * inline strings, numbers (kept as the text the file holds, never turned
 * into a double), booleans, error values and the cached results of
 * formulas. It reads what the import needs and nothing more (no styles,
 * no dates), and it defends itself against hostile files: limits on the
 * file size, the number of archive entries, the uncompressed bytes read
 * (counted as they are inflated, not as the archive claims), XML nesting
 * depth, sheets, shared strings and cells; no DTDs or entities. */
#ifndef JX_XLSX_READ_H
#define JX_XLSX_READ_H

#include "../base/arena.h"
#include "../base/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xlsx_limits {
        size_t max_file;    /* bytes of the XLSX file */
        size_t max_entries; /* entries in the ZIP archive */
        size_t max_total;   /* uncompressed bytes of all entries (declared and read) */
        size_t max_part;    /* uncompressed bytes of one XML part */
        size_t max_depth;   /* XML element nesting */
        size_t max_sheets;  /* sheets in the workbook */
        size_t max_strings; /* shared strings */
        size_t max_cells;   /* non-empty cells over all sheets */
};

/* 20 MiB file, 1,000 entries, 100 MiB uncompressed, 50 MiB per part,
 * depth 64, 256 sheets, 500,000 strings and 500,000 cells. */
extern const struct xlsx_limits xlsx_default_limits;

enum xlsx_cell_type {
        XLSX_NUMBER, /* text: the number as written, e.g. "716.83", "1E-07" */
        XLSX_STRING, /* text: the string (shared, inline, or a formula's result) */
        XLSX_BOOL,   /* text: "0" or "1" */
        XLSX_ERROR,  /* text: the error value, e.g. "#DIV/0!" */
};

struct xlsx_cell {
        uint32_t row, col; /* 0-based */
        enum xlsx_cell_type type;
        const char *text;
        bool formula;  /* the cell holds a formula; text is its cached result */
        bool no_value; /* a formula without a cached result (text is "") */
};

struct xlsx_sheet {
        const char *name;
        struct xlsx_cell *cells; /* sorted by row, then column */
        size_t n_cells;
};

struct xlsx_book {
        struct arena *arena;       /* owns everything */
        struct xlsx_sheet *sheets; /* in workbook order */
        size_t n_sheets;
};

enum xlsx_status {
        XLSX_OK,
        XLSX_NOT_XLSX,  /* not a ZIP archive, or no workbook in it */
        XLSX_TOO_LARGE, /* over a limit */
        XLSX_MALFORMED, /* broken XML or references */
};

/* Read the workbook data[0..len) under limits lim (NULL: the defaults).
 * On failure returns NULL, sets *status and appends one diagnostic (path
 * "XLSX") saying what is wrong in Chinese. Free with xlsx_free(). */
struct xlsx_book *xlsx_read(const void *data, size_t len, const struct xlsx_limits *lim,
                            enum xlsx_status *status, struct diags *errs);
void xlsx_free(struct xlsx_book *b);

/* The sheet named name (exactly), or NULL. */
const struct xlsx_sheet *xlsx_sheet(const struct xlsx_book *b, const char *name);
/* The cell at (row, col), or NULL when the file has nothing there. */
const struct xlsx_cell *xlsx_cell(const struct xlsx_sheet *s, uint32_t row, uint32_t col);

/* Parse an "A1" reference (absolute "$A$1" too) into 0-based row and
 * column; false when malformed or beyond Excel's 1,048,576 × 16,384. */
bool xlsx_parse_ref(const char *ref, uint32_t *row, uint32_t *col);

#endif
