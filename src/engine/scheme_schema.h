/* The descriptor tables of the scheme file format. */
#ifndef JX_SCHEME_SCHEMA_H
#define JX_SCHEME_SCHEMA_H

#include "../schema/schema.h"
#include "scheme.h"

extern const struct schema schema_scheme;
extern const struct enum_def enum_rule_kind;
extern const struct enum_def enum_figure;
extern const struct enum_def enum_le_variant;

#endif
