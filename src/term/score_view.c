/* Terminal views of an evaluation: the scored tables (computed beside
 * stated, with each rule) for "jixiao score", and the findings grouped by
 * severity for "jixiao check". */
#include "score_view.h"
#include "table.h"

#include "../doc/doc_io.h"

#include <stdarg.h>

static const char *dec_or_dash(struct buf *scratch, dec_t v, int places)
{
        char tmp[DEC_BUFSZ];
        buf_reset(scratch);
        buf_puts(scratch, dec_is_set(v) ? dec_fmt(v, places, tmp) : "—");
        return buf_str(scratch);
}

static void table_view(const struct evaluation *e, const struct table_score *t, const char *title,
                       size_t width, struct buf *out)
{
        int places = (int)e->scheme->places;
        char a[DEC_BUFSZ], b[DEC_BUFSZ], c[DEC_BUFSZ];
        buf_printf(out, "\n%s\n", title);
        struct ttable *tt = tt_new(7, (const char *[]){"一级指标", "二级指标", "三级指标", "分值",
                                                       "计算得分", "表列得分", "计分依据"});
        for (size_t col = 3; col < 6; col++)
                tt_align(tt, col, TT_RIGHT);
        if (t->has_execution) {
                struct buf why = BUF_INIT;
                const struct budget_request *br = &t->src->budget;
                if (dec_is_set(t->exec_score))
                        buf_printf(
                            &why, "全年执行数 %s / 全年预算数 %s = %s%%；%s × min(执行率, 1)",
                            dec_fmt_grouped(br->executed, 2, a),
                            dec_fmt_grouped(br->adjusted, 2, b), dec_fmt(t->exec_rate_pct, 2, c),
                            dec_fmt(t->exec_weight, -1, (char[DEC_BUFSZ]){0}));
                else
                        buf_puts(&why, "缺少全年预算数或全年执行数，按 0 分计");
                tt_row(tt,
                       (const char *[]){
                           e->scheme->execution.name ? e->scheme->execution.name : "预算执行率", "",
                           "", dec_fmt(t->exec_weight, -1, a),
                           dec_is_set(t->exec_score) ? dec_fmt(t->exec_score, places, b) : "0",
                           dec_is_set(br->stated_score) ? dec_fmt(br->stated_score, -1, c) : "—",
                           buf_str(&why)});
                buf_free(&why);
        }
        struct buf why = BUF_INIT, s1 = BUF_INIT, s2 = BUF_INIT;
        int last_level = -1, last_group = -1;
        for (size_t i = 0; i < t->n_items; i++) {
                const struct item_score *it = &t->items[i];
                const char *level = "", *group = "";
                if (it->ind) {
                        const struct ind_level *l = &t->src->indicators[it->level];
                        if (it->level != last_level) {
                                tt_rule(tt);
                                level = l->name && l->name[0] ? l->name : "（未注明）";
                                last_group = -1;
                        }
                        if (it->group != last_group || it->level != last_level)
                                group = l->groups[it->group].name && l->groups[it->group].name[0]
                                            ? l->groups[it->group].name
                                            : "（未注明）";
                        last_level = it->level;
                        last_group = it->group;
                }
                buf_reset(&why);
                engine_explain(e, t, i, &why);
                const char *name = it->ind ? it->ind->name : it->def->name;
                tt_row(tt, (const char *[]){level, group, name, dec_or_dash(&s1, it->weight, -1),
                                            it->basis == BASIS_NOT_APPLICABLE
                                                ? "不适用"
                                                : dec_fmt(it->score, places, a),
                                            dec_or_dash(&s2, it->stated, -1), buf_str(&why)});
        }
        tt_rule(tt);
        tt_row(tt,
               (const char *[]){
                   "总分", "", "",
                   dec_fmt(dec_add(t->has_execution ? t->exec_weight : DEC_ZERO, t->weight_total),
                           -1, a),
                   dec_fmt(t->total, places, b),
                   dec_is_set(t->src->stated_total) ? dec_fmt(t->src->stated_total, -1, c) : "—",
                   ""});
        tt_render(tt, width, out);
        tt_free(tt);
        buf_printf(out, "评价等级：计算 %s，表列 %s\n", t->grade ? t->grade : "—",
                   t->src->stated_grade ? t->src->stated_grade : "—");
        buf_free(&why);
        buf_free(&s1);
        buf_free(&s2);
}

static void header(const struct evaluation *e, struct buf *out)
{
        const struct doc *d = e->doc;
        buf_printf(out, "%" PRId64 "年度 %s（%s）  评分方案：%s（%s）\n", d->fiscal_year,
                   d->unit.name, d->unit.code, e->scheme->name, e->scheme->title);
}

static void counts(const struct evaluation *e, struct buf *out)
{
        size_t infos = e->n_findings - e->n_errors - e->n_warnings;
        buf_printf(out, "错误 %zu 项，警告 %zu 项，提示 %zu 项", e->n_errors, e->n_warnings, infos);
}

void view_score(const struct evaluation *e, size_t width, struct buf *out)
{
        header(e, out);
        table_view(e, &e->self, "自评表", width, out);
        for (size_t i = 0; i < e->n_projects; i++) {
                struct buf title = BUF_INIT;
                buf_printf(&title, "项目支出表 %zu：%s", i + 1, e->doc->projects[i].name);
                table_view(e, &e->projects[i], buf_str(&title), width, out);
                buf_free(&title);
        }
        buf_puts(out, "\n");
        counts(e, out);
        buf_puts(out, e->n_findings ? "（运行 jixiao check 查看明细）\n" : "\n");
}

void view_findings(const struct evaluation *e, struct buf *out)
{
        header(e, out);
        counts(e, out);
        buf_puts(out, "\n");
        for (int sev = SEV_ERROR; sev >= SEV_INFO; sev--) {
                bool first = true;
                for (size_t i = 0; i < e->n_findings; i++) {
                        const struct finding *f = &e->findings[i];
                        if ((int)f->severity != sev)
                                continue;
                        if (first)
                                buf_printf(out, "\n%s\n", severity_label(f->severity));
                        first = false;
                        char a[DEC_BUFSZ], b[DEC_BUFSZ];
                        buf_printf(out, "  [%s] %s\n      位置：%s\n      %s\n", f->code, f->label,
                                   f->path, f->message);
                        if (f->rule)
                                buf_printf(out, "      规则：%s\n", f->rule);
                        bool has_stated = f->stated_text || dec_is_set(f->stated);
                        bool has_computed = f->computed_text || dec_is_set(f->computed);
                        if (has_stated || has_computed)
                                buf_printf(
                                    out, "      表列：%s    计算：%s\n",
                                    f->stated_text          ? f->stated_text
                                    : dec_is_set(f->stated) ? dec_fmt(f->stated, f->places, a)
                                                            : "—",
                                    f->computed_text          ? f->computed_text
                                    : dec_is_set(f->computed) ? dec_fmt(f->computed, f->places, b)
                                                              : "—");
                }
        }
}
