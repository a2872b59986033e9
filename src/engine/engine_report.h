/* Output of evaluations: JSON (for --json and the web API). */
#ifndef JX_ENGINE_REPORT_H
#define JX_ENGINE_REPORT_H

#include "../base/jsonw.h"
#include "engine.h"

/* Write e as one JSON object: unit, fiscal_year, scheme; with scores,
 * total, stated_total, grade, stated_grade, execution, indicators (path,
 * code, name, weight, score, stated_score, basis, rule) and projects; then
 * errors, warnings, infos and findings (code, severity, path, label,
 * stated, computed, rule, message). */
void engine_json(struct jsonw *w, const struct evaluation *e, bool scores);

/* One finding as a JSON object. */
void engine_json_finding(struct jsonw *w, const struct finding *f);

#endif
