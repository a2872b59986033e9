/* Differences between two texts, line by line: what the store keeps of a
 * task's earlier versions (each version as its difference from the next
 * one), since a document is canonical JSON with one member per line and
 * a save usually changes a few lines of a thousand.
 *
 * A difference is itself text, a list of operations on the lines of a
 * base text, one per line: "=N" copies the next N lines of the base, "-N"
 * skips them, "+N" is followed by N lines to insert. Lines are what lies
 * between '\n's (a text ending in '\n' ends with an empty line), so every
 * text, with or without a final newline, round-trips exactly. */
#ifndef JX_LINEDIFF_H
#define JX_LINEDIFF_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Append to out a difference that turns base[0..base_len) into
 * to[0..to_len): the shortest edit script (Myers) when the texts differ
 * by at most a few thousand lines, else one that replaces everything
 * between their common first and last lines. */
void linediff_make(const char *base, size_t base_len, const char *to, size_t to_len,
                   struct buf *out);

/* Append to out the text that delta[0..delta_len) makes of base; false
 * (out as it was) when delta is malformed or does not fit base: an
 * unknown operation, a count that is not a number, more lines copied or
 * skipped than base has, fewer inserted than announced, or lines of base
 * left over. */
bool linediff_apply(const char *base, size_t base_len, const char *delta, size_t delta_len,
                    struct buf *out);

#endif
