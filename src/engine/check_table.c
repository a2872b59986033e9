/* Checks of a scored table (the 自评表 or a 项目表): the manual's blocking
 * rules (splits adding up to A and B, weights totalling 90/100, no score
 * above its weight, a reason for every deduction) and the findings about
 * scores, units, targets, totals and grades. Codes are listed in
 * docs/findings.md. */
#include "engine_int.h"

#include <string.h>

#define D(n) dec_from_int(n)

static const char *table_name(const struct table_score *t)
{
        return table_is_self(t) ? "自评表" : "项目支出表";
}

static const char *money_unit(enum money_unit u)
{
        return u ? enum_name(&enum_money_unit, u) : "万元";
}

/* ---- the budget request ----------------------------------------------------------- */

static void check_split(struct evaluation *e, const struct table_score *t, bool income)
{
        const struct budget_request *b = &t->src->budget;
        const struct split_row *rows = income ? b->by_income : b->by_expenditure;
        size_t n = income ? b->n_by_income : b->n_by_expenditure;
        size_t off =
            income ? offsetof(struct split_row, adjusted) : offsetof(struct split_row, executed);
        dec_t sum = column_sum(rows, n, sizeof(*rows), off, DEC_NONE);
        dec_t whole = income ? b->adjusted : b->executed;
        const char *u = money_unit(b->unit);
        const char *what = income ? "按收入性质分" : "按支出性质分";
        const char *col = income ? "全年预算数（A）" : "全年执行数（B）";
        if (!dec_is_set(sum))
                return;
        dec_t stated_total = income ? b->stated_income_total : b->stated_expenditure_total;
        COMPARE(e, "sum.mismatch", SEV_WARNING,
                EPATH(e, income ? &b->stated_income_total : &b->stated_expenditure_total),
                efmt(e, "%s › 年度预算申请 › %s合计", table_name(t), what), stated_total, sum, 2, u,
                efmt(e, "%s各项之和", what));
        if (!dec_is_set(whole) || dec_eq(sum, whole))
                return;
        struct finding *f = finding_add(e, income ? "split.income" : "split.expenditure", SEV_ERROR,
                                        EPATH(e, income ? &b->by_income : &b->by_expenditure),
                                        efmt(e, "%s › 年度预算申请 › %s", table_name(t), what));
        f->stated = whole;
        f->computed = sum;
        f->rule = efmt(e, "%s = %s各项%s之和", col, what, income ? "全年预算数" : "全年执行数");
        f->message = efmt(e, "%s各项合计 %s %s，与%s %s %s 不等，相差 %s %s。请核对各项金额或%s。",
                          what, edec(e, sum, 2), u, col, edec(e, whole, 2), u,
                          edec(e, dec_abs(dec_sub(sum, whole)), 2), u, col);
}

static void check_execution(struct evaluation *e, const struct table_score *t)
{
        const struct budget_request *b = &t->src->budget;
        const char *u = money_unit(b->unit);
        check_split(e, t, true);
        check_split(e, t, false);
        for (int k = 0; k < 2; k++) {
                const struct split_row *rows = k ? b->by_expenditure : b->by_income;
                size_t n = k ? b->n_by_expenditure : b->n_by_income;
                for (size_t i = 0; i < n; i++) {
                        if (!dec_is_set(rows[i].adjusted) ||
                            dec_cmp(rows[i].adjusted, DEC_ZERO) <= 0)
                                continue;
                        struct frac r = {rows[i].executed, rows[i].adjusted};
                        COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &rows[i].stated_rate_pct),
                                efmt(e, "%s › 年度预算申请 › %s › 执行率", table_name(t),
                                     row_name(rows[i].name)),
                                rows[i].stated_rate_pct,
                                dec_is_set(rows[i].executed) ? frac_pct(r, DEC_DIGITS) : DEC_NONE,
                                2, "%", "全年执行数 / 全年预算数");
                }
        }
        if (!t->has_execution)
                return;
        if (dec_is_set(b->weight) && !dec_eq(b->weight, t->exec_weight)) {
                struct finding *f =
                    finding_add(e, "weights.execution", SEV_ERROR, EPATH(e, &b->weight),
                                efmt(e, "%s › 年度预算申请 › 分值", table_name(t)));
                f->stated = b->weight;
                f->computed = t->exec_weight;
                f->rule = efmt(e, "评分方案“%s”规定预算执行率 %s 分", e->scheme->name,
                               edec(e, t->exec_weight, -1));
                f->message = efmt(e, "年度预算申请的分值为 %s 分，评分方案规定为 %s 分。",
                                  edec(e, b->weight, -1), edec(e, t->exec_weight, -1));
        }
        if (!dec_is_set(t->exec_score)) {
                bool self = table_is_self(t);
                if (self && (!dec_is_set(b->adjusted) || !dec_is_set(b->executed))) {
                        /* the 自评表 cannot go forward without its money */
                        bool no_a = !dec_is_set(b->adjusted);
                        struct finding *f =
                            finding_add(e, "budget.missing", SEV_ERROR,
                                        EPATH(e, no_a ? &b->adjusted : &b->executed),
                                        efmt(e, "%s › 年度预算申请 › %s", table_name(t),
                                             no_a ? "全年预算数（A）" : "全年执行数（B）"));
                        f->rule = "自评表须填写全年预算数（A）和全年执行数（B）";
                        f->message = efmt(e, "请填写%s，预算执行率得分由此计算（现按 0 分计）。",
                                          no_a ? "全年预算数（A）" : "全年执行数（B）");
                } else if (self || dec_is_set(b->adjusted) || dec_is_set(b->executed)) {
                        struct finding *f =
                            finding_add(e, "rule.not_computable", SEV_INFO, EPATH(e, b),
                                        efmt(e, "%s › 年度预算申请", table_name(t)));
                        f->rule = "预算执行率得分 = 分值 × min(全年执行数 / 全年预算数, 1)";
                        f->message = efmt(
                            e,
                            "缺少全年预算数（A）或全年执行数（B），无法计算预算执行率得分，按 0 分计。");
                }
                return;
        }
        const char *rate_rule = "全年执行数（B）/ 全年预算数（A）";
        COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &b->stated_rate_pct),
                efmt(e, "%s › 年度预算申请 › 执行率（B/A）", table_name(t)), b->stated_rate_pct,
                frac_pct((struct frac){b->executed, b->adjusted}, DEC_DIGITS), 2, "%", rate_rule);
        COMPARE(e, "score.mismatch", SEV_WARNING, EPATH(e, &b->stated_score),
                efmt(e, "%s › 年度预算申请 › 得分", table_name(t)), b->stated_score, t->exec_score,
                (int)e->scheme->places, "分",
                efmt(e, "%s × min(B/A, 1)", edec(e, t->exec_weight, -1)));
        if (dec_cmp(b->executed, b->adjusted) > 0) {
                struct finding *f =
                    finding_add(e, "spend.over_budget", SEV_WARNING, EPATH(e, &b->executed),
                                efmt(e, "%s › 年度预算申请 › 全年执行数（B）", table_name(t)));
                f->stated = b->executed;
                f->computed = b->adjusted;
                f->rule = "全年执行数不应超过全年预算数";
                f->message = efmt(
                    e, "全年执行数 %s %s 超过全年预算数 %s %s，执行率 %s%%（得分按 100%% 封顶）。",
                    edec(e, b->executed, 2), u, edec(e, b->adjusted, 2), u,
                    edec(e, t->exec_rate_pct, 2));
        }
}

/* ---- indicators --------------------------------------------------------------------- */

/* The last 度量单位 judged: parsed documents share equal unit strings, so
 * most indicators ask about the same pointer again. */
struct unit_memo {
        const char *unit;
        bool malformed;
};

static void check_units(struct evaluation *e, const struct table_score *t, size_t i,
                        struct unit_memo *memo)
{
        const struct item_score *it = &t->items[i];
        const struct indicator *ind = it->ind;
        if (ind->unit != memo->unit) {
                memo->unit = ind->unit;
                memo->malformed = unit_malformed(ind->unit);
        }
        if (memo->malformed) {
                struct finding *f = finding_add(e, "unit.invalid", SEV_WARNING,
                                                EPATH(e, &ind->unit), item_label(e, t, i));
                f->stated_text = ind->unit;
                f->rule = "度量单位应为 %、万元、个 等单位，不含数值";
                f->message =
                    efmt(e, "“%s”的度量单位写作“%s”，不是一个单位（应为“%%”之类），请改正。",
                         row_name(ind->name), ind->unit);
        }
        const char *tu = ind->target.m.unit ? ind->target.m.unit : ind->unit ? ind->unit : "";
        const char *au = ind->actual.unit ? ind->actual.unit : ind->unit ? ind->unit : "";
        enum unit_check uc = it->units; /* as the quantitative rule found them */
        if (uc == UNIT_INCOMPATIBLE) {
                struct finding *f = finding_add(e, "unit.incompatible", SEV_WARNING,
                                                EPATH(e, &ind->actual), item_label(e, t, i));
                f->stated_text = efmt(e, "%s%s", edec(e, ind->actual.value, -1), au);
                f->computed_text = efmt(e, "%s%s", edec(e, ind->target.m.value, -1), tu);
                f->rule = "实际完成值与年度指标值须可按同一单位比较";
                f->message = efmt(
                    e, "“%s”的实际完成值单位“%s”与年度指标值单位“%s”无法换算，无法按规则计分。",
                    row_name(ind->name), au, tu);
                return;
        }
        if (!dec_is_set(it->actual) || !dec_is_set(it->target) ||
            dec_cmp(it->target, DEC_ZERO) <= 0 || dec_cmp(it->actual, DEC_ZERO) <= 0)
                return;
        /* a ratio of 100 or more either way suggests a wrong unit */
        struct frac r = {it->actual, it->target};
        bool small = frac_cmp_pct(r, D(1)) <= 0, large = frac_cmp_pct(r, D(10000)) >= 0;
        if (small || large) {
                struct finding *f = finding_add(e, "unit.magnitude", SEV_WARNING,
                                                EPATH(e, &ind->actual), item_label(e, t, i));
                f->stated = ind->actual.value;
                f->computed = it->actual;
                f->places = -1;
                f->stated_text = efmt(e, "%s%s", edec(e, ind->actual.value, -1), au);
                f->computed_text = efmt(e, "%s%s", edec(e, it->actual, -1), tu);
                f->rule = "实际完成值与年度指标值应在同一数量级";
                if (uc == UNIT_CONVERTED)
                        f->message = efmt(
                            e,
                            "“%s”的实际完成值写作 %s%s，而年度指标值以“%s”计（%s%s%s）；换算为 %s%s 后仅为目标的 %s%%，疑为单位错误（可能应为 %s%s）。",
                            row_name(ind->name), edec(e, ind->actual.value, -1), au, tu,
                            enum_label(&enum_cmp_op, ind->target.op ? ind->target.op : CMP_EQ),
                            edec(e, it->target, -1), tu, edec(e, it->actual, -1), tu,
                            edec(e, frac_pct(r, 2), 2), edec(e, ind->actual.value, -1), tu);
                else
                        f->message = efmt(
                            e,
                            "“%s”的实际完成值 %s%s 是年度指标值 %s%s 的 %s%%，相差两个数量级以上，疑为单位或数值错误。",
                            row_name(ind->name), edec(e, it->actual, -1), tu,
                            edec(e, it->target, -1), tu, edec(e, frac_pct(r, 2), 2));
        } else if (uc == UNIT_CONVERTED) {
                struct finding *f = finding_add(e, "unit.converted", SEV_INFO,
                                                EPATH(e, &ind->actual), item_label(e, t, i));
                f->stated_text = efmt(e, "%s%s", edec(e, ind->actual.value, -1), au);
                f->computed_text = efmt(e, "%s%s", edec(e, it->actual, -1), tu);
                f->rule = "按年度指标值的单位计分";
                f->message = efmt(e, "“%s”的实际完成值以“%s”填写，按“%s”换算后计分。",
                                  row_name(ind->name), au, tu);
        }
}

static void check_completion(struct evaluation *e, const struct table_score *t, size_t i)
{
        const struct item_score *it = &t->items[i];
        const struct indicator *ind = it->ind;
        if (!it->has_completion)
                return;
        struct frac c = {it->completion_num, it->completion_den};
        bool ge = it->applied == APPLIED_GE || it->applied == APPLIED_EQ;
        bool far = ge && frac_cmp_pct(c, e->scheme->far_above_pct) >= 0;
        if (!far && !dec_is_set(ind->stated_completion_pct) && !e->record_cells)
                return; /* nothing to compare: spare the division */
        dec_t pct = frac_pct(c, DEC_DIGITS);
        COMPARE(e, "completion.mismatch", SEV_WARNING, EPATH(e, &ind->stated_completion_pct),
                efmt(e, "%s › 完成率", item_label(e, t, i)), ind->stated_completion_pct, pct, 2,
                "%",
                it->applied == APPLIED_LE_RATIO || it->applied == APPLIED_LE_LINEAR
                    ? "年度指标值 / 实际完成值"
                    : "实际完成值 / 年度指标值");
        if (far) {
                struct finding *f = finding_add(e, "target.too_low", SEV_WARNING,
                                                EPATH(e, &ind->target), item_label(e, t, i));
                f->stated = it->target;
                f->computed = dec_round(pct, 2);
                f->places = -1;
                f->rule = efmt(e, "完成值达到指标值的 %s%% 以上，应分析目标是否设置过低",
                               edec(e, e->scheme->far_above_pct, -1));
                f->message = efmt(
                    e,
                    "“%s”实际完成值是年度指标值的 %s%%，远超目标。按 2020 年绩效自评规则，应在偏差原因中分析目标设置是否偏低，并视情况扣减得分%s。",
                    row_name(ind->name), edec(e, pct, 2),
                    ind->deviation ? "" : "（目前未填写偏差原因）");
        }
}

static void check_item(struct evaluation *e, const struct table_score *t, size_t i,
                       struct unit_memo *memo)
{
        const struct item_score *it = &t->items[i];
        const struct indicator *ind = it->ind;
        const struct scheme *s = e->scheme;
        int places = (int)s->places;
        if (!ind) {
                struct finding *f = finding_add(e, "scheme.missing_indicator", SEV_ERROR,
                                                EPATH(e, &t->src->indicators), item_label(e, t, i));
                f->computed = it->weight;
                f->rule = efmt(e, "评分方案“%s”的每个指标都须填写", s->name);
                f->message =
                    efmt(e, "表中缺少评分方案规定的指标“%s”（编码 %s，%s 分），按 0 分计。",
                         it->def->name, it->def->code, edec(e, it->def->weight, -1));
                return;
        }
        if (e->record_cells)
                note_cell(e, EPATH(e, &ind->score), it->score, NULL);
        if (it->def && dec_is_set(ind->weight) && !dec_eq(ind->weight, it->def->weight)) {
                struct finding *f = finding_add(e, "weights.scheme", SEV_ERROR,
                                                EPATH(e, &ind->weight), item_label(e, t, i));
                f->stated = ind->weight;
                f->computed = it->def->weight;
                f->rule = efmt(e, "评分方案“%s”规定的分值", s->name);
                f->message = efmt(e, "“%s”的分值为 %s，评分方案规定为 %s。", row_name(ind->name),
                                  edec(e, ind->weight, -1), edec(e, it->def->weight, -1));
        }
        dec_t w = it->weight;
        /* a score above the weight is one mistake with one message at the
         * score: nothing else is said about that score */
        bool over = dec_is_set(ind->score) && dec_is_set(w) && dec_cmp(ind->score, w) > 0;
        if (over) {
                struct finding *f = finding_add(e, "score.above_weight", SEV_ERROR,
                                                EPATH(e, &ind->score), item_label(e, t, i));
                f->stated = ind->score;
                f->computed = w;
                f->rule = "得分不能超过分值";
                f->message = efmt(e, "得分不能超过分值：“%s”的分值为 %s，填写的得分是 %s，请改正。",
                                  row_name(ind->name), edec(e, w, -1), edec(e, ind->score, -1));
        }
        /* the score a deviation is judged by: the one given, else the rule's */
        dec_t given = dec_is_set(ind->score)      ? ind->score
                      : it->basis == BASIS_RULE ? it->score
                                                : DEC_NONE;
        bool unexplained = s->require_deviation && dec_is_set(given) && dec_is_set(w) &&
                           dec_cmp(given, w) < 0 && !ind->not_applicable &&
                           !(ind->deviation && *ind->deviation);
        if (unexplained) {
                struct finding *f = finding_add(e, "deviation.missing", SEV_ERROR,
                                                EPATH(e, &ind->deviation), item_label(e, t, i));
                f->stated = given;
                f->computed = w;
                f->rule = "得分低于分值的指标须填写偏差原因";
                bool ruled = it->basis == BASIS_RULE && !dec_eq(given, it->score);
                f->message = efmt(
                    e, "“%s”得分 %s 低于分值 %s%s%s%s，但没有填写偏差原因分析，请补充扣分原因。",
                    row_name(ind->name), edec(e, given, -1), edec(e, w, -1),
                    ruled ? "（按规则计算为 " : "", ruled ? edec(e, it->score, places) : "",
                    ruled ? "）" : "");
        }
        if (it->basis == BASIS_STATED) {
                struct finding *f = finding_add(e, "rule.not_computable", SEV_INFO, EPATH(e, ind),
                                                item_label(e, t, i));
                f->stated = ind->score;
                struct buf why = BUF_INIT;
                engine_explain(e, t, i, &why);
                f->rule = arena_strdup(e->arena, buf_str(&why));
                buf_free(&why);
                f->message = efmt(e, "“%s”缺少按规则计分所需的数据，无法复核，暂按表列得分 %s 计。",
                                  row_name(ind->name),
                                  dec_is_set(ind->score) ? edec(e, ind->score, -1) : "0");
        } else if (dec_is_set(ind->score) && it->basis != BASIS_NOT_APPLICABLE && !over &&
                   !dec_eq(dec_round(ind->score, places), it->score) &&
                   !(unexplained && dec_cmp(ind->score, it->score) < 0)) {
                /* (a score below the rule's without a 偏差原因: the missing
                 * reason is the one message) */
                bool above = dec_cmp(ind->score, it->score) > 0;
                const char *code = it->def ? "score.mismatch"
                                   : above ? "score.above_rule"
                                           : "score.below_rule";
                enum severity sev = it->def || above ? SEV_WARNING : SEV_INFO;
                struct finding *f =
                    finding_add(e, code, sev, EPATH(e, &ind->score), item_label(e, t, i));
                f->stated = ind->score;
                f->computed = it->score;
                struct buf why = BUF_INIT;
                engine_explain(e, t, i, &why);
                f->rule = arena_strdup(e->arena, buf_str(&why));
                buf_free(&why);
                f->message = efmt(e, "“%s”表列得分 %s，按规则计算为 %s（%s %s）。",
                                  row_name(ind->name), edec(e, ind->score, -1),
                                  edec(e, it->score, places), above ? "高出" : "低了",
                                  edec(e, dec_abs(dec_sub(ind->score, it->score)), places));
        }
        if (it->band_conflict && !over) {
                struct finding *f = finding_add(e, "qualitative.band", SEV_WARNING,
                                                EPATH(e, &ind->score), item_label(e, t, i));
                f->stated = ind->score;
                f->computed = it->score;
                f->rule = "定性指标的得分须在所选档次的区间内";
                f->message =
                    efmt(e, "“%s”选择了“%s”档，但得分 %s 不在该档区间内。", row_name(ind->name),
                         enum_label(&enum_qual_band, ind->band), edec(e, ind->score, -1));
        }
        if (!it->def && dec_is_set(ind->target.m.value) && !ind->target.op &&
            (ind->kind == KIND_QUANT || ind->kind == KIND_UNSET)) {
                struct finding *f = finding_add(e, "target.no_comparator", SEV_INFO,
                                                EPATH(e, &ind->target.op), item_label(e, t, i));
                f->rule = "年度指标值应写明比较符 ≥、≤、=、>、<";
                f->message = efmt(e, "“%s”的年度指标值 %s 没有写比较符，按“=”计分。",
                                  row_name(ind->name), edec(e, ind->target.m.value, -1));
        }
        if (!it->def) {
                check_units(e, t, i, memo);
                check_completion(e, t, i);
        }
}

/* Codes of the document's rows that the fixed scheme does not know. */
static void check_unknown_codes(struct evaluation *e, const struct table_score *t)
{
        const struct score_table *src = t->src;
        for (size_t i = 0; i < src->n_indicators; i++)
                for (size_t j = 0; j < src->indicators[i].n_groups; j++)
                        for (size_t m = 0; m < src->indicators[i].groups[j].n_items; m++) {
                                const struct indicator *ind =
                                    &src->indicators[i].groups[j].items[m];
                                bool known = false;
                                for (size_t k = 0; k < t->n_items && !known; k++)
                                        known = t->items[k].ind == ind;
                                if (known)
                                        continue;
                                struct finding *f = finding_add(
                                    e, "scheme.unknown_indicator", SEV_ERROR, EPATH(e, &ind->code),
                                    efmt(e, "%s › %s", table_name(t), row_name(ind->name)));
                                f->stated_text = ind->code;
                                f->rule =
                                    efmt(e, "指标编码须是评分方案“%s”中的编码", e->scheme->name);
                                f->message =
                                    efmt(e, "指标“%s”的编码“%s”不在评分方案“%s”中，无法计分。",
                                         row_name(ind->name), ind->code ? ind->code : "（未填写）",
                                         e->scheme->name);
                        }
}

/* Stated weights and scores of levels and groups against their sums. */
static void check_levels(struct evaluation *e, const struct table_score *t)
{
        const struct score_table *src = t->src;
        /* one pass over the items sums each group's weights and scores
         * (items may be in the scheme's order, not the table's) */
        size_t n_groups = 0;
        size_t *first = arena_alloc(e->arena, (src->n_indicators + 1) * sizeof(*first));
        for (size_t i = 0; i < src->n_indicators; i++) {
                first[i] = n_groups;
                n_groups += src->indicators[i].n_groups;
        }
        dec_t *gw = arena_alloc(e->arena, (n_groups + 1) * 2 * sizeof(dec_t)),
              *gs = gw + n_groups + 1;
        for (size_t g = 0; g < n_groups; g++)
                gw[g] = gs[g] = DEC_ZERO;
        for (size_t k = 0; k < t->n_items; k++) {
                const struct item_score *it = &t->items[k];
                if (!it->ind)
                        continue;
                size_t g = first[it->level] + it->group;
                if (dec_is_set(it->ind->weight))
                        gw[g] = dec_add(gw[g], it->ind->weight);
                gs[g] = dec_add(gs[g], it->score);
        }
        for (size_t i = 0; i < src->n_indicators; i++) {
                const struct ind_level *l = &src->indicators[i];
                dec_t lw = DEC_ZERO, ls = DEC_ZERO;
                for (size_t j = 0; j < l->n_groups; j++) {
                        const struct ind_group *g = &l->groups[j];
                        dec_t w = gw[first[i] + j], sc = gs[first[i] + j];
                        COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, &g->stated_weight),
                                efmt(e, "%s › %s › %s › 分值", table_name(t), row_name(l->name),
                                     row_name(g->name)),
                                g->stated_weight, w, 2, "分", "所属三级指标分值之和");
                        COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, &g->stated_score),
                                efmt(e, "%s › %s › %s › 得分", table_name(t), row_name(l->name),
                                     row_name(g->name)),
                                g->stated_score, sc, 2, "分", "所属三级指标得分之和");
                        lw = dec_add(lw, w);
                        ls = dec_add(ls, sc);
                }
                COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, &l->stated_weight),
                        efmt(e, "%s › %s › 分值", table_name(t), row_name(l->name)),
                        l->stated_weight, lw, 2, "分", "所属三级指标分值之和");
                COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, &l->stated_score),
                        efmt(e, "%s › %s › 得分", table_name(t), row_name(l->name)),
                        l->stated_score, ls, 2, "分", "所属三级指标得分之和");
        }
}

static void check_weights(struct evaluation *e, const struct table_score *t, bool self)
{
        const struct scheme *s = e->scheme;
        if (!self && t->src->n_indicators == 0) {
                struct finding *f = finding_add(
                    e, "project.no_indicators", SEV_ERROR, EPATH(e, &t->src->indicators),
                    efmt(e, "项目支出表 › %s", row_name(e->doc->projects[t - e->projects].name)));
                f->rule = "每个项目的自评表单独计 100 分";
                f->message = efmt(
                    e,
                    "项目“%s”的自评表没有填写绩效指标，请按部门整体自评表的格式填写（指标分值合计 %s 分）。",
                    row_name(e->doc->projects[t - e->projects].name),
                    edec(e, dec_sub(s->total, t->exec_weight), -1));
                return;
        }
        if (self && s->n_tree)
                return; /* the scheme fixes the weights (checked per item) */
        dec_t expect = t->has_execution ? dec_sub(s->total, t->exec_weight) : s->total;
        if (self)
                expect = s->indicator_weight;
        if ((t->n_items == 0 && !self) || dec_eq(t->weight_total, expect))
                return; /* an empty project table is project.no_indicators */
        struct finding *f =
            finding_add(e, "weights.total", SEV_ERROR, EPATH(e, &t->src->indicators),
                        efmt(e, "%s › 绩效指标", table_name(t)));
        f->stated = t->weight_total;
        f->computed = expect;
        f->rule =
            t->has_execution
                ? efmt(e, "绩效指标分值合计须为 %s 分（总分 %s 分含预算执行率 %s 分）",
                       edec(e, expect, -1), edec(e, s->total, -1), edec(e, t->exec_weight, -1))
                : efmt(e, "绩效指标分值合计须为 %s 分", edec(e, expect, -1));
        f->message = efmt(e, "绩效指标分值合计 %s 分，应为 %s 分，请调整各指标分值。",
                          edec(e, t->weight_total, -1), edec(e, expect, -1));
}

static void check_totals(struct evaluation *e, const struct table_score *t)
{
        const struct score_table *src = t->src;
        const struct scheme *s = e->scheme;
        int places = (int)s->places;
        if (e->record_cells) {
                note_cell(e, EPATH(e, &src->stated_total), t->total, NULL);
                note_cell(e, EPATH(e, &src->stated_grade), DEC_NONE, t->grade);
                /* figures no table states, for the edit pages: named after the
                 * table (see engine_cell), as no member of the document holds them */
                note_cell(e, efmt(e, "%s.weight_total", t->path), t->weight_total, NULL);
                note_cell(e, efmt(e, "%s.indicator_score", t->path), t->indicator_score, NULL);
        }
        if (e->adopting) { /* settling: the total and the grade are the engine's, nobody types them */
                adopt_value(e, EPATH(e, &src->stated_total), t->total, NULL);
                adopt_value(e, EPATH(e, &src->stated_grade), DEC_NONE, t->grade);
        }
        if (dec_is_set(src->stated_total)) {
                /* the table's own arithmetic: its total against its printed
                 * scores — when no score was reported on its own row already
                 * (one mistake, one message) */
                dec_t stated_sum = t->has_execution && dec_is_set(src->budget.stated_score)
                                       ? src->budget.stated_score
                                       : DEC_ZERO;
                bool all = true, explained = false;
                for (size_t i = 0; i < t->n_items; i++) {
                        const struct item_score *it = &t->items[i];
                        if (it->ind && dec_is_set(it->ind->score)) {
                                stated_sum = dec_add(stated_sum, it->ind->score);
                                explained |= it->basis != BASIS_NOT_APPLICABLE &&
                                             !dec_eq(dec_round(it->ind->score, places), it->score);
                        } else {
                                all = false;
                        }
                }
                if (all && !explained && t->n_items && !dec_eq(stated_sum, src->stated_total)) {
                        struct finding *f = finding_add(e, "sum.stated_total", SEV_WARNING,
                                                        EPATH(e, &src->stated_total),
                                                        efmt(e, "%s › 总分", table_name(t)));
                        f->stated = src->stated_total;
                        f->computed = stated_sum;
                        f->rule = "总分 = 预算执行率得分 + 各指标得分（按表列数）";
                        f->message = efmt(e, "表列总分 %s，而表中各项得分相加为 %s。",
                                          edec(e, src->stated_total, -1), edec(e, stated_sum, -1));
                }
                if (!dec_eq(dec_round(src->stated_total, places), t->total)) {
                        struct finding *f = finding_add(e, "total.mismatch", SEV_WARNING,
                                                        EPATH(e, &src->stated_total),
                                                        efmt(e, "%s › 总分", table_name(t)));
                        f->stated = src->stated_total;
                        f->computed = t->total;
                        f->rule = "总分 = 预算执行率得分 + 各指标按规则计算的得分";
                        f->message =
                            efmt(e, "表列总分 %s，按规则计算为 %s（%s %s）。",
                                 edec(e, src->stated_total, -1), edec(e, t->total, places),
                                 dec_cmp(src->stated_total, t->total) > 0 ? "高出" : "低了",
                                 edec(e, dec_abs(dec_sub(src->stated_total, t->total)), places));
                }
        }
        if (src->stated_grade && t->grade && strcmp(src->stated_grade, t->grade) != 0) {
                struct finding *f =
                    finding_add(e, "grade.mismatch", SEV_WARNING, EPATH(e, &src->stated_grade),
                                efmt(e, "%s › 评价等级", table_name(t)));
                f->stated_text = src->stated_grade;
                f->computed_text = t->grade;
                f->rule = efmt(e, "评分方案“%s”的等级划分", s->name);
                f->message = efmt(e, "表列等级“%s”，按计算总分 %s 应为“%s”。", src->stated_grade,
                                  edec(e, t->total, places), t->grade);
        }
        /* 指标得分与预算执行率得分的偏离 (the ministry's module warns above 5%) */
        if (!t->has_execution || !dec_is_set(t->exec_score) ||
            dec_cmp(t->weight_total, DEC_ZERO) <= 0 || dec_cmp(t->indicator_score, DEC_ZERO) <= 0)
                return;
        dec_t ind_share = dec_div(t->indicator_score, t->weight_total, DEC_DIGITS);
        dec_t exec_share = dec_div(t->exec_score, t->exec_weight, DEC_DIGITS);
        dec_t dev = dec_muldiv(dec_sub(ind_share, exec_share), D(100), ind_share, 2);
        if (dec_cmp(dev, s->balance_pct) > 0) {
                struct finding *f =
                    finding_add(e, "balance.execution", SEV_WARNING, EPATH(e, &src->indicators),
                                efmt(e, "%s › 绩效指标与预算执行率", table_name(t)));
                f->stated = dev;
                f->computed = s->balance_pct;
                f->rule =
                    "(指标得分 / 指标分值 − 预算执行率得分 / 预算执行率分值) / (指标得分 / 指标分值) 不应超过阈值";
                f->message = efmt(
                    e,
                    "绩效指标得分率 %s%% 高出预算执行得分率 %s%%，偏离 %s%%，超过 %s%%：指标完成情况与资金执行情况不匹配，请核实。",
                    edec(e, dec_mul(ind_share, D(100), 2), 2),
                    edec(e, dec_mul(exec_share, D(100), 2), 2), edec(e, dev, 2),
                    edec(e, s->balance_pct, -1));
        }
}

static void check_main_tasks(struct evaluation *e)
{
        const struct self_eval *se = &e->doc->self;
        const char *u = money_unit(se->table.budget.unit);
        for (size_t i = 0; i < se->n_main_tasks; i++) {
                const struct main_task *m = &se->main_tasks[i];
                if (!dec_is_set(m->budget) || !dec_is_set(m->executed) ||
                    dec_cmp(m->budget, DEC_ZERO) <= 0)
                        continue;
                COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &m->stated_rate_pct),
                        efmt(e, "自评表 › 年度主要任务 › %s › 预算执行率", m->name),
                        m->stated_rate_pct,
                        frac_pct((struct frac){m->executed, m->budget}, DEC_DIGITS), 2, "%",
                        "预算执行数 / 预算资金");
                if (dec_cmp(m->executed, m->budget) > 0) {
                        struct finding *f =
                            finding_add(e, "spend.over_budget", SEV_WARNING, EPATH(e, &m->executed),
                                        efmt(e, "自评表 › 年度主要任务 › %s", m->name));
                        f->stated = m->executed;
                        f->computed = m->budget;
                        f->rule = "预算执行数不应超过预算资金";
                        f->message =
                            efmt(e, "“%s”执行 %s %s，超过预算资金 %s %s（超出 %s %s）。", m->name,
                                 edec(e, m->executed, 2), u, edec(e, m->budget, 2), u,
                                 edec(e, dec_sub(m->executed, m->budget), 2), u);
                }
        }
}

void check_table(struct evaluation *e, struct table_score *t, bool self)
{
        check_execution(e, t);
        check_weights(e, t, self);
        if (self && e->scheme->n_tree)
                check_unknown_codes(e, t);
        struct unit_memo memo = {NULL, false};
        for (size_t i = 0; i < t->n_items; i++)
                check_item(e, t, i, &memo);
        check_levels(e, t);
        if (self || t->src->n_indicators) /* an empty project table is reported once, above */
                check_totals(e, t);
        if (self)
                check_main_tasks(e);
}
