/* Scoring schemes (评分方案 / 指标体系) as data.
 *
 * A scheme says how an evaluation is scored: the budget-execution item, the
 * indicator table (either defined by each document, as in the national
 * self-evaluation, or fixed by the scheme with a rule per indicator, as in
 * Shenzhen's 评分表), the variants of the generic rules, rounding and grade
 * bands. Schemes are JSON files (docs/schemes.md); the shipped ones are
 * embedded in the binary and any other can be loaded from a file, so a new
 * jurisdiction needs a new file, not a rebuild. */
#ifndef JX_SCHEME_H
#define JX_SCHEME_H

#include "../base/arena.h"
#include "../base/dec.h"
#include "../base/diag.h"

#include <stdbool.h>
#include <stdint.h>

#define SCHEME_FORMAT_NAME    "jixiao-scheme"
#define SCHEME_FORMAT_VERSION 1

enum rule_kind {
        RULE_UNSET,
        RULE_EVALUATOR,  /* the evaluator's score, within the weight */
        RULE_CHECKLIST,  /* criteria, each worth given points */
        RULE_RATIO,      /* points × min(figure, 1) */
        RULE_TIERS,      /* points by the band the figure falls in */
        RULE_DEDUCTION,  /* points − per item × count, not below 0 */
        RULE_QUARTERLY,  /* seed 001's quarterly execution formula */
        RULE_ADJUSTMENT, /* full within a threshold, points off per percentage point beyond */
        RULE_SUM,        /* the sum of parts, each a rule */
};

/* Figures the engine derives from a document's primary data, by name. */
enum figure_id {
        FIG_UNSET,
        FIG_PROCUREMENT_RATE,   /* 政府采购执行率 = 实际采购 / 采购计划 */
        FIG_ADJUSTMENT_RATE,    /* 预算调整调剂比率 = |自行调整调剂| / 年初预算 */
        FIG_ASSET_RATE,         /* 固定资产利用率 = 在用 / 总额 */
        FIG_STAFF_CONTROL_RATE, /* 财政供养人员控制率 = 在编 / 编制 */
        FIG_STAFF_EXTRA_RATE,   /* 编外人员控制率 = 编外 / (在编 + 编外) */
        FIG_THREE_PUBLIC_RATE,  /* 三公经费控制率 = 实际 / 预算 */
        FIG_DAILY_PUBLIC_RATE,  /* 日常公用经费控制率 = 决算 / 调整预算 */
        FIG_EXECUTION_RATE,     /* 预算执行率 = 已支付 / 指标 */
        FIG_PROJECT_COMPLETION, /* 项目完成率 = 已完成 / 计划 */
        FIG_TASKS_UNFINISHED,   /* 未完成重点工作数 = 任务 − 已完成 */
        FIG_PETITION_REPLY,     /* 信访办理回复率 = 回复 / 收到 */
        FIG_PETITION_ON_TIME,   /* 信访按时回复率 = 按时回复 / 收到 */
        FIG_SATISFACTION,       /* 满意度 */
        FIG_COUNT
};

enum le_variant {
        LE_UNSET,
        LE_RATIO,  /* weight × target / actual */
        LE_LINEAR, /* full at ≤ target, falling linearly to 0 at twice the target */
};

struct criterion {
        const char *name;
        dec_t points;
};

/* A band of a tiers rule. Bounds are in percent for rate figures and plain
 * numbers for counts; a missing bound is unbounded. */
struct tier {
        dec_t min, max;
        bool min_open, max_open; /* exclusive bounds */
        dec_t points;
};

struct rule {
        enum rule_kind kind;
        const char *name; /* what a part of a sum assesses */
        dec_t points;     /* the most it can give (a part's share; the item weight otherwise) */
        enum figure_id figure;
        struct criterion *criteria; /* checklist */
        size_t n_criteria;
        bool zero_above_one; /* ratio: 0 points when the figure exceeds 1 */
        struct tier *tiers;
        size_t n_tiers;
        dec_t per_item;                       /* deduction */
        dec_t threshold_pct;                  /* adjustment */
        dec_t per_point;                      /* adjustment: points off per percentage point */
        dec_t quarter_points, average_points; /* quarterly */
        dec_t *time_progress_pct;             /* quarterly: 序时进度 per quarter */
        size_t n_time_progress_pct;
        struct rule *parts; /* sum */
        size_t n_parts;
};

struct scheme_item {
        const char *code;
        const char *name;
        dec_t weight;
        struct rule rule;
        const char *note; /* 评分标准 as published */
};

struct scheme_group {
        const char *name;
        dec_t weight;
        struct scheme_item *items;
        size_t n_items;
};

struct scheme_level {
        const char *name;
        dec_t weight;
        struct scheme_group *groups;
        size_t n_groups;
};

struct grade_band {
        const char *name;
        dec_t min;
        bool min_open; /* the total must exceed min */
};

/* A second-level indicator a new table starts with. */
struct group_guide {
        const char *name;
};

struct level_guide {
        const char *name;
        dec_t weight;
        struct group_guide *groups; /* the usual second levels under it */
        size_t n_groups;
};

/* A part of the report's text a submission must have: a member of the
 * document's narrative by its key ("functions", "problems" …). */
struct report_section {
        const char *name;
};

struct execution_def {
        const char *name; /* 预算执行率 */
        dec_t weight;     /* 10 */
};

struct qualitative_def {
        dec_t achieved_min_pct; /* 达成预期: from this share of the weight to 100% */
        dec_t partial_min_pct;  /* 部分达成: from this share up to achieved_min_pct */
};

struct scheme {
        struct arena *arena;
        const char *format;
        int64_t version;
        const char *name;
        const char *title;
        const char *source;
        const char *notes;
        dec_t total;                    /* full score, 100 */
        int64_t places;                 /* decimals of every score, 2 */
        struct execution_def execution; /* weight unset: no execution item */
        dec_t indicator_weight;         /* weight of a document-defined indicator table */
        struct level_guide *levels_guide;
        size_t n_levels_guide;
        enum le_variant le_rule;
        struct qualitative_def qualitative;
        bool require_deviation; /* a score below its weight needs a 偏差原因 */
        dec_t far_above_pct;    /* completion at or above this is "target set too low" */
        dec_t balance_pct;      /* indicator vs execution points warning threshold */
        struct grade_band *grades;
        size_t n_grades;
        struct report_section *required_sections; /* of the report's text (报告正文) */
        size_t n_required_sections;
        struct scheme_level *tree; /* fixed indicator tree; empty for document-defined */
        size_t n_tree;
};

/* Names of the shipped schemes, NULL-terminated. */
extern const char *const scheme_builtin_names[];

/* Load a scheme: a shipped one by name ("national", "shenzhen", …) or a
 * file by path (anything containing '/' or ending in .json). Returns NULL
 * and appends diagnostics naming the JSON path on any error. Free with
 * scheme_free(). */
struct scheme *scheme_load(const char *name_or_path, struct diags *errs);

/* The shipped scheme named name, loaded once for the life of the process
 * and shared between threads (never freed); NULL for any other name. The
 * server uses only these, never files. */
const struct scheme *scheme_builtin(const char *name);

/* Parse scheme JSON text (for tests and files). */
struct scheme *scheme_parse(const char *text, size_t len, struct diags *errs);

void scheme_free(struct scheme *s);

/* The grade of total under s (the first band whose minimum it reaches). */
const char *scheme_grade(const struct scheme *s, dec_t total);

/* JSON name and Chinese label of a figure. */
const char *figure_name(enum figure_id f);
const char *figure_label(enum figure_id f);
/* True for figures that are rates (tier bounds in percent). */
bool figure_is_rate(enum figure_id f);

#endif
