/* Reading whole files with a size limit, reporting failures as diagnostics. */
#ifndef JX_FILE_H
#define JX_FILE_H

#include "buf.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

/* Append the contents of path to out. On failure (cannot open, read
 * error, larger than max bytes) appends a diagnostic naming the file and
 * returns false. */
bool file_read(const char *path, size_t max, struct buf *out, struct diags *errs);

#endif
