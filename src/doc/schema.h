/* Field descriptors of the document format.
 *
 * Every struct of doc.h has a table here saying, per member, its JSON key,
 * its Chinese label, its type and where it lives. The parser, the writer,
 * the equality test, the path resolver, the initialiser and the format
 * reference in docs/format.md are all driven by these tables, so the
 * format is described in exactly one place. */
#ifndef JX_SCHEMA_H
#define JX_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ftype {
        FT_STR,  /* const char *, short text (names, codes, units) */
        FT_TEXT, /* const char *, long text (narratives) */
        FT_DEC,  /* dec_t, written as a JSON string "716.83" */
        FT_INT,  /* int64_t, COUNT_NONE when absent */
        FT_BOOL, /* bool, false when absent */
        FT_ENUM, /* int, 0 when absent; names from enum_def */
        FT_OBJ,  /* embedded struct described by sub */
        FT_ARR,  /* pointer to array of sub structs + size_t count */
        FT_DECS, /* pointer to array of dec_t + size_t count */
};

enum {
        FL_REQUIRED = 1 << 0,  /* must be present */
        FL_UNIT_CODE = 1 << 1, /* six ASCII digits */
};

struct enum_def {
        const char *const *names;  /* names[i] is the JSON spelling of value i+1 */
        const char *const *labels; /* Chinese label of each value */
        size_t n;
};

struct schema;

struct field {
        const char *key;   /* JSON key */
        const char *label; /* Chinese label shown to users */
        enum ftype type;
        size_t off; /* offset of the member in its struct */
        unsigned flags;
        const struct schema *sub;  /* FT_OBJ, FT_ARR */
        const struct enum_def *en; /* FT_ENUM */
        size_t count_off;          /* FT_ARR, FT_DECS: offset of the size_t count */
        int64_t min, max;          /* FT_INT: accepted range */
        const char *note;          /* a remark for the format reference */
};

struct schema {
        const char *name;  /* type name in the format reference */
        const char *label; /* Chinese name of the object */
        size_t size;       /* sizeof the struct */
        const struct field *fields;
        size_t n_fields;
};

/* The root: struct doc. */
extern const struct schema schema_doc;
extern const struct schema schema_indicator;

/* Enumerations, exported for renderers. */
extern const struct enum_def enum_money_unit;
extern const struct enum_def enum_cmp_op;
extern const struct enum_def enum_ind_kind;
extern const struct enum_def enum_qual_band;
extern const struct enum_def enum_attach_kind;

/* Limits applied by the parser. */
enum {
        SCHEMA_MAX_STR = 1000,    /* bytes in an FT_STR */
        SCHEMA_MAX_TEXT = 200000, /* bytes in an FT_TEXT */
        SCHEMA_MAX_ITEMS = 10000, /* elements in an array */
};

/* Set every member of the struct at p (described by s) to "absent":
 * DEC_NONE, COUNT_NONE, NULL, 0. */
void schema_init(const struct schema *s, void *p);

/* True if the member f of the struct at base holds nothing (unset value,
 * empty array, object whose members are all empty). */
bool field_empty(const struct field *f, const void *base);
/* True if every member of the struct at p is empty. */
bool schema_empty(const struct schema *s, const void *p);

/* The field of s named key, or NULL. */
const struct field *schema_field(const struct schema *s, const char *key);

/* JSON spelling / Chinese label of enum value v (1..n), or NULL. */
const char *enum_name(const struct enum_def *e, int v);
const char *enum_label(const struct enum_def *e, int v);

/* Address of a member inside a struct. */
static inline void *field_ptr(const struct field *f, void *base)
{
        return (char *)base + f->off;
}

static inline const void *field_cptr(const struct field *f, const void *base)
{
        return (const char *)base + f->off;
}

#endif
