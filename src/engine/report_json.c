/* An evaluation as JSON: totals, grade, every indicator with its rule, and
 * every finding. Numbers are JSON numbers at the rule's precision. Used by
 * "jixiao score --json", "jixiao check --json" and the web API. */
#include "engine_report.h"
#include "engine_int.h"

static void value(struct jsonw *w, dec_t v, const char *text, int places)
{
        if (text)
                jw_str(w, text);
        else
                jw_dec_number(w, v, places);
}

void engine_json_finding(struct jsonw *w, const struct finding *f)
{
        jw_obj_begin(w);
        jw_key(w, "code");
        jw_str(w, f->code);
        jw_key(w, "severity");
        jw_str(w, severity_name(f->severity));
        jw_key(w, "path");
        jw_str(w, f->path);
        jw_key(w, "label");
        jw_str(w, f->label);
        jw_key(w, "stated");
        value(w, f->stated, f->stated_text, f->places);
        jw_key(w, "computed");
        value(w, f->computed, f->computed_text, f->places);
        jw_key(w, "rule");
        jw_str(w, f->rule);
        jw_key(w, "message");
        jw_str(w, f->message);
        jw_obj_end(w);
}

static void indicators(struct jsonw *w, const struct evaluation *e, const struct table_score *t)
{
        int places = (int)e->scheme->places;
        struct buf tmp = BUF_INIT;
        jw_arr_begin(w);
        for (size_t i = 0; i < t->n_items; i++) {
                const struct item_score *it = &t->items[i];
                jw_obj_begin(w);
                jw_key(w, "path");
                buf_reset(&tmp);
                engine_item_path(t, i, &tmp);
                jw_str(w, buf_str(&tmp));
                if (it->def || (it->ind && it->ind->code)) {
                        jw_key(w, "code");
                        jw_str(w, it->def ? it->def->code : it->ind->code);
                }
                jw_key(w, "name");
                jw_str(w, it->ind ? it->ind->name : it->def->name);
                jw_key(w, "weight");
                jw_dec_number(w, it->weight, -1);
                jw_key(w, "score");
                jw_dec_number(w, it->score, places);
                jw_key(w, "stated_score");
                jw_dec_number(w, it->stated, -1);
                jw_key(w, "basis");
                static const char *const bases[] = {"rule", "evaluator", "stated", "not_applicable",
                                                    "missing"};
                jw_str(w, bases[it->basis]);
                jw_key(w, "rule");
                buf_reset(&tmp);
                engine_explain(e, t, i, &tmp);
                jw_str(w, buf_str(&tmp));
                jw_obj_end(w);
        }
        jw_arr_end(w);
        buf_free(&tmp);
}

static void table(struct jsonw *w, const struct evaluation *e, const struct table_score *t)
{
        int places = (int)e->scheme->places;
        jw_key(w, "total");
        jw_dec_number(w, t->total, places);
        jw_key(w, "stated_total");
        jw_dec_number(w, t->src->stated_total, -1);
        jw_key(w, "grade");
        jw_str(w, t->grade);
        jw_key(w, "stated_grade");
        jw_str(w, t->src->stated_grade);
        if (t->has_execution) {
                jw_key(w, "execution");
                jw_obj_begin(w);
                jw_key(w, "weight");
                jw_dec_number(w, t->exec_weight, -1);
                jw_key(w, "rate_pct");
                jw_dec_number(w, t->exec_rate_pct, 2);
                jw_key(w, "score");
                jw_dec_number(w, t->exec_score, places);
                jw_key(w, "stated_score");
                jw_dec_number(w, t->src->budget.stated_score, -1);
                jw_obj_end(w);
        }
        jw_key(w, "indicator_weight");
        jw_dec_number(w, t->weight_total, -1);
        jw_key(w, "indicator_score");
        jw_dec_number(w, t->indicator_score, places);
        jw_key(w, "indicators");
        indicators(w, e, t);
}

void engine_json(struct jsonw *w, const struct evaluation *e, bool scores)
{
        const struct doc *d = e->doc;
        jw_obj_begin(w);
        jw_key(w, "unit");
        jw_obj_begin(w);
        jw_key(w, "code");
        jw_str(w, d->unit.code);
        jw_key(w, "name");
        jw_str(w, d->unit.name);
        jw_obj_end(w);
        jw_key(w, "fiscal_year");
        jw_int(w, d->fiscal_year);
        jw_key(w, "scheme");
        jw_str(w, e->scheme->name);
        if (scores) {
                table(w, e, &e->self);
                jw_key(w, "projects");
                jw_arr_begin(w);
                for (size_t i = 0; i < e->n_projects; i++) {
                        jw_obj_begin(w);
                        jw_key(w, "name");
                        jw_str(w, d->projects[i].name);
                        table(w, e, &e->projects[i]);
                        jw_obj_end(w);
                }
                jw_arr_end(w);
        }
        jw_key(w, "errors");
        jw_int(w, (int64_t)e->n_errors);
        jw_key(w, "warnings");
        jw_int(w, (int64_t)e->n_warnings);
        jw_key(w, "infos");
        jw_int(w, (int64_t)(e->n_findings - e->n_errors - e->n_warnings));
        jw_key(w, "findings");
        jw_arr_begin(w);
        for (size_t i = 0; i < e->n_findings; i++)
                engine_json_finding(w, &e->findings[i]);
        jw_arr_end(w);
        jw_obj_end(w);
}
