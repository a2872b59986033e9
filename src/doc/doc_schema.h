/* The descriptor tables of the document format: the root (struct doc), the
 * indicator tree and the project (which edits name by identity), and the enumerations renderers need. */
#ifndef JX_DOC_SCHEMA_H
#define JX_DOC_SCHEMA_H

#include "../schema/schema.h"
#include "doc.h"

extern const struct schema schema_doc;
extern const struct schema schema_indicator;
extern const struct schema schema_ind_group;
extern const struct schema schema_ind_level;
extern const struct schema schema_project;

extern const struct enum_def enum_money_unit;
extern const struct enum_def enum_cmp_op;
extern const struct enum_def enum_ind_kind;
extern const struct enum_def enum_qual_band;
extern const struct enum_def enum_attach_kind;

#endif
