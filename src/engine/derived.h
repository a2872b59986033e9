/* Derived figures that renderers show beside the entered data: the level
 * rows of the 基础数据表, the totals of the 按收入性质 / 按支出性质 splits
 * and plain rates (for the tables, src/tables), and the ratios of the
 * 评价基础数据 (政府采购执行率, 编外人员控制率 … for the report's
 * sentences). They follow the same readings and formulas as the checks
 * and rules, so a table or a sentence never states a figure the engine
 * would compute differently. Nothing here allocates. */
#ifndef JX_ENGINE_DERIVED_H
#define JX_ENGINE_DERIVED_H

#include "../doc/doc.h"
#include "scheme.h"

#include <stdbool.h>

/* A level row of the 基础数据表 in its three columns: in each column the
 * sum of the parts that have a figure there, or, when no part has one,
 * the level's own entered (stated) figure. Bit c of *from_parts (may be
 * NULL) is set when column c (0 上年决算数, 1 本年预算数, 2 本年决算数) is
 * the sum of parts. */
struct money3 money3_level(const struct money3 *stated, const struct money3 *const *parts, size_t n,
                           unsigned *from_parts);

/* The computed level rows of the 基础数据表. */
struct basic_levels {
        struct money3 vehicles;     /* 公务用车购置和维护经费 = 购置 + 运行维护 */
        struct money3 three_public; /* 三公经费 = 公务用车 + 出国 + 接待 */
        struct money3 special;      /* 上级专项资金 = Σ 专项资金 */
        struct money3 project_spending; /* 项目支出 = 业务 + 运行维护 + 上级专项 */
        unsigned vehicles_parts, three_public_parts, special_parts,
            project_spending_parts; /* from_parts bits of each */
};

void engine_basic_levels(const struct doc *d, struct basic_levels *out);

/* num / den in percent rounded half-up to 2 decimals; DEC_NONE when an
 * operand is absent or den ≤ 0. */
dec_t engine_rate_pct(dec_t num, dec_t den);

/* The total row of a split (按收入性质分 or 按支出性质分): each of
 * initial, adjusted and executed summed over the rows that have it,
 * DEC_NONE where none has; name and stated_rate_pct are unset. */
struct split_row engine_split_total(const struct split_row *rows, size_t n);

/* The exact ratio num / den of figure id over d's primary data (sums of
 * a table's rows, or its stated total row when it has no rows), as the
 * engine's rules use it. Returns false when an input is missing or den is
 * not positive. For FIG_TASKS_UNFINISHED den is 1. */
bool engine_figure(const struct doc *d, enum figure_id id, dec_t *num, dec_t *den);

#endif
