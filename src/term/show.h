/* "jixiao show": an evaluated document as Chinese terminal tables. */
#ifndef JX_SHOW_H
#define JX_SHOW_H

#include "../base/buf.h"
#include "../doc/doc.h"
#include "../engine/engine.h"

#include <stddef.h>

/* Append the rendering of d evaluated as e, at most width columns wide,
 * to out. */
void show_doc(const struct doc *d, const struct evaluation *e, size_t width, struct buf *out);

#endif
