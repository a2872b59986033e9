/* Macros for writing descriptor tables (included by the files that define
 * them, not by users of the tables).
 *
 * The JSON key of a member is normally its C name (STR, DEC, …); where they
 * differ, for example an embedded struct flattened into its parent's JSON
 * object, AT names both. SCHEMA(id, T, label) defines the table of struct
 * T from the array T_fields. */
#ifndef JX_SCHEMA_DEF_H
#define JX_SCHEMA_DEF_H

#include "schema.h"

#include <stddef.h>

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

#define AT(T, k, path, lbl, ty, ...)                                                               \
        {                                                                                          \
                .key = k, .label = lbl, .type = ty, .off = offsetof(T, path), __VA_ARGS__          \
        }
#define STR(T, m, lbl, ...)       AT(T, #m, m, lbl, FT_STR, __VA_ARGS__)
#define TEXT(T, m, lbl, ...)      AT(T, #m, m, lbl, FT_TEXT, __VA_ARGS__)
#define DEC(T, m, lbl, ...)       AT(T, #m, m, lbl, FT_DEC, __VA_ARGS__)
#define BOOL(T, m, lbl, ...)      AT(T, #m, m, lbl, FT_BOOL, __VA_ARGS__)
#define COUNT(T, m, lbl, ...)     AT(T, #m, m, lbl, FT_INT, .min = 0, .max = 100000000, __VA_ARGS__)
#define ENUM(T, m, lbl, def, ...) AT(T, #m, m, lbl, FT_ENUM, .en = &def, __VA_ARGS__)
#define OBJ(T, m, lbl, s, ...)    AT(T, #m, m, lbl, FT_OBJ, .sub = &s, __VA_ARGS__)
#define ARR(T, m, lbl, s, ...)                                                                     \
        AT(T, #m, m, lbl, FT_ARR, .sub = &s, .count_off = offsetof(T, n_##m), __VA_ARGS__)
#define DECS(T, m, lbl, ...)                                                                       \
        AT(T, #m, m, lbl, FT_DECS, .count_off = offsetof(T, n_##m), __VA_ARGS__)

#define SCHEMA(id, T, lbl)                                                                         \
        static const struct schema id = {#T, lbl, sizeof(struct T), T##_fields, LEN(T##_fields)}

#define NOTE(s) .note = s

#endif
