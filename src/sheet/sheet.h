/* Spreadsheets (XLSX): the tables workbook of one evaluation — which is
 * also the template a unit downloads, fills in and uploads again — the
 * import of such a workbook into a new document, the workbook of any
 * query list, and the year's summary workbook for the finance bureau.
 * Layouts, the template rules and every import error are described in
 * docs/spreadsheets.md. */
#ifndef JX_SHEET_H
#define JX_SHEET_H

#include "../base/buf.h"
#include "../base/dec.h"
#include "../base/diag.h"
#include "../doc/doc.h"
#include "../engine/engine.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- the tables workbook (export and template) ----------------------------------------------- */

/* Append to out the XLSX workbook of the document d and its evaluation e
 * (engine_evaluate(d, …)): sheet 基础数据表, sheet 自评表 and one sheet per
 * project (named after it), each laid out like the seed tables with
 * merged headers, 万元 with two decimals, percentages and scores; entered
 * cells pale yellow and unlocked, computed cells pale blue; A4, fit to
 * the page width. Returns false, with diagnostics in errs, when the file
 * cannot be produced (temporary file, library error); out is then left
 * as it was. The caller owns out. */
bool sheet_tables_write(const struct doc *d, const struct evaluation *e, struct buf *out,
                        struct diags *errs);

/* ---- import ---------------------------------------------------------------------------------- */

enum sheet_import_status {
        SHEET_IMPORT_OK,       /* the new document is returned */
        SHEET_IMPORT_INVALID,  /* cells break the template or document rules */
        SHEET_IMPORT_UNUSABLE, /* not an XLSX workbook, or over the limits */
};

/* Read the workbook data[0..len) — a tables workbook of d filled in — and
 * return a new document: d with every entered (yellow) cell of every
 * sheet set from the workbook (numbers read as exact decimals from the
 * file's text, blank cells clearing their field), validated like a parsed
 * document. e is the evaluation of d (it decides the layout, as when the
 * template was made). On any problem returns NULL, sets *status (may be
 * NULL) and appends to errs one diagnostic per problem: its path is the
 * cell ("自评表!F12") or the sheet or "XLSX", its label the field's
 * Chinese name, its message the rule broken. d is never changed. The
 * caller frees the result with doc_free(). */
struct doc *sheet_import(const struct doc *d, const struct evaluation *e, const void *data,
                         size_t len, struct diags *errs, enum sheet_import_status *status);

/* ---- query lists ----------------------------------------------------------------------------- */

enum sheet_col_kind {
        SHEET_COL_TEXT,
        SHEET_COL_INT,     /* a whole number, e.g. "12" */
        SHEET_COL_MONEY,   /* a decimal amount shown with two decimals, e.g. "716.83" */
        SHEET_COL_PERCENT, /* a percentage in percent, e.g. "98.91" shown 98.91% */
        SHEET_COL_SCORE,   /* points, two decimals */
        SHEET_COL_DATE,    /* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM[:SS]" */
};

struct sheet_column {
        const char *title;
        enum sheet_col_kind kind;
        unsigned width; /* in CJK characters; 0 for a width from the contents */
};

/* A list as shown on a query page. Cells are strings as the database
 * holds them: numbers in the exact decimal grammar ("716.83", no
 * separators), dates as above; NULL or "" is blank. A number or date cell
 * that does not parse is written as text. */
struct sheet_list {
        const char *title;    /* heading and sheet name, e.g. 自评任务列表 */
        const char *subtitle; /* optional second line, e.g. 2024 年度，共 12 项 */
        const struct sheet_column *cols;
        size_t n_cols;
        const char *const *cells; /* n_rows × n_cols, row-major */
        size_t n_rows;
};

/* Append to out an XLSX workbook of one sheet holding the list: title,
 * subtitle, a header row (repeated on every printed page, frozen on
 * screen), the rows, with number formats by column kind. Returns false
 * with diagnostics on failure. */
bool sheet_list_write(const struct sheet_list *l, struct buf *out, struct diags *errs);

/* ---- the year's summary for the finance bureau ----------------------------------------------- */

/* One unit's evaluation in the year's summary. */
struct sheet_summary_row {
        const char *unit_code;  /* 单位编码 */
        const char *unit_name;  /* 单位名称 */
        const char *supervisor; /* 主管部门 (name; a supervising unit's is itself) */
        const char *status; /* 状态, e.g. 审核中（主管部门）; as the workflow names it */
        dec_t total;        /* computed total score, DEC_NONE when not evaluated */
        dec_t stated_total; /* the total the unit states, DEC_NONE when none */
        const char *grade;  /* computed grade */
        dec_t exec_rate_pct; /* budget execution rate B/A in percent */
        size_t errors;       /* findings of severity error */
        size_t warnings;     /* findings of severity warning */
        bool unfilled;       /* nobody has filled it in yet (未填报): no total, no grade */
        const struct scheme *scheme; /* whose grades it has; NULL when unfilled */
};

/* Append to out the summary workbook of fiscal year year for the
 * jurisdiction named (e.g. 绥宁县财政局; may be NULL): sheet 汇总 with one
 * row per unit in the order given (computed and stated total, their
 * difference, grade or 未填报, execution rate, errors, warnings, status)
 * and a footer of counts and the average of those evaluated; sheet 统计
 * with, for each scheme of the rows, the units at each of its grades,
 * then those not filled in, those evaluated and the units per status.
 * Returns false with diagnostics on failure. */
bool sheet_summary_write(int64_t year, const char *jurisdiction,
                         const struct sheet_summary_row *rows, size_t n, struct buf *out,
                         struct diags *errs);

#endif
