/* The report's own tables as grids: the 预算执行情况表 of section 二 and
 * the 绩效指标完成情况表 of section 三 (see report_int.h). Every figure is
 * the document's entered value or the engine's result. */
#include "report_int.h"

#include "../base/buf.h"
#include "../doc/doc_io.h"

#include <string.h>

enum { HDR = CF_HEADER | CF_CENTER };

/* ---- 预算执行情况表 ---------------------------------------------------------------- */

static bool split_has_amounts(const struct split_row *rows, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (dec_is_set(rows[i].initial) || dec_is_set(rows[i].adjusted) ||
                    dec_is_set(rows[i].executed))
                        return true;
        return false;
}

static void money_cells(struct rbuild *b, struct grid *g, size_t row, dec_t initial, dec_t adjusted,
                        dec_t executed)
{
        grid_number(b->a, g, row, 2, initial, 2, NUM_MONEY, CF_INPUT);
        grid_number(b->a, g, row, 3, adjusted, 2, NUM_MONEY, CF_INPUT);
        grid_number(b->a, g, row, 4, executed, 2, NUM_MONEY, CF_INPUT);
}

/* The rows of one split, under a category label merged down column 0. */
static void split_rows(struct rbuild *b, struct grid *g, const char *label,
                       const struct split_row *rows, size_t n)
{
        if (!n)
                return;
        size_t first = grid_add_rows(b->a, g, n);
        grid_text(b->a, g, first, 0, label, CF_CENTER | CF_WRAP);
        if (n > 1)
                grid_merge(g, first, 0, (unsigned)n, 1);
        for (size_t i = 0; i < n; i++) {
                grid_text(b->a, g, first + i, 1, rows[i].name ? rows[i].name : "", CF_WRAP);
                money_cells(b, g, first + i, rows[i].initial, rows[i].adjusted, rows[i].executed);
        }
}

struct grid *rtable_budget(struct rbuild *b, const struct table_score *t)
{
        const struct budget_request *br = &t->src->budget;
        if (!dec_is_set(br->initial) && !dec_is_set(br->adjusted) && !dec_is_set(br->executed) &&
            !split_has_amounts(br->by_income, br->n_by_income) &&
            !split_has_amounts(br->by_expenditure, br->n_by_expenditure))
                return NULL;
        static const char *const heads[] = {
            "类别",          "项目", "年初预算数", "全年预算数（A）", "全年执行数（B）",
            "执行率（B/A）", "分值", "得分"};
        static const unsigned widths[] = {5, 9, 6, 7, 7, 7, 3, 4};
        struct grid *g = grid_new(b->a, 2, 8);
        g->title = "预算执行情况表";
        g->caption = rb_printf(b, "单位：%s", b->money);
        g->header_rows = 1;
        for (size_t c = 0; c < 8; c++) {
                grid_text(b->a, g, 0, c, heads[c], HDR);
                g->widths[c] = widths[c];
        }
        grid_text(b->a, g, 1, 0, "年度资金总额", CF_CENTER | CF_BOLD);
        grid_merge(g, 1, 0, 1, 2);
        money_cells(b, g, 1, br->initial, br->adjusted, br->executed);
        if (t->has_execution) {
                grid_number(b->a, g, 1, 5, t->exec_rate_pct, 2, NUM_PERCENT, CF_COMPUTED);
                grid_number(b->a, g, 1, 6, t->exec_weight, -1, NUM_SCORE, 0);
                grid_number(b->a, g, 1, 7, dec_is_set(t->exec_score) ? t->exec_score : DEC_ZERO,
                            b->places, NUM_SCORE, CF_COMPUTED);
        }
        split_rows(b, g, "按收入性质分", br->by_income, br->n_by_income);
        split_rows(b, g, "按支出性质分", br->by_expenditure, br->n_by_expenditure);
        return g;
}

/* ---- 绩效指标完成情况表 -------------------------------------------------------------- */

/* Where each item sits: names and keys of its first and second level. */
struct place {
        const char *level, *group;
        unsigned level_key, group_key;
};

static void place_items(const struct rbuild *b, const struct table_score *t, struct place *pl)
{
        const struct scheme *s = b->e->scheme;
        bool fixed = t->n_items && t->items[0].def;
        if (fixed) { /* the scheme's tree, in the order the engine scored it */
                size_t k = 0;
                for (size_t i = 0; i < s->n_tree; i++)
                        for (size_t j = 0; j < s->tree[i].n_groups; j++)
                                for (size_t m = 0;
                                     m < s->tree[i].groups[j].n_items && k < t->n_items; m++, k++)
                                        pl[k] = (struct place){
                                            s->tree[i].name, s->tree[i].groups[j].name, (unsigned)i,
                                            (unsigned)(i * 1000 + j)};
                return;
        }
        for (size_t k = 0; k < t->n_items; k++) {
                const struct item_score *it = &t->items[k];
                const struct ind_level *l = &t->src->indicators[it->level];
                pl[k] = (struct place){l->name, l->groups[it->group].name, it->level,
                                       (unsigned)it->level * 1000u + it->group};
        }
}

static bool measure_set(const struct measure *m)
{
        return m->text || dec_is_set(m->value);
}

/* "≥8%", "160亿元", "达标". */
static const char *measure_text(struct rbuild *b, const struct indicator *ind, enum cmp_op op,
                                const struct measure *m)
{
        if (m->text)
                return m->text;
        if (!dec_is_set(m->value))
                return NULL;
        const char *unit = m->unit ? m->unit : ind->unit ? ind->unit : "";
        return rb_printf(b, "%s%s%s", op ? enum_label(&enum_cmp_op, op) : "", rb_num(b, m->value),
                         unit);
}

static const char *deviation_text(struct rbuild *b, const struct indicator *ind)
{
        if (ind->deviation && ind->improvement)
                return rb_printf(b, "%s\n改进措施：%s", ind->deviation, ind->improvement);
        if (ind->improvement)
                return rb_printf(b, "改进措施：%s", ind->improvement);
        return ind->deviation;
}

enum col {
        COL_LEVEL,
        COL_GROUP,
        COL_NAME,
        COL_TARGET,
        COL_ACTUAL,
        COL_COMPLETION,
        COL_WEIGHT,
        COL_SCORE,
        COL_DEVIATION,
        COL_BASIS,
        N_COLS
};

static const char *const col_heads[N_COLS] = {"一级指标",   "二级指标",   "三级指标",
                                              "年度指标值", "实际完成值", "完成率",
                                              "分值",       "得分",       "偏差原因分析及改进措施",
                                              "计分依据"};
static const unsigned col_widths[N_COLS] = {5, 5, 8, 6, 6, 6, 3, 4, 11, 16};

/* Which columns the table needs; pos[col] is the grid column or -1. */
static size_t choose_columns(const struct table_score *t, const struct place *pl, int pos[N_COLS])
{
        bool use[N_COLS] = {0};
        use[COL_NAME] = use[COL_WEIGHT] = use[COL_SCORE] = true;
        for (size_t k = 0; k < t->n_items; k++) {
                const struct item_score *it = &t->items[k];
                const struct indicator *ind = it->ind;
                use[COL_LEVEL] |= pl[k].level && pl[k].level[0];
                use[COL_GROUP] |= pl[k].group && pl[k].group[0];
                use[COL_COMPLETION] |= it->has_completion;
                use[COL_BASIS] |= it->def != NULL;
                if (!ind)
                        continue;
                use[COL_TARGET] |= measure_set(&ind->target.m);
                use[COL_ACTUAL] |= measure_set(&ind->actual);
                use[COL_DEVIATION] |= ind->deviation || ind->improvement;
        }
        use[COL_GROUP] |= use[COL_LEVEL];
        use[COL_LEVEL] |= use[COL_GROUP];
        size_t n = 0;
        for (size_t c = 0; c < N_COLS; c++)
                pos[c] = use[c] ? (int)n++ : -1;
        return n;
}

/* Merge runs of equal keys down column col over rows first … first+n. */
static void merge_runs(struct grid *g, size_t first, int col, const struct place *pl, size_t n,
                       bool level)
{
        if (col < 0)
                return;
        for (size_t k = 0; k < n;) {
                size_t run = 1;
                unsigned key = level ? pl[k].level_key : pl[k].group_key;
                while (k + run < n &&
                       (level ? pl[k + run].level_key : pl[k + run].group_key) == key)
                        run++;
                if (run > 1)
                        grid_merge(g, first + k, (size_t)col, (unsigned)run, 1);
                k += run;
        }
}

static void item_row(struct rbuild *b, struct grid *g, size_t row, const int *pos,
                     const struct table_score *t, size_t k, const struct place *pl)
{
        const struct item_score *it = &t->items[k];
        const struct indicator *ind = it->ind;
        struct arena *a = b->a;
        if (pos[COL_LEVEL] >= 0 && (k == 0 || pl[k].level_key != pl[k - 1].level_key))
                grid_text(a, g, row, (size_t)pos[COL_LEVEL],
                          pl[k].level && pl[k].level[0] ? pl[k].level : "（未注明）",
                          CF_CENTER | CF_WRAP);
        if (pos[COL_GROUP] >= 0 && (k == 0 || pl[k].group_key != pl[k - 1].group_key))
                grid_text(a, g, row, (size_t)pos[COL_GROUP],
                          pl[k].group && pl[k].group[0] ? pl[k].group : "（未注明）",
                          CF_CENTER | CF_WRAP);
        const char *name = ind ? ind->name : it->def->name;
        if (it->basis == BASIS_NOT_APPLICABLE)
                name = rb_printf(b, "%s（不适用）", name);
        grid_text(a, g, row, (size_t)pos[COL_NAME], name, CF_WRAP);
        if (ind && pos[COL_TARGET] >= 0)
                grid_text(a, g, row, (size_t)pos[COL_TARGET],
                          measure_text(b, ind, ind->target.op, &ind->target.m), CF_CENTER);
        if (ind && pos[COL_ACTUAL] >= 0)
                grid_text(a, g, row, (size_t)pos[COL_ACTUAL],
                          measure_text(b, ind, CMP_UNSET, &ind->actual), CF_CENTER);
        if (it->has_completion && pos[COL_COMPLETION] >= 0)
                grid_number(
                    a, g, row, (size_t)pos[COL_COMPLETION],
                    dec_muldiv(it->completion_num, dec_from_int(100), it->completion_den, 2), 2,
                    NUM_PERCENT, CF_COMPUTED);
        grid_number(a, g, row, (size_t)pos[COL_WEIGHT], it->weight, -1, NUM_SCORE, 0);
        if (it->basis == BASIS_NOT_APPLICABLE)
                grid_text(a, g, row, (size_t)pos[COL_SCORE], "不适用", CF_CENTER);
        else
                grid_number(a, g, row, (size_t)pos[COL_SCORE], it->score, b->places, NUM_SCORE,
                            CF_COMPUTED);
        if (ind && pos[COL_DEVIATION] >= 0)
                grid_text(a, g, row, (size_t)pos[COL_DEVIATION], deviation_text(b, ind), CF_WRAP);
        if (pos[COL_BASIS] >= 0) {
                struct buf why = BUF_INIT;
                engine_explain(b->e, t, k, &why);
                grid_text(a, g, row, (size_t)pos[COL_BASIS], buf_str(&why), CF_WRAP);
                buf_free(&why);
        }
}

/* The columns before the first figure column, for labels that span them. */
static size_t label_span(const int *pos)
{
        for (int c = COL_TARGET; c < N_COLS; c++)
                if (pos[c] >= 0)
                        return (size_t)pos[c];
        return 1;
}

struct grid *rtable_indicators(struct rbuild *b, const struct table_score *t, const char *title,
                               const char *subtitle)
{
        if (!t->n_items)
                return NULL;
        struct place *pl = arena_alloc(b->a, t->n_items * sizeof *pl);
        place_items(b, t, pl);
        int pos[N_COLS];
        size_t cols = choose_columns(t, pl, pos);
        struct grid *g = grid_new(b->a, 1, cols);
        g->title = title;
        g->subtitle = subtitle;
        g->header_rows = 1;
        for (int c = 0; c < N_COLS; c++)
                if (pos[c] >= 0) {
                        grid_text(b->a, g, 0, (size_t)pos[c], col_heads[c], HDR);
                        g->widths[pos[c]] =
                            col_widths[c] + (c == COL_NAME && pos[COL_LEVEL] < 0 ? 6 : 0);
                }
        size_t span = label_span(pos);
        if (t->has_execution) {
                size_t row = grid_add_rows(b->a, g, 1);
                const char *name =
                    b->e->scheme->execution.name ? b->e->scheme->execution.name : "预算执行率";
                grid_text(b->a, g, row, 0, name, CF_CENTER);
                if (span > 1)
                        grid_merge(g, row, 0, 1, (unsigned)span);
                int rate = pos[COL_ACTUAL] >= 0 ? pos[COL_ACTUAL] : pos[COL_COMPLETION];
                if (rate >= 0) /* B / A is the item's actual value */
                        grid_number(b->a, g, row, (size_t)rate, t->exec_rate_pct, 2, NUM_PERCENT,
                                    CF_COMPUTED | CF_CENTER);
                grid_number(b->a, g, row, (size_t)pos[COL_WEIGHT], t->exec_weight, -1, NUM_SCORE,
                            0);
                grid_number(b->a, g, row, (size_t)pos[COL_SCORE],
                            dec_is_set(t->exec_score) ? t->exec_score : DEC_ZERO, b->places,
                            NUM_SCORE, CF_COMPUTED);
        }
        size_t first = grid_add_rows(b->a, g, t->n_items);
        for (size_t k = 0; k < t->n_items; k++)
                item_row(b, g, first + k, pos, t, k, pl);
        merge_runs(g, first, pos[COL_LEVEL], pl, t->n_items, true);
        merge_runs(g, first, pos[COL_GROUP], pl, t->n_items, false);

        size_t row = grid_add_rows(b->a, g, 1);
        grid_text(b->a, g, row, 0, "总分", CF_CENTER | CF_BOLD);
        if (span > 1)
                grid_merge(g, row, 0, 1, (unsigned)span);
        dec_t weight = dec_add(t->has_execution ? t->exec_weight : DEC_ZERO, t->weight_total);
        grid_number(b->a, g, row, (size_t)pos[COL_WEIGHT], weight, -1, NUM_SCORE, CF_BOLD);
        grid_number(b->a, g, row, (size_t)pos[COL_SCORE], t->total, b->places, NUM_SCORE,
                    CF_BOLD | CF_COMPUTED);
        int last = pos[COL_BASIS] >= 0 ? pos[COL_BASIS] : pos[COL_DEVIATION];
        if (last >= 0 && t->grade)
                grid_text(b->a, g, row, (size_t)last, rb_printf(b, "评价等级：%s", t->grade),
                          CF_BOLD);
        return g;
}
