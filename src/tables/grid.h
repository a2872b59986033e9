/* A table laid out once as a grid of typed cells with merges: the one
 * description of every table of a task (基础数据表, 部门整体支出绩效自评表,
 * 项目支出绩效自评表, 评价基础数据) and of the report's own tables. Builders
 * (src/tables) fill a grid from a document and its evaluation; renderers
 * only draw it: the read-only page and the editor (src/web/html/grid_html),
 * the terminal (src/term/grid_term), the XLSX sheets and the report annex
 * (src/sheet, src/report), and XLSX import reads it back.
 *
 * Each cell knows what it shows and where it comes from: a layout text, a
 * value the unit enters (CF_INPUT: the document path it edits and that
 * member's descriptor, which decide the widget and the parsing), or a
 * figure the engine computes (CF_COMPUTED: a key for live updates and, when
 * the document states that figure too, the stated value beside it). Rows
 * that show an element of an array carry its path (the editor's 删除, ↑,
 * ↓), and a cell may offer to add a row to an array.
 *
 * All memory (the grid, its cells and texts) lives in the arena passed to
 * grid_new(). */
#ifndef JX_GRID_H
#define JX_GRID_H

#include "../base/arena.h"
#include "../base/dec.h"

#include <stdbool.h>
#include <stddef.h>

enum cell_kind {
        CELL_EMPTY,  /* blank */
        CELL_TEXT,   /* text */
        CELL_NUMBER, /* an exact number: value, shown with places decimals */
};

/* How a number is shown (and formatted in a spreadsheet). */
enum number_style {
        NUM_PLAIN,   /* 1234.5 → "1234.50" with places 2 */
        NUM_MONEY,   /* an amount in the table's money unit, thousands not grouped */
        NUM_PERCENT, /* value is the percentage itself (98.91 means 98.91%) */
        NUM_SCORE,   /* points */
        NUM_COUNT,   /* a whole count (people, items) */
};

enum {
        CF_HEADER = 1 << 0,   /* a header cell: bold, shaded, centred */
        CF_BOLD = 1 << 1,     /* emphasised (totals) */
        CF_CENTER = 1 << 2,   /* centred (default: text left, numbers right) */
        CF_INPUT = 1 << 3,    /* entered by the unit (editable, importable) */
        CF_COMPUTED = 1 << 4, /* derived by the engine (never imported) */
        CF_WRAP = 1 << 5,     /* long text that wraps inside the cell */
        CF_DIFF = 1 << 6,     /* CF_COMPUTED: the document states another value (stated_text) */
        CF_LONG = 1 << 7,     /* CF_INPUT text: several lines (a text area in the editor) */
};

struct field;

struct grid_cell {
        enum cell_kind kind;
        const char *text; /* CELL_TEXT: the text; CELL_NUMBER: the value as shown */
        dec_t value;      /* CELL_NUMBER */
        int places;       /* CELL_NUMBER: decimals shown */
        enum number_style style;
        unsigned flags;   /* CF_* */
        unsigned rowspan; /* ≥ 1 at the top-left cell of a merge; 0 in a cell a merge covers */
        unsigned colspan; /* ≥ 1 at the top-left cell of a merge; 0 in a cell a merge covers */
        /* CF_INPUT: the document path it edits ("$.self_eval.budget.adjusted") and
         * that member's descriptor; a measure or target cell edits the whole
         * object ("…items[0].target": comparator, number and unit, or a text).
         * CF_COMPUTED: the path of the figure the document states for it, when
         * there is one, else NULL. */
        const char *path;
        const struct field *field;
        /* CF_COMPUTED: a key unique in the grid, for the editor's live cells
         * (the stated path, or the row's path and the column) */
        const char *key;
        /* CF_DIFF: what the document states for this computed figure */
        const char *stated_text;
        /* a remark shown under the text on pages (how a score came about), or NULL */
        const char *note;
        /* the editor offers to add a row to the array at add_path here (label add_label) */
        const char *add_path, *add_label;
        /* CELL_NUMBER, or an empty number cell: text shown before and after
         * the number, e.g. "≥" and "万元" for a target "≥106.2万元" (text
         * already includes them; spreadsheets put them in the number
         * format). NULL when none. Set with grid_affix(). */
        const char *prefix, *suffix;
};

/* What a row shows: an element of an array of the document, which the
 * editor lets users move and remove; NULL members where it is not. */
struct grid_row {
        const char *element; /* the element's path ("…items[2]") */
        const char *label;   /* what users call it, for 删除's confirmation */
};

struct grid {
        const char *title;    /* e.g. 部门整体支出绩效自评表 */
        const char *subtitle; /* e.g. （2024 年度） */
        const char *caption; /* the line above the table, e.g. 单位名称：… 单位：万元 */
        size_t rows, cols;
        struct grid_cell *cells; /* rows × cols, row-major */
        unsigned *widths;        /* cols: relative column widths (in CJK characters) */
        size_t header_rows;      /* leading rows repeated on each page */
        struct grid_row *row_info; /* rows entries */
        const char *key;           /* the part of the document it shows ("$.basic_data") */
};

/* A rows × cols grid of empty cells (each 1 × 1). */
struct grid *grid_new(struct arena *a, size_t rows, size_t cols);
/* The cell at (row, col). */
struct grid_cell *grid_at(const struct grid *g, size_t row, size_t col);
/* Set a text cell; text is copied into the arena. Returns the cell. */
struct grid_cell *grid_text(struct arena *a, struct grid *g, size_t row, size_t col,
                            const char *text, unsigned flags);
/* Set a number cell (DEC_NONE leaves it blank but keeps style and flags). */
struct grid_cell *grid_number(struct arena *a, struct grid *g, size_t row, size_t col, dec_t value,
                              int places, enum number_style style, unsigned flags);
/* Merge the rectangle starting at (row, col): its top-left cell spans
 * rowspan × colspan, the others become covered (rowspan = colspan = 0). */
void grid_merge(struct grid *g, size_t row, size_t col, unsigned rowspan, unsigned colspan);
/* Give a number cell text before and after its number (copied into the
 * arena; NULL for none) and rebuild its text. Returns the cell. */
struct grid_cell *grid_affix(struct arena *a, struct grid_cell *c, const char *prefix,
                             const char *suffix);
/* The text a cell shows on a page or a terminal: numbers with their
 * comparator and unit, percentages with %, amounts with thousands
 * separators; "" for an empty cell. In arena. */
const char *grid_cell_shown(struct arena *a, const struct grid_cell *c);

/* Append rows empty rows (growing the grid); returns the first new row. */
size_t grid_add_rows(struct arena *a, struct grid *g, size_t rows);

#endif
