/* Helpers shared by the cmocka test programs: running the jixiao binary,
 * reading files, locating the repository. */
#ifndef JX_TESTUTIL_H
#define JX_TESTUTIL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/base/buf.h"

/* Output of one run of the jixiao binary. */
struct run {
        int status; /* exit code, or 128 + signal */
        struct buf out;
        struct buf err;
};

/* Run the program argv[0] with arguments argv (NULL-terminated), feeding
 * stdin_text (may be NULL) and capturing its output. */
struct run run_argv(const char *stdin_text, const char *const *argv);

/* Path of the jixiao binary under test: $JIXIAO_BIN or build/jixiao. */
const char *jixiao_bin(void);

/* Run the binary under test ($JIXIAO_BIN, default build/jixiao) with the
 * NULL-terminated arguments after argv0, feeding stdin_text (may be NULL).
 * The caller frees with run_free(). */
struct run run_jixiao(const char *stdin_text, const char *arg, ...);
void run_free(struct run *r);

/* Path of a file in the repository ($JIXIAO_ROOT, default "."), in a
 * static buffer valid until the next call. */
const char *repo_path(const char *rel);

/* Whole contents of a file (NUL-terminated, malloc'd) or NULL. */
char *read_file(const char *path, size_t *len);

/* valgrind's memcheck can judge the binary under test: valgrind is
 * installed and this is not the sanitizer build (valgrind cannot run a
 * sanitized binary). */
bool memcheck_available(void);

/* The valgrind command line that runs the program after it and exits
 * with status 99 on any memory error or definite/indirect leak, judged
 * with tests/valgrind.supp (leaks inside system libraries, each explained
 * there): MEMCHECK_ARGC entries written to argv. */
enum { MEMCHECK_ARGC = 7 };
void memcheck_argv(const char *argv[MEMCHECK_ARGC]);
/* Run the binary under test with the NULL-terminated arguments args (at
 * most 16) under that valgrind command line. */
struct run run_jixiao_memcheck(const char *const *args);

/* The four seed examples, by repository-relative path. */
extern const char *const seed_examples[4];

#endif
