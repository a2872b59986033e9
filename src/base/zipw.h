/* ZIP archives written in memory (libzip): the DOCX package, and many
 * exported files in one download. */
#ifndef JX_ZIPW_H
#define JX_ZIPW_H

#include "buf.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct zipw;

/* A new, empty archive; NULL with a diagnostic when libzip fails. */
struct zipw *zipw_new(struct diags *errs);
/* Add data[0..len) as entry name (UTF-8), deflated, dated mtime. The
 * bytes are copied. False with a diagnostic on failure. */
bool zipw_add(struct zipw *z, const char *name, const void *data, size_t len, time_t mtime,
              struct diags *errs);
/* Close the archive, append it to out and free z (also on failure, when
 * out is left as it was). */
bool zipw_finish(struct zipw *z, struct buf *out, struct diags *errs);
/* Free an archive that will not be finished. NULL is allowed. */
void zipw_free(struct zipw *z);

#endif
