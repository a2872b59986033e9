/* Field descriptors: how a C struct maps to a JSON object.
 *
 * A table of struct field per struct says, per member, its JSON key, its
 * Chinese label, its type and where it lives. The JSON binder (bind.c),
 * the writer, the equality test and the initialiser are driven by these
 * tables, so a file format is described in exactly one place. Documents
 * (src/doc/doc_schema.c) and scoring schemes (src/engine/scheme_schema.c)
 * are both described this way. */
#ifndef JX_SCHEMA_H
#define JX_SCHEMA_H

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/jsonw.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ftype {
        FT_STR,  /* const char *, short text (names, codes, units) */
        FT_TEXT, /* const char *, long text (narratives) */
        FT_DEC,  /* dec_t, written as a JSON string "716.83" */
        FT_INT,  /* int64_t, SCHEMA_INT_NONE when absent */
        FT_BOOL, /* bool, false when absent */
        FT_ENUM, /* int, 0 when absent; names from enum_def */
        FT_OBJ,  /* embedded struct described by sub */
        FT_ARR,  /* pointer to array of sub structs + size_t count */
        FT_DECS, /* pointer to array of dec_t + size_t count */
};

enum {
        FL_REQUIRED = 1 << 0,  /* must be present */
        FL_UNIT_CODE = 1 << 1, /* six ASCII digits */
        FL_FIXED = 1 << 2,     /* never set by a user's change (who, when, scheme, files);
                                  applies to everything inside the member too */
        FL_ROWS = 1 << 3,      /* an array whose rows users add, remove and move */
        FL_SIGNED = 1 << 4,    /* a decimal that may be below 0 (an adjustment); any other
                                  decimal a user types is 0 or more */
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
        int64_t min, max;          /* FT_INT: accepted range; FT_ARR: most rows users add (0:
                                      SCHEMA_MAX_ITEMS) */
        const char *note;          /* a remark for the format reference */
};

struct schema {
        const char *name;  /* type name in the format reference */
        const char *label; /* Chinese name of the object */
        size_t size;       /* sizeof the struct */
        const struct field *fields;
        size_t n_fields;
};

/* An absent integer member. */
#define SCHEMA_INT_NONE INT64_MIN

/* Limits applied by the parser. */
enum {
        SCHEMA_MAX_STR = 1000,    /* bytes in an FT_STR */
        SCHEMA_MAX_TEXT = 200000, /* bytes in an FT_TEXT */
        SCHEMA_MAX_ITEMS = 10000, /* elements in an array */
};

/* Set every member of the struct at p (described by s) to "absent":
 * DEC_NONE, SCHEMA_INT_NONE, NULL, 0. */
void schema_init(const struct schema *s, void *p);

/* Copy the struct at src (described by s) to dst, with every string and
 * array it reaches copied into arena a (a deep copy). */
void schema_copy(const struct schema *s, void *dst, const void *src, struct arena *a);

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

/* Number of elements of an FT_ARR or FT_DECS member. */
static inline size_t field_count(const struct field *f, const void *base)
{
        return *(const size_t *)((const char *)base + f->count_off);
}

/* Parse the JSON text[0..len) into the struct at out (described by s,
 * already initialised with schema_init), allocating strings and arrays in
 * arena. Appends one diagnostic per problem, named by its JSON path (type,
 * unknown member, missing member, malformed decimal, range, length…);
 * returns true when there was none. */
bool bind_json(const char *text, size_t len, const struct schema *s, void *out, struct arena *arena,
               struct diags *errs);

/* Why jansson refused a text, in Chinese, into out: the kind of error,
 * where (line and column) and the text it stopped at, e.g. "语法错误（第 2
 * 行第 13 列，在“,”附近）". */
void bind_json_error(const void *jansson_error, struct buf *out);

/* Check the struct at p (described by s) in memory by the rules
 * bind_json() applies to a text, as if it were written and read back:
 * one diagnostic per problem, named by its JSON path; true when none. */
bool bind_check(const struct schema *s, const void *p, struct diags *errs);

/* Write the struct at p as a JSON object: members in table order, empty
 * members omitted, decimals as shortest exact strings. */
void bind_write(struct jsonw *w, const struct schema *s, const void *p);

/* True if the structs at a and b hold the same data. */
bool bind_equal(const struct schema *s, const void *a, const void *b);

/* Append the Markdown reference of s and every struct reachable from it:
 * one table per struct (key, Chinese label, type, required, note). */
void schema_reference(const struct schema *s, struct buf *out);

#endif
