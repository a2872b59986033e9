/* Streaming JSON writer into a struct buf.
 *
 * Used for every JSON jixiao emits (documents, command output, API
 * responses) so that decimals can be written exactly — as strings in
 * documents, as number lexemes in reports — which jansson's reals cannot. */
#ifndef JX_JSONW_H
#define JX_JSONW_H

#include "buf.h"
#include "dec.h"

#include <stdbool.h>
#include <stdint.h>

enum { JSONW_MAX_DEPTH = 64 };

struct jsonw {
        struct buf *out;
        bool pretty;        /* newline and two-space indentation */
        int depth;          /* current nesting */
        uint64_t has_items; /* bit d set: container at depth d has an item */
        bool after_key;     /* a key was written, the value comes next */
};

/* Start writing into out (not owned). */
void jw_init(struct jsonw *w, struct buf *out, bool pretty);
void jw_obj_begin(struct jsonw *w);
void jw_obj_end(struct jsonw *w);
void jw_arr_begin(struct jsonw *w);
void jw_arr_end(struct jsonw *w);
/* Object member name; the next call writes its value. */
void jw_key(struct jsonw *w, const char *key);
/* String value; NULL writes null. */
void jw_str(struct jsonw *w, const char *s);
void jw_strn(struct jsonw *w, const char *s, size_t n);
void jw_int(struct jsonw *w, int64_t v);
void jw_bool(struct jsonw *w, bool v);
void jw_null(struct jsonw *w);
/* A decimal as a JSON string in its shortest exact form ("716.83"). */
void jw_dec_string(struct jsonw *w, dec_t d);
/* A decimal as a JSON number with dp decimals (dp < 0: shortest exact);
 * DEC_NONE writes null. */
void jw_dec_number(struct jsonw *w, dec_t d, int dp);
/* A value that is already JSON text (trusted: written by this program). */
void jw_raw(struct jsonw *w, const char *json);
/* Append s to out as a quoted, escaped JSON string (no separators). */
void jw_quote(struct buf *out, const char *s, size_t n);

#endif
