/* Loading scoring schemes: shipped ones from the embedded table, others
 * from files; then the rules that span fields (weights that add up, rule
 * parameters present, grade bands in order). See scheme.h. */
#include "scheme_schema.h"

#include "../base/buf.h"
#include "../base/embedded.h"
#include "../base/file.h"
#include "../base/xalloc.h"
#include "../doc/doc_schema.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { SCHEME_MAX_FILE = 4 << 20 };

const char *const scheme_builtin_names[] = {"national", "shenzhen", "henan", "urumqi", NULL};

const char *figure_name(enum figure_id f)
{
        return enum_name(&enum_figure, f);
}

const char *figure_label(enum figure_id f)
{
        return enum_label(&enum_figure, f);
}

bool figure_is_rate(enum figure_id f)
{
        return f != FIG_TASKS_UNFINISHED;
}

/* ---- semantic checks ------------------------------------------------------ */

struct checker {
        struct diags *errs;
        struct buf path;
};

static void report(struct checker *c, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void report(struct checker *c, const char *label, const char *fmt, ...)
{
        struct buf msg = BUF_INIT;
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&msg, fmt, ap);
        va_end(ap);
        diags_add(c->errs, buf_str(&c->path), label, "%s", buf_str(&msg));
        buf_free(&msg);
}

static size_t push(struct checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static size_t push(struct checker *c, const char *fmt, ...)
{
        size_t mark = c->path.len;
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&c->path, fmt, ap);
        va_end(ap);
        return mark;
}

static void pop(struct checker *c, size_t mark)
{
        buf_truncate(&c->path, mark);
}

static const char *fmt_dec(dec_t d, char buf[DEC_BUFSZ])
{
        return dec_fmt(d, -1, buf);
}

/* A rule's parameters, given the points it is worth. */
static void check_rule(struct checker *c, struct rule *r, dec_t points)
{
        char a[DEC_BUFSZ], b[DEC_BUFSZ];
        if (!dec_is_set(r->points))
                r->points = points;
        else if (!dec_eq(r->points, points))
                report(c, "分值", "计分规则分值 %s 与指标分值 %s 不符", fmt_dec(r->points, a),
                       fmt_dec(points, b));
        bool needs_figure = r->kind == RULE_RATIO || r->kind == RULE_TIERS ||
                            r->kind == RULE_DEDUCTION || r->kind == RULE_ADJUSTMENT;
        if (needs_figure && !r->figure)
                report(c, "计分依据", "%s规则须指定计分依据（figure）",
                       enum_label(&enum_rule_kind, r->kind));
        switch (r->kind) {
        case RULE_CHECKLIST: {
                dec_t sum = DEC_ZERO;
                for (size_t i = 0; i < r->n_criteria; i++)
                        sum = dec_add(sum, r->criteria[i].points);
                if (!r->n_criteria || !dec_eq(sum, r->points))
                        report(c, "评分要点", "评分要点分值合计 %s，应等于 %s", fmt_dec(sum, a),
                               fmt_dec(r->points, b));
                break;
        }
        case RULE_TIERS:
                if (!r->n_tiers)
                        report(c, "分档", "分档计分须至少有一档");
                for (size_t i = 0; i < r->n_tiers; i++)
                        if (dec_cmp(r->tiers[i].points, r->points) > 0) {
                                size_t m = push(c, ".tiers[%zu].points", i);
                                report(c, "得分", "一档得分 %s 超过分值 %s",
                                       fmt_dec(r->tiers[i].points, a), fmt_dec(r->points, b));
                                pop(c, m);
                        }
                break;
        case RULE_DEDUCTION:
                if (!dec_is_set(r->per_item))
                        report(c, "每项扣分", "逐项扣分须指定每项扣分（per_item）");
                break;
        case RULE_ADJUSTMENT:
                if (!dec_is_set(r->threshold_pct) || !dec_is_set(r->per_point))
                        report(c, "比率上限（%）", "调整比率扣分须指定 threshold_pct 和 per_point");
                break;
        case RULE_QUARTERLY: {
                if (r->n_time_progress_pct != 4 || !dec_is_set(r->quarter_points) ||
                    !dec_is_set(r->average_points)) {
                        report(c, "分季度执行进度",
                               "须指定四个季度的序时进度、每季度分值和全年平均执行率分值");
                        break;
                }
                dec_t sum = dec_add(dec_mul(r->quarter_points, dec_from_int(4), DEC_DIGITS),
                                    r->average_points);
                if (!dec_eq(sum, r->points))
                        report(c, "分值", "4 × 每季度分值 + 全年平均分值 = %s，应等于 %s",
                               fmt_dec(sum, a), fmt_dec(r->points, b));
                break;
        }
        case RULE_SUM: {
                dec_t sum = DEC_ZERO;
                for (size_t i = 0; i < r->n_parts; i++) {
                        size_t m = push(c, ".parts[%zu]", i);
                        struct rule *part = &r->parts[i];
                        if (!dec_is_set(part->points))
                                report(c, "分值", "分项须指定分值（points）");
                        else
                                check_rule(c, part, part->points);
                        if (part->kind == RULE_SUM || part->kind == RULE_EVALUATOR)
                                report(c, "计分方法", "分项不能是%s",
                                       enum_label(&enum_rule_kind, part->kind));
                        sum = dec_add(sum, part->points);
                        pop(c, m);
                }
                if (!r->n_parts || !dec_eq(sum, r->points))
                        report(c, "分项", "分项分值合计 %s，应等于 %s", fmt_dec(sum, a),
                               fmt_dec(r->points, b));
                break;
        }
        default:
                break;
        }
}

/* Codes seen so far in the tree. */
struct code_set {
        const char **codes;
        size_t n;
};

/* The code if it was seen before; otherwise records it and returns NULL. */
static const char *code_seen(struct code_set *set, const char *code)
{
        for (size_t i = 0; i < set->n; i++)
                if (strcmp(set->codes[i], code) == 0)
                        return code;
        set->codes = xrealloc(set->codes, (set->n + 1) * sizeof(*set->codes));
        set->codes[set->n++] = code;
        return NULL;
}

static void check_tree(struct checker *c, struct scheme *s, dec_t expected)
{
        char a[DEC_BUFSZ], b[DEC_BUFSZ];
        struct code_set codes = {NULL, 0};
        dec_t levels = DEC_ZERO;
        size_t base = c->path.len;
        for (size_t i = 0; i < s->n_tree; i++) {
                struct scheme_level *l = &s->tree[i];
                dec_t groups = DEC_ZERO;
                for (size_t j = 0; j < l->n_groups; j++) {
                        struct scheme_group *g = &l->groups[j];
                        dec_t items = DEC_ZERO;
                        for (size_t k = 0; k < g->n_items; k++) {
                                struct scheme_item *it = &g->items[k];
                                push(c, ".tree[%zu].groups[%zu].items[%zu]", i, j, k);
                                const char *prev = code_seen(&codes, it->code);
                                if (prev)
                                        report(c, "指标编码", "指标编码 \"%s\" 重复", prev);
                                push(c, ".rule");
                                check_rule(c, &it->rule, it->weight);
                                pop(c, base);
                                items = dec_add(items, it->weight);
                        }
                        if (!dec_eq(items, g->weight)) {
                                push(c, ".tree[%zu].groups[%zu].weight", i, j);
                                report(c, "分值", "二级指标“%s”分值 %s，其三级指标分值合计 %s",
                                       g->name, fmt_dec(g->weight, a), fmt_dec(items, b));
                                pop(c, base);
                        }
                        groups = dec_add(groups, g->weight);
                }
                if (!dec_eq(groups, l->weight)) {
                        push(c, ".tree[%zu].weight", i);
                        report(c, "分值", "一级指标“%s”分值 %s，其二级指标分值合计 %s", l->name,
                               fmt_dec(l->weight, a), fmt_dec(groups, b));
                        pop(c, base);
                }
                levels = dec_add(levels, l->weight);
        }
        if (!dec_eq(levels, expected)) {
                push(c, ".tree");
                report(c, "指标体系", "一级指标分值合计 %s，应为 %s", fmt_dec(levels, a),
                       fmt_dec(expected, b));
                pop(c, base);
        }
        free(codes.codes);
}

static void validate(struct scheme *s, struct diags *errs)
{
        struct checker c = {errs, BUF_INIT};
        char a[DEC_BUFSZ], b[DEC_BUFSZ];
        buf_puts(&c.path, "$");
        size_t base = c.path.len;
        if (strcmp(s->format, SCHEME_FORMAT_NAME) != 0) {
                push(&c, ".format");
                report(&c, "格式标识", "应为 \"%s\"，实际为 \"%s\"", SCHEME_FORMAT_NAME, s->format);
                pop(&c, base);
        }
        if (s->version != SCHEME_FORMAT_VERSION) {
                push(&c, ".version");
                report(&c, "格式版本", "不支持格式版本 %lld，本程序支持版本 %d",
                       (long long)s->version, SCHEME_FORMAT_VERSION);
                pop(&c, base);
        }
        dec_t exec = dec_is_set(s->execution.weight) ? s->execution.weight : DEC_ZERO;
        dec_t indicators = dec_sub(s->total, exec);
        if (s->n_tree) {
                check_tree(&c, s, indicators);
                if (!dec_is_set(s->indicator_weight))
                        s->indicator_weight = indicators;
        } else if (!dec_is_set(s->indicator_weight)) {
                push(&c, ".indicator_weight");
                report(&c, "绩效指标分值", "没有固定指标体系（tree）时须指定绩效指标分值");
                pop(&c, base);
        } else if (!dec_eq(dec_add(exec, s->indicator_weight), s->total)) {
                push(&c, ".indicator_weight");
                char t[DEC_BUFSZ];
                report(&c, "绩效指标分值", "预算执行率 %s 分加绩效指标 %s 分，应等于满分 %s",
                       fmt_dec(exec, a), fmt_dec(s->indicator_weight, b), fmt_dec(s->total, t));
                pop(&c, base);
        }
        if (!s->le_rule)
                s->le_rule = LE_RATIO;
        if (!dec_is_set(s->qualitative.achieved_min_pct)) {
                s->qualitative.achieved_min_pct = dec_from_int(80);
                s->qualitative.partial_min_pct = dec_from_int(60);
        }
        if (!dec_is_set(s->far_above_pct))
                s->far_above_pct = dec_from_int(150);
        if (!dec_is_set(s->balance_pct))
                s->balance_pct = dec_from_int(5);
        for (size_t i = 1; i < s->n_grades; i++)
                if (dec_cmp(s->grades[i].min, s->grades[i - 1].min) >= 0) {
                        push(&c, ".grades[%zu].min", i);
                        report(&c, "最低分", "评价等级须按最低分从高到低排列");
                        pop(&c, base);
                }
        const struct schema *narrative = schema_field(&schema_doc, "narrative")->sub;
        for (size_t i = 0; i < s->n_required_sections; i++) {
                const struct field *f = schema_field(narrative, s->required_sections[i].name);
                if (!f || f->type != FT_TEXT) {
                        push(&c, ".required_sections[%zu].name", i);
                        report(&c, "部分", "“%s”不是报告正文的一部分（应为 functions、problems、"
                                          "measures 等）", s->required_sections[i].name);
                        pop(&c, base);
                }
        }
        if (s->n_grades && dec_cmp(s->grades[s->n_grades - 1].min, DEC_ZERO) > 0) {
                push(&c, ".grades[%zu].min", s->n_grades - 1);
                report(&c, "最低分", "最低一档的最低分应为 0，使任何总分都有等级");
                pop(&c, base);
        }
        buf_free(&c.path);
}

/* ---- entry points ----------------------------------------------------------- */

struct scheme *scheme_parse(const char *text, size_t len, struct diags *errs)
{
        struct arena *a = arena_new();
        struct scheme *s = arena_alloc(a, sizeof(*s));
        schema_init(&schema_scheme, s);
        s->arena = a;
        size_t before = diags_count(errs);
        if (bind_json(text, len, &schema_scheme, s, a, errs))
                validate(s, errs);
        if (diags_count(errs) != before) {
                arena_free(a);
                return NULL;
        }
        return s;
}

static bool is_path(const char *s)
{
        size_t n = strlen(s);
        return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

struct scheme *scheme_load(const char *name_or_path, struct diags *errs)
{
        if (is_path(name_or_path)) {
                struct buf text = BUF_INIT;
                struct scheme *s = NULL;
                if (file_read(name_or_path, SCHEME_MAX_FILE, &text, errs))
                        s = scheme_parse(buf_str(&text), text.len, errs);
                buf_free(&text);
                return s;
        }
        struct buf key = BUF_INIT;
        buf_printf(&key, "schemes/%s.json", name_or_path);
        const struct embedded_file *f = embedded_find(buf_str(&key));
        buf_free(&key);
        if (!f) {
                struct buf list = BUF_INIT;
                for (size_t i = 0; scheme_builtin_names[i]; i++)
                        buf_printf(&list, "%s%s", i ? "、" : "", scheme_builtin_names[i]);
                diags_add(errs, name_or_path, "评分方案",
                          "没有名为“%s”的评分方案（内置方案：%s；也可指定方案文件路径）",
                          name_or_path, buf_str(&list));
                buf_free(&list);
                return NULL;
        }
        return scheme_parse((const char *)f->data, f->size, errs);
}

enum { MAX_BUILTIN = 16 };
static struct scheme *builtin[MAX_BUILTIN];
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

/* The built-in schemes live as long as the process; released at exit so
 * that leak checkers see every allocation returned. */
static void free_builtins(void)
{
        for (size_t i = 0; i < MAX_BUILTIN; i++)
                scheme_free(builtin[i]);
}

static void load_builtins(void)
{
        atexit(free_builtins);
        for (size_t i = 0; scheme_builtin_names[i] && i < MAX_BUILTIN; i++) {
                struct diags errs = DIAGS_INIT;
                builtin[i] = scheme_load(scheme_builtin_names[i], &errs);
                diags_free(&errs);
        }
}

const struct scheme *scheme_builtin(const char *name)
{
        pthread_once(&builtin_once, load_builtins);
        for (size_t i = 0; name && scheme_builtin_names[i] && i < MAX_BUILTIN; i++)
                if (strcmp(scheme_builtin_names[i], name) == 0)
                        return builtin[i];
        return NULL;
}

void scheme_free(struct scheme *s)
{
        if (s)
                arena_free(s->arena);
}

const char *scheme_grade(const struct scheme *s, dec_t total)
{
        if (!dec_is_set(total))
                return NULL;
        for (size_t i = 0; i < s->n_grades; i++) {
                int c = dec_cmp(total, s->grades[i].min);
                if (c > 0 || (c == 0 && !s->grades[i].min_open))
                        return s->grades[i].name;
        }
        return s->n_grades ? s->grades[s->n_grades - 1].name : NULL;
}
