/* Benchmark data: a generated jurisdiction of self-evaluation documents.
 *
 * "gen DIR N" writes DIR/000001.json … one compact document per file, all
 * in the national scheme: 50 third-level indicators under the usual first
 * and second levels, weights summing to 90, a budget with its income and
 * expenditure splits, a mix of ≥ ≤ = quantitative targets in % / 万元 / 个
 * and qualitative indicators, a few not-applicable ones, stated scores
 * that follow the rules (computed here independently of the engine) and,
 * in a few percent of the documents, one deliberate inconsistency: a split
 * off by 0.01, a score above its rule, or a deduction without a reason;
 * and the three parts of the report's text the scheme requires.
 *
 * Document i depends only on i and a fixed seed, so the first n files of
 * any run are the same. DIR/MANIFEST records the generator version and the
 * count; a later run asking for no more than that reuses the files. */
#include "../src/base/buf.h"
#include "../src/base/dec.h"
#include "../src/base/diag.h"
#include "../src/base/jsonw.h"
#include "../src/doc/doc_io.h"
#include "../src/schema/schema.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GEN_VERSION 2 /* 2: the report's required text */
#define GEN_SEED    UINT64_C(0x6a697869616f3031)
#define N_ITEMS     50

#define D(n) dec_from_int(n)

/* ---- random numbers (splitmix64, one stream per document) ------------------------- */

struct rng {
        uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
        uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
        z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
        return z ^ (z >> 31);
}

/* A number in [0, n). */
static int64_t rng_below(struct rng *r, int64_t n)
{
        return (int64_t)(rng_next(r) % (uint64_t)n);
}

/* A number in [lo, hi]. */
static int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
        return lo + rng_below(r, hi - lo + 1);
}

/* True with probability permille / 1000. */
static bool rng_chance(struct rng *r, int permille)
{
        return rng_below(r, 1000) < permille;
}

/* ---- the indicator tree ---------------------------------------------------------------- */

/* What kind of value an indicator measures. */
enum shape {
        SH_COUNT, /* 个: ≥ or = */
        SH_RATE,  /* %: ≥, = 100 or ≤ a small rate */
        SH_COST,  /* 万元: ≤ */
        SH_MONEY, /* 万元: ≥ or = */
        SH_QUAL,  /* text target */
        SH_COUNT_OF
};

struct group_def {
        const char *name;
        int n_items;
        const char *const *names; /* at least n_items */
        int shares[SH_COUNT_OF];  /* percent of items of each shape */
};

struct level_def {
        const char *name;
        int weight;
        const struct group_def *groups;
        size_t n_groups;
};

static const char *const quantity_names[] = {
    "培训人次",       "覆盖乡镇数",   "新建项目数", "监督检查次数", "补贴发放户数", "宣传活动场次",
    "改造农贸市场数", "新增就业人数", "走访企业数", "完成课题数",   "办理案件数",   "采购设备台数"};
static const char *const quality_names[] = {"项目验收合格率", "资金支付准确率", "档案规范率",
                                            "设备完好率",     "抽检合格率",     "培训考核通过率",
                                            "数据差错率",     "问题整改率",     "工程质量达标率"};
static const char *const timeliness_names[] = {"资金拨付及时率", "项目按期完成率",
                                               "信息报送及时率", "整改按时完成率",
                                               "补贴发放及时率", "合同签订及时率"};
static const char *const cost_names[] = {"人均培训成本", "单位改造成本", "公用经费支出",
                                         "设备采购成本", "会议费支出",   "差旅费支出"};
static const char *const economic_names[] = {"带动社会投资", "新增税收", "企业营业收入增长",
                                             "农民人均增收", "招商引资到位资金"};
static const char *const social_names[] = {"政策知晓率", "群众办事便利度", "服务覆盖率",
                                           "投诉办结率", "社会关注度提升", "安全事故发生率"};
static const char *const ecological_names[] = {"垃圾分类覆盖率", "节能降耗完成率", "绿化面积增加",
                                               "污水处理达标率"};
static const char *const sustainable_names[] = {"长效管理机制建立", "制度完善程度", "人才队伍建设",
                                                "信息化水平提升", "设施持续使用年限"};
static const char *const satisfaction_names[] = {
    "服务对象满意度", "企业满意度",     "群众满意度",    "受训人员满意度",
    "受益农户满意度", "社会公众满意度", "干部职工满意度"};

#define NAMES(a) a, sizeof a / sizeof a[0]

/*                                       count rate cost money qual */
static const struct group_def output_groups[] = {
    {"数量指标", 10, quantity_names, {70, 0, 0, 10, 20}},
    {"质量指标", 8, quality_names, {0, 80, 0, 0, 20}},
    {"时效指标", 5, timeliness_names, {0, 85, 0, 0, 15}},
    {"成本指标", 5, cost_names, {0, 0, 100, 0, 0}},
};
static const struct group_def benefit_groups[] = {
    {"经济效益指标", 4, economic_names, {0, 0, 0, 75, 25}},
    {"社会效益指标", 5, social_names, {0, 60, 0, 0, 40}},
    {"生态效益指标", 3, ecological_names, {0, 50, 0, 0, 50}},
    {"可持续影响指标", 4, sustainable_names, {0, 0, 0, 0, 100}},
};
static const struct group_def satisfaction_groups[] = {
    {"服务对象满意度指标", 6, satisfaction_names, {0, 100, 0, 0, 0}},
};

static const struct level_def levels[] = {
    {"产出指标", 50, NAMES(output_groups)},
    {"效益指标", 30, NAMES(benefit_groups)},
    {"满意度指标", 10, NAMES(satisfaction_groups)},
};

static const char *const deviations[] = {
    "受上级资金下达时间影响，部分任务未按计划完成。",
    "项目实施中遇到不可预见因素，进度有所滞后。",
    "年初目标测算偏高，实际需求少于预期。",
    "部分采购流程用时较长，影响了完成进度。",
};
static const char *const improvements[] = {
    "加强项目前期论证，合理设定绩效目标。",
    "加快资金拨付进度，按月跟踪执行情况。",
    "完善内部管理制度，强化绩效运行监控。",
};
static const char *const qual_targets[] = {"达标", "有效提升", "明显改善", "持续发挥作用",
                                           "逐步完善"};
static const char *const counties[] = {"绥宁县", "城步县", "武冈市", "洞口县", "隆回县",
                                       "新宁县", "邵阳县", "新邵县", "邵东市", "大祥区"};
static const char *const departments[] = {"教育局",
                                          "卫生健康局",
                                          "农业农村局",
                                          "商务局",
                                          "交通运输局",
                                          "民政局",
                                          "财政局",
                                          "自然资源局",
                                          "住房和城乡建设局",
                                          "文化旅游广电体育局",
                                          "人力资源和社会保障局",
                                          "水利局",
                                          "市场监督管理局",
                                          "应急管理局",
                                          "生态环境局",
                                          "司法局",
                                          "统计局",
                                          "审计局",
                                          "科学技术局",
                                          "林业局"};
static const char *const subunits[] = {"服务中心", "事务中心", "监测站", "执法大队",
                                       "培训中心", "信息中心", "管理所", "技术推广站"};

#define PICK(r, a) (a[rng_below((r), (int64_t)(sizeof a / sizeof a[0]))])

/* A formatted string in the arena. */
static const char *astr(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *astr(struct arena *a, const char *fmt, ...)
{
        char tmp[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(tmp, sizeof tmp, fmt, ap);
        va_end(ap);
        return arena_strdup(a, tmp);
}

/* ---- a document under construction ------------------------------------------------------ */

enum flaw { FLAW_NONE, FLAW_SPLIT, FLAW_SCORE_ABOVE, FLAW_NO_DEVIATION };

/* One row of the plan: where an indicator goes and what it is. */
struct slot {
        int level, group, item;
        enum shape shape;
        int half_points; /* weight in half points; 0 for a not-applicable row */
        bool not_applicable;
        bool miss; /* falls short of its target */
};

struct gen {
        struct rng rng;
        struct doc *d;
        struct slot slots[N_ITEMS];
        enum flaw flaw;
        int flaw_slot;
        int na_slot; /* -1 when every indicator applies */
};

static enum shape pick_shape(struct rng *r, const struct group_def *g)
{
        int64_t x = rng_below(r, 100);
        for (int s = 0; s < SH_COUNT_OF; s++) {
                x -= g->shares[s];
                if (x < 0)
                        return (enum shape)s;
        }
        return SH_QUAL;
}

/* Lay out the 50 rows and spread each level's weight over its applicable
 * rows in half points (at least one each). */
static void plan(struct gen *g)
{
        int k = 0;
        for (int l = 0; l < (int)(sizeof levels / sizeof levels[0]); l++) {
                int first = k;
                for (int j = 0; j < (int)levels[l].n_groups; j++)
                        for (int m = 0; m < levels[l].groups[j].n_items; m++) {
                                struct slot *s = &g->slots[k];
                                *s = (struct slot){l,
                                                   j,
                                                   m,
                                                   pick_shape(&g->rng, &levels[l].groups[j]),
                                                   0,
                                                   k == g->na_slot,
                                                   rng_chance(&g->rng, 80)};
                                k++;
                        }
                int live = 0;
                for (int i = first; i < k; i++)
                        if (!g->slots[i].not_applicable) {
                                g->slots[i].half_points = 1;
                                live++;
                        }
                for (int spare = levels[l].weight * 2 - live; spare > 0; spare--) {
                        int i = first + (int)rng_below(&g->rng, k - first);
                        if (g->slots[i].not_applicable)
                                spare++;
                        else
                                g->slots[i].half_points++;
                }
        }
}

/* x scaled by permille / 1000, rounded to dp decimals. */
static dec_t scale(dec_t x, int64_t permille, int dp)
{
        return dec_mul(x, dec_make(permille, 3), dp);
}

/* The national scheme's generic rules (≥ proportional, ≤ linear to zero at
 * twice the target, = proportional on the nearer side), rounded to 2
 * places: the score a careful unit states. */
static dec_t rule_score(enum cmp_op op, dec_t w, dec_t t, dec_t x)
{
        int c = dec_cmp(x, t);
        dec_t raw;
        if (c == 0 || (op == CMP_GE && c > 0) || (op == CMP_LE && c < 0))
                raw = w;
        else if (op == CMP_GE)
                raw = dec_muldiv(w, dec_max(x, DEC_ZERO), t, DEC_DIGITS);
        else if (op == CMP_LE)
                raw = dec_muldiv(w, dec_max(DEC_ZERO, dec_sub(dec_add(t, t), x)), t, DEC_DIGITS);
        else if (dec_cmp(x, DEC_ZERO) <= 0)
                raw = DEC_ZERO;
        else if (c < 0)
                raw = dec_muldiv(w, x, t, DEC_DIGITS);
        else
                raw = dec_muldiv(w, t, x, DEC_DIGITS);
        return dec_round(raw, 2);
}

/* Target, actual and comparator of a quantitative row. */
static void quantities(struct rng *r, const struct slot *s, struct indicator *ind)
{
        enum cmp_op op = CMP_GE;
        dec_t t, x;
        switch (s->shape) {
        case SH_COUNT:
                ind->unit = "个";
                op = rng_chance(r, 300) ? CMP_EQ : CMP_GE;
                t = D(rng_range(r, 5, 500));
                x = s->miss        ? scale(t, rng_range(r, 700, 950), 0)
                    : op == CMP_GE ? scale(t, rng_range(r, 1000, 1300), 0)
                                   : t;
                if (s->miss && dec_eq(x, t))
                        x = dec_sub(t, D(1));
                break;
        case SH_RATE: {
                ind->unit = "%";
                int64_t pick = rng_below(r, 100);
                if (pick < 15) { /* an error or incident rate: ≤ a few percent */
                        op = CMP_LE;
                        t = D(rng_range(r, 1, 5));
                        x = s->miss ? scale(t, rng_range(r, 1050, 1500), 2)
                                    : scale(t, rng_range(r, 200, 1000), 2);
                } else if (pick < 30) {
                        op = CMP_EQ;
                        t = D(100);
                        x = s->miss ? dec_make(rng_range(r, 9000, 9990), 2) : t;
                } else {
                        t = D(rng_range(r, 80, 98));
                        x = s->miss ? dec_sub(t, dec_make(rng_range(r, 10, 800), 2))
                                    : dec_make(rng_range(r, t.raw / 10000, 10000), 2);
                }
                break;
        }
        case SH_COST:
                ind->unit = "万元";
                op = CMP_LE;
                t = dec_make(rng_range(r, 1000, 50000), 2);
                x = s->miss ? scale(t, rng_range(r, 1010, 1300), 2)
                            : scale(t, rng_range(r, 800, 1000), 2);
                break;
        default: /* SH_MONEY */
                ind->unit = "万元";
                op = rng_chance(r, 200) ? CMP_EQ : CMP_GE;
                t = dec_make(rng_range(r, 5000, 500000), 2);
                x = s->miss        ? scale(t, rng_range(r, 750, 990), 2)
                    : op == CMP_GE ? scale(t, rng_range(r, 1000, 1250), 2)
                                   : t;
                break;
        }
        ind->kind = KIND_QUANT;
        ind->target.op = op;
        ind->target.m.value = t;
        ind->actual.value = x;
        if (rng_chance(r, 400))
                ind->midyear.value = scale(x, rng_range(r, 400, 600), 2);
        if (op == CMP_GE && rng_chance(r, 300))
                ind->stated_completion_pct =
                    dec_round(dec_muldiv(dec_max(x, DEC_ZERO), D(100), t, DEC_DIGITS), 2);
        ind->score = rule_score(op, ind->weight, t, x);
}

static void qualitative(struct rng *r, const struct slot *s, struct indicator *ind)
{
        ind->kind = KIND_QUAL;
        ind->target.m.text = PICK(r, qual_targets);
        ind->actual.text = s->miss ? "基本达到" : ind->target.m.text;
        ind->score = s->miss ? scale(ind->weight, rng_range(r, 800, 950), 2) : ind->weight;
        if (rng_chance(r, 300))
                ind->band = BAND_ACHIEVED; /* every score here lies in the achieved band */
}

static void make_indicator(struct gen *g, const struct slot *s, struct indicator *ind)
{
        const struct group_def *gd = &levels[s->level].groups[s->group];
        schema_init(&schema_indicator, ind);
        ind->name = gd->names[s->item];
        if (s->not_applicable) {
                ind->not_applicable = true;
                ind->kind = s->shape == SH_QUAL ? KIND_QUAL : KIND_UNSET;
                ind->deviation = "本年度未实施相关工作，该指标不适用。";
                return;
        }
        ind->weight = dec_make(s->half_points * 5, 1);
        if (s->shape == SH_QUAL)
                qualitative(&g->rng, s, ind);
        else
                quantities(&g->rng, s, ind);
        if (dec_cmp(ind->score, ind->weight) < 0) {
                ind->deviation = PICK(&g->rng, deviations);
                ind->improvement = PICK(&g->rng, improvements);
        }
}

/* The deliberate inconsistencies that concern one indicator. */
static void spoil_indicator(struct gen *g, struct indicator *ind)
{
        if (g->flaw == FLAW_SCORE_ABOVE) {
                ind->score = ind->weight; /* full marks although the target was missed */
                ind->deviation = ind->improvement = NULL;
        } else if (g->flaw == FLAW_NO_DEVIATION) {
                ind->deviation = ind->improvement = NULL;
        }
}

/* The first, second and third levels with stated weights and scores summed
 * from the rows. Returns the sum of the stated indicator scores. */
static dec_t make_indicators(struct gen *g, struct score_table *t)
{
        struct arena *a = g->d->arena;
        size_t nl = sizeof levels / sizeof levels[0];
        t->indicators = arena_alloc(a, nl * sizeof(*t->indicators));
        t->n_indicators = nl;
        dec_t total = DEC_ZERO;
        int k = 0;
        for (size_t l = 0; l < nl; l++) {
                struct ind_level *lv = &t->indicators[l];
                *lv = (struct ind_level){levels[l].name, DEC_ZERO, DEC_ZERO, NULL, 0};
                lv->groups = arena_alloc(a, levels[l].n_groups * sizeof(*lv->groups));
                lv->n_groups = levels[l].n_groups;
                for (size_t j = 0; j < levels[l].n_groups; j++) {
                        const struct group_def *gd = &levels[l].groups[j];
                        struct ind_group *gr = &lv->groups[j];
                        *gr = (struct ind_group){gd->name, DEC_ZERO, DEC_ZERO, NULL, 0};
                        gr->items = arena_alloc(a, (size_t)gd->n_items * sizeof(*gr->items));
                        gr->n_items = (size_t)gd->n_items;
                        for (int m = 0; m < gd->n_items; m++, k++) {
                                struct indicator *ind = &gr->items[m];
                                make_indicator(g, &g->slots[k], ind);
                                if (k == g->flaw_slot)
                                        spoil_indicator(g, ind);
                                if (ind->not_applicable)
                                        continue;
                                gr->stated_weight = dec_add(gr->stated_weight, ind->weight);
                                gr->stated_score = dec_add(gr->stated_score, ind->score);
                        }
                        lv->stated_weight = dec_add(lv->stated_weight, gr->stated_weight);
                        lv->stated_score = dec_add(lv->stated_score, gr->stated_score);
                }
                total = dec_add(total, lv->stated_score);
        }
        return total;
}

/* ---- the budget ---------------------------------------------------------------------------- */

static dec_t pct_of(dec_t part, dec_t whole)
{
        return dec_round(dec_muldiv(part, D(100), whole, DEC_DIGITS), 2);
}

/* Split the 全年预算数 a and 全年执行数 b over n rows named names[]. */
static struct split_row *split(struct gen *g, dec_t a, dec_t b, const char *const *names,
                               const int64_t *permille, size_t n)
{
        struct split_row *rows = arena_alloc(g->d->arena, n * sizeof(*rows));
        dec_t rest_a = a, rest_b = b;
        for (size_t i = 0; i < n; i++) {
                struct split_row *row = &rows[i];
                bool last = i + 1 == n;
                row->name = names[i];
                row->initial = DEC_NONE;
                row->adjusted = last ? rest_a : scale(a, permille[i], 2);
                row->executed = last ? rest_b : scale(b, permille[i], 2);
                rest_a = dec_sub(rest_a, row->adjusted);
                rest_b = dec_sub(rest_b, row->executed);
                row->stated_rate_pct = dec_cmp(row->adjusted, DEC_ZERO) > 0
                                           ? pct_of(row->executed, row->adjusted)
                                           : DEC_NONE;
        }
        return rows;
}

static void make_budget(struct gen *g, struct budget_request *b)
{
        static const char *const income[] = {"一般公共预算", "政府性基金拨款", "其他资金"};
        static const char *const spending[] = {"基本支出", "项目支出"};
        struct rng *r = &g->rng;
        b->unit = MONEY_WAN;
        b->adjusted = dec_make(rng_range(r, 10000, 5000000), 2);
        b->initial = scale(b->adjusted, rng_range(r, 700, 1000), 2);
        b->executed =
            rng_chance(r, 300) ? b->adjusted : scale(b->adjusted, rng_range(r, 955, 999), 2);
        b->weight = D(10);
        b->stated_rate_pct = pct_of(b->executed, b->adjusted);
        b->stated_score = dec_muldiv(D(10), b->executed, b->adjusted, 2);
        int64_t general = rng_range(r, 600, 900);
        int64_t in_share[] = {general, rng_range(r, 0, 1000 - general)};
        b->by_income = split(g, b->adjusted, b->executed, income, in_share, 3);
        b->n_by_income = 3;
        b->stated_income_total = b->adjusted;
        int64_t out_share[] = {rng_range(r, 400, 800)};
        b->by_expenditure = split(g, b->adjusted, b->executed, spending, out_share, 2);
        b->n_by_expenditure = 2;
        b->stated_expenditure_total = b->executed;
        if (g->flaw == FLAW_SPLIT)
                b->by_income[0].adjusted = dec_add(b->by_income[0].adjusted, dec_make(1, 2));
}

/* ---- the document --------------------------------------------------------------------------- */

static const char *grade(dec_t total)
{
        if (dec_cmp(total, D(90)) > 0)
                return "优秀";
        if (dec_cmp(total, D(80)) >= 0)
                return "良好";
        return dec_cmp(total, D(60)) >= 0 ? "较差" : "差";
}

/* Decide the flaw and the not-applicable row of document i. */
static void choose_flaws(struct gen *g)
{
        struct rng *r = &g->rng;
        int64_t x = rng_below(r, 1000);
        g->flaw = x < 10   ? FLAW_SPLIT
                  : x < 20 ? FLAW_SCORE_ABOVE
                  : x < 30 ? FLAW_NO_DEVIATION
                           : FLAW_NONE;
        g->na_slot = rng_chance(r, 20) ? (int)rng_below(r, N_ITEMS) : -1;
        g->flaw_slot = -1;
        plan(g);
        if (g->flaw != FLAW_SCORE_ABOVE && g->flaw != FLAW_NO_DEVIATION)
                return;
        /* a row that misses its target; a quantitative one for a score above its rule */
        for (int tries = 0; tries < 1000 && g->flaw_slot < 0; tries++) {
                int k = (int)rng_below(r, N_ITEMS);
                struct slot *s = &g->slots[k];
                bool fits =
                    !s->not_applicable && (g->flaw == FLAW_NO_DEVIATION || s->shape != SH_QUAL);
                if (fits) {
                        g->flaw_slot = k;
                        s->miss = true;
                }
        }
}

static void make_unit(struct gen *g, size_t i)
{
        struct doc *d = g->d;
        size_t unit = i / 5, dept = unit / 100, sub = unit % 100;
        const char *county = counties[(dept / 20) % 10];
        const char *dname = departments[dept % 20];
        d->fiscal_year = 2020 + (int64_t)(i % 5);
        d->unit.code = astr(d->arena, "%03zu%03zu", 100 + dept % 900, sub + 1);
        if (sub == 0) {
                d->unit.name = astr(d->arena, "%s%s", county, dname);
                return;
        }
        d->unit.name = astr(d->arena, "%s%s%s%zu", county, dname,
                            subunits[sub % (sizeof subunits / sizeof subunits[0])], sub);
        d->unit.supervisor.code = astr(d->arena, "%03zu001", 100 + dept % 900);
        d->unit.supervisor.name = astr(d->arena, "%s%s", county, dname);
}

/* Document i of the jurisdiction: unit u = i / 5 in year 2020 + i % 5. */
static struct doc *make_doc(size_t i)
{
        struct gen g = {.rng = {GEN_SEED ^ (i * UINT64_C(0x2545f4914f6cdd1d))}};
        g.d = doc_new();
        struct doc *d = g.d;
        d->format = DOC_FORMAT_NAME;
        d->version = DOC_FORMAT_VERSION;
        d->scheme = "national";
        make_unit(&g, i);
        choose_flaws(&g);
        struct score_table *t = &d->self.table;
        make_budget(&g, &t->budget);
        t->goal.declared =
            "按照年初部署，保障单位正常运转，完成年度重点工作任务，提高资金使用效益。";
        t->goal.achieved = "全年各项工作任务基本完成，资金使用规范，绩效目标总体实现。";
        dec_t scores = make_indicators(&g, t);
        t->stated_total = dec_add(t->budget.stated_score, scores);
        t->stated_grade = grade(t->stated_total);
        /* the parts of the report's text the scheme requires before submission */
        d->narrative.functions = "负责本单位职责范围内的各项工作，保障机关正常运转。";
        d->narrative.problems = "部分项目预算执行进度不均衡，绩效目标设置有待细化。";
        d->narrative.measures = "加强预算执行管理，细化量化绩效目标。";
        return d;
}

/* ---- files ----------------------------------------------------------------------------------- */

static void die(const char *what, const char *path)
{
        fprintf(stderr, "gen: %s %s: %s\n", what, path, strerror(errno));
        exit(1);
}

/* The count recorded in dir/MANIFEST by this version of the generator, or 0. */
static size_t manifest_count(const char *dir)
{
        char path[4096];
        snprintf(path, sizeof path, "%s/MANIFEST", dir);
        FILE *f = fopen(path, "r");
        if (!f)
                return 0;
        int version = 0;
        size_t n = 0;
        if (fscanf(f, "jixiao-bench-data version %d count %zu", &version, &n) != 2 ||
            version != GEN_VERSION)
                n = 0;
        fclose(f);
        return n;
}

static void write_manifest(const char *dir, size_t n)
{
        char path[4096];
        snprintf(path, sizeof path, "%s/MANIFEST", dir);
        FILE *f = fopen(path, "w");
        if (!f)
                die("cannot write", path);
        fprintf(f, "jixiao-bench-data version %d count %zu\n", GEN_VERSION, n);
        if (fclose(f) != 0)
                die("cannot write", path);
}

/* Write document i as compact JSON to dir, after checking that it parses
 * back to the same document. Returns the file's size. */
static size_t write_doc(const char *dir, size_t i, struct buf *text)
{
        struct doc *d = make_doc(i);
        struct jsonw w;
        buf_reset(text);
        jw_init(&w, text, false);
        bind_write(&w, &schema_doc, d);
        buf_putc(text, '\n');
        struct diags errs = DIAGS_INIT;
        struct doc *back = doc_parse(buf_str(text), text->len, &errs);
        if (!back || !doc_equal(d, back)) {
                fprintf(stderr, "gen: document %zu does not read back:\n", i + 1);
                diags_print(&errs, stderr);
                exit(1);
        }
        doc_free(back);
        doc_free(d);
        char path[4096];
        snprintf(path, sizeof path, "%s/%06zu.json", dir, i + 1);
        FILE *f = fopen(path, "w");
        if (!f || fwrite(text->data, 1, text->len, f) != text->len || fclose(f) != 0)
                die("cannot write", path);
        return text->len;
}

int main(int argc, char **argv)
{
        if (argc != 3) {
                fprintf(stderr, "usage: gen DIR N\n");
                return 2;
        }
        const char *dir = argv[1];
        size_t n = strtoul(argv[2], NULL, 10);
        if (n == 0 || n > 999999) {
                fprintf(stderr, "gen: N must be 1..999999\n");
                return 2;
        }
        if (manifest_count(dir) >= n) {
                printf("gen: reusing %zu documents in %s\n", n, dir);
                return 0;
        }
        if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                die("cannot create", dir);
        struct buf text = BUF_INIT;
        size_t bytes = 0;
        for (size_t i = 0; i < n; i++)
                bytes += write_doc(dir, i, &text);
        buf_free(&text);
        write_manifest(dir, n);
        printf("gen: wrote %zu documents (%.1f MB) to %s\n", n, (double)bytes / 1e6, dir);
        return 0;
}
