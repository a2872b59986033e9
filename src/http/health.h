/* GET /healthz: the server's health for monitoring, public and in JSON
 * (docs/api.md): the database reachable and writable, and the disk space
 * left where it lives. */
#ifndef JX_HEALTH_H
#define JX_HEALTH_H

#include "http.h"

enum {
        HEALTH_FULL_BYTES = 1 << 20,  /* less free space than this: the disk is full */
        HEALTH_LOW_BYTES = 256 << 20, /* … this (and under a tenth of the disk): low */
};

/* Answer r (any method but GET and HEAD: 405) with the health of the
 * database at db_path, opened by r->db: 200 when it can be read and
 * written and the disk has room, else 503. The database is probed with a
 * small committed write at most once a second, by whichever request
 * comes; the others get that result. */
void health_reply(struct req *r, const char *db_path);

#endif
