/* multipart/form-data bodies (RFC 7578), as browsers send file uploads:
 * a small bounded parser that splits a body held in memory into its text
 * fields and its file parts. It never copies file contents. */
#ifndef JX_MULTIPART_H
#define JX_MULTIPART_H

#include "http.h"

enum {
        MULTIPART_MAX_PARTS = 64,        /* parts in one body */
        MULTIPART_MAX_HEADER = 8 * 1024, /* bytes of one part's header block */
        MULTIPART_MAX_BOUNDARY = 70,     /* RFC 2046 */
};

struct multipart {
        struct param *fields; /* parts without a filename, in body order */
        size_t n_fields;
        struct upload *uploads; /* parts with a filename (even ""), in body order */
        size_t n_uploads;
};

/* Parse body[0..len) whose Content-Type header is content_type
 * ("multipart/form-data; boundary=…"). On success fills out and returns
 * NULL. On failure returns a Chinese message saying what is wrong (no
 * boundary, no first delimiter, a part without an end delimiter, a part
 * whose headers do not end, exceed MULTIPART_MAX_HEADER or are malformed,
 * no Content-Disposition or no field name, more than MULTIPART_MAX_PARTS
 * parts, a NUL in a field name, file name or text value, names not in
 * UTF-8) and leaves out empty.
 *
 * Memory: names, file names, claimed content types, text values, the
 * arrays and the message are allocated in a; every upload's data points
 * into body, so body must outlive out. */
const char *multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
                            struct multipart *out);

#endif
