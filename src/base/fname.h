/* Names of files jixiao hands out: the name of a download
 * (Content-Disposition) and the entries of a ZIP archive of reports. Both
 * come from data users typed (a unit's name, an uploaded file's name), so
 * one function makes them safe as a single file name on any system. */
#ifndef JX_FNAME_H
#define JX_FNAME_H

#include "arena.h"

enum {
        FNAME_MAX_BYTES = 200, /* a cleaned name's length in bytes, at most */
};

/* name as a single, plain file name, in a (NUL-terminated):
 *  - path separators '/' and '\', control characters (C0, DEL, C1), the
 *    characters that reorder text (U+200E/F, U+202A–E, U+2066–9), the
 *    characters Windows reserves ("<>|:*?) and invalid UTF-8 bytes each
 *    become '_', so the name has no directory part and no dot segment;
 *  - leading dots and blanks become '_' (no hidden or "." / ".." names);
 *    trailing dots and blanks are dropped (Windows drops them silently);
 *  - a Windows device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, before
 *    any extension, in any case) gets a '_' in front;
 *  - longer than FNAME_MAX_BYTES, the part before the extension is cut
 *    at a character boundary so that the extension survives;
 *  - nothing left (or name NULL): "download".
 * A name that is already plain comes back unchanged. */
const char *fname_clean(struct arena *a, const char *name);

#endif
