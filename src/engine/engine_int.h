/* Internal interface between the engine's modules: figures, units, rules,
 * the scorer and the checks. Not for use outside src/engine. */
#ifndef JX_ENGINE_INT_H
#define JX_ENGINE_INT_H

#include "engine.h"
#include "scheme_schema.h"

#include "../doc/doc_io.h"

/* ---- exact ratios ------------------------------------------------------------ */

/* The exact value num / den (den > 0 when valid). */
struct frac {
        dec_t num, den;
};

/* The ratio in percent, rounded to places. */
dec_t frac_pct(struct frac f, int places);
/* The ratio as a decimal, rounded to places. */
dec_t frac_value(struct frac f, int places);
/* -1, 0, 1 comparing the ratio with v, exactly. */
int frac_cmp(struct frac f, dec_t v);
/* -1, 0, 1 comparing the ratio with pct percent, exactly. */
int frac_cmp_pct(struct frac f, dec_t pct);

/* ---- figures (figures.c) ----------------------------------------------------- */

/* Compute figure id from the document's primary data. Returns false when
 * an input is missing or a denominator is zero. why (may be NULL) gets the
 * formula with the inputs, e.g. "编外人员控制率 = 18 / (127 + 18) = 12.41%". */
bool figure_value(const struct doc *d, enum figure_id id, struct frac *out, struct buf *why);

/* Sum of a decimal member over rows[0..n) (stride bytes apart, member at
 * off), or fallback when there are no rows or none has the member. */
dec_t column_sum(const void *rows, size_t n, size_t stride, size_t off, dec_t fallback);
/* The same for an integer (count) member, as a decimal. */
dec_t count_sum(const void *rows, size_t n, size_t stride, size_t off, int64_t fallback);
/* Sum of the set values of parts[0..n), or fallback when none is set. */
dec_t parts_sum(const dec_t *parts, size_t n, dec_t fallback);
/* 三公经费: its three parts when given, else the stated total. */
dec_t three_public_total(const struct three_public_figures *f);
/* A quarter's 支出进度 in percent at two decimals, as execution tables
 * print it (累计已支付 / 指标金额); quarterly ratios are taken from it. */
dec_t quarter_progress(const struct quarter *q);
/* A count as a decimal (DEC_NONE when absent). */
dec_t count_dec(int64_t n);

/* ---- units (units.c) ------------------------------------------------------------ */

enum unit_check {
        UNIT_SAME,         /* same unit, or one side has none */
        UNIT_CONVERTED,    /* both money (or both percent) units, converted */
        UNIT_INCOMPATIBLE, /* e.g. 万元 against % */
};

/* Express value, written in unit from, in unit to. */
enum unit_check unit_convert(const char *from, const char *to, dec_t value, dec_t *out);
/* True for a 度量单位 that cannot be a unit (contains digits, e.g. "100%"). */
bool unit_malformed(const char *unit);

/* ---- rules (rules.c) --------------------------------------------------------------- */

struct rule_in {
        const struct doc *doc;
        const struct indicator *ind; /* criteria and stated score; may be NULL */
        size_t cursor;               /* next criterion of ind */
        bool missing;                /* an input was absent */
        bool evaluator;              /* the result is the evaluator's score */
        struct buf *why;             /* explanation, or NULL */
};

/* Apply a scheme rule; the result (6 decimals, not yet rounded) is within
 * [0, r->points]. */
dec_t rule_apply(const struct rule *r, struct rule_in *in);

/* The outcome of the generic rule of a document-defined indicator. */
struct ind_eval {
        enum applied_rule applied;
        enum score_basis basis;
        dec_t raw;           /* unrounded score */
        bool has_completion; /* completion = actual / target (≥, =) or target / actual (≤) */
        struct frac completion;
        enum unit_check units; /* how actual's unit relates to target's */
        dec_t actual;          /* actual value in the target's unit */
        dec_t target;
        enum qual_band band; /* band used for a qualitative indicator */
        bool band_conflict;  /* the stated score is outside the declared band */
};

/* Score ind (weight w) by the scheme's generic rules. */
void indicator_rule(const struct scheme *s, const struct indicator *ind, dec_t w,
                    struct ind_eval *out, struct buf *why);

/* The bounds, in points, of band b for weight w. */
void qualitative_bounds(const struct scheme *s, enum qual_band b, dec_t w, dec_t *lo, dec_t *hi);

/* ---- findings (findings.c) -------------------------------------------------------- */

/* A document row's name for messages: blank names are findings of their
 * own (name.missing), never printed as nothing. */
static inline const char *row_name(const char *name)
{
        return name && *name ? name : "（未填写名称）";
}

/* A string allocated in the evaluation's arena. */
const char *efmt(struct evaluation *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The JSON path of the member of the evaluated document that starts at
 * member and is size bytes long (doc_path_of), in the arena: the engine
 * names the place of a finding or a cell by the member's address and
 * never spells a path. A member outside e->doc is a programming error:
 * the process aborts with a message. */
const char *epath(struct evaluation *e, const void *member, size_t size);

/* epath() of the member p points to, e.g. EPATH(e, &ind->score). */
#define EPATH(e, p) epath((e), (p), sizeof *(p))

/* A new finding with stated/computed unset and places 2; the caller fills
 * in values, rule and message. */
struct finding *finding_add(struct evaluation *e, const char *code, enum severity sev,
                            const char *path, const char *label);

/* Record the computed value of a cell (only while e->record_cells). */
void note_cell(struct evaluation *e, const char *path, dec_t value, const char *text);

/* The computed value recorded for path, if any. */
bool cell_lookup(const struct evaluation *e, const char *path, dec_t *value, const char **text);

/* Compare a stated figure with the computed one. Equal when they agree at
 * max(places, decimals of stated); a rate printed as a whole percent that
 * agrees when rounded to a whole percent is an "info" about rounding.
 * Records the cell; adds a finding with code, path, label, rule and a
 * message "<what>表列为 X，按<rule>计算为 Y" when they differ. */
struct compare {
        const char *code;
        enum severity severity;
        const char *path;
        const char *label;
        dec_t stated;
        dec_t computed; /* exact or at 6 decimals */
        int places;
        const char *unit; /* "%", "万元", "分", "人" … for the message */
        const char *rule;
};
void compare_figure(struct evaluation *e, const struct compare *c);

/* engine_settle(): write the computed value (or text) of the stated
 * figure at path into the document being settled (adopt.c). */
void adopt_value(struct evaluation *e, const char *path, dec_t value, const char *text);

/* True when compare_figure() would report a difference. */
bool figure_differs(dec_t stated, dec_t computed, int places);

/* compare_figure() with the strings (path, label, rule) built only when
 * they are needed: the figures differ, or cells are being recorded. This
 * keeps formatting, and the search for a path (EPATH), off the hot path. */
#define COMPARE(e, code, sev, path, label, stated, computed, places, unit, rule)                   \
        do {                                                                                       \
                dec_t stated_ = (stated), computed_ = (computed);                                  \
                if ((e)->record_cells || figure_differs(stated_, computed_, (places)))             \
                        compare_figure((e),                                                        \
                                       &(struct compare){(code), (sev), (path), (label), stated_,  \
                                                         computed_, (places), (unit), (rule)});    \
        } while (0)

/* Decimal text with places (or shortest when places < 0), in the arena. */
const char *edec(struct evaluation *e, dec_t v, int places);

/* ---- checks ------------------------------------------------------------------------- */

void check_table(struct evaluation *e, struct table_score *t, bool self);
void check_basic(struct evaluation *e);
void check_perf(struct evaluation *e);
void check_names(struct evaluation *e);
void check_statements(struct evaluation *e);
/* The parts of the report's text the scheme requires, written. */
void check_sections(struct evaluation *e);

/* True for the self-evaluation's table, false for a project's. */
static inline bool table_is_self(const struct table_score *t)
{
        return t->src == &t->doc->self.table;
}

/* Chinese label of item i of t, e.g. 绩效指标 › 产出指标 › 数量指标 › 农贸市改造. */
const char *item_label(struct evaluation *e, const struct table_score *t, size_t i);

#endif
