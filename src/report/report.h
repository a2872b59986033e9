/* The self-evaluation report (部门整体支出绩效自评报告) as a small
 * format-neutral model, built once from a document and its evaluation and
 * then rendered by docx.c and pdf.c, so the DOCX and the PDF say the same.
 *
 * The report follows the structure the seed reports share: 部门基本情况
 * (职能, 机构, 人员), 预算安排及执行情况, 绩效目标完成情况, 评价结论,
 * 存在的问题及原因, 改进措施, then the annex tables. Every figure the
 * report states is the document's entered value or the engine's computed
 * one (never a stated total or score); where the unit entered narrative
 * text it is used, and sentences are generated from the data where it
 * did not. A sentence of the narrative that restates a figure the engine
 * contradicts (a statement with a finding) is left out and listed in
 * report->omitted, so the report never contradicts itself.
 *
 * All memory of a report (blocks, texts, grids) lives in report->arena. */
#ifndef JX_REPORT_H
#define JX_REPORT_H

#include "../base/arena.h"
#include "../doc/doc.h"
#include "../engine/engine.h"
#include "../tables/grid.h"

#include <stddef.h>

enum rblock_kind {
        RB_TITLE,    /* the report's title, centred; lines separated by '\n' */
        RB_HEADING1, /* 一、部门基本情况 */
        RB_HEADING2, /* （一）部门职能 */
        RB_PARA,     /* body text, first line indented by two characters */
        RB_LINE,     /* body text without indent (the annex list) */
        RB_TABLE,    /* a grid, drawn with its title, subtitle and caption above it */
        RB_ANNEX,    /* starts a new page with an annex label such as 附件1 */
};

struct rblock {
        enum rblock_kind kind;
        const char *text;        /* every kind but RB_TABLE: clean UTF-8, no control
                                    characters but '\n' (RB_TITLE only) */
        const struct grid *grid; /* RB_TABLE */
};

/* A sentence of the unit's narrative left out because it restates a figure
 * the engine contradicts. */
struct omission {
        const char *section;  /* the report section, e.g. 评价结论 */
        const char *sentence; /* the sentence as entered */
        const char *reason;   /* the engine's finding message */
};

struct report {
        struct arena *arena;
        const char *title;   /* one line, for document properties */
        const char *author;  /* the unit's name */
        const char *subject; /* the scheme's title */
        struct rblock *blocks;
        size_t n_blocks;
        struct omission *omitted;
        size_t n_omitted;
};

/* Build the report of d as evaluated in e (e->doc must be d). Never
 * fails; missing data give shorter sections or "（未填写）". The result
 * refers to nothing in d or e (texts are copied); free it with
 * report_free(). */
struct report *report_build(const struct doc *d, const struct evaluation *e);
void report_free(struct report *r);

/* Text shown for a number cell of a grid: its text, with "%" appended
 * for NUM_PERCENT; "" for an empty cell. Valid while the grid lives. */
const char *report_cell_text(const struct grid_cell *c, char buf[64]);

#endif
