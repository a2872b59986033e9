/* The scoring and audit engine.
 *
 * engine_evaluate() scores a document under a scheme — every derived
 * figure from the most primary data the document holds, every indicator by
 * its rule, the totals and the grade — and checks it: blocking validation
 * errors (the manual's rules) and findings (a stated figure that disagrees
 * with the computed one, a self-given score above the rule's, a unit that
 * cannot match its target, spending above budget, …). Each finding has a
 * stable code, a severity, the JSON path and Chinese label of the cell,
 * the stated and the computed value, the rule and a Chinese message.
 *
 * The hot path allocates nothing per indicator beyond one array; texts
 * (paths, rule explanations, messages) are made only when a finding fires
 * or when engine_explain() is asked. */
#ifndef JX_ENGINE_H
#define JX_ENGINE_H

#include "../base/buf.h"
#include "../base/dec.h"
#include "../doc/doc.h"
#include "scheme.h"

#include <stdbool.h>
#include <stdint.h>

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR };

struct finding {
        const char *code; /* stable identifier, e.g. "split.income" (docs/findings.md) */
        enum severity severity;
        const char *path; /* JSON path of the cell concerned */
        const char *label; /* what a user sees, e.g. 自评表 › 年度预算申请 › 全年预算数（A） */
        dec_t stated; /* the document's value, or DEC_NONE */
        const char *stated_text;
        dec_t computed; /* the engine's value, or DEC_NONE */
        const char *computed_text;
        int places;          /* decimals to show stated/computed with (-1: as is) */
        const char *rule;    /* the rule, in Chinese */
        const char *message; /* a sentence for a finance officer, in Chinese */
};

/* How an indicator's score came about. */
enum score_basis {
        BASIS_RULE,           /* computed by its rule from the data */
        BASIS_EVALUATOR,      /* the evaluator's judgement (qualitative, evaluator rule) */
        BASIS_STATED,         /* the rule could not be applied; the stated score is used */
        BASIS_NOT_APPLICABLE, /* marked 不适用; its points are spread over the others */
        BASIS_MISSING,        /* a scheme indicator the document lacks */
};

/* The rule actually applied to an indicator. */
enum applied_rule {
        APPLIED_NONE,
        APPLIED_SCHEME,      /* the scheme's rule for the code (see def->rule) */
        APPLIED_GE,          /* ≥ / > target: weight × actual / target */
        APPLIED_LE_RATIO,    /* ≤ / < target: weight × target / actual */
        APPLIED_LE_LINEAR,   /* ≤ / < target: linear to 0 at twice the target */
        APPLIED_EQ,          /* = target: proportional on the nearer side */
        APPLIED_QUALITATIVE, /* three bands */
};

struct item_score {
        const struct indicator *ind;   /* the document's row; NULL for a missing scheme indicator */
        const struct scheme_item *def; /* the scheme's indicator (fixed schemes) */
        uint16_t level, group, item;   /* position in the document's tree */
        enum score_basis basis;
        enum applied_rule applied;
        dec_t weight; /* 分值 used */
        dec_t raw;    /* rule result before rescaling and rounding */
        dec_t score;  /* computed score, rounded to the scheme's places */
        dec_t stated; /* the document's score */
        /* what the checks need from the generic rules */
        bool has_completion; /* completion_num / completion_den is meaningful */
        bool band_conflict;  /* qualitative score outside its declared band */
        uint8_t units;       /* enum unit_check */
        dec_t completion_num, completion_den;
        dec_t actual, target; /* actual in the target's unit, and the target */
};

struct table_score {
        const struct doc *doc;         /* the document evaluated */
        const struct score_table *src; /* its table: &doc->self.table or &doc->projects[i].table */
        const char *path;              /* $.self_eval or $.projects[i] */
        bool has_execution;
        dec_t exec_weight;
        dec_t exec_rate_pct; /* B / A in percent, rounded to 2 places */
        dec_t exec_score;
        struct item_score *items;
        size_t n_items;
        dec_t weight_total;    /* Σ indicator weights */
        dec_t indicator_score; /* Σ indicator scores */
        dec_t total;
        const char *grade;
};

/* The computed value of a stated cell (see engine_cell). */
struct cell_value {
        const char *path;
        dec_t value;
        const char *text;
};

struct evaluation {
        struct arena *arena;
        const struct doc *doc;
        const struct scheme *scheme;
        struct table_score self;
        struct table_score *projects;
        size_t n_projects;
        struct finding *findings;
        size_t n_findings, cap_findings;
        size_t n_errors, n_warnings;
        /* computed values of cells, recorded when the document has statements */
        struct cell_value *cells;
        size_t n_cells, cap_cells;
        bool record_cells;
        struct doc *adopting; /* engine_settle(): the document written to, else NULL */
};

/* Score and check d under s. Never fails (missing data become findings).
 * The result refers to d and s, which must outlive it; free it with
 * engine_free(). */
struct evaluation *engine_evaluate(const struct doc *d, const struct scheme *s);

enum {
        ENGINE_RECORD_CELLS = 1 << 0, /* record every computed cell (engine_cell) */
        ENGINE_ADOPT = 1 << 1,        /* engine_settle(): write computed figures into the document */
};
/* How many evaluations this process has made (for tests that count the
 * work of an operation). */
unsigned long engine_evaluate_count(void);

/* engine_evaluate() with options. */
struct evaluation *engine_evaluate_with(const struct doc *d, const struct scheme *s,
                                        unsigned options);

/* The computed value of the cell that the stated figure at path states
 * ("$.self_eval.stated_total", "$.self_eval.budget.stated_rate_pct",
 * "…items[2].score"): its number or, for a grade, its text. Also two
 * figures no table states: "<table>.weight_total" (Σ indicator weights)
 * and "<table>.indicator_score" (Σ indicator scores), where <table> is
 * $.self_eval or $.projects[i]. Recorded with ENGINE_RECORD_CELLS (and for
 * documents with statements). */
bool engine_cell(const struct evaluation *e, const char *path, dec_t *value, const char **text);

void engine_free(struct evaluation *e);

/* Evaluate d once, with every computed cell, making it state what the
 * engine computes as it goes: each stated figure the engine derives
 * (totals, sums, rates, the grade) is written into d, two decimals for
 * amounts, rates and scores, in place of the difference it would report.
 * The scores the unit gives (and every other entry) stay as they are and
 * are checked as usual. The result describes d as changed: what the save
 * pipeline keeps. */
struct evaluation *engine_settle(struct doc *d, const struct scheme *s);

/* Append how item i of table t was scored — rule, inputs, result — in
 * Chinese, e.g. "比例计分：已完成项目数 49 / 计划项目数 50 × 6 = 5.88". */
void engine_explain(const struct evaluation *e, const struct table_score *t, size_t i,
                    struct buf *out);

/* Append the JSON path of item i of table t
 * ("$.self_eval.indicators[0].groups[1].items[2]"; for a scheme indicator
 * the table lacks, the table's "…indicators"), derived from the document's
 * descriptors (doc_path_of): t->doc must still have the rows it had when
 * evaluated. */
void engine_item_path(const struct table_score *t, size_t i, struct buf *out);

/* Whether scheme s requires the part of the report's text at member (a
 * member of n, e.g. &n->functions) before a task is sent up. */
bool engine_section_required(const struct scheme *s, const struct narrative *n,
                             const char *const *member);

/* For tests: how many times, since the program started, the name check
 * (name.missing) has formatted the JSON path and label of a row — once for
 * each row it reports, never for a named row. A process-wide counter,
 * updated atomically. */
unsigned long engine_name_places_built(void);

/* For tests: how many JSON paths of members, since the program started,
 * evaluations have derived from the descriptors — each table's, then one
 * for each finding raised (but name.missing, see above) and each cell
 * recorded; never one for a figure that agrees. A process-wide counter,
 * updated atomically. */
unsigned long engine_paths_built(void);

/* "error", "warning", "info" and their Chinese names. */
const char *severity_name(enum severity s);
const char *severity_label(enum severity s);

#endif
