/* UTF-8 helpers: decoding one code point and terminal display width
 * (CJK characters take two columns). */
#ifndef JX_UTF8_H
#define JX_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[0..n) into *cp and return its length in bytes
 * (1..4). Invalid or truncated sequences decode as U+FFFD of length 1. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Columns a terminal uses for code point cp: 0 for combining marks and
 * controls, 2 for East Asian wide and fullwidth characters, else 1. */
int utf8_cp_width(uint32_t cp);

/* Display width of s[0..n). */
size_t utf8_width(const char *s, size_t n);

/* Length in bytes of the longest prefix of s[0..n) whose display width is
 * at most cols, never splitting a character. */
size_t utf8_prefix_for_width(const char *s, size_t n, size_t cols);

/* True if s[0..n) is well-formed UTF-8 without overlongs or surrogates. */
bool utf8_valid(const char *s, size_t n);

#endif
