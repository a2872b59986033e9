/* Figures derived from a document's primary data (评价基础数据): sums of
 * rows and exact ratios, each with the formula and inputs for explaining
 * a score. Totals come from the rows when the document has rows, and from
 * the stated total row only when it has none. */
#include "engine_int.h"

#include <stddef.h>

__extension__ typedef __int128 i128;

/* ---- exact ratios ------------------------------------------------------------ */

dec_t frac_value(struct frac f, int places)
{
        return dec_div(f.num, f.den, places);
}

dec_t frac_pct(struct frac f, int places)
{
        return dec_muldiv(f.num, dec_from_int(100), f.den, places);
}

int frac_cmp(struct frac f, dec_t v)
{
        /* num/den ? v  ⇔  num × 10^6 ? v × den (den > 0) */
        i128 l = (i128)f.num.raw * DEC_SCALE, r = (i128)v.raw * f.den.raw;
        return (l > r) - (l < r);
}

int frac_cmp_pct(struct frac f, dec_t pct)
{
        /* num/den ? pct/100  ⇔  num × 100 × 10^6 ? pct × den */
        i128 l = (i128)f.num.raw * 100 * DEC_SCALE, r = (i128)pct.raw * f.den.raw;
        return (l > r) - (l < r);
}

/* ---- columns -------------------------------------------------------------------- */

dec_t column_sum(const void *rows, size_t n, size_t stride, size_t off, dec_t fallback)
{
        dec_t sum = DEC_ZERO;
        bool any = false;
        for (size_t i = 0; i < n; i++) {
                dec_t v = *(const dec_t *)((const char *)rows + i * stride + off);
                if (dec_is_set(v)) {
                        sum = dec_add(sum, v);
                        any = true;
                }
        }
        return any ? sum : fallback;
}

dec_t count_dec(int64_t n)
{
        return n == COUNT_NONE ? DEC_NONE : dec_from_int(n);
}

dec_t count_sum(const void *rows, size_t n, size_t stride, size_t off, int64_t fallback)
{
        dec_t sum = DEC_ZERO;
        bool any = false;
        for (size_t i = 0; i < n; i++) {
                int64_t v = *(const int64_t *)((const char *)rows + i * stride + off);
                if (v != COUNT_NONE) {
                        sum = dec_add(sum, dec_from_int(v));
                        any = true;
                }
        }
        return any ? sum : count_dec(fallback);
}

#define COLUMN(table, type, member)                                                                \
        column_sum((table).rows, (table).n_rows, sizeof(type), offsetof(type, member),             \
                   (table).stated.member)
#define COUNTS(table, type, member)                                                                \
        count_sum((table).rows, (table).n_rows, sizeof(type), offsetof(type, member),              \
                  (table).stated.member)

/* ---- figures ---------------------------------------------------------------------- */

dec_t quarter_progress(const struct quarter *q)
{
        return dec_muldiv(q->paid, dec_from_int(100), q->allocated, 2);
}

dec_t parts_sum(const dec_t *parts, size_t n, dec_t fallback)
{
        return column_sum(parts, n, sizeof(dec_t), 0, fallback);
}

dec_t three_public_total(const struct three_public_figures *f)
{
        const dec_t parts[] = {f->overseas, f->vehicles, f->reception};
        return parts_sum(parts, 3, f->stated_total);
}

/* Set *out = num / den when both are set and den > 0; explain with the
 * label, the two inputs and their names. */
static bool ratio(struct frac *out, dec_t num, dec_t den, struct buf *why, const char *label,
                  const char *num_name, const char *den_name, bool pct)
{
        char a[DEC_BUFSZ], b[DEC_BUFSZ], c[DEC_BUFSZ];
        if (!dec_is_set(num) || !dec_is_set(den) || dec_cmp(den, DEC_ZERO) <= 0) {
                if (why)
                        buf_printf(why, "%s：%s%s", label,
                                   !dec_is_set(num)   ? "缺少"
                                   : !dec_is_set(den) ? "缺少"
                                                      : "",
                                   !dec_is_set(num)   ? num_name
                                   : !dec_is_set(den) ? den_name
                                                      : "分母为 0");
                return false;
        }
        out->num = num;
        out->den = den;
        if (why) {
                if (pct)
                        buf_printf(why, "%s = %s %s / %s %s = %s%%", label, num_name,
                                   dec_fmt_grouped(num, -1, a), den_name,
                                   dec_fmt_grouped(den, -1, b), dec_fmt(frac_pct(*out, 2), 2, c));
                else
                        buf_printf(why, "%s = %s %s / %s %s", label, num_name, dec_fmt(num, -1, a),
                                   den_name, dec_fmt(den, -1, b));
        }
        return true;
}

bool figure_value(const struct doc *d, enum figure_id id, struct frac *out, struct buf *why)
{
        const struct perf_data *p = &d->perf;
        const char *label = figure_label(id);
        switch (id) {
        case FIG_PROCUREMENT_RATE:
                return ratio(out, COLUMN(p->procurement, struct procurement_row, actual),
                             COLUMN(p->procurement, struct procurement_row, planned), why, label,
                             "实际采购金额", "采购计划金额", true);
        case FIG_ADJUSTMENT_RATE:
                return ratio(
                    out,
                    dec_abs(COLUMN(p->budget_adjustment, struct adjustment_row, self_adjustment)),
                    COLUMN(p->budget_adjustment, struct adjustment_row, initial), why, label,
                    "自行调整调剂金额", "年初预算数", true);
        case FIG_ASSET_RATE:
                return ratio(out, COLUMN(p->fixed_assets, struct asset_row, in_use),
                             COLUMN(p->fixed_assets, struct asset_row, total), why, label,
                             "在用固定资产", "固定资产总额", true);
        case FIG_STAFF_CONTROL_RATE:
                return ratio(out, COUNTS(p->staffing, struct staff_row, on_payroll),
                             COUNTS(p->staffing, struct staff_row, authorized), why, label,
                             "在编人数", "编制人数", true);
        case FIG_STAFF_EXTRA_RATE: {
                dec_t extra = COUNTS(p->staffing, struct staff_row, extra);
                dec_t payroll = COUNTS(p->staffing, struct staff_row, on_payroll);
                return ratio(out, extra, dec_add(payroll, extra), why, label, "编外人员",
                             "在编与编外人数", true);
        }
        case FIG_THREE_PUBLIC_RATE:
                return ratio(out, three_public_total(&p->three_public.actual),
                             three_public_total(&p->three_public.budget), why, label, "实际支出",
                             "预算数", true);
        case FIG_DAILY_PUBLIC_RATE:
                return ratio(out, p->daily_public.actual, p->daily_public.adjusted, why, label,
                             "决算数", "调整预算数", true);
        case FIG_EXECUTION_RATE:
                return ratio(out, COLUMN(p->execution, struct execution_row, paid),
                             COLUMN(p->execution, struct execution_row, allocated), why, label,
                             "已支付金额", "指标金额", true);
        case FIG_PROJECT_COMPLETION:
                return ratio(out, count_dec(p->projects.completed), count_dec(p->projects.planned),
                             why, label, "已完成项目数", "计划项目数", true);
        case FIG_TASKS_UNFINISHED: {
                dec_t assigned = count_dec(p->key_tasks.assigned),
                      finished = count_dec(p->key_tasks.finished);
                if (!dec_is_set(assigned) || !dec_is_set(finished)) {
                        if (why)
                                buf_printf(why, "%s：缺少重点工作任务数或已完成数", label);
                        return false;
                }
                *out =
                    (struct frac){dec_max(dec_sub(assigned, finished), DEC_ZERO), dec_from_int(1)};
                if (why) {
                        char a[DEC_BUFSZ], b[DEC_BUFSZ], c[DEC_BUFSZ];
                        buf_printf(why, "%s = 任务数 %s − 已完成 %s = %s", label,
                                   dec_fmt(assigned, -1, a), dec_fmt(finished, -1, b),
                                   dec_fmt(out->num, -1, c));
                }
                return true;
        }
        case FIG_PETITION_REPLY:
        case FIG_PETITION_ON_TIME: {
                dec_t received = count_dec(p->petitions.received);
                dec_t done = count_dec(id == FIG_PETITION_REPLY ? p->petitions.answered
                                                                : p->petitions.answered_on_time);
                if (dec_is_set(received) && dec_is_zero(received) && dec_is_set(done)) {
                        /* nothing was received: everything was answered */
                        out->num = out->den = dec_from_int(1);
                        if (why)
                                buf_printf(why, "%s：未收到信访，按 100%% 计", label);
                        return true;
                }
                return ratio(out, done, received, why, label,
                             id == FIG_PETITION_REPLY ? "办理回复数" : "按时办理回复数", "信访件数",
                             true);
        }
        case FIG_SATISFACTION:
                return ratio(out, p->satisfaction_pct, dec_from_int(100), why, label, "满意度数据",
                             "100", true);
        default:
                return false;
        }
}
