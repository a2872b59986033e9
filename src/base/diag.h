/* A list of located error messages: where (a JSON path, a form field, a
 * sheet cell), the Chinese label of the place, and the message. Parsers
 * and validators append to one; callers print or render them. */
#ifndef JX_DIAG_H
#define JX_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { DIAG_MAX = 100 }; /* further diagnostics are counted, not kept */

struct diag {
        char *path;  /* e.g. $.self_eval.budget.adjusted */
        char *label; /* e.g. 全年预算数（A）; may be NULL */
        char *msg;   /* the rule and what was found, in Chinese */
};

struct diags {
        struct diag *items;
        size_t n;       /* kept */
        size_t dropped; /* beyond DIAG_MAX */
};

#define DIAGS_INIT                                                                                 \
        {                                                                                          \
                NULL, 0, 0                                                                         \
        }

/* Append a diagnostic; label may be NULL. */
void diags_add(struct diags *d, const char *path, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Total number reported, kept or dropped. */
size_t diags_count(const struct diags *d);
/* One line per diagnostic: "path（label）：msg", then a line for dropped ones. */
void diags_print(const struct diags *d, FILE *out);
/* Format diagnostic i as one line into a malloc'd string. */
char *diag_line(const struct diag *g);
void diags_free(struct diags *d);

#endif
