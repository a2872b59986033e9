/* Internal interface between the report builder's modules: the builder
 * state and block helpers (report_text.c), the narrative filter
 * (report_text.c), the report's own tables (report_tables.c) and the
 * sections (report.c). Not for use outside src/report. */
#ifndef JX_REPORT_INT_H
#define JX_REPORT_INT_H

#include "report.h"

#include "../base/vec.h"

#include <stdbool.h>

/* A figure of the unit's text that the engine contradicts, as text to
 * look for (spaces removed): a statement's text, or "得分12分" /
 * "完成率98.91%" of an indicator whose stated score or completion the
 * engine does not share, looked for only in paragraphs naming it. */
struct needle {
        const char *text;   /* without spaces */
        const char *scope;  /* the paragraph must contain this (without spaces), or NULL */
        const char *reason; /* the engine's finding message */
};

struct rbuild {
        struct report *r;
        struct arena *a; /* r->arena */
        const struct doc *d;
        const struct evaluation *e;
        struct vec blocks;      /* struct rblock */
        struct vec omitted;     /* struct omission */
        struct needle *needles; /* texts whose sentences the narrative must not keep */
        size_t n_needles;
        const char *section; /* title of the section being built, for omissions */
        const char *money;   /* the money unit's name, e.g. 万元 */
        int places;          /* decimals of scores (the scheme's) */
        unsigned h1, h2;     /* numbers of the current headings */
};

/* ---- text (report_text.c) ------------------------------------------------------ */

/* A copy of s[0..n) in the arena that is valid UTF-8 (invalid bytes become
 * U+FFFD) without control characters: tabs become spaces, '\n' is kept
 * only when keep_newlines, every other control character is dropped. */
const char *rtext_clean(struct arena *a, const char *s, size_t n, bool keep_newlines);

/* printf into the arena, cleaned as rtext_clean(…, false). */
const char *rb_printf(struct rbuild *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append a block (text is cleaned and copied). */
void rb_block(struct rbuild *b, enum rblock_kind kind, const char *text);
void rb_table(struct rbuild *b, const struct grid *g);
/* "一、title" and "（一）title"; heading1 restarts the second level. */
void rb_heading1(struct rbuild *b, const char *title);
void rb_heading2(struct rbuild *b, const char *title);
/* A body paragraph from a format. */
void rb_para(struct rbuild *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Figures as the report prints them, in the arena: amounts with two
 * decimals and thousands separators ("2,147,609.23"), percentages with
 * two decimals and "%", scores with the scheme's decimals, numbers as
 * written (shortest exact form). DEC_NONE gives "—". */
const char *rb_money(struct rbuild *b, dec_t v);
const char *rb_pct(struct rbuild *b, dec_t v);
const char *rb_score(struct rbuild *b, dec_t v);
const char *rb_num(struct rbuild *b, dec_t v);

/* Chinese numeral for 1 ≤ n ≤ 99 (一, 十二, 九十九). */
const char *cn_numeral(unsigned n, char out[16]);

/* Fill b->needles: the text of every statement on which, or on whose
 * cell, the engine has a finding that the stated value is not the
 * computed one (a *.mismatch, a score above or below its rule, …); and
 * for every indicator whose stated score or completion rate the engine
 * contradicts, the phrases that state it ("得分 12 分", "完成率为 98.91%"). */
void rb_contested(struct rbuild *b);

/* Append the paragraphs of narrative text (split at line breaks) as
 * RB_PARA blocks, leaving out every sentence that contains the text of a
 * contradicted statement (recorded in b->omitted under b->section). When
 * heading2 is not NULL and a paragraph is kept, it is preceded by that
 * second-level heading. Returns the number of paragraphs appended. */
size_t rb_narrative(struct rbuild *b, const char *text, const char *heading2);

/* ---- tables (report_tables.c) ---------------------------------------------------- */

/* 预算执行情况表 of table t: 年度资金总额 with the engine's execution rate
 * and score, then the 按收入性质 and 按支出性质 rows; NULL when the budget
 * holds no amounts. */
struct grid *rtable_budget(struct rbuild *b, const struct table_score *t);

/* The scored indicators of table t: levels and groups merged down, target,
 * actual value, completion (the engine's), weight, score and the
 * deviation reason (or, for a scheme's fixed indicators, how the engine
 * scored them), with the execution item first and the total last; NULL
 * when t has no indicators. */
struct grid *rtable_indicators(struct rbuild *b, const struct table_score *t, const char *title,
                               const char *subtitle);

#endif
