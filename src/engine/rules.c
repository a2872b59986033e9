/* The scoring rules.
 *
 * rule_apply() evaluates a scheme rule (evaluator, checklist, ratio, tiers,
 * deduction, quarterly, adjustment, sum) over the document's figures;
 * indicator_rule() applies the generic rules to an indicator the document
 * defines itself (quantitative ≥ ≤ = > <, qualitative in three bands).
 * Results carry 6 decimals; the scorer rounds each score once. When why is
 * given, each rule appends its formula with the actual inputs. */
#include "engine_int.h"

#include <string.h>

#define D(n) dec_from_int(n)

static dec_t clamp(dec_t v, dec_t lo, dec_t hi)
{
        return dec_max(lo, dec_min(v, hi));
}

static const char *fmt(dec_t v, char buf[DEC_BUFSZ])
{
        return dec_fmt(v, -1, buf);
}

/* Append to why, separated from what is there by "；". EXPLAIN skips the
 * formatting of its arguments entirely when no explanation is wanted, which
 * is the case on the hot path. */
static void explain(struct buf *why, const char *fmt_, ...) __attribute__((format(printf, 2, 3)));
#define EXPLAIN(why, ...)                                                                          \
        do {                                                                                       \
                if (why)                                                                           \
                        explain(why, __VA_ARGS__);                                                 \
        } while (0)

static void explain(struct buf *why, const char *fmt_, ...)
{
        if (why->len)
                buf_puts(why, "；");
        va_list ap;
        va_start(ap, fmt_);
        buf_vprintf(why, fmt_, ap);
        va_end(ap);
}

/* ---- scheme rules ------------------------------------------------------------ */

static bool figure(const struct rule *r, struct rule_in *in, struct frac *f)
{
        struct buf part = BUF_INIT;
        bool ok = figure_value(in->doc, r->figure, f, in->why ? &part : NULL);
        if (in->why)
                EXPLAIN(in->why, "%s", buf_str(&part));
        buf_free(&part);
        if (!ok)
                in->missing = true;
        return ok;
}

static dec_t evaluator(const struct rule *r, struct rule_in *in)
{
        char a[DEC_BUFSZ];
        if (!in->ind || !dec_is_set(in->ind->score)) {
                in->missing = true;
                EXPLAIN(in->why, "评价人打分：未给分");
                return DEC_ZERO;
        }
        in->evaluator = true;
        dec_t v = clamp(in->ind->score, DEC_ZERO, r->points);
        EXPLAIN(in->why, "评价人打分 %s", fmt(v, a));
        return v;
}

static dec_t checklist(const struct rule *r, struct rule_in *in)
{
        char a[DEC_BUFSZ];
        dec_t sum = DEC_ZERO;
        struct buf terms = BUF_INIT;
        for (size_t i = 0; i < r->n_criteria; i++) {
                size_t k = in->cursor++;
                if (!in->ind || k >= in->ind->n_criteria) {
                        in->missing = true;
                        if (in->why)
                                buf_printf(&terms, "%s?", i ? " + " : "");
                        continue;
                }
                dec_t v = clamp(in->ind->criteria[k], DEC_ZERO, r->criteria[i].points);
                sum = dec_add(sum, v);
                if (in->why)
                        buf_printf(&terms, "%s%s", i ? " + " : "", fmt(v, a));
        }
        if (in->why) {
                if (r->n_criteria > 1)
                        EXPLAIN(in->why, "评分要点 %s = %s", buf_str(&terms), fmt(sum, a));
                else
                        EXPLAIN(in->why, "%s %s", r->name ? r->name : "评分要点", buf_str(&terms));
        }
        buf_free(&terms);
        return sum;
}

static dec_t ratio_rule(const struct rule *r, struct rule_in *in)
{
        char a[DEC_BUFSZ], b[DEC_BUFSZ];
        struct frac f;
        if (!figure(r, in, &f))
                return DEC_ZERO;
        if (dec_cmp(f.num, f.den) > 0) {
                if (r->zero_above_one) {
                        EXPLAIN(in->why, "超过 100%%，得 0");
                        return DEC_ZERO;
                }
                f.num = f.den; /* capped at 1 */
        }
        dec_t v = dec_muldiv(r->points, f.num, f.den, DEC_DIGITS);
        EXPLAIN(in->why, "%s × %s = %s", fmt(r->points, a), dec_fmt(frac_value(f, 4), -1, b),
                dec_fmt(v, 2, (char[DEC_BUFSZ]){0}));
        return v;
}

static bool in_tier(struct frac f, const struct tier *t, bool rate)
{
        /* rate bounds are in percent: compare num/den with bound / 100 */
        dec_t lo = rate && dec_is_set(t->min) ? dec_div(t->min, D(100), DEC_DIGITS) : t->min;
        dec_t hi = rate && dec_is_set(t->max) ? dec_div(t->max, D(100), DEC_DIGITS) : t->max;
        if (dec_is_set(lo)) {
                int c = frac_cmp(f, lo);
                if (c < 0 || (c == 0 && t->min_open))
                        return false;
        }
        if (dec_is_set(hi)) {
                int c = frac_cmp(f, hi);
                if (c > 0 || (c == 0 && t->max_open))
                        return false;
        }
        return true;
}

/* "5%≤x≤10%", "<5%", ">10%": a band in words. */
static void tier_text(const struct tier *t, bool rate, struct buf *out)
{
        char a[DEC_BUFSZ];
        const char *u = rate ? "%" : "";
        if (dec_is_set(t->min) && dec_is_set(t->max)) {
                buf_printf(out, "%s%s%s", fmt(t->min, a), u, t->min_open ? "<" : "≤");
                buf_printf(out, "x%s%s%s", t->max_open ? "<" : "≤", fmt(t->max, a), u);
        } else if (dec_is_set(t->min)) {
                buf_printf(out, "%s%s%s", t->min_open ? ">" : "≥", fmt(t->min, a), u);
        } else if (dec_is_set(t->max)) {
                buf_printf(out, "%s%s%s", t->max_open ? "<" : "≤", fmt(t->max, a), u);
        } else {
                buf_puts(out, "任何值");
        }
}

static dec_t tiers(const struct rule *r, struct rule_in *in)
{
        char a[DEC_BUFSZ];
        struct frac f;
        if (!figure(r, in, &f))
                return DEC_ZERO;
        bool rate = figure_is_rate(r->figure);
        for (size_t i = 0; i < r->n_tiers; i++) {
                if (!in_tier(f, &r->tiers[i], rate))
                        continue;
                if (in->why) {
                        struct buf band = BUF_INIT;
                        tier_text(&r->tiers[i], rate, &band);
                        EXPLAIN(in->why, "属“%s”一档，得 %s", buf_str(&band),
                                fmt(r->tiers[i].points, a));
                        buf_free(&band);
                }
                return r->tiers[i].points;
        }
        EXPLAIN(in->why, "不在任何一档，得 0");
        return DEC_ZERO;
}

static dec_t deduction(const struct rule *r, struct rule_in *in)
{
        char a[DEC_BUFSZ], b[DEC_BUFSZ], c[DEC_BUFSZ];
        struct frac f;
        if (!figure(r, in, &f))
                return DEC_ZERO;
        dec_t count = frac_value(f, DEC_DIGITS);
        dec_t v = dec_max(DEC_ZERO, dec_sub(r->points, dec_mul(r->per_item, count, DEC_DIGITS)));
        EXPLAIN(in->why, "%s − %s × %s = %s", fmt(r->points, a), fmt(r->per_item, b), fmt(count, c),
                fmt(v, (char[DEC_BUFSZ]){0}));
        return v;
}

static dec_t adjustment(const struct rule *r, struct rule_in *in)
{
        char a[DEC_BUFSZ], b[DEC_BUFSZ];
        struct frac f;
        if (!figure(r, in, &f))
                return DEC_ZERO;
        dec_t pct = frac_pct(f, DEC_DIGITS);
        if (dec_cmp(pct, r->threshold_pct) <= 0) {
                EXPLAIN(in->why, "在 %s%% 以内，得 %s", fmt(r->threshold_pct, a),
                        fmt(r->points, b));
                return r->points;
        }
        dec_t over = dec_sub(pct, r->threshold_pct);
        dec_t v = dec_max(DEC_ZERO, dec_sub(r->points, dec_mul(r->per_point, over, DEC_DIGITS)));
        EXPLAIN(in->why, "超出 %s%% 共 %s 个百分点，扣 %s × %s，得 %s", fmt(r->threshold_pct, a),
                dec_fmt(over, 2, b), fmt(r->per_point, (char[DEC_BUFSZ]){0}),
                dec_fmt(over, 2, (char[DEC_BUFSZ]){0}), dec_fmt(v, 2, (char[DEC_BUFSZ]){0}));
        return v;
}

static const char *const quarter_names[] = {"一季度", "二季度", "三季度", "四季度"};

static dec_t quarterly(const struct rule *r, struct rule_in *in)
{
        char a[DEC_BUFSZ], b[DEC_BUFSZ], c[DEC_BUFSZ], d[DEC_BUFSZ];
        const struct quarterly *q = &in->doc->perf.quarterly;
        dec_t parts = DEC_ZERO, ratios = DEC_ZERO;
        for (size_t i = 0; i < 4; i++) {
                const struct quarter *qq = i < q->n_quarters ? &q->quarters[i] : NULL;
                if (!qq || !dec_is_set(qq->paid) || !dec_is_set(qq->allocated) ||
                    dec_cmp(qq->allocated, DEC_ZERO) <= 0) {
                        in->missing = true;
                        EXPLAIN(in->why, "%s：缺少指标金额或累计支付金额", quarter_names[i]);
                        continue;
                }
                dec_t progress = quarter_progress(qq);
                dec_t ratio = dec_div(progress, r->time_progress_pct[i], DEC_DIGITS);
                dec_t part = dec_mul(dec_min(ratio, D(1)), r->quarter_points, DEC_DIGITS);
                parts = dec_add(parts, part);
                ratios = dec_add(ratios, ratio);
                EXPLAIN(in->why, "%s进度 %s%% ÷ 序时进度 %s%% = %s%%，得 %s", quarter_names[i],
                        dec_fmt(progress, 2, a), fmt(r->time_progress_pct[i], b),
                        dec_fmt(dec_mul(ratio, D(100), 2), 2, c), dec_fmt(part, 4, d));
        }
        dec_t average = dec_div(ratios, D(4), DEC_DIGITS);
        dec_t avg_part = dec_mul(dec_min(average, D(1)), r->average_points, DEC_DIGITS);
        EXPLAIN(in->why, "全年平均执行率 %s%% × %s = %s",
                dec_fmt(dec_mul(average, D(100), 2), 2, a), fmt(r->average_points, b),
                dec_fmt(avg_part, 4, c));
        return dec_add(parts, avg_part);
}

dec_t rule_apply(const struct rule *r, struct rule_in *in)
{
        dec_t v;
        switch (r->kind) {
        case RULE_EVALUATOR:
                v = evaluator(r, in);
                break;
        case RULE_CHECKLIST:
                v = checklist(r, in);
                break;
        case RULE_RATIO:
                v = ratio_rule(r, in);
                break;
        case RULE_TIERS:
                v = tiers(r, in);
                break;
        case RULE_DEDUCTION:
                v = deduction(r, in);
                break;
        case RULE_QUARTERLY:
                v = quarterly(r, in);
                break;
        case RULE_ADJUSTMENT:
                v = adjustment(r, in);
                break;
        case RULE_SUM: {
                char a[DEC_BUFSZ];
                v = DEC_ZERO;
                for (size_t i = 0; i < r->n_parts; i++)
                        v = dec_add(v, rule_apply(&r->parts[i], in));
                if (r->n_parts > 1)
                        EXPLAIN(in->why, "合计 %s", dec_fmt(clamp(v, DEC_ZERO, r->points), 2, a));
                break;
        }
        default:
                v = DEC_ZERO;
        }
        return clamp(v, DEC_ZERO, r->points);
}

/* ---- generic indicator rules ------------------------------------------------------- */

void qualitative_bounds(const struct scheme *s, enum qual_band b, dec_t w, dec_t *lo, dec_t *hi)
{
        dec_t a = dec_muldiv(w, s->qualitative.achieved_min_pct, D(100), DEC_DIGITS);
        dec_t p = dec_muldiv(w, s->qualitative.partial_min_pct, D(100), DEC_DIGITS);
        switch (b) {
        case BAND_ACHIEVED:
                *lo = a, *hi = w;
                break;
        case BAND_PARTIAL:
                *lo = p, *hi = a;
                break;
        default:
                *lo = DEC_ZERO, *hi = p;
                break;
        }
}

/* The stated score is the fallback when no rule can be applied. */
static void use_stated(const struct indicator *ind, dec_t w, struct ind_eval *o, struct buf *why,
                       const char *reason)
{
        char a[DEC_BUFSZ];
        o->basis = BASIS_STATED;
        o->raw = dec_is_set(ind->score) ? clamp(ind->score, DEC_ZERO, w) : DEC_ZERO;
        EXPLAIN(why, "%s，沿用表列得分 %s", reason,
                dec_is_set(ind->score) ? fmt(ind->score, a) : "0");
}

/* -1, 0 or 1 comparing score with pct% of w, exactly, without dividing. */
static int cmp_pct(dec_t score, dec_t w, dec_t pct)
{
        return frac_cmp_pct((struct frac){score, w}, pct);
}

static void qualitative(const struct scheme *s, const struct indicator *ind, dec_t w,
                        struct ind_eval *o, struct buf *why)
{
        o->applied = APPLIED_QUALITATIVE;
        if (!dec_is_set(ind->score)) {
                use_stated(ind, w, o, why, "定性指标未给分");
                return;
        }
        const struct qualitative_def *q = &s->qualitative;
        dec_t S = ind->score;
        enum qual_band band = ind->band;
        if (!band) /* the band the score lies in */
                band = cmp_pct(S, w, q->achieved_min_pct) >= 0  ? BAND_ACHIEVED
                       : cmp_pct(S, w, q->partial_min_pct) >= 0 ? BAND_PARTIAL
                                                                : BAND_NOT_ACHIEVED;
        dec_t lo_pct = band == BAND_ACHIEVED  ? q->achieved_min_pct
                       : band == BAND_PARTIAL ? q->partial_min_pct
                                              : DEC_ZERO;
        dec_t hi_pct = band == BAND_ACHIEVED  ? D(100)
                       : band == BAND_PARTIAL ? q->achieved_min_pct
                                              : q->partial_min_pct;
        bool inside = cmp_pct(S, w, lo_pct) >= 0 && cmp_pct(S, w, hi_pct) <= 0;
        o->band = band;
        o->basis = BASIS_EVALUATOR;
        o->raw = S;
        if (inside && !why)
                return;
        dec_t lo, hi;
        qualitative_bounds(s, band, w, &lo, &hi);
        o->raw = clamp(S, lo, hi);
        o->band_conflict = !inside && ind->band; /* a band chosen and a score outside it */
        if (why) {
                char a[DEC_BUFSZ], b[DEC_BUFSZ], c[DEC_BUFSZ];
                explain(why, "定性指标，“%s”档得分区间 %s–%s，评价人打分 %s",
                        enum_label(&enum_qual_band, band), dec_fmt(lo, 2, a), dec_fmt(hi, 2, b),
                        fmt(S, c));
        }
}

static const char *unit_of(const char *own, const char *indicator)
{
        return own ? own : indicator ? indicator : "";
}

static void quantitative(const struct scheme *s, const struct indicator *ind, dec_t w,
                         struct ind_eval *o, struct buf *why)
{
        char a[DEC_BUFSZ], b[DEC_BUFSZ], c[DEC_BUFSZ];
        dec_t t = ind->target.m.value, actual = ind->actual.value;
        if (!dec_is_set(t)) {
                use_stated(ind, w, o, why, "缺少年度指标值，无法按定量规则计分");
                return;
        }
        if (!dec_is_set(actual)) {
                use_stated(ind, w, o, why, "缺少实际完成值（或为文字），无法按定量规则计分");
                return;
        }
        const char *tu = unit_of(ind->target.m.unit, ind->unit);
        const char *au = unit_of(ind->actual.unit, ind->unit);
        dec_t x;
        o->units = unit_convert(au, tu, actual, &x);
        if (o->units == UNIT_INCOMPATIBLE) {
                use_stated(ind, w, o, why, "实际完成值与年度指标值单位无法换算");
                return;
        }
        o->actual = x;
        o->target = t;
        o->basis = BASIS_RULE;
        if (o->units == UNIT_CONVERTED)
                EXPLAIN(why, "实际完成值 %s%s 换算为 %s%s", fmt(actual, a), au, dec_fmt(x, -1, b),
                        tu);
        enum cmp_op op = ind->target.op ? ind->target.op : CMP_EQ;
        bool positive_target = dec_cmp(t, DEC_ZERO) > 0;
        int c_at = dec_cmp(x, t);
        const char *sym = enum_label(&enum_cmp_op, op);
        switch (op) {
        case CMP_GE:
        case CMP_GT: {
                o->applied = APPLIED_GE;
                if (positive_target) {
                        o->has_completion = true;
                        o->completion = (struct frac){dec_max(x, DEC_ZERO), t};
                }
                if (op == CMP_GE ? c_at >= 0 : c_at > 0) {
                        o->raw = w;
                        EXPLAIN(why, "实际 %s %s 目标 %s，达到目标，得满分 %s", fmt(x, a), sym,
                                fmt(t, b), fmt(w, c));
                } else if (!positive_target) {
                        o->raw = DEC_ZERO;
                        EXPLAIN(why, "未达到目标 %s%s，得 0", sym, fmt(t, a));
                } else {
                        o->raw = dec_muldiv(w, dec_max(x, DEC_ZERO), t, DEC_DIGITS);
                        EXPLAIN(why, "未达到目标：%s × 实际 %s / 目标 %s = %s", fmt(w, a),
                                fmt(x, b), fmt(t, c), dec_fmt(o->raw, 2, (char[DEC_BUFSZ]){0}));
                }
                break;
        }
        case CMP_LE:
        case CMP_LT: {
                bool linear = s->le_rule == LE_LINEAR;
                o->applied = linear ? APPLIED_LE_LINEAR : APPLIED_LE_RATIO;
                if (dec_cmp(x, DEC_ZERO) > 0 && positive_target) {
                        o->has_completion = true;
                        o->completion = (struct frac){t, x};
                }
                if (op == CMP_LE ? c_at <= 0 : c_at < 0) {
                        o->raw = w;
                        EXPLAIN(why, "实际 %s %s 目标 %s，达到目标，得满分 %s", fmt(x, a), sym,
                                fmt(t, b), fmt(w, c));
                } else if (!positive_target) {
                        o->raw = DEC_ZERO;
                        EXPLAIN(why, "超过目标 %s%s，得 0", sym, fmt(t, a));
                } else if (linear) {
                        /* w × (2 − x/t) = w × (2t − x) / t, not below 0 */
                        dec_t num = dec_max(DEC_ZERO, dec_sub(dec_add(t, t), x));
                        o->raw = dec_muldiv(w, num, t, DEC_DIGITS);
                        EXPLAIN(why,
                                "超过目标：%s × (2 − 实际 %s / 目标 %s) = %s（两倍目标值时为 0）",
                                fmt(w, a), fmt(x, b), fmt(t, c),
                                dec_fmt(o->raw, 2, (char[DEC_BUFSZ]){0}));
                } else {
                        o->raw = dec_muldiv(w, t, x, DEC_DIGITS);
                        EXPLAIN(why, "超过目标：%s × 目标 %s / 实际 %s = %s", fmt(w, a), fmt(t, b),
                                fmt(x, c), dec_fmt(o->raw, 2, (char[DEC_BUFSZ]){0}));
                }
                break;
        }
        default: {
                o->applied = APPLIED_EQ;
                if (positive_target) {
                        o->has_completion = true;
                        o->completion = (struct frac){dec_max(x, DEC_ZERO), t};
                }
                if (c_at == 0) {
                        o->raw = w;
                        EXPLAIN(why, "实际 %s = 目标 %s，得满分 %s", fmt(x, a), fmt(t, b),
                                fmt(w, c));
                } else if (dec_is_zero(t) || dec_cmp(x, DEC_ZERO) <= 0) {
                        o->raw = DEC_ZERO;
                        EXPLAIN(why, "目标为 %s，实际为 %s，得 0", fmt(t, a), fmt(x, b));
                } else if (c_at < 0) {
                        o->raw = dec_muldiv(w, x, t, DEC_DIGITS);
                        EXPLAIN(why, "未达到目标：%s × 实际 %s / 目标 %s = %s", fmt(w, a),
                                fmt(x, b), fmt(t, c), dec_fmt(o->raw, 2, (char[DEC_BUFSZ]){0}));
                } else {
                        o->raw = dec_muldiv(w, t, x, DEC_DIGITS);
                        EXPLAIN(why, "偏离目标：%s × 目标 %s / 实际 %s = %s", fmt(w, a), fmt(t, b),
                                fmt(x, c), dec_fmt(o->raw, 2, (char[DEC_BUFSZ]){0}));
                }
        }
        }
}

void indicator_rule(const struct scheme *s, const struct indicator *ind, dec_t w,
                    struct ind_eval *o, struct buf *why)
{
        memset(o, 0, sizeof(*o));
        o->raw = o->actual = o->target = DEC_NONE;
        if (ind->not_applicable) {
                o->basis = BASIS_NOT_APPLICABLE;
                EXPLAIN(why, "不适用，其分值按比例分摊到其余指标");
                return;
        }
        if (!dec_is_set(w)) {
                use_stated(ind, DEC_ZERO, o, why, "未设分值");
                return;
        }
        bool quant =
            ind->kind == KIND_QUANT || (ind->kind == KIND_UNSET && dec_is_set(ind->target.m.value));
        if (quant)
                quantitative(s, ind, w, o, why);
        else
                qualitative(s, ind, w, o, why);
}
