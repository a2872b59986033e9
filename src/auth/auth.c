/* Credentials on libsodium (see auth.h). */
#include "auth.h"

#include "guessable.h"

#include "../base/utf8.h"

#include <semaphore.h>
#include <sodium.h>
#include <string.h>

_Static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_MAX, "hash fits");

enum { MAX_CONCURRENT_HASHES = 2 };

static sem_t hashing;

bool auth_init(void)
{
        if (sodium_init() < 0)
                return false;
        static bool sem_ready;
        if (!sem_ready) {
                sem_init(&hashing, 0, MAX_CONCURRENT_HASHES);
                sem_ready = true;
        }
        return true;
}

bool password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
        sem_wait(&hashing);
        int rc = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                   crypto_pwhash_MEMLIMIT_INTERACTIVE);
        sem_post(&hashing);
        return rc == 0;
}

bool password_verify(const char *hash, const char *pw)
{
        sem_wait(&hashing);
        int rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
        sem_post(&hashing);
        return rc == 0;
}

void password_generate(char out[OTP_CHARS + 1])
{
        static const char *const classes[] = {"ABCDEFGHJKMNPQRSTUVWXYZ", "abcdefghjkmnpqrstuvwxyz",
                                              "23456789", "@#%+=?"};
        static const char all[] = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789@#%+=?";
        for (size_t i = 0; i < OTP_CHARS; i++) {
                const char *set = i < 4 ? classes[i] : all;
                out[i] = set[randombytes_uniform((uint32_t)strlen(set))];
        }
        /* shuffle so the classes are not always in front */
        for (size_t i = OTP_CHARS - 1; i > 0; i--) {
                size_t j = randombytes_uniform((uint32_t)(i + 1));
                char t = out[i];
                out[i] = out[j];
                out[j] = t;
        }
        out[OTP_CHARS] = '\0';
}

const char *password_policy(const char *pw, const char *phone, const char *previous)
{
        size_t bytes = strlen(pw);
        if (bytes > PASSWORD_MAX_BYTES)
                return "密码过长，最多 128 个字节";
        if (!utf8_valid(pw, bytes))
                return "密码含有无效字符";
        size_t chars = 0;
        for (size_t i = 0; i < bytes;) {
                uint32_t cp;
                i += utf8_decode(pw + i, bytes - i, &cp);
                chars++;
        }
        if (chars < PASSWORD_MIN_CHARS)
                return "密码至少需要 10 个字符";
        bool lower = false, upper = false, digit = false, other = false;
        for (const char *p = pw; *p; p++) {
                unsigned char c = (unsigned char)*p;
                lower |= c >= 'a' && c <= 'z';
                upper |= c >= 'A' && c <= 'Z';
                digit |= c >= '0' && c <= '9';
                other |=
                    !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9');
        }
        if (lower + upper + digit + other < 3)
                return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
        if (phone && *phone && strstr(pw, phone))
                return "密码不能包含手机号";
        if (password_guessable(pw))
                return "该密码过于常见或有规律（如系统默认密码 Aa111111@ 及其变体、常用单词、"
                       "键盘顺序、重复或连续的数字），容易被猜中，请换一个";
        if (previous && strcmp(pw, previous) == 0)
                return "新密码不能与原密码（或一次性密码）相同";
        return NULL;
}

void token_new(char out[TOKEN_CHARS + 1], unsigned char hash[TOKEN_HASH_LEN])
{
        unsigned char raw[32];
        randombytes_buf(raw, sizeof raw);
        sodium_bin2base64(out, TOKEN_CHARS + 1, raw, sizeof raw,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        token_hash(out, hash);
        sodium_memzero(raw, sizeof raw);
}

void token_hash(const char *token, unsigned char hash[TOKEN_HASH_LEN])
{
        crypto_generichash(hash, TOKEN_HASH_LEN, (const unsigned char *)token, strlen(token), NULL,
                           0);
}

bool secret_equal(const char *a, const char *b)
{
        size_t n = strlen(a);
        return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}
