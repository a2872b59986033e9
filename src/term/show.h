/* "jixiao show": a document as Chinese terminal tables. */
#ifndef JX_SHOW_H
#define JX_SHOW_H

#include "../base/buf.h"
#include "../doc/doc.h"

#include <stddef.h>

/* Append the rendering of d, at most width columns wide, to out. */
void show_doc(const struct doc *d, size_t width, struct buf *out);

#endif
