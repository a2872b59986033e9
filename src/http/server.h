/* The web server: configuration and the loop that serves until SIGTERM. */
#ifndef JX_SERVER_H
#define JX_SERVER_H

#include "../base/diag.h"
#include "http.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct server_config {
        const char *db_path;
        const char *listen;     /* "127.0.0.1:8080"; port 0 picks a free one */
        unsigned threads;       /* worker threads, each with its own DB connection */
        const char *access_log; /* file to append to; NULL: standard error */
        bool secure_cookies;    /* mark cookies Secure (behind HTTPS) */
        size_t max_body;        /* bytes of a form or JSON body */
        size_t max_upload;      /* bytes of a file upload */
        unsigned max_connections;
        unsigned per_ip_connections;
        unsigned timeout;           /* seconds of inactivity before a connection closes */
        unsigned head_timeout;      /* seconds a request's head may take, the wait for it
                                       on a connection kept alive included */
        int64_t session_idle;       /* seconds a session survives without use */
        int64_t session_max;        /* seconds a session lives at most */
        const struct route *routes; /* the application's routes */
        size_t n_routes;
};

/* Defaults for everything but db_path, listen and routes. */
void server_defaults(struct server_config *cfg);

/* Serve until SIGTERM or SIGINT, then stop accepting, finish the requests
 * under way and close the database. Prints the URL ("… http://host:port/ …") to
 * standard output once ready. Returns 0, or 1 with a diagnostic when the
 * server cannot start. */
int server_run(const struct server_config *cfg, struct diags *errs);

/* Configuration of the server handling r. */
const struct server_config *server_config(const struct server *s);

#endif
