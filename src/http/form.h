/* Bodies of HTML forms (application/x-www-form-urlencoded): name=value
 * pairs joined by '&', with '+' for a space and %XX escapes. */
#ifndef JX_FORM_H
#define JX_FORM_H

#include "http.h"

/* Decode body[0..len) into pairs allocated in a (*out, *n; a name without
 * '=' has the value ""). Returns false when the body is malformed: a '%'
 * not followed by two hex digits, or an escape that decodes to NUL; the
 * pairs before the fault are still set. */
bool form_urlencoded_parse(struct arena *a, const char *body, size_t len, struct param **out,
                           size_t *n);

#endif
