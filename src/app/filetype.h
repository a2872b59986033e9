/* What may be uploaded as an attachment: the file name rules and the
 * type check by content. A file is accepted only when its content is a
 * PDF, a Word document (.doc, .docx), an Excel workbook (.xls, .xlsx) or
 * a PNG or JPEG image, and its name's extension agrees with that
 * content. The media type stored is the one found here, never the one
 * the client claimed. */
#ifndef JX_FILETYPE_H
#define JX_FILETYPE_H

#include "../base/arena.h"

#include <stddef.h>

enum {
        FILETYPE_NAME_MAX = 120, /* characters (code points) of a file name */
};

struct filetype {
        const char *label;      /* what the content is, in Chinese: "PDF 文档" */
        const char *media_type; /* "application/pdf" */
        const char *ext;        /* the usual extension, without the dot: "pdf" */
};

/* The file name to keep for an upload named filename (as the client sent
 * it): the base name (anything up to the last '/' or '\' dropped),
 * trimmed of surrounding blanks. Refused, with a Chinese message in *why
 * and NULL returned: no name, invalid UTF-8, control or text-direction
 * characters, more than FILETYPE_NAME_MAX characters, no extension.
 * Memory: the result and the message are in a. */
const char *filetype_clean_name(struct arena *a, const char *filename, const char **why);

/* The type of data[0..len), a file named name (a cleaned name). Returns
 * NULL with a Chinese message in *why (in a) that says what to do when
 * the file is empty, its content is none of the accepted types, its
 * extension is not accepted or does not agree with its content, it holds
 * macros (VBA code or Excel 4.0 macro sheets: see filetype.c for where
 * they are looked for), or its structure cannot be read well enough to
 * tell. Legacy Office files (OLE2) are told apart by extension (.doc,
 * .xls). ZIP-based files are opened from memory; only [Content_Types].xml
 * and the *.rels parts are inflated, at most 4 MiB each and 32 MiB in
 * all. The result is static. */
const struct filetype *filetype_detect(struct arena *a, const char *name, const void *data,
                                       size_t len, const char **why);

/* The accepted type stored with media type media_type, or NULL. */
const struct filetype *filetype_by_media(const char *media_type);

/* The sentence naming what is accepted, for forms and messages. */
extern const char filetype_accepted[];

#endif
