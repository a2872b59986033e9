/* Routing: matching a request to the application's route table and the
 * guards every route passes before its handler runs (session, one-time
 * password, role, CSRF). */
#ifndef JX_ROUTE_H
#define JX_ROUTE_H

#include "http.h"

/* Fill in what every request needs before dispatch or an early error:
 * client address, query parameters, the matched route's flags (so an
 * error is JSON for API paths). */
void route_prepare(struct req *r);

/* Parse the body, load the session, run the guards and the handler of
 * the route matching r->method and r->path (404 or 405 otherwise). A
 * request whose write failed for want of disk space is answered 507 with
 * HTTP_DISK_FULL, whatever the handler answered. */
void route_dispatch(struct req *r, const struct route *routes, size_t n);

/* True if path matches pattern; captures {…} segments into r (may be
 * NULL). An argument matches only a value of its type: {id}, {fid} and {n}
 * positive integers, {code} six digits, {year} four digits, {format}
 * lower-case letters, {name} a file name. */
bool route_match(const char *pattern, const char *path, struct req *r);

/* The route of method (HEAD: as GET) and path, or NULL. */
const struct route *route_find(const struct route *routes, size_t n, const char *method,
                               const char *path);

#endif
