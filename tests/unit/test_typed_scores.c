/* Typed scores stay as typed and one mistake gives one message at its
 * field: for every indicator of every seed, a score above the indicator's
 * weight is refused by exactly one error at that score ("得分不能超过分值")
 * and a score below the rule's asks for a 偏差原因 at that row and nowhere
 * else; the totals the engine computes never add a warning of their own. */
#include "../support/testutil.h"

#include "../../src/doc/doc_edit.h"
#include "../../src/engine/engine.h"

static struct doc *seed(int i)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_load_file(repo_path(seed_examples[i]), &errs);
        diags_free(&errs);
        assert_non_null(d);
        return d;
}

static bool same_finding(const struct finding *a, const struct finding *b)
{
        return strcmp(a->code, b->code) == 0 && strcmp(a->path, b->path) == 0;
}

/* The findings of after that before does not have: not informational,
 * and leaving out the report text's quotations of the old score (a
 * second, real disagreement, judged by the text rules). */
static size_t new_findings(const struct evaluation *before, const struct evaluation *after,
                           const struct finding **out, size_t max)
{
        size_t n = 0;
        for (size_t i = 0; i < after->n_findings; i++) {
                const struct finding *f = &after->findings[i];
                if (f->severity == SEV_INFO || strncmp(f->path, "$.statements", 12) == 0)
                        continue;
                bool old = false;
                for (size_t k = 0; k < before->n_findings && !old; k++)
                        old = same_finding(f, &before->findings[k]);
                if (!old && n < max)
                        out[n++] = f;
        }
        return n;
}

/* True when path is inside the member at prefix. */
static bool inside(const char *path, const char *prefix)
{
        size_t n = strlen(prefix);
        return strncmp(path, prefix, n) == 0 && (path[n] == '.' || path[n] == '\0');
}

/* Each indicator of each seed's 自评表 (after settling the seed) with
 * score typed as make_score(indicator) says; check() judges the findings
 * that are new. */
typedef bool (*make_score)(const struct indicator *ind, char *text);
typedef void (*judge)(const struct indicator *ind, const char *item,
                      const struct finding *const *fresh, size_t n);

static size_t each_indicator(make_score make, judge check)
{
        size_t tried = 0;
        for (int i = 0; i < 4; i++) {
                struct doc *d = seed(i);
                struct diags errs = DIAGS_INIT;
                struct scheme *s = scheme_load(d->scheme, &errs);
                assert_non_null(s);
                struct evaluation *base = engine_settle(d, s);
                const struct score_table *t = &d->self.table;
                for (size_t l = 0; l < t->n_indicators; l++)
                        for (size_t g = 0; g < t->indicators[l].n_groups; g++)
                                for (size_t k = 0; k < t->indicators[l].groups[g].n_items; k++) {
                                        const struct indicator *ind =
                                            &t->indicators[l].groups[g].items[k];
                                        char item[128], path[160], text[DEC_BUFSZ];
                                        if (!make(ind, text))
                                                continue;
                                        snprintf(item, sizeof item,
                                                 "$.self_eval.indicators[%zu].groups[%zu].items[%zu]",
                                                 l, g, k);
                                        snprintf(path, sizeof path, "%s.score", item);
                                        struct doc *c = doc_clone(d);
                                        assert_true(doc_assign(c, path, text, &errs));
                                        struct evaluation *e = engine_settle(c, s);
                                        const struct finding *fresh[16];
                                        size_t n = new_findings(base, e, fresh, 16);
                                        check(&c->self.table.indicators[l].groups[g].items[k], item,
                                              fresh, n);
                                        engine_free(e);
                                        doc_free(c);
                                        tried++;
                                }
                engine_free(base);
                scheme_free(s);
                doc_free(d);
        }
        return tried;
}

static bool above_weight(const struct indicator *ind, char *text)
{
        if (!dec_is_set(ind->weight))
                return false;
        dec_fmt(dec_add(ind->weight, dec_from_int(1)), -1, text);
        return true;
}

/* Above the weight: one error, at the score, that names the rule. */
static void one_error_at_the_score(const struct indicator *ind, const char *item,
                                   const struct finding *const *fresh, size_t n)
{
        (void)ind;
        char at[160];
        snprintf(at, sizeof at, "%s.score", item);
        assert_int_equal(n, 1);
        assert_string_equal(fresh[0]->code, "score.above_weight");
        assert_int_equal(fresh[0]->severity, SEV_ERROR);
        assert_string_equal(fresh[0]->path, at);
        assert_non_null(strstr(fresh[0]->message, "得分不能超过分值"));
}

static void test_a_score_above_the_weight_is_one_error_at_the_score(void **state)
{
        (void)state;
        assert_true(each_indicator(above_weight, one_error_at_the_score) > 40);
}

static bool zero(const struct indicator *ind, char *text)
{
        if (!dec_is_set(ind->weight) || dec_cmp(ind->weight, DEC_ZERO) <= 0 || ind->not_applicable)
                return false;
        strcpy(text, "0");
        return true;
}

/* Below the rule: a missing 偏差原因 is the one message, at the row;
 * else at most one at the score (the fixed scheme's comparison with its
 * own score, or a chosen 档次 the score leaves). */
static void a_reason_at_the_row(const struct indicator *ind, const char *item,
                                const struct finding *const *fresh, size_t n)
{
        bool reason = ind->deviation && *ind->deviation;
        size_t at_score = 0, at_deviation = 0;
        for (size_t x = 0; x < n; x++) {
                const struct finding *f = fresh[x];
                assert_true(inside(f->path, item));
                if (strcmp(f->code, "deviation.missing") == 0) {
                        assert_false(reason);
                        at_deviation++;
                } else {
                        assert_true(strcmp(f->code, "score.mismatch") == 0 ||
                                    strcmp(f->code, "qualitative.band") == 0);
                        at_score++;
                }
        }
        assert_true(at_score <= 1);
        assert_true(at_deviation <= 1);
}

static void test_a_score_below_the_rule_asks_for_a_reason_once(void **state)
{
        (void)state;
        assert_true(each_indicator(zero, a_reason_at_the_row) > 40);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_a_score_above_the_weight_is_one_error_at_the_score),
            cmocka_unit_test(test_a_score_below_the_rule_asks_for_a_reason_once),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
