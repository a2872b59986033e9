/* Signing in and out and changing one's password: the checks, the
 * throttling of failed attempts (per account and per client address) and
 * the sessions in the store. The web adapters carry the session token in
 * a cookie; nothing here knows of cookies. */
#ifndef JX_APP_SIGNIN_H
#define JX_APP_SIGNIN_H

#include "app.h"

#include "../auth/auth.h"

/* A session just started: the token to hand to the client (only its hash
 * is stored), the session's CSRF token and its user. */
struct new_session {
        char token[TOKEN_CHARS + 1];
        unsigned char hash[TOKEN_HASH_LEN];
        const char *csrf;
        struct user user;
};

/* Check phone and password with throttling per account and per address
 * (APP_THROTTLED), refusing a wrong pair with one message for both
 * (APP_UNAUTHORIZED); on success start a session (*s) and record it. */
bool app_login(struct app *a, const char *phone, const char *password, struct new_session *s,
               struct outcome *out);
/* End the session whose token hash is hash (NULL: none). */
void app_logout(struct app *a, const unsigned char *hash);
/* Replace the actor's password (old may be the one-time one; confirm,
 * when given, must equal fresh), end their other sessions and start a
 * fresh one (*s). */
bool app_password(struct app *a, const char *old, const char *fresh, const char *confirm,
                  struct new_session *s, struct outcome *out);

#endif
