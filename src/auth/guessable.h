/* Passwords an attacker tries first: the commonest passwords, the seed
 * system's default Aa111111@ and its variants (Aa1111111@, Aa12345678@,
 * P@ssw0rd123 …), keyboard walks and sequences. A password is guessable
 * when, once the symbols and look-alike digits inside words (P@ssw0rd)
 * are read as letters, its letters are a common word, a run of the
 * alphabet or of a keyboard row or column (qwer, 1qaz2wsx) or nothing,
 * and each run of digits is one digit repeated or a run up or down
 * (1111, 123456, 987); or when it holds fewer than five different
 * characters. */
#ifndef JX_AUTH_GUESSABLE_H
#define JX_AUTH_GUESSABLE_H

#include <stdbool.h>

bool password_guessable(const char *pw);

#endif
