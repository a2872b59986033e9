/* Credentials: argon2id password hashes, one-time passwords, the password
 * policy, and random tokens for sessions and CSRF (all on libsodium). */
#ifndef JX_AUTH_H
#define JX_AUTH_H

#include <stdbool.h>
#include <stddef.h>

enum {
        PASSWORD_HASH_MAX = 128, /* room for an argon2id hash string */
        PASSWORD_MIN_CHARS = 10,
        PASSWORD_MAX_BYTES = 128,
        OTP_CHARS = 12,      /* one-time passwords */
        TOKEN_CHARS = 43,    /* 256 random bits in base64url */
        TOKEN_HASH_LEN = 32, /* BLAKE2b of a token, what the database keeps */
};

/* Initialise libsodium; false if it cannot be. Call once at start. */
bool auth_init(void);

/* Hash pw with argon2id (libsodium's interactive limits: 2 passes, 64
 * MiB). At most two hashes run at once, so a burst of logins cannot take
 * all memory. */
bool password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* True if pw matches hash; takes the same time whether it does or not. */
bool password_verify(const char *hash, const char *pw);

/* A one-time password of OTP_CHARS characters drawn from letters and
 * digits that cannot be confused (no 0/O, 1/l/I), with every class. */
void password_generate(char out[OTP_CHARS + 1]);

/* NULL when pw is acceptable for the user with this phone number and
 * previous password (may be NULL); otherwise the reason, in Chinese. */
const char *password_policy(const char *pw, const char *phone, const char *previous);

/* A new random token, NUL-terminated, and the hash to store. */
void token_new(char out[TOKEN_CHARS + 1], unsigned char hash[TOKEN_HASH_LEN]);
/* The hash of a token presented by a client. */
void token_hash(const char *token, unsigned char hash[TOKEN_HASH_LEN]);
/* Constant-time comparison of two NUL-terminated secrets. */
bool secret_equal(const char *a, const char *b);

#endif
