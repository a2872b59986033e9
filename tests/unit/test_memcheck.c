/* The release binary under valgrind's memcheck: no invalid access and no
 * leak while parsing, rendering and re-serializing every example, and
 * while rejecting a broken document. (The sanitizer build covers the
 * rest of the suite; valgrind cannot run a sanitized binary.) */
#include "../support/testutil.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool memcheck_available(void)
{
        const char *flavour = getenv("JIXIAO_FLAVOUR");
        return access("/usr/bin/valgrind", X_OK) == 0 && !(flavour && strcmp(flavour, "asan") == 0);
}

/* Run "jixiao cmd file" under memcheck; assert jixiao's own exit status,
 * which valgrind replaces with 99 on any memory error or leak. */
static void memcheck(int want_status, const char *cmd, const char *file)
{
        char path[4096];
        snprintf(path, sizeof path, "%s", repo_path(file));
        const char *argv[] = {"/usr/bin/valgrind",
                              "--error-exitcode=99",
                              "--leak-check=full",
                              "--errors-for-leak-kinds=definite,indirect",
                              "--quiet",
                              jixiao_bin(),
                              cmd,
                              path,
                              NULL};
        struct run r = run_argv(NULL, argv);
        if (r.status != want_status)
                fprintf(stderr, "%s", r.err.data);
        assert_int_equal(r.status, want_status);
        run_free(&r);
}

static void test_examples_are_clean_under_memcheck(void **state)
{
        (void)state;
        if (!memcheck_available())
                skip();
        for (size_t i = 0; i < 4; i++) {
                memcheck(0, "show", seed_examples[i]);
                memcheck(0, "fmt", seed_examples[i]);
        }
}

static void test_rejection_is_clean_under_memcheck(void **state)
{
        (void)state;
        if (!memcheck_available())
                skip();
        memcheck(2, "show", "tests/data/bad-document.json");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_examples_are_clean_under_memcheck),
            cmocka_unit_test(test_rejection_is_clean_under_memcheck),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
