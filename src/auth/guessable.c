/* Guessable passwords (see guessable.h). */
#include "guessable.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_PASSWORD = 128 };

/* Words people build passwords on, as letters only. */
static const char *const words[] = {
    "a",        "aa",      "aaa",     "ab",       "abc",      "abcd",   "admin",
    "administrator",       "root",    "user",     "test",     "pass",   "password",
    "passwd",   "pwd",     "welcome", "iloveyou", "love",     "woaini", "hello",
    "china",    "beijing", "huawei",  "jixiao",   "caizheng", "czj",    "czt",
    "sa",       "system",  "guest",   "super",    "manager",  "qq",     "wang",
    "zhang",    "li",      "liu",     "chen",     "yang",     "zhao",   "huang",
    "zhou",     "wu",      "xu",      "sun",      "ma",       "zhu",    "hu",
    "lin",      "he",      "guo",     "gao",      "luo",      "jixiaoadmin",
};

/* Sequences whose runs of three or more are walks, not words. */
static const char *const walks[] = {
    "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm",
    "qazwsxedcrfvtgbyhnujmikolp", "zaqxswcdevfrbgtnhymjukilop",
};

/* Look-alikes read as letters inside a word. */
static char letter_of(char c)
{
        switch (c) {
        case '@':
        case '4':
                return 'a';
        case '0':
                return 'o';
        case '1':
        case '!':
                return 'i';
        case '3':
                return 'e';
        case '$':
        case '5':
                return 's';
        case '7':
                return 't';
        default:
                return 0;
        }
}

static bool is_letter(char c)
{
        return c >= 'a' && c <= 'z';
}

static bool common_letters(const char *s)
{
        if (!*s)
                return true;
        for (size_t i = 0; i < sizeof words / sizeof *words; i++)
                if (strcmp(s, words[i]) == 0)
                        return true;
        size_t n = strlen(s);
        if (n < 3)
                return false;
        for (size_t i = 0; i < sizeof walks / sizeof *walks; i++)
                if (strstr(walks[i], s)) /* 1qaz2wsx3edc: qazwsxedc, down the columns */
                        return true;
        return false;
}

/* One digit repeated, or a run up or down by one. */
static bool trivial_digits(const char *d, size_t n)
{
        bool same = true, up = true, down = true;
        for (size_t i = 1; i < n; i++) {
                same &= d[i] == d[i - 1];
                up &= d[i] == d[i - 1] + 1 || (d[i - 1] == '9' && d[i] == '0');
                down &= d[i] == d[i - 1] - 1;
        }
        return same || up || down;
}

static size_t distinct(const char *pw)
{
        bool seen[256] = {false};
        size_t n = 0;
        for (const unsigned char *p = (const unsigned char *)pw; *p; p++)
                if (!seen[*p]) {
                        seen[*p] = true;
                        n++;
                }
        return n;
}

/* Read pw (lowercase) with or without its look-alikes between letters
 * as letters (p@ssw0rd): common letters and trivial digits? */
static bool common_reading(const char *pw, size_t n, bool look_alikes)
{
        char low[MAX_PASSWORD + 1];
        for (size_t i = 0; i <= n; i++)
                low[i] = (char)tolower((unsigned char)pw[i]);
        for (size_t i = 1; look_alikes && i + 1 < n; i++) {
                char l = letter_of(low[i]);
                if (l && is_letter(low[i - 1]) && is_letter(low[i + 1]))
                        low[i] = l;
        }
        char letters[MAX_PASSWORD + 1];
        size_t k = 0;
        for (size_t i = 0; i < n;) {
                if (is_letter(low[i])) {
                        letters[k++] = low[i++];
                } else if (low[i] >= '0' && low[i] <= '9') {
                        size_t run = strspn(low + i, "0123456789");
                        if (!trivial_digits(low + i, run))
                                return false;
                        i += run;
                } else if ((unsigned char)low[i] >= 0x80) {
                        return false; /* Chinese and other letters: not in these lists */
                } else {
                        i++; /* symbols say nothing */
                }
        }
        letters[k] = '\0';
        return common_letters(letters);
}

bool password_guessable(const char *pw)
{
        size_t n = strlen(pw);
        if (n > MAX_PASSWORD)
                return false;
        return distinct(pw) < 5 || common_reading(pw, n, false) || common_reading(pw, n, true);
}
