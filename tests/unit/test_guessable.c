/* Guessable passwords: the seed system's default Aa111111@ and its
 * variants, the commonest passwords and their look-alike spellings,
 * keyboard walks and sequences are refused; passwords people make up
 * (and every password the tests sign in with) are not. */
#include "../support/testutil.h"

#include "../../src/auth/auth.h"
#include "../../src/auth/guessable.h"

static void test_the_default_and_its_variants(void **state)
{
        (void)state;
        static const char *const guessable[] = {
            "Aa111111@",    "Aa1111111@",   "Aa11111111@",  "aA1111111@",   "Aa111111@@",
            "Aa1111111!",   "Aa12345678@",  "Aa123456789@", "Aa@123456789", "AA1111111@",
            "Aaa1111111@",  "Abc@1234567",  "Admin@123456", "Admin@1234567", "P@ssw0rd123",
            "Passw0rd!123", "Password@123", "1qaz@WSX3edc", "1qaz2wsx3EDC", "Qwer@123456",
            "Qwerty@12345", "Asdf@1234567", "Zxcvbnm@123",  "Huawei@12345", "Woaini@12345",
            "Jixiao@123456", "1234567890Aa", "Abcd!9876543", "Root@1234567", "Welcome@2222",
            "Test@12345678", "!@#$%^&*()Aa", "Aaaaaaaaa1!",
        };
        for (size_t i = 0; i < sizeof guessable / sizeof *guessable; i++) {
                if (!password_guessable(guessable[i]))
                        fprintf(stderr, "not caught: %s\n", guessable[i]);
                assert_true(password_guessable(guessable[i]));
                /* and the policy refuses it, whatever the length rule says first */
                assert_non_null(password_policy(guessable[i], "13900000001", NULL));
        }
}

static void test_made_up_passwords_pass(void **state)
{
        (void)state;
        static const char *const fine[] = {
            "Jixiao-Flow-2026!", "Jixiao-Pages-2026!", "Jixiao-Admin-2026!", "Jixiao-E2e-2026!",
            "Jixiao-Inputs-2026!", "Jixiao-Files-2026!", "Jixiao-Export-2026!",
            "Tq7#mLp9vX",        "Suining#Caizheng84", "Yx9q#8a3D5FF",       "绩效管理Aa-2026年",
            "Correct-Horse-7",   "Hn2024*jixiao*qy",
        };
        for (size_t i = 0; i < sizeof fine / sizeof *fine; i++) {
                if (password_guessable(fine[i]))
                        fprintf(stderr, "refused: %s\n", fine[i]);
                assert_false(password_guessable(fine[i]));
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_the_default_and_its_variants),
            cmocka_unit_test(test_made_up_passwords_pass),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
